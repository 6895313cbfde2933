import type { Answer, Audience, Block, Finding, KnowledgeBase, KnowledgeDocument, Notice, Passage, ScoredPassage, Source, TriageAlert, ValidationSummary } from '../domain/types.js';
import { composeExtractive } from '../generation/extractive-composer.js';
import { markdownToBlocks } from '../generation/markdown-to-blocks.js';
import { phraseWithValidation } from '../generation/phrase-with-validation.js';
import type { Phraser } from '../generation/phraser.js';
import { renumberCitations } from '../generation/renumber-citations.js';
import type { SearchIndex } from '../retrieval/search-index.js';
import type { CaseFacts } from '../rules/case-schema.js';
import { describeFacts, extractCaseFacts, mergeCaseFacts } from '../rules/extract-facts.js';
import type { Analyzer } from '../text/analyzer.js';
import { splitSentences } from '../text/sentences.js';
import { validateDraft } from '../validation/validate-draft.js';
import { createCitationRegistry, type CitationRegistry } from './citation-registry.js';
import { disclaimerNotice, outOfScopeNotice, pendingReviewNotice } from './notices.js';
import { renderMarkdown } from './render-markdown.js';
import { suggestFollowUps } from './suggest-follow-ups.js';
import { standaloneQuestionFor, type RewriteFunction } from '../conversation/standalone-question.js';
import type { PriorQuestion } from '../domain/types.js';

export type AnswerRequest = {
  message: string;
  audience?: Audience;
  conversationId?: string;
  /** Structured case facts (already validated); they win over facts read from the message. */
  case?: Partial<CaseFacts>;
  /** Earlier questions of the conversation, oldest first: a follow-up is rewritten from them. */
  history?: readonly PriorQuestion[];
};

export type AnswerDependencies = {
  knowledge: KnowledgeBase;
  index: SearchIndex;
  analyzer: Analyzer;
  newConversationId(): string;
  /** Red-flag detection, run first on every message. */
  triage?(text: string, audience: Audience): TriageAlert[];
  /** Deterministic rules and calculators over the case facts. */
  rules?: { evaluate(facts: Partial<CaseFacts>): Finding[] };
  /** The model phrasing step; without it every answer is extractive. */
  phraser?: Phraser;
  maxRepairs?: number;
  /** Rewrites a follow-up into a standalone question (the model); on failure the deterministic rewrite is used. */
  rewrite?: RewriteFunction;
};

const RETRIEVAL_LIMIT = 30;
const TITLE_MAX_CHARS = 120;
// The model is offered the passages that scored within this share of the best, at most this many.
const MODEL_SOURCES = { minRelativeScore: 0.35, max: 10 } as const;

function titleFrom(question: string): string {
  const clean = question.replace(/\s+/g, ' ').trim();
  const title = clean.length > TITLE_MAX_CHARS ? `${clean.slice(0, TITLE_MAX_CHARS - 1).trimEnd()}…` : clean;
  return title.charAt(0).toUpperCase() + title.slice(1);
}

export type KnowledgeLookup = {
  document(id: string): KnowledgeDocument | undefined;
  passage(id: string): Passage | undefined;
};

export function createKnowledgeLookup(knowledge: KnowledgeBase): KnowledgeLookup {
  const documents = new Map(knowledge.documents.map((document) => [document.id, document]));
  const passages = new Map(knowledge.passages.map((passage) => [passage.id, passage]));
  return { document: (id) => documents.get(id), passage: (id) => passages.get(id) };
}

/** The numbered sources offered to the model: the best passages, then the rule findings. */
function offeredSources(results: readonly ScoredPassage[], findings: readonly Finding[], lookup: KnowledgeLookup): Source[] {
  const best = results[0]?.score ?? 0;
  const passages = results.filter((result) => result.score >= best * MODEL_SOURCES.minRelativeScore).slice(0, MODEL_SOURCES.max).map((result) => result.passage);
  for (const finding of findings) {
    for (const id of finding.passageIds) {
      const passage = lookup.passage(id);
      if (passage && !passages.some((candidate) => candidate.id === id)) passages.push(passage);
    }
  }
  const sources: Source[] = passages.map((passage, index) => ({
    n: index + 1,
    kind: 'passage',
    id: passage.id,
    title: lookup.document(passage.docId)?.title ?? passage.docId,
    text: passage.text,
  }));
  findings.forEach((finding) => sources.push({ n: sources.length + 1, kind: 'finding', id: finding.id, title: finding.title, text: finding.summary }));
  return sources;
}

/**
 * Whether the facts describe a person rather than a topic: "breast cancer with bone metastasis" names
 * the subject of a general question, and a general question deserves the general answer, not case rules.
 */
function describesCase(facts: Partial<CaseFacts>): boolean {
  return Object.keys(facts).some((key) => key !== 'metastaticSites');
}

function countClaims(blocks: readonly Block[]): number {
  return blocks.filter((block) => block.kind !== 'heading').reduce((total, block) => total + splitSentences(block.text).length, 0);
}

type Body = { title: string; blocks: Block[]; markdown: string; usedPassageIds: Set<string>; mode: Answer['mode']; validation: ValidationSummary };

