import { createHash } from 'node:crypto';
import { createCitationRegistry } from '../answer/citation-registry.js';
import { renderMarkdown } from '../answer/render-markdown.js';
import { createKnowledgeLookup } from '../answer/answer-question.js';
import type { Answer, Audience, Block, ChangedPassage, ConceptType, Failure, Finding, Intent, KnowledgeBase, Notice, Reference, Understanding, ValidationCheck } from '../domain/types.js';
import { AppError } from '../errors.js';
import { disclaimerNotice, outOfScopeNotice, pendingReviewNotice } from '../answer/notices.js';
import { boundedMemo } from '../text/bounded-memo.js';
import type { AnswerCodec } from './conversation-store.js';

/**
 * A stored turn keeps what is needed to show the answer again, and no more:
 * - the text the user saw (blocks; the markdown only when it is not the blocks rendered again), a
 *   sentence quoted from a passage as its place in the passage;
 * - for each reference (one per document), the passage ids it quoted and a short hash of each
 *   passage's text, not the quotes: quotes are read back from the knowledge, and a passage whose
 *   text has changed since (or that is gone) is reported as such rather than shown as if it had
 *   been quoted;
 * - notices whose wording is fixed by their kind as the kind alone;
 * - validation as check and reason only: no rejected model text.
 * Conversations written before this format (whole answers) are read as they are.
 */
// A block is its text, or, when it is a span of a passage it cites (extractive answers quote their
// sources word for word), which passage of the reference and where the span sits in it: quotes are
// not stored twice.
type StoredBlock = [kind: string, text: string, citations?: number[]] | [kind: string, n: number, passage: number, start: number, length: number];
// A quoted passage as `[section part of its id, hash]`.
type StoredPassage = [section: string, hash: string];
// A document reference as `[n, document id, its quoted passages]`; a finding as `[n, its id]`.
type StoredReferences = { documents?: Array<[n: number, docId: string, passages: StoredPassage[]]>; findings?: Array<[n: number, id: string]> };
// What the question was understood to ask: intent, and each focus concept with its type and whether it was covered.
type StoredUnderstanding = [intent: Intent, focus: Array<[concept: string, type: ConceptType, covered: 0 | 1]>];
// A suggested question that ends with a document's title keeps the document id instead of the title.
type StoredFollowUp = string | [lead: string, docId: string];
type StoredNotice = [kind: Notice['kind'], text?: string];
type StoredAnswer = {
  v: 3;
  title: string;
  blocks: StoredBlock[];
  markdown?: string;
  references: StoredReferences;
  findings?: Finding[];
  understood: StoredUnderstanding;
  facts?: string[];
  notices: StoredNotice[];
  followUps?: StoredFollowUp[];
  mode: Answer['mode'];
  validation: [status: Answer['validation']['status'], attempts: number, claims: number, failures?: Array<[ValidationCheck, string]>];
};

const HASH_CHARS = 6;

/**
 * A short fingerprint of a passage's text (36 bits): enough to notice an edit, not a security measure.
 * Every stored turn hashes the passages it quotes, mostly the same few hundred: hashes are kept.
 */
export const passageHash = boundedMemo((text: string) => createHash('sha256').update(text).digest('base64url').slice(0, HASH_CHARS), 20_000);

function markers(text: string): number[] {
  const numbers: number[] = [];
  for (const match of text.matchAll(/\[(\d+)\]/g)) {
    const n = Number(match[1]);
    if (!numbers.includes(n)) numbers.push(n);
  }
  return numbers;
}

const sameNumbers = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((value, index) => value === b[index]);

// Block kinds by one letter each: they repeat on every block.
const KIND_LETTER: Record<Block['kind'], string> = { summary: 's', heading: 'h', bullet: 'b', paragraph: 'p', pitfall: '!' };
const LETTER_KIND = new Map(Object.entries(KIND_LETTER).map(([kind, letter]) => [letter, kind as Block['kind']]));

/** Notices whose text follows from the audience and the references: stored as their kind alone. */
function derivedNotices(audience: Audience, references: readonly Reference[]): Notice[] {
  const pending = pendingReviewNotice(references, audience);
  return [disclaimerNotice(audience), outOfScopeNotice(audience), ...(pending ? [pending] : [])];
}

// ---- The reference shape: the only part that knows how a Reference is laid out. ----

const FINDING_PREFIX = 'rules#';

