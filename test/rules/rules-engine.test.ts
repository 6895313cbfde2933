import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/domain/types.js';
import { inspectKnowledge } from '../../src/knowledge/load-knowledge.js';
import { inspectRules, loadRules, parseRulesFile } from '../../src/rules/load-rules.js';
import type { Rule } from '../../src/rules/rule-schema.js';
import { checkRules, createRulesEngine, evaluateCondition, numbersIn, RulesError } from '../../src/rules/rules-engine.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
let knowledge: KnowledgeBase;

beforeAll(async () => {
  const report = await inspectKnowledge(path.join(FIXTURES, 'knowledge'));
  expect(report.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  knowledge = report.base;
});

function rule(overrides: Partial<Rule>): Rule {
  return {
    id: 'test-rule',
    title: 'Test rule',
    indicator: 'info',
    when: { fact: 'boneMetastases', equals: true },
    summary: 'Patients with bone metastases should receive a bone-modifying agent.',
    passages: ['fixture-guidance#bone-agents-1'],
    file: 'rules/test.yaml',
    ...overrides,
  };
}

describe('loadRules with the fixture knowledge folder', () => {
  it('loads valid rules and evaluates them on case facts', async () => {
    const engine = await loadRules(path.join(FIXTURES, 'rules-valid'), knowledge);
    expect(engine.rules.map((entry) => entry.id)).toEqual(['start-agent', 'low-clearance']);
    const findings = engine.evaluate({ metastaticSites: ['bone'], age: 85, sex: 'female', weightKg: 45, creatinineMgPerDl: 2.5 });
    expect(findings.map((finding) => finding.id)).toEqual(['low-clearance', 'zoledronic-acid-dose', 'start-agent']);
    const low = findings[0]!;
    expect(low.summary).toBe('With a creatinine clearance of 11.7 mL/min, zoledronic acid is not recommended.');
    expect(low.result).toEqual({ creatinineClearance: 11.7 });
    expect(low.inputs).toEqual({ creatinineClearance: 11.7 });
    expect(low.passageIds).toEqual(['fixture-guidance#kidney-function-1']);
  });

  it('returns no findings for an empty case', async () => {
    const engine = await loadRules(path.join(FIXTURES, 'rules-valid'), knowledge);
    expect(engine.evaluate({})).toEqual([]);
  });

  it('fails a bad rules folder naming file, rule id and reason for every problem', async () => {
    const error = await loadRules(path.join(FIXTURES, 'rules-bad'), knowledge).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RulesError);
    const problems = (error as RulesError).problems;
    const file = path.join(FIXTURES, 'rules-bad', 'broken.yaml').split(path.sep).join('/');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file, field: 'rule "cites-missing-passage" passages[0]', reason: expect.stringContaining('fixture-guidance#no-such-section-1') }),
        expect.objectContaining({ file, field: 'rule "states-unsupported-number" summary', reason: expect.stringContaining('60') }),
        expect.objectContaining({ file, field: 'rule "bad-indicator" indicator' }),
      ]),
    );
    expect((error as Error).message).toContain('cites-missing-passage');
  });

  it('reports a missing folder and a folder without rules files', async () => {
    expect((await inspectRules(path.join(FIXTURES, 'no-such-folder'), knowledge)).problems[0]?.reason).toMatch(/cannot be read/);
    expect((await inspectRules(path.join(FIXTURES, 'knowledge'), knowledge)).problems[0]?.reason).toMatch(/no rules files/);
  });
});

describe('parseRulesFile', () => {
  it('reports YAML syntax errors with the file', () => {
    const { problems } = parseRulesFile('rules/x.yaml', 'rules: [\n  - id: a');
    expect(problems[0]).toMatchObject({ file: 'rules/x.yaml', reason: expect.stringMatching(/not valid YAML/) });
  });

  it('reports a file without a rules list', () => {
    expect(parseRulesFile('rules/x.yaml', 'something: else').problems.map((problem) => problem.field)).toEqual(expect.arrayContaining(['rules']));
  });

  it('names a rule without an id by its position', () => {
    const { problems } = parseRulesFile('rules/x.yaml', 'rules:\n  - title: No id\n');
    expect(problems.every((problem) => problem.field?.startsWith('rules[0]'))).toBe(true);
  });

  it('rejects unknown facts, empty citations, malformed passage ids and summaries of two sentences', () => {
    const content = [
      'rules:',
      '  - id: bad',
      '    title: Bad',
      '    indicator: info',
      '    when: { fact: shoeSize, equals: 9 }',
      '    summary: First sentence here. Second sentence here.',
      '    passages: [not-a-passage-id]',
    ].join('\n');
    const fields = parseRulesFile('rules/x.yaml', content).problems.map((problem) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(['rule "bad" when.fact', 'rule "bad" summary', 'rule "bad" passages.0']));
  });

  it('accepts JSON too', () => {
    const json = JSON.stringify({ rules: [{ id: 'a', title: 'A', indicator: 'info', when: { fact: 'metastatic', equals: true }, summary: 'Patients with bone metastases should receive a bone-modifying agent.', passages: ['fixture-guidance#bone-agents-1'] }] });
    expect(parseRulesFile('rules/a.json', json).rules).toHaveLength(1);
  });
});

