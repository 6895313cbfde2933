import type { Finding, KnowledgeBase } from '../domain/types.js';
import { formatProblem, type Problem } from '../knowledge/problem.js';
import type { CaseFacts } from './case-schema.js';
import { CALCULATORS, runCalculators } from './calculators/index.js';
import { deriveFactView, FACT_NAMES, type FactValue, type FactView } from './fact-view.js';
import { formatNumber } from './format-number.js';
import type { Condition, FactTest, Rule } from './rule-schema.js';

export class RulesError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`The rules have ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'RulesError';
  }
}

export type RulesEngine = {
  readonly rules: readonly Rule[];
  /** Runs the calculators and every rule on the facts; critical findings first, then warnings, then info. */
  evaluate(facts: Partial<CaseFacts>): Finding[];
};

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;
// A number as the validator sees it: digits not glued to a preceding letter or digit ("HER2" is a name, not a number).
const NUMBER = /(?<![A-Za-z0-9.])\d+(?:\.\d+)?/g;

export function placeholdersOf(summary: string): string[] {
  return [...summary.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

export function numbersIn(text: string): string[] {
  return [...text.replace(/[\u2012-\u2015\u2212]/g, '-').matchAll(NUMBER)].map((match) => String(Number(match[0])));
}

function ruleField(rule: Rule, detail?: string): string {
  return detail ? `rule "${rule.id}" ${detail}` : `rule "${rule.id}"`;
}

/**
 * Everything wrong with a set of rules against a knowledge base: unknown or duplicate ids, cited
 * passages that do not exist, placeholders naming unknown facts, and literal numbers in a summary
 * that none of its cited passages contain (the answer validator would reject those).
 */
export function checkRules(rules: readonly Rule[], knowledge: KnowledgeBase): Problem[] {
  const problems: Problem[] = [];
  const passages = new Map(knowledge.passages.map((passage) => [passage.id, passage]));
  const seen = new Map<string, string>();
  for (const calculator of CALCULATORS) seen.set(calculator.id, calculator.file);
  for (const rule of rules) {
    const first = seen.get(rule.id);
    if (first) problems.push({ file: rule.file, field: ruleField(rule, 'id'), reason: `is already used by ${first}`, severity: 'error' });
    seen.set(rule.id, rule.file);
    rule.passages.forEach((id, index) => {
      if (!passages.has(id)) {
        problems.push({ file: rule.file, field: ruleField(rule, `passages[${index}]`), reason: `cites "${id}", which is not a passage of the knowledge folder`, severity: 'error' });
      }
    });
    for (const name of placeholdersOf(rule.summary)) {
      if (!Object.hasOwn(FACT_NAMES, name)) {
        problems.push({ file: rule.file, field: ruleField(rule, 'summary'), reason: `uses {${name}}, which is not a known fact`, severity: 'error' });
      }
    }
    const cited = rule.passages.flatMap((id) => (passages.has(id) ? numbersIn(passages.get(id)!.text) : []));
    const literal = rule.summary.replace(PLACEHOLDER, ' ');
    const fromResult = Object.values(rule.result ?? {}).flatMap((value) => numbersIn(String(value)));
    const missing = numbersIn(literal).filter((number) => !cited.includes(number) && !fromResult.includes(number));
    if (missing.length > 0 && rule.passages.every((id) => passages.has(id))) {
      problems.push({
        file: rule.file,
        field: ruleField(rule, 'summary'),
        reason: `states ${[...new Set(missing)].join(', ')}, which no cited passage contains`,
        severity: 'error',
      });
    }
  }
  for (const calculator of CALCULATORS) {
    calculator.passageIds.forEach((id, index) => {
      if (!passages.has(id)) {
        problems.push({ file: calculator.file, field: `calculator "${calculator.id}" passages[${index}]`, reason: `cites "${id}", which is not a passage of the knowledge folder`, severity: 'error' });
      }
    });
  }
  return problems;
}

function isFactTest(condition: Condition): condition is FactTest {
  return 'fact' in condition;
}

// Each numeric bound a fact test may set, in the order they are tried (made once, not on every test).
const BOUNDS: ReadonlyArray<readonly ['atLeast' | 'atMost' | 'above' | 'below', (n: number, bound: number) => boolean]> = [
  ['atLeast', (n, bound) => n >= bound],
  ['atMost', (n, bound) => n <= bound],
  ['above', (n, bound) => n > bound],
  ['below', (n, bound) => n < bound],
];

function testFact(test: FactTest, value: FactValue | undefined): boolean {
  if (test.exists !== undefined && (value !== undefined) !== test.exists) return false;
  if (value === undefined) return test.exists === false;
  if (test.equals !== undefined && value !== test.equals) return false;
  if (test.in !== undefined && (Array.isArray(value) || !test.in.includes(value as string | number))) return false;
  if (test.includes !== undefined && !(Array.isArray(value) && value.includes(test.includes))) return false;
  const numeric = typeof value === 'number' ? value : undefined;
  for (const [key, holds] of BOUNDS) {
    const bound = test[key];
    if (bound !== undefined && (numeric === undefined || !holds(numeric, bound))) return false;
  }
  return true;
}

export function evaluateCondition(condition: Condition, view: FactView): boolean {
  if ('all' in condition) return condition.all.every((part) => evaluateCondition(part, view));
  if ('any' in condition) return condition.any.some((part) => evaluateCondition(part, view));
  if ('not' in condition) return !evaluateCondition(condition.not, view);
  return testFact(condition, view[condition.fact]);
}

function factsNamedIn(condition: Condition, into = new Set<string>()): Set<string> {
  if ('all' in condition) condition.all.forEach((part) => factsNamedIn(part, into));
  else if ('any' in condition) condition.any.forEach((part) => factsNamedIn(part, into));
  else if ('not' in condition) factsNamedIn(condition.not, into);
  else if (isFactTest(condition)) into.add(condition.fact);
  return into;
}

function display(value: FactValue): string {
  if (typeof value === 'number') return formatNumber(value);
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

function scalarOf(value: FactValue): string | number | boolean {
  return Array.isArray(value) ? value.join(', ') : (value as string | number | boolean);
}

const SEVERITY = { critical: 0, warning: 1, info: 2 } as const;

/**
 * Builds the engine; throws a `RulesError` naming file and rule id when a rule or calculator cites a
 * passage the knowledge base does not hold, so a server never starts with unsupported findings.
 */
export function createRulesEngine(options: { rules: readonly Rule[]; knowledge: KnowledgeBase }): RulesEngine {
  const problems = checkRules(options.rules, options.knowledge);
  if (problems.length > 0) throw new RulesError(problems);
  const rules = [...options.rules];
  // A rule's placeholders and the facts its condition names are fixed by the rule: read once here.
  const placeholdersByRule = new Map(rules.map((rule) => [rule, placeholdersOf(rule.summary)]));
  const factsByRule = new Map(rules.map((rule) => [rule, [...factsNamedIn(rule.when)]]));
  return {
    rules,
    evaluate(facts) {
      const calculated = runCalculators(facts);
      const view = deriveFactView(facts, calculated);
      const findings: Finding[] = [...calculated.findings];
      for (const rule of rules) {
        const placeholders = placeholdersByRule.get(rule)!;
        if (placeholders.some((name) => view[name] === undefined)) continue;
        if (!evaluateCondition(rule.when, view)) continue;
        const inputs: Finding['inputs'] = {};
        for (const name of factsByRule.get(rule)!) {
          const value = view[name];
          if (value !== undefined) inputs[name] = scalarOf(value);
        }
        const result: Finding['result'] = { ...(rule.result ?? {}) };
        for (const name of placeholders) result[name] = scalarOf(view[name]!);
        findings.push({
          id: rule.id,
          title: rule.title,
          summary: rule.summary.replace(PLACEHOLDER, (_, name: string) => display(view[name]!)),
          indicator: rule.indicator,
          inputs,
          result,
          passageIds: [...rule.passages],
        });
      }
      return findings
        .map((finding, order) => ({ finding, order }))
        .sort((a, b) => SEVERITY[a.finding.indicator] - SEVERITY[b.finding.indicator] || a.order - b.order)
        .map(({ finding }) => finding);
    },
  };
}