function compactReferences(references: readonly Reference[]): StoredReferences {
  const documents: Array<[number, string, StoredPassage[]]> = [];
  const findings: Array<[number, string]> = [];
  for (const reference of references) {
    if (reference.type === 'rule-finding') {
      findings.push([reference.n, (reference.passages[0]?.id ?? '').slice(FINDING_PREFIX.length)]);
      continue;
    }
    const section = (id: string) => (id.startsWith(`${reference.docId}#`) ? id.slice(reference.docId.length + 1) : id);
    documents.push([reference.n, reference.docId, reference.passages.map((passage): StoredPassage => [section(passage.id), passageHash(passage.quote)])]);
  }
  return { ...(documents.length ? { documents } : {}), ...(findings.length ? { findings } : {}) };
}

type Lookup = ReturnType<typeof createKnowledgeLookup>;

function expandReferences(stored: StoredReferences, findings: readonly Finding[], lookup: Lookup, changed: ChangedPassage[]): Reference[] {
  const references: Reference[] = [];
  for (const [n, docId, passages] of stored.documents ?? []) {
    const document = lookup.document(docId);
    const quoted = passages.map(([section, hash]) => {
      const id = `${docId}#${section}`;
      const passage = lookup.passage(id);
      if (!passage) changed.push({ id, change: 'removed' });
      else if (passageHash(passage.text) !== hash) changed.push({ id, change: 'changed' });
      return { id, quote: passage?.text ?? '' };
    });
    references.push({
      n,
      docId,
      title: document?.title ?? `${docId} (no longer held)`,
      publisher: document?.publisher ?? '',
      year: document?.year ?? 0,
      type: document?.type ?? 'guideline',
      reviewStatus: document?.review.status ?? 'submitted',
      updated: document?.updated ?? '',
      ...(document?.url ? { url: document.url } : {}),
      passages: quoted,
    });
  }
  for (const [n, id] of stored.findings ?? []) {
    const finding = findings.find((candidate) => candidate.id === id);
    if (finding) references.push({ ...findingReference(finding, lookup), n });
  }
  changed.sort((a, b) => numberOf(references, a.id) - numberOf(references, b.id));
  return references.sort((a, b) => a.n - b.n);
}

const numberOf = (references: readonly Reference[], passageId: string) => references.find((reference) => reference.passages.some((passage) => passage.id === passageId))?.n ?? 0;

function findingReference(finding: Finding, lookup: Lookup): Reference {
  const registry = createCitationRegistry(lookup);
  registry.citeFinding(finding);
  return registry.references()[0]!;
}

// Failures as clients see them: the check and the reason, never the rejected text.
function storedFailure(check: ValidationCheck, reason: string): Failure {
  return { check, reason };
}

// ---- Encoding and decoding. ----

// Each document's `: title` ending, worked out once per knowledge base rather than per follow-up.
const titleEndings = new WeakMap<KnowledgeBase, Array<[ending: string, docId: string]>>();

function compactFollowUp(followUp: string, knowledge: KnowledgeBase | undefined): StoredFollowUp {
  if (!knowledge) return followUp;
  let endings = titleEndings.get(knowledge);
  if (!endings) {
    endings = knowledge.documents.map((document) => [`: ${document.title}`, document.id]);
    titleEndings.set(knowledge, endings);
  }
  for (const [ending, docId] of endings) {
    if (followUp.endsWith(ending)) return [followUp.slice(0, -ending.length), docId];
  }
  return followUp;
}

function expandFollowUp(followUp: StoredFollowUp, lookup: Lookup): string {
  if (typeof followUp === 'string') return followUp;
  const [lead, docId] = followUp;
  return `${lead}: ${lookup.document(docId)?.title ?? docId}`;
}

/**
 * The block as a span of a passage it cites, when it is exactly that followed by its marker
 * (`<span> [n]`, the span not empty). Read with string searches: a regular expression with a
 * leading `.+` backtracks over the whole text of every block.
 */
function quotedSpan(block: Block, quotes: ReadonlyMap<number, readonly string[]>): [number, number, number, number] | undefined {
  if (block.citations.length !== 1) return undefined;
  const text = block.text;
  const open = text.lastIndexOf(' [');
  if (open < 1 || !text.endsWith(']') || !/^\d+$/.test(text.slice(open + 2, -1))) return undefined;
  const n = Number(text.slice(open + 2, -1));
  if (block.citations[0] !== n) return undefined;
  const span = text.slice(0, open);
  const passages = quotes.get(n) ?? [];
  for (const [index, quote] of passages.entries()) {
    const start = quote.indexOf(span);
    if (start >= 0) return [n, index, start, span.length];
  }
  return undefined;
}

function compactUnderstanding(understood: Understanding): StoredUnderstanding {
  return [understood.intent, understood.focus.map((entry) => [entry.concept, entry.type, entry.covered ? 1 : 0])];
}

function expandUnderstanding([intent, focus]: StoredUnderstanding): Understanding {
  return { intent, focus: focus.map(([concept, type, covered]) => ({ concept, type, covered: covered === 1 })) };
}

