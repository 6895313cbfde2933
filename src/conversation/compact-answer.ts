import { createHash } from 'node:crypto';
import { createCitationRegistry } from '../answer/citation-registry.js';
import { renderMarkdown } from '../answer/render-markdown.js';
import { createKnowledgeLookup } from '../answer/answer-question.js';
import type { Answer, Audience, Block, ChangedPassage, Failure, Finding, KnowledgeBase, Notice, Reference, ValidationCheck } from '../domain/types.js';
import { AppError } from '../errors.js';
import { disclaimerNotice, outOfScopeNotice } from '../answer/notices.js';
import type { AnswerCodec } from './conversation-store.js';

/**
 * A stored turn keeps what is needed to show the answer again, and no more:
 * - the text the user saw (blocks; the markdown only when it is not the blocks rendered again);
 * - for each reference, the passage ids it quoted and a short hash of each passage's text, not the
 *   quotes: quotes are read back from the knowledge, and a passage whose text has changed since (or
 *   that is gone) is reported as such rather than shown as if it had been quoted;
 * - notices whose wording is fixed by their kind as the kind alone;
 * - validation as check and reason only: no rejected model text.
 * Conversations written before this format (whole answers) are read as they are.
 */
type StoredBlock = [kind: Block['kind'], text: string, citations?: number[]];
type StoredPassage = [id: string, hash: string];
type StoredReference = { n: number; passages?: StoredPassage[]; finding?: string };
type StoredNotice = [kind: Notice['kind'], text?: string];
type StoredAnswer = {
  v: 2;
  title?: string;
  blocks: StoredBlock[];
  markdown?: string;
  references: StoredReference[];
  findings?: Finding[];
  facts?: string[];
  notices: StoredNotice[];
  followUps?: string[];
  mode: Answer['mode'];
  validation: [status: Answer['validation']['status'], attempts: number, claims: number, failures?: Array<[ValidationCheck, string]>];
};


const HASH_CHARS = 10;

/** A short fingerprint of a passage's text: enough to notice an edit, not a security measure. */
export function passageHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, HASH_CHARS);
}

// The title the service gives an answer by default: the standalone question, capitalised.
function defaultTitle(standaloneQuestion: string): string {
  const clean = standaloneQuestion.replace(/\s+/g, ' ').trim();
  return clean.charAt(0).toUpperCase() + clean.slice(1);
}

function markers(text: string): number[] {
  const numbers: number[] = [];
  for (const match of text.matchAll(/\[(\d+)\]/g)) {
    const n = Number(match[1]);
    if (!numbers.includes(n)) numbers.push(n);
  }
  return numbers;
}

const sameNumbers = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((value, index) => value === b[index]);

function fixedNotices(audience: Audience): Notice[] {
  return [disclaimerNotice(audience), outOfScopeNotice(audience)];
}

// ---- The reference shape: the only part that knows how a Reference is laid out. ----

const FINDING_PREFIX = 'rules#';

function compactReference(reference: Reference): StoredReference {
  if (reference.type === 'rule-finding') return { n: reference.n, finding: reference.passageId.slice(FINDING_PREFIX.length) };
  return { n: reference.n, passages: [[reference.passageId, passageHash(reference.quote)]] };
}

type Lookup = ReturnType<typeof createKnowledgeLookup>;

function expandReference(stored: StoredReference, findings: readonly Finding[], lookup: Lookup, changed: ChangedPassage[]): Reference {
  if (stored.finding !== undefined) {
    const finding = findings.find((candidate) => candidate.id === stored.finding);
    if (finding) return { ...findingReference(finding, lookup), n: stored.n };
  }
  const [id, hash] = stored.passages?.[0] ?? ['', ''];
  const passage = lookup.passage(id);
  const docId = passage?.docId ?? id.split('#')[0] ?? id;
  const document = lookup.document(docId);
  if (!passage) changed.push({ id, change: 'removed' });
  else if (passageHash(passage.text) !== hash) changed.push({ id, change: 'changed' });
  return {
    n: stored.n,
    docId,
    passageId: id,
    title: document?.title ?? `${docId} (no longer held)`,
    publisher: document?.publisher ?? '',
    year: document?.year ?? 0,
    type: document?.type ?? 'guideline',
    reviewStatus: document?.review.status ?? 'submitted',
    updated: document?.updated ?? '',
    ...(document?.url ? { url: document.url } : {}),
    quote: passage?.text ?? '',
  };
}

