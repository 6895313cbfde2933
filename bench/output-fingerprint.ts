import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Answer, Audience, PriorQuestion } from '../src/domain/types.js';
import { extractCaseFacts } from '../src/rules/extract-facts.js';
import type { BuiltServices } from '../src/services.js';
import { WORST_CASE_INPUTS } from './worst-case-inputs.js';

// The output of the answer pipeline over a large corpus of texts, reduced to one short hash per item,
// so that a change made for speed can be proven to change no output (see docs/decisions/0004).

/** One message to answer: a gold question, a chain turn (with the turns before it), or a text from the tests. */
export type CorpusItem = { id: string; message: string; audience: Audience; chain?: string; turn?: number };

export const FINGERPRINT_FILE = 'test/fixtures/performance/output-fingerprints.json';
const AUDIENCES: readonly Audience[] = ['professional', 'patient'];

function readLines(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * Every gold question, chain turn, triage text, guide question and test string, each for both
 * audiences; chains keep their order so each turn is answered after the turns before it.
 */
export function fingerprintCorpus(): CorpusItem[] {
  const items: CorpusItem[] = [];
  const add = (id: string, message: string) => AUDIENCES.forEach((audience) => items.push({ id: `${id}:${audience}`, message, audience }));
  const goldFiles = [
    'test/fixtures/questions.jsonl',
    'test/fixtures/questions-holdout.jsonl',
    'test/fixtures/questions-pack2.jsonl',
    'test/fixtures/questions-pack2-holdout.jsonl',
    'test/fixtures/answers/questions.jsonl',
    'test/fixtures/answers/holdout.jsonl',
    'test/fixtures/answers/review-batches.jsonl',
  ];
  for (const file of goldFiles) for (const line of readLines(file)) add(`${file}:${String(line.id)}`, String(line.question));
  for (const file of ['test/fixtures/triage/corpus.jsonl', 'test/fixtures/triage/holdout.jsonl']) {
    for (const line of readLines(file)) add(`${file}:${String(line.id)}`, String(line.text));
  }
  for (const file of ['test/fixtures/answers/chains.jsonl', 'test/fixtures/answers/chains-holdout.jsonl']) {
    for (const line of readLines(file)) {
      const turns = line.turns as Array<{ message: string }>;
      for (const audience of AUDIENCES) {
        const chain = `${file}:${String(line.id)}:${audience}`;
        turns.forEach((turn, index) => items.push({ id: `${chain}:${index + 1}`, message: turn.message, audience, chain, turn: index }));
      }
    }
  }
  const guide = parse(readFileSync('knowledge/questions.yaml', 'utf8')) as { sections: Record<string, string[]> };
  for (const [section, questions] of Object.entries(guide.sections)) questions.forEach((question, index) => add(`questions.yaml:${section}:${index}`, question));
  const strings = JSON.parse(readFileSync('test/fixtures/performance/test-strings.json', 'utf8')) as string[];
  strings.forEach((text, index) => add(`test-strings:${index}`, text));
  WORST_CASE_INPUTS.forEach(({ name, message }) => add(`worst-case:${name}`, message));
  return items;
}

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** The answer as a client sees it, less the conversation id (new on every call). */
export function answerFingerprint(answer: Answer): string {
  const { conversationId: _ignored, ...rest } = answer;
  return hash(rest);
}

export type Fingerprints = { items: number; combined: string; hashes: string[] };

/**
 * One fingerprint per item, in corpus order: the whole answer and, for a single message, what triage
 * and fact extraction make of the text on their own. A chain turn is answered with its earlier turns
 * as history, as a conversation would; `items` must hold a chain's turns in order.
 */
export async function fingerprintItems(services: BuiltServices, items: readonly CorpusItem[]): Promise<Fingerprints> {
  const hashes: string[] = [];
  const histories = new Map<string, PriorQuestion[]>();
  for (const item of items) {
    const history = item.chain ? (histories.get(item.chain) ?? []) : [];
    const answer = await services.answer({ message: item.message, audience: item.audience, history });
    if (item.chain) histories.set(item.chain, [...history, { question: answer.question, standaloneQuestion: answer.standaloneQuestion, audience: answer.audience }]);
    const alone = item.chain ? undefined : { triage: services.triage?.triage(item.message, item.audience) ?? [], facts: extractCaseFacts(item.message) };
    hashes.push(hash([answerFingerprint(answer), alone]));
  }
  return { items: items.length, combined: hash(hashes), hashes };
}

/** The ids of the items whose fingerprints differ from the recorded ones. */
export function differences(items: readonly CorpusItem[], recorded: Fingerprints, measured: Fingerprints): string[] {
  if (recorded.items !== measured.items) return [`the corpus has ${measured.items} items; ${recorded.items} were recorded`];
  return items.filter((_item, index) => recorded.hashes[index] !== measured.hashes[index]).map((item) => item.id);
}