/** Shown instead of a quoted sentence whose passage no longer says it: never today's text as if it had been said. */
function changedQuote(n: number): string {
  return `This sentence quoted a passage that has changed or been removed since the answer was given; reference [${n}] shows what it says now. [${n}]`;
}

export function compactAnswer(answer: Answer, knowledge?: KnowledgeBase): StoredAnswer {
  const fixed = derivedNotices(answer.audience, answer.references);
  const quotes = new Map(answer.references.filter((reference) => reference.type !== 'rule-finding').map((reference) => [reference.n, reference.passages.map((passage) => passage.quote)]));
  const blocks = answer.blocks.map((block): StoredBlock => {
    const kind = KIND_LETTER[block.kind] ?? block.kind;
    const span = quotedSpan(block, quotes);
    if (span) return [kind, ...span];
    return sameNumbers(markers(block.text), block.citations) ? [kind, block.text] : [kind, block.text, block.citations];
  });
  const failures = answer.validation.failures.map((failure): [ValidationCheck, string] => [failure.check, failure.reason]);
  return {
    v: 3,
    title: answer.title,
    blocks,
    ...(answer.markdown === (answer.blocks.length ? renderMarkdown(answer.title, answer.blocks) : '') ? {} : { markdown: answer.markdown }),
    references: compactReferences(answer.references),
    ...(answer.findings.length ? { findings: answer.findings } : {}),
    understood: compactUnderstanding(answer.understood),
    ...(answer.understoodFacts.length ? { facts: answer.understoodFacts } : {}),
    notices: answer.notices.map((notice): StoredNotice => (fixed.some((known) => known.kind === notice.kind && known.text === notice.text) ? [notice.kind] : [notice.kind, notice.text])),
    ...(answer.followUps.length ? { followUps: answer.followUps.map((followUp) => compactFollowUp(followUp, knowledge)) } : {}),
    mode: answer.mode,
    validation: [answer.validation.status, answer.validation.attempts, answer.validation.claims, ...(failures.length ? [failures] : [])] as StoredAnswer['validation'],
  };
}

type TurnContext = { conversationId: string; question: string; standaloneQuestion: string; audience: Audience };

export function expandAnswer(stored: StoredAnswer, turn: TurnContext, knowledge: KnowledgeBase): { answer: Answer; changedPassages: ChangedPassage[] } {
  const lookup = createKnowledgeLookup(knowledge);
  const changedPassages: ChangedPassage[] = [];
  const findings = stored.findings ?? [];
  const title = stored.title;
  const references = expandReferences(stored.references, findings, lookup, changedPassages);
  const blocks = stored.blocks.map((block): Block => {
    const kind = LETTER_KIND.get(block[0]) ?? (block[0] as Block['kind']);
    if (typeof block[1] === 'number') {
      const [, n, passage, start, length] = block as [string, number, number, number, number];
      const quoted = references.find((reference) => reference.n === n)?.passages[passage];
      const changedHere = quoted === undefined || changedPassages.some((changed) => changed.id === quoted.id);
      return { kind, text: changedHere ? changedQuote(n) : `${quoted.quote.slice(start, start + length)} [${n}]`, citations: [n] };
    }
    const [, text, citations] = block as [string, string, number[] | undefined];
    return { kind, text, citations: citations ?? markers(text) };
  });
  const fixed = derivedNotices(turn.audience, references);
  const [status, attempts, claims, failures = []] = stored.validation;
  const answer: Answer = {
    conversationId: turn.conversationId,
    question: turn.question,
    standaloneQuestion: turn.standaloneQuestion,
    audience: turn.audience,
    title,
    blocks,
    markdown: stored.markdown ?? (blocks.length ? renderMarkdown(title, blocks) : ''),
    references,
    findings,
    understood: expandUnderstanding(stored.understood),
    understoodFacts: stored.facts ?? [],
    // A derived notice that no longer applies (the cited documents have been approved since) is dropped.
    notices: stored.notices.map(([kind, text]) => ({ kind, text: text ?? fixed.find((known) => known.kind === kind)?.text ?? '' })).filter((notice) => notice.text !== ''),
    followUps: (stored.followUps ?? []).map((followUp) => expandFollowUp(followUp, lookup)),
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
    encode: (answer) => JSON.stringify(compactAnswer(answer, knowledge())),
    decode(text, turn) {
      const stored = JSON.parse(text) as StoredAnswer | Answer;
      // Whole answers stored before this format are read as they are.
      if (!('v' in stored)) return { answer: stored };
      const base = knowledge();
      if (!base) throw new AppError('not_ready', 'The service is starting; try again in a moment.');
      return expandAnswer(stored, turn, base);
    },
  };
}