/** The pipeline for one message: triage, retrieve, rules, evidence gate, phrase or compose, validate, notices. */
export function createAnswerer(deps: AnswerDependencies) {
  const lookup = createKnowledgeLookup(deps.knowledge);

  function extractiveBody(results: readonly ScoredPassage[], findings: readonly Finding[], registry: CitationRegistry, title: string): Body {
    const draft = composeExtractive({ results, findings, registry, passageById: lookup.passage });
    return {
      title,
      blocks: draft.blocks,
      markdown: renderMarkdown(title, draft.blocks),
      usedPassageIds: draft.usedPassageIds,
      mode: 'extractive',
      validation: { status: 'passed', attempts: 0, claims: countClaims(draft.blocks), failures: [] },
    };
  }

  async function modelBody(
    phraser: Phraser,
    input: { question: string; audience: Audience; results: readonly ScoredPassage[]; findings: readonly Finding[] },
    registry: CitationRegistry,
    title: string,
    signal?: AbortSignal,
  ): Promise<Body> {
    const sources = offeredSources(input.results, input.findings, lookup);
    const outcome = await phraseWithValidation({
      phraser,
      input: { question: input.question, audience: input.audience, sources, findings: input.findings },
      validate: (markdown) => validateDraft(markdown, { sources, findings: input.findings, analyzer: deps.analyzer, audience: input.audience }),
      ...(deps.maxRepairs === undefined ? {} : { maxRepairs: deps.maxRepairs }),
      ...(signal ? { signal } : {}),
    });
    if (outcome.status === 'fallback' || outcome.markdown === undefined) {
      // Never uncited model text: the extractive answer is delivered, and the response says so.
      const fallback = extractiveBody(input.results, input.findings, registry, title);
      return { ...fallback, validation: { status: 'fallback', attempts: outcome.attempts, claims: fallback.validation.claims, failures: outcome.failures } };
    }
    const renumbered = renumberCitations(outcome.markdown, sources);
    const findingsById = new Map(input.findings.map((finding) => [finding.id, finding]));
    const usedPassageIds = new Set<string>();
    // Registering in the renumbered order makes reference n the source the text calls [n].
    for (const source of renumbered.cited) {
      const finding = source.kind === 'finding' ? findingsById.get(source.id) : undefined;
      const passage = source.kind === 'passage' ? lookup.passage(source.id) : undefined;
      if (finding) registry.citeFinding(finding);
      if (passage) {
        registry.citePassage(passage);
        usedPassageIds.add(passage.id);
      }
    }
    const page = markdownToBlocks(renumbered.markdown);
    return {
      title: page.title || title,
      blocks: page.blocks,
      markdown: renumbered.markdown,
      usedPassageIds,
      mode: 'model',
      validation: { status: outcome.status, attempts: outcome.attempts, claims: outcome.claims, failures: [] },
    };
  }

  return async function answerQuestion(request: AnswerRequest, signal?: AbortSignal): Promise<Answer> {
    const audience = request.audience ?? 'professional';
    const question = request.message.trim();
    const standaloneQuestion = await standaloneQuestionFor(request.history ?? [], question, deps.rewrite, signal);
    const conversationId = request.conversationId ?? deps.newConversationId();
    const registry = createCitationRegistry(lookup);

    const alerts = deps.triage?.(question, audience) ?? [];
    const search = deps.index.search(standaloneQuestion, { audience, limit: RETRIEVAL_LIMIT });
    // Facts read from the text first, then the explicit case, so what the client stated wins.
    const facts = mergeCaseFacts(extractCaseFacts(standaloneQuestion), request.case ?? {});
    const findings = deps.rules && describesCase(facts) ? deps.rules.evaluate(facts) : [];
    const results = search.relevant ? search.results : [];
    const base = { conversationId, question, standaloneQuestion, audience, findings, understoodFacts: describeFacts(facts) };

    // Evidence gate: nothing relevant and no rule fired → say so, with no clinical text at all.
    const covered = search.relevant || findings.length > 0;
    const title = covered ? titleFrom(standaloneQuestion) : 'Not covered by the guidelines held';
    const body: Body = !covered
      ? { title, blocks: [], markdown: '', usedPassageIds: new Set(), mode: 'extractive', validation: { status: 'passed', attempts: 0, claims: 0, failures: [] } }
      : deps.phraser
        ? await modelBody(deps.phraser, { question: standaloneQuestion, audience, results, findings }, registry, title, signal)
        : extractiveBody(results, findings, registry, title);

    // Urgent notices lead the answer; their passages are cited after the body's, so body numbers stay 1..k.
    const urgentNotices: Notice[] = alerts.map((alert) => {
      const markers = alert.passageIds
        .map(lookup.passage)
        .filter((passage): passage is Passage => Boolean(passage))
        .map((passage) => `[${registry.citePassage(passage)}]`)
        .join('');
      return { kind: 'urgent', text: markers ? `${alert.text} ${markers}` : alert.text };
    });
    const references = registry.references();
    const pending = pendingReviewNotice(references, audience);
    const notices: Notice[] = covered
      ? [...urgentNotices, ...(pending ? [pending] : []), disclaimerNotice(audience)]
      : [...urgentNotices, ...(pending ? [pending] : []), outOfScopeNotice(audience), disclaimerNotice(audience)];
    return {
      ...base,
      title: body.title,
      blocks: body.blocks,
      markdown: body.markdown,
      references,
      notices,
      followUps: covered ? suggestFollowUps(search.results, body.usedPassageIds) : [],
      mode: body.mode,
      validation: body.validation,
    };
  };
}