describe('checkRules', () => {
  it('accepts numbers found in a cited passage and rejects others', () => {
    expect(checkRules([rule({ summary: 'Denosumab 120 mg is given every 4 weeks.', passages: ['fixture-guidance#bone-agents-2'] })], knowledge)).toEqual([]);
    expect(checkRules([rule({ summary: 'Denosumab 120 mg is given every 6 weeks.', passages: ['fixture-guidance#bone-agents-2'] })], knowledge)[0]).toMatchObject({
      field: 'rule "test-rule" summary',
      reason: 'states 6, which no cited passage contains',
    });
  });

  it('accepts a number stated in the rule result', () => {
    expect(checkRules([rule({ summary: 'The agent is given every 6 weeks.', result: { intervalWeeks: 6 } })], knowledge)).toEqual([]);
  });

  it('rejects duplicate ids, including a calculator id', () => {
    const problems = checkRules([rule({ id: 'same' }), rule({ id: 'same', file: 'rules/other.yaml' }), rule({ id: 'mirels-score' })], knowledge);
    expect(problems.map((problem) => [problem.file, problem.reason])).toEqual([
      ['rules/other.yaml', 'is already used by rules/test.yaml'],
      ['rules/test.yaml', 'is already used by src/rules/calculators/mirels-score.ts'],
    ]);
  });

  it('rejects a placeholder that names no fact', () => {
    expect(checkRules([rule({ summary: 'The value is {shoeSize} today.' })], knowledge)[0]?.reason).toBe('uses {shoeSize}, which is not a known fact');
  });

  it('reports calculator citations missing from the knowledge base by calculator file and id', () => {
    const empty: KnowledgeBase = { documents: [], passages: [], synonyms: [] };
    const problems = checkRules([], empty);
    expect(problems.map((problem) => problem.file)).toEqual(expect.arrayContaining(['src/rules/calculators/zoledronic-acid-dose.ts', 'src/rules/calculators/sins-score.ts']));
    expect(problems[0]?.field).toMatch(/^calculator "/);
  });

  it('makes createRulesEngine throw RulesError for a rule citing an unknown passage', () => {
    expect(() => createRulesEngine({ rules: [rule({ passages: ['fixture-guidance#missing-1'] })], knowledge })).toThrow(RulesError);
  });
});

describe('evaluateCondition', () => {
  const view = { age: 60, sex: 'female', symptoms: ['fever', 'back-pain'], boneMetastases: true } as const;

  it.each([
    [{ fact: 'age', equals: 60 }, true],
    [{ fact: 'age', equals: 61 }, false],
    [{ fact: 'age', atLeast: 60 }, true],
    [{ fact: 'age', above: 60 }, false],
    [{ fact: 'age', atMost: 60 }, true],
    [{ fact: 'age', below: 60 }, false],
    [{ fact: 'sex', in: ['female', 'male'] }, true],
    [{ fact: 'sex', below: 3 }, false],
    [{ fact: 'symptoms', includes: 'fever' }, true],
    [{ fact: 'symptoms', includes: 'thirst' }, false],
    [{ fact: 'weightKg', exists: false }, true],
    [{ fact: 'weightKg', exists: true }, false],
    [{ fact: 'weightKg', below: 100 }, false],
    [{ all: [{ fact: 'age', atLeast: 18 }, { fact: 'boneMetastases', equals: true }] }, true],
    [{ any: [{ fact: 'age', below: 18 }, { fact: 'boneMetastases', equals: true }] }, true],
    [{ not: { fact: 'boneMetastases', equals: true } }, false],
    [{ not: { fact: 'visceralCrisis', equals: true } }, true],
  ] as const)('%j → %s', (condition, expected) => {
    expect(evaluateCondition(condition as never, view)).toBe(expected);
  });
});

describe('numbersIn', () => {
  it('reads numbers as the validator does, leaving names like HER2 and CDK4/6 alone', () => {
    expect(numbersIn('Zoledronic acid 4 mg every 3–4 weeks, 1.0 mg/dL, 27.3%')).toEqual(['4', '3', '4', '1', '27.3']);
    expect(numbersIn('HER2 and BRCA1 status')).toEqual([]);
  });
});
