import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';

// The answer gold set names the facts a good answer must contain by passage id, so it is checked
// against the bundled knowledge: a knowledge edit that moves or removes an expected passage fails here.
const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'answers');
const { base } = await loadKnowledge(path.join(ROOT, 'knowledge'));
const passageText = new Map(base.passages.map((passage) => [passage.id, passage.text]));

const OUT_OF_SCOPE = ['out-of-scope-near', 'out-of-scope-far'] as const;
const KINDS = ['broad', 'specific', 'patient', 'informal', ...OUT_OF_SCOPE] as const;
const INTENTS = [
  'dose', 'choice', 'who', 'management', 'adverse-effects', 'definition', 'duration', 'monitoring', 'prognosis', 'when-to-seek-help',
] as const;
const SEED_QUESTION = 'What is the treatment approach for breast cancer with bone metastasis?';
// Questions that prompted the set: they are tuned on, so they must never sit in the held-out part.
const PROMPTING_QUESTIONS = [
  'What is the zoledronic acid dose in renal impairment?',
  'denosumab dose?',
  'whats the dose of zoledronic acid for bone mets and how often do you give it',
  'Is there a role for SBRT or surgery in oligometastatic breast cancer with 2 bone lesions?',
  'Mirels score 9 lytic lesion in the femur',
];

