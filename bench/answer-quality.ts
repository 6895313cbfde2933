// Measures whether answers answer the question asked, on the answer gold set (test/fixtures/answers/):
// expected-fact recall, refusals, patient reading level, repeated sentences, references per answer
// and follow-up chains. Usage: npm run eval:answers [-- --details]
// --details lists the tuning part's misses; the held-out part is only ever reported in aggregate.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Answer, Audience, PriorQuestion } from '../src/domain/types.js';
import { fleschKincaidGrade } from '../src/knowledge/readability.js';
import { loadServices } from '../src/services.js';
import { answerLeadOf } from '../src/conversation/chat-session.js';
import { splitSentences } from '../src/text/sentences.js';
import { answerQualityTargets, measureAnswers, type ChainOutcome, type QuestionOutcome } from './answer-quality-measures.js';

type Expectation = string | string[];
type GoldQuestion = { id: string; question: string; audience: Audience; kind: string; intent: string; expect: Expectation[] };
type GoldChain = { id: string; audience: Audience; turns: Array<{ message: string; expect?: Expectation[] }> };

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(root, 'test', 'fixtures', 'answers');
const details = process.argv.includes('--details');

function readLines<T>(file: string): T[] {
  return readFileSync(path.join(fixtures, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

const services = await loadServices({ knowledgeDir: path.join(root, 'knowledge'), rulesDir: path.join(root, 'rules') });

function citedPassages(answer: Answer): Set<string> {
  return new Set(answer.references.flatMap((reference) => reference.passages.map((passage) => passage.id)));
}

/**
 * The passages the bottom line quotes (its summary blocks): those of its cited references whose text holds it; a finding's
 * summary is quoted from no passage, so then every passage of the references it cites.
 */
function leadPassages(answer: Answer): Set<string> {
  const ids = new Set<string>();
  // The bottom line is the summary blocks that open the answer (one or two sentences, or the leading
  // findings), and the urgent guidance when the answer opens with it.
  const opening = answer.blocks[0]?.kind === 'heading' ? answer.blocks.slice(1, answer.blocks.findIndex((block, index) => index > 0 && block.kind === 'heading')) : [];
  for (const lead of [...opening, ...answer.blocks.filter((block) => block.kind === 'summary')]) {
    const text = lead.text.replace(/\s*(?:\[\d+\])+/g, '').trim();
    const cited = lead.citations.flatMap((n) => answer.references.find((reference) => reference.n === n)?.passages ?? []);
    const quoting = cited.filter((passage) => passage.quote.includes(text));
    for (const passage of quoting.length > 0 ? quoting : cited) ids.add(passage.id);
  }
  return ids;
}

function bodySentences(answer: Answer): string[] {
  return answer.blocks
    .filter((block) => block.kind !== 'heading')
    .flatMap((block) => splitSentences(block.text.replace(/\s*(?:\[\d+\])+/g, '')))
    .filter(Boolean);
}

async function runQuestion(gold: GoldQuestion): Promise<QuestionOutcome> {
  const answer = await services.answer({ message: gold.question, audience: gold.audience });
  const cited = citedPassages(answer);
  const sentences = bodySentences(answer);
  return {
    id: gold.id,
    kind: gold.kind,
    audience: gold.audience,
    inScope: !gold.kind.startsWith('out-of-scope'),
    refused: answer.notices.some((notice) => notice.kind === 'out-of-scope'),
    expected: gold.expect.map((item) => (Array.isArray(item) ? item : [item])),
    cited,
    leadCited: leadPassages(answer),
    sentences,
    sectionOf: (sentence) => answer.references.flatMap((reference) => reference.passages).find((passage) => passage.quote.includes(sentence))?.id.replace(/-\d+$/, ''),
    grade: sentences.length > 0 ? fleschKincaidGrade(sentences) : 0,
    references: answer.references.length,
    question: gold.question,
    title: answer.title,
  };
}

async function runChain(chain: GoldChain): Promise<ChainOutcome> {
  const history: PriorQuestion[] = [];
  const turns: ChainOutcome['turns'] = [];
  for (const turn of chain.turns) {
    const answer = await services.answer({ message: turn.message, audience: chain.audience, history });
    const lead = answerLeadOf(answer);
    // As a stored conversation gives it: the bottom line shown, which a later "it" may stand for.
    history.push({ question: turn.message, standaloneQuestion: answer.standaloneQuestion, audience: chain.audience, ...(lead ? { answerLead: lead } : {}) });
    if (!turn.expect) continue;
    turns.push({
      message: turn.message,
      standalone: answer.standaloneQuestion,
      refused: answer.notices.some((notice) => notice.kind === 'out-of-scope'),
      expected: turn.expect.map((item) => (Array.isArray(item) ? item : [item])),
      cited: citedPassages(answer),
    });
  }
  return { id: chain.id, audience: chain.audience, turns };
}

const parts = [
  { name: 'tuning', questions: readLines<GoldQuestion>('questions.jsonl'), chains: readLines<GoldChain>('chains.jsonl'), showMisses: details },
  { name: 'held out', questions: readLines<GoldQuestion>('holdout.jsonl'), chains: readLines<GoldChain>('chains-holdout.jsonl'), showMisses: false },
  // Fresh batches written before the review that tuned on them: a first reading, then tuning data.
  { name: 'review batches', questions: readLines<GoldQuestion>('review-batches.jsonl'), chains: [], showMisses: details },
];

const rows: Array<Record<string, string | number>> = [];
for (const part of parts) {
  const questions: QuestionOutcome[] = [];
  for (const gold of part.questions) questions.push(await runQuestion(gold));
  const chains: ChainOutcome[] = [];
  for (const chain of part.chains) chains.push(await runChain(chain));
  const measures = measureAnswers(questions, chains);
  rows.push({ part: part.name, ...measures.summary });
  if (part.showMisses) for (const line of measures.misses) console.log(line);
}

console.log(`\nAnswer quality on the gold set (test/fixtures/answers/); targets are for the held-out part.`);
console.table(rows);
console.log('Targets:', Object.entries(answerQualityTargets).map(([key, value]) => `${key} ${value}`).join('; '));