function findingReference(finding: Finding, lookup: Lookup): Reference {
  const registry = createCitationRegistry(lookup);
  registry.citeFinding(finding);
  return registry.references()[0]!;
}

// Failures as clients see them: the check and the reason, never the rejected text.
function storedFailure(check: ValidationCheck, reason: string): Failure {
  return { claim: '', check, reason };
}

// ---- Encoding and decoding. ----

export function compactAnswer(answer: Answer): StoredAnswer {
  const fixed = fixedNotices(answer.audience);
  const blocks = answer.blocks.map((block): StoredBlock => (sameNumbers(markers(block.text), block.citations) ? [block.kind, block.text] : [block.kind, block.text, block.citations]));
  const failures = answer.validation.failures.map((failure): [ValidationCheck, string] => [failure.check, failure.reason]);
  return {
    v: 2,
    ...(answer.title === defaultTitle(answer.standaloneQuestion) ? {} : { title: answer.title }),
    blocks,
    ...(answer.markdown === (answer.blocks.length ? renderMarkdown(answer.title, answer.blocks) : '') ? {} : { markdown: answer.markdown }),
    references: answer.references.map(compactReference),
    ...(answer.findings.length ? { findings: answer.findings } : {}),
    ...(answer.understoodFacts.length ? { facts: answer.understoodFacts } : {}),
    notices: answer.notices.map((notice): StoredNotice => (fixed.some((known) => known.kind === notice.kind && known.text === notice.text) ? [notice.kind] : [notice.kind, notice.text])),
    ...(answer.followUps.length ? { followUps: answer.followUps } : {}),
    mode: answer.mode,
    validation: [answer.validation.status, answer.validation.attempts, answer.validation.claims, ...(failures.length ? [failures] : [])] as StoredAnswer['validation'],
  };
}

type TurnContext = { conversationId: string; question: string; standaloneQuestion: string; audience: Audience };

export function expandAnswer(stored: StoredAnswer, turn: TurnContext, knowledge: KnowledgeBase): { answer: Answer; changedPassages: ChangedPassage[] } {
  const lookup = createKnowledgeLookup(knowledge);
  const changedPassages: ChangedPassage[] = [];
  const findings = stored.findings ?? [];
  const title = stored.title ?? defaultTitle(turn.standaloneQuestion);
  const blocks = stored.blocks.map(([kind, text, citations]): Block => ({ kind, text, citations: citations ?? markers(text) }));
  const fixed = fixedNotices(turn.audience);
  const [status, attempts, claims, failures = []] = stored.validation;
  const answer: Answer = {
    conversationId: turn.conversationId,
    question: turn.question,
    standaloneQuestion: turn.standaloneQuestion,
    audience: turn.audience,
    title,
    blocks,
    markdown: stored.markdown ?? (blocks.length ? renderMarkdown(title, blocks) : ''),
    references: stored.references.map((reference) => expandReference(reference, findings, lookup, changedPassages)),
    findings,
    understoodFacts: stored.facts ?? [],
    notices: stored.notices.map(([kind, text]) => ({ kind, text: text ?? fixed.find((known) => known.kind === kind)?.text ?? '' })),
    followUps: stored.followUps ?? [],
    mode: stored.mode,
    validation: { status, attempts, claims, failures: failures.map(([check, reason]) => storedFailure(check, reason)) },
  };
  return { answer, changedPassages };
}

/**
 * The codec the server stores conversations with. Reading needs the knowledge (quotes come from it),
 * so until it is loaded, reads answer 503 like every route that needs it.
 */
export function createCompactAnswerCodec(knowledge: () => KnowledgeBase | undefined): AnswerCodec {
  return {
    encode: (answer) => JSON.stringify(compactAnswer(answer)),
    decode(text, turn) {
      const stored = JSON.parse(text) as StoredAnswer | Answer;
      if (!('v' in stored)) return { answer: stored };
      const base = knowledge();
      if (!base) throw new AppError('not_ready', 'The service is starting; try again in a moment.');
      return expandAnswer(stored, turn, base);
    },
  };
}