const audience = z.enum(['professional', 'patient']);
const passageId = z.string().regex(/^[a-z0-9-]+#[a-z0-9-]+-\d+$/, 'must be a passage id written docId#section-slug-n');
// An array means "any one of these": the same fact stated in two places.
const expectation = z.union([passageId, z.array(passageId).min(2, 'alternatives need at least two passage ids')]);
const text = z.string().trim().min(1, 'must not be empty');

const questionSchema = z
  .strictObject({
    id: z.string().regex(/^a\d{3}$/, 'must be a followed by three digits'),
    question: text,
    audience,
    kind: z.enum(KINDS),
    intent: z.enum(INTENTS),
    expect: z.array(expectation).max(12, 'lists more facts than any answer should need'),
    notes: z.string(),
  })
  .superRefine((question, context) => {
    const outOfScope = (OUT_OF_SCOPE as readonly string[]).includes(question.kind);
    if (outOfScope && question.expect.length > 0) context.addIssue({ code: 'custom', path: ['expect'], message: 'must be empty for an out-of-scope question' });
    if (!outOfScope && question.expect.length === 0) context.addIssue({ code: 'custom', path: ['expect'], message: 'must name at least one passage for an in-scope question' });
    if ((question.kind === 'broad' || question.kind === 'specific') && question.audience !== 'professional') {
      context.addIssue({ code: 'custom', path: ['audience'], message: `must be professional for a ${question.kind} question` });
    }
    if (question.kind === 'patient' && question.audience !== 'patient') context.addIssue({ code: 'custom', path: ['audience'], message: 'must be patient for a patient question' });
  });

const openingTurn = z.strictObject({ message: text });
const followUpTurn = z.strictObject({
  message: text,
  standalone: text,
  expect: z.array(expectation).min(1, 'must name at least one passage').max(3, 'must name at most three passages'),
});
const chainSchema = z.strictObject({
  id: z.string().regex(/^c\d{3}$/, 'must be c followed by three digits'),
  audience,
  turns: z.tuple([openingTurn, followUpTurn], followUpTurn).refine((turns) => turns.length <= 3, 'must have 2 or 3 turns'),
});

type Question = z.infer<typeof questionSchema>;
type Chain = z.infer<typeof chainSchema>;
type Expectation = z.infer<typeof expectation>;
type Parsed<T> = { items: T[]; problems: string[] };

/** Parses JSON Lines, reporting every bad line with its file, line number, field and reason. */
function parseLines<T>(file: string, content: string, schema: z.ZodType<T>): Parsed<T> {
  const items: T[] = [];
  const problems: string[] = [];
  content.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const where = `${file}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`${where}: is not valid JSON`);
      return;
    }
    const result = schema.safeParse(value);
    if (result.success) items.push(result.data);
    else for (const issue of result.error.issues) problems.push(`${where}: ${issue.path.join('.') || '(line)'}: ${issue.message}`);
  });
  return { items, problems };
}

function readLines<T>(file: string, schema: z.ZodType<T>): Parsed<T> {
  return parseLines(file, readFileSync(path.join(FIXTURES, file), 'utf8'), schema);
}

/** Expected passages that the knowledge does not hold, or that are questions (a question is never a cited claim). */
function passageProblems(where: string, expectations: readonly Expectation[]): string[] {
  return expectations.flat().flatMap((id) => {
    const found = passageText.get(id);
    if (found === undefined) return [`${where}: passage ${id} is not in the knowledge`];
    return found.trim().endsWith('?') ? [`${where}: passage ${id} is a question, not a statement`] : [];
  });
}

function duplicates(values: readonly string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

const tuning = readLines('questions.jsonl', questionSchema);
const holdout = readLines('holdout.jsonl', questionSchema);
const chainTuning = readLines('chains.jsonl', chainSchema);
const chainHoldout = readLines('chains-holdout.jsonl', chainSchema);
const reviewBatches = readLines('review-batches.jsonl', questionSchema);
const questions: Question[] = [...tuning.items, ...holdout.items];
const chains: Chain[] = [...chainTuning.items, ...chainHoldout.items];
const count = (predicate: (question: Question) => boolean) => questions.filter(predicate).length;

describe('answer gold set format', () => {
  it.each([
    ['questions.jsonl', tuning],
    ['holdout.jsonl', holdout],
    ['chains.jsonl', chainTuning],
    ['chains-holdout.jsonl', chainHoldout],
    ['review-batches.jsonl', reviewBatches],
  ] as const)('every line of %s parses', (_file, parsed) => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.items.length).toBeGreaterThan(0);
  });

  it('reports a bad line with its file, line, field and reason', () => {
    const lines = [
      JSON.stringify({ id: 'a001', question: 'Denosumab dose?', audience: 'professional', kind: 'vague', intent: 'dose', expect: ['x#y-1'], notes: '' }),
      JSON.stringify({ id: 'a002', question: 'Adjuvant abemaciclib dose?', audience: 'professional', kind: 'out-of-scope-near', intent: 'dose', expect: ['x#y-1'], notes: '' }),
      JSON.stringify({ id: 'a003', question: 'Zoledronic acid dose?', audience: 'patient', kind: 'specific', intent: 'dose', expect: [], notes: '' }),
      '{ not json',
    ].join('\n');
    const { items, problems } = parseLines('sample.jsonl', lines, questionSchema);
    expect(items).toEqual([]);
    expect(problems).toEqual([
      expect.stringMatching(/^sample\.jsonl:1: kind: /),
      'sample.jsonl:2: expect: must be empty for an out-of-scope question',
      'sample.jsonl:3: expect: must name at least one passage for an in-scope question',
      'sample.jsonl:3: audience: must be professional for a specific question',
      'sample.jsonl:4: is not valid JSON',
    ]);
    const chain = JSON.stringify({ id: 'c001', audience: 'patient', turns: [{ message: 'How is denosumab given?' }, { message: 'how often?', standalone: 'How often is denosumab given?', expect: [] }] });
    expect(parseLines('chains.jsonl', chain, chainSchema).problems).toEqual(['chains.jsonl:1: turns.1.expect: must name at least one passage']);
  });

  it('reports an expected passage the knowledge does not hold, and one that is a question', () => {
    const question = base.passages.find((passage) => passage.text.trim().endsWith('?'));
    expect(question).toBeDefined();
    expect(passageProblems('a001', ['bone-modifying-agents#no-such-section-1', [question!.id, 'another#missing-2']])).toEqual([
      'a001: passage bone-modifying-agents#no-such-section-1 is not in the knowledge',
      `a001: passage ${question!.id} is a question, not a statement`,
      'a001: passage another#missing-2 is not in the knowledge',
    ]);
  });

  it('uses each question id and chain id once', () => {
    expect(duplicates([...questions, ...reviewBatches.items].map((question) => question.id))).toEqual([]);
    expect(duplicates(chains.map((chain) => chain.id))).toEqual([]);
  });

  it('expects only passages that exist in the bundled knowledge and state a fact', () => {
    const problems = [
      ...questions.flatMap((question) => passageProblems(question.id, question.expect)),
      ...chains.flatMap((chain) => chain.turns.slice(1).flatMap((turn, index) => passageProblems(`${chain.id} turn ${index + 2}`, 'expect' in turn ? turn.expect : []))),
    ];
    expect(problems).toEqual([]);
  });

  it('names no passage twice in one expectation list', () => {
    const repeated = [
      ...questions.filter((question) => duplicates(question.expect.flat()).length > 0).map((question) => question.id),
      ...chains.filter((chain) => chain.turns.some((turn) => 'expect' in turn && duplicates(turn.expect.flat()).length > 0)).map((chain) => chain.id),
    ];
    expect(repeated).toEqual([]);
  });
});

describe('answer gold set coverage', () => {
  it('holds the minimum number of questions of each kind', () => {
    expect(questions.length).toBeGreaterThanOrEqual(200);
    expect(count((question) => question.kind === 'broad')).toBeGreaterThanOrEqual(60);
    expect(count((question) => question.kind === 'patient')).toBeGreaterThanOrEqual(50);
    expect(count((question) => question.kind === 'informal')).toBeGreaterThanOrEqual(20);
    expect(count((question) => question.kind === 'specific')).toBeGreaterThan(0);
    expect(count((question) => question.kind.startsWith('out-of-scope'))).toBeGreaterThanOrEqual(50);
    expect(count((question) => question.kind === 'out-of-scope-near')).toBeGreaterThanOrEqual(35);
    expect(count((question) => question.kind === 'out-of-scope-far')).toBeGreaterThan(0);
  });

  it('holds at least 60 follow-up chains of two and three turns, for both audiences', () => {
    expect(chains.length).toBeGreaterThanOrEqual(60);
    expect(new Set(chains.map((chain) => chain.turns.length))).toEqual(new Set([2, 3]));
    expect(new Set(chains.map((chain) => chain.audience))).toEqual(new Set(['professional', 'patient']));
  });

  it('holds out 35–45% of the questions and of the chains, with every kind in both parts', () => {
    const questionShare = holdout.items.length / questions.length;
    const chainShare = chainHoldout.items.length / chains.length;
    expect(questionShare).toBeGreaterThanOrEqual(0.35);
    expect(questionShare).toBeLessThanOrEqual(0.45);
    expect(chainShare).toBeGreaterThanOrEqual(0.35);
    expect(chainShare).toBeLessThanOrEqual(0.45);
    for (const kind of KINDS) {
      expect(tuning.items.some((question) => question.kind === kind), `${kind} in tuning`).toBe(true);
      expect(holdout.items.some((question) => question.kind === kind), `${kind} held out`).toBe(true);
    }
  });

  it('never puts the same question in both parts', () => {
    const key = (question: Question) => `${question.audience}|${question.question.trim().toLowerCase()}`;
    const tuned = new Set(tuning.items.map(key));
    expect(holdout.items.filter((question) => tuned.has(key(question))).map((question) => question.id)).toEqual([]);
  });

  it('keeps the questions that prompted the set in the tuning part', () => {
    for (const audienceName of ['professional', 'patient'] as const) {
      expect(tuning.items.some((question) => question.question === SEED_QUESTION && question.audience === audienceName), `seed question, ${audienceName}`).toBe(true);
    }
    const tuned = new Set(tuning.items.map((question) => question.question));
    expect(PROMPTING_QUESTIONS.filter((question) => !tuned.has(question))).toEqual([]);
    expect(chainTuning.items.map((chain) => chain.turns.map((turn) => turn.message))).toContainEqual([
      'whats the dose of zoledronic acid for bone mets',
      'and how often?',
      'what about for patients with kidney problems?',
    ]);
  });
});
