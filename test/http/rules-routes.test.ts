import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, Finding } from '../../src/domain/types.js';
import type { PhraseInput, Phraser } from '../../src/generation/phraser.js';
import { buildServices } from '../../src/services.js';
import { splitSentences } from '../../src/text/sentences.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';
import { startServer, type RunningServer } from '../helpers/http-server.js';

const pack = await servicesFor(PACK_KNOWLEDGE);
const CASE_QUESTION = '68-year-old woman, 70 kg, creatinine 1.6 mg/dL, new bone metastases from ER+ HER2- breast cancer — which bone agent and what dose?';
let server: RunningServer;
beforeAll(async () => {
  server = await startServer(pack);
});
afterAll(() => server.close());

const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function expectCaseFindings(findings: Finding[]): void {
  const ids = findings.map((finding) => finding.id);
  expect(ids).toEqual(expect.arrayContaining(['zoledronic-acid-dose', 'bma-dental-assessment', 'bma-calcium-vitamin-d', 'hr-positive-first-line']));
  const dose = findings.find((finding) => finding.id === 'zoledronic-acid-dose')!;
  // Cockcroft-Gault, female: (140 − 68) × 70 × 0.85 / (72 × 1.6) = 37.2 mL/min → 3 mg (label band 30–39 mL/min).
  expect(dose.summary).toContain('37.2 mL/min');
  expect(dose.summary).toContain('3 mg');
  expect(findings.find((finding) => finding.id === 'hr-positive-first-line')!.summary).toMatch(/CDK4\/6 inhibitor/);
  const passageIds = new Set(pack.knowledge.passages.map((passage) => passage.id));
  for (const finding of findings) {
    expect(finding.passageIds.length, finding.id).toBeGreaterThan(0);
    for (const id of finding.passageIds) expect(passageIds.has(id), `${finding.id} cites ${id}`).toBe(true);
  }
}

describe('case findings through POST /v1/chat', () => {
  it('reads the case from the question and answers with cited findings first (extractive)', async () => {
    const answer = (await (await post('/v1/chat', { message: CASE_QUESTION })).json()) as Answer;
    expectCaseFindings(answer.findings);
    expect(answer.understoodFacts).toEqual(expect.arrayContaining(['Age: 68 years', 'Weight: 70 kg', 'Serum creatinine: 1.6 mg/dL']));
    expect(answer.blocks[0]?.kind).toBe('summary');
    expect(answer.blocks[0]?.text).toContain('37.2 mL/min');
    const findingReferences = answer.references.filter((reference) => reference.type === 'rule-finding');
    expect(findingReferences.map((reference) => reference.passages[0]?.id)).toContain('rules#zoledronic-acid-dose');
  });

  it('lets the structured case win over the text and converts units', async () => {
    const answer = (await (await post('/v1/chat', {
      message: CASE_QUESTION,
      case: { creatinine: { value: 88.4, unit: 'µmol/L' } },
    })).json()) as Answer;
    expect(answer.understoodFacts).toContain('Serum creatinine: 1 mg/dL');
    // (140 − 68) × 70 × 0.85 / 72 = 59.5 mL/min → 3.5 mg (band 50–60 mL/min).
    expect(answer.findings.find((finding) => finding.id === 'zoledronic-acid-dose')?.summary).toContain('3.5 mg');
  });

  it('states the same findings through a scripted model, which may only cite what it was offered', async () => {
    const phraser: Phraser = {
      async draft(input: PhraseInput) {
        const findingSources = input.sources.filter((source) => source.kind === 'finding');
        return `# Bone agent for this case\n\n${findingSources.map((source) => `- ${splitSentences(source.text).map((sentence) => `${sentence} [${source.n}]`).join(' ')}`).join('\n')}\n`;
      },
      repair: async () => '',
      rewrite: async (input) => input.message,
    };
    const services = buildServices(pack.knowledge, { phraser, ...(pack.rules ? { rules: pack.rules } : {}) });
    const answer = await services.answer({ message: CASE_QUESTION });
    expect(answer.mode).toBe('model');
    expectCaseFindings(answer.findings);
    expect(answer.markdown).toContain('37.2 mL/min');
    expect(answer.references.every((reference) => reference.type === 'rule-finding')).toBe(true);
  });

  it.each([
    [{ age: 300 }, 'case.age'],
    [{ weightKg: -5 }, 'case.weightKg'],
    [{ creatinine: { value: 0, unit: 'mg/dL' } }, 'case.creatinine.value'],
    [{ creatinine: { value: 1.2, unit: 'mmol/L' } }, 'case.creatinine.unit'],
    ['not an object', 'case'],
  ])('rejects an impossible case %j with 400 naming %s', async (caseValue, path) => {
    const response = await post('/v1/chat', { message: 'zoledronic acid dose', case: caseValue });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { issues: Array<{ path: string }> } };
    expect(body.error.issues.map((issue) => issue.path)).toContain(path);
  });
});

describe('POST /v1/rules/evaluate', () => {
  it('returns findings alone, shaped as CDS Hooks cards', async () => {
    const response = await post('/v1/rules/evaluate', { message: CASE_QUESTION });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { cards: Array<{ summary: string; indicator: string; source: { label: string }; detail: string }>; findings: Finding[]; understoodFacts: string[] };
    expectCaseFindings(body.findings);
    expect(body.cards).toHaveLength(body.findings.length);
    for (const card of body.cards) {
      expect(card.summary.length).toBeLessThanOrEqual(140);
      expect(['info', 'warning', 'critical']).toContain(card.indicator);
      expect(card.source.label).toBe('Guideline Chat rules');
      expect(card.detail.length).toBeGreaterThan(0);
    }
  });

  it('evaluates a structured case with no message', async () => {
    const response = await post('/v1/rules/evaluate', { case: { calcium: { value: 12.8, unit: 'mg/dL' }, albumin: { value: 2.9, unit: 'g/dL' } } });
    const body = (await response.json()) as { findings: Finding[] };
    // 12.8 + 0.8 × (4.0 − 2.9) = 13.68 → moderate (12–14 mg/dL).
    const calcium = body.findings.find((finding) => finding.id === 'corrected-calcium');
    expect(calcium?.summary).toMatch(/13\.7 mg\/dL/);
    expect(calcium?.summary).toMatch(/moderate/i);
  });

  it('rejects an empty body and a bad case with 400 naming the field', async () => {
    const empty = await post('/v1/rules/evaluate', {});
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { issues: Array<{ path: string }> } }).error.issues[0]?.path).toBe('case');
    const bad = await post('/v1/rules/evaluate', { case: { age: -1 } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { issues: Array<{ path: string }> } }).error.issues[0]?.path).toBe('case.age');
  });
});
