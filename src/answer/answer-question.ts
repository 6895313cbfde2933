import type { Answer, Audience, Block, Failure, Finding, KnowledgeBase, KnowledgeDocument, Notice, Passage, ScoredPassage, Source, TriageAlert, ValidationSummary } from '../domain/types.js';
import { composeExtractive } from '../generation/extractive-composer.js';
import { markdownToBlocks } from '../generation/markdown-to-blocks.js';
import { phraseWithValidation, type RejectedDraft } from '../generation/phrase-with-validation.js';
import { checkStreamedUnit } from '../generation/check-streamed-unit.js';
import { withServiceTitle } from '../generation/service-title.js';
import type { Phraser, StreamingPhraser } from '../generation/phraser.js';
import { renumberCitations } from '../generation/renumber-citations.js';
import type { SearchIndex, SearchResult } from '../retrieval/search-index.js';
import type { AnswerStream } from '../http/chat-stream.js';
import type { CaseFacts } from '../rules/case-schema.js';
import { describeFacts, extractCaseFacts, mergeCaseFacts } from '../rules/extract-facts.js';
import type { Analyzer } from '../text/analyzer.js';
import { splitSentences } from '../text/sentences.js';
import { publicFailures, validateDraft } from '../validation/validate-draft.js';
import { normalizeDraft } from '../validation/visible-text.js';
import { createCitationRegistry, type CitationRegistry } from './citation-registry.js';
import { disclaimerNotice, outOfScopeNotice, pendingReviewNotice } from './notices.js';
import { renderMarkdown } from './render-markdown.js';
import { suggestFollowUps } from './suggest-follow-ups.js';
import { standaloneQuestionFor, type RewriteFunction } from '../conversation/standalone-question.js';
import type { PriorQuestion } from '../domain/types.js';
import { mergeAlerts } from '../triage/merge-alerts.js';

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
  /** A model's second opinion on red flags: alerts it would add. It may add alerts, never remove one; a failure adds none. */
  classifyRedFlags?(text: string, audience: Audience, signal?: AbortSignal): Promise<TriageAlert[]>;
  /** Deterministic rules and calculators over the case facts. */
  rules?: { evaluate(facts: Partial<CaseFacts>): Finding[] };
  /** The model phrasing step; without it every answer is extractive. */
  phraser?: Phraser;
  /** Rewrites a follow-up into a standalone question (the model); on failure the deterministic rewrite is used. */
  rewrite?: RewriteFunction;
  /** Rejected model text is logged here at debug level, and nowhere else. */
  logger?: { debug(details: object, message: string): void };
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
      onRejected: logRejected,
      ...(signal ? { signal } : {}),
    });
    if (outcome.status === 'fallback' || outcome.markdown === undefined) {
      return fallbackBody(input, registry, title, { attempts: outcome.attempts, failures: outcome.failures });
    }
    return validatedModelBody(outcome.markdown, sources, input.findings, registry, title, { status: outcome.status, attempts: outcome.attempts, claims: outcome.claims, failures: [] });
  }

  /** Never uncited model text: the extractive answer is delivered, and the response says so. */
  function fallbackBody(
    input: { results: readonly ScoredPassage[]; findings: readonly Finding[] },
    registry: CitationRegistry,
    title: string,
    why: { attempts: number; failures: Failure[] },
  ): Body {
    const fallback = extractiveBody(input.results, input.findings, registry, title);
    return { ...fallback, validation: { status: 'fallback', attempts: why.attempts, claims: fallback.validation.claims, failures: why.failures } };
  }

  function validatedModelBody(markdown: string, sources: readonly Source[], findings: readonly Finding[], registry: CitationRegistry, title: string, validation: ValidationSummary): Body {
    const renumbered = renumberCitations(markdown, sources);
    // Registering in the renumbered order makes reference n the source the text calls [n].
    const usedPassageIds = citeInOrder(registry, renumbered.cited, findings);
    // The title is the service's, never the model's: a title the model wrote is not delivered.
    const delivered = withServiceTitle(renumbered.markdown, title);
    return { title, blocks: markdownToBlocks(delivered).blocks, markdown: delivered, usedPassageIds, mode: 'model', validation };
  }

  function logRejected(rejected: RejectedDraft): void {
    deps.logger?.debug({ attempt: rejected.attempt, failures: rejected.failures }, 'model draft rejected');
  }

  /** Cites the sources in the order given, so reference n is source n; returns the passage ids cited. */
  function citeInOrder(registry: CitationRegistry, sources: readonly Source[], findings: readonly Finding[]): Set<string> {
    const findingsById = new Map(findings.map((finding) => [finding.id, finding]));
    const passageIds = new Set<string>();
    for (const source of sources) {
      const finding = source.kind === 'finding' ? findingsById.get(source.id) : undefined;
      const passage = source.kind === 'passage' ? lookup.passage(source.id) : undefined;
      if (finding) registry.citeFinding(finding);
      if (passage) {
        registry.citePassage(passage);
        passageIds.add(passage.id);
      }
    }
    return passageIds;
  }

  type Prepared = {
    request: AnswerRequest;
    audience: Audience;
    question: string;
    standaloneQuestion: string;
    conversationId: string;
    alerts: TriageAlert[];
    search: SearchResult;
    results: readonly ScoredPassage[];
    findings: Finding[];
    understoodFacts: string[];
    covered: boolean;
    title: string;
    registry: CitationRegistry;
  };

  async function prepare(request: AnswerRequest, signal?: AbortSignal): Promise<Prepared> {
    const audience = request.audience ?? 'professional';
    const question = request.message.trim();
    // The second opinion starts first and runs while the question is rewritten and retrieved.
    const secondOpinion = deps.classifyRedFlags?.(question, audience, signal).catch((): TriageAlert[] => []);
    const standaloneQuestion = await standaloneQuestionFor(request.history ?? [], question, deps.rewrite, signal, deps.analyzer);
    const deterministicAlerts = deps.triage?.(question, audience) ?? [];
    const search = deps.index.search(standaloneQuestion, { audience, limit: RETRIEVAL_LIMIT });
    // Facts read from the text first, then the explicit case, so what the client stated wins.
    const facts = mergeCaseFacts(extractCaseFacts(standaloneQuestion), request.case ?? {});
    const findings = deps.rules && describesCase(facts) ? deps.rules.evaluate(facts) : [];
    // Evidence gate: nothing relevant and no rule fired → say so, with no clinical text at all.
    const covered = search.relevant || findings.length > 0;
    const alerts = mergeAlerts(deterministicAlerts, (await secondOpinion) ?? []);
    return {
      request,
      audience,
      question,
      standaloneQuestion,
      conversationId: request.conversationId ?? deps.newConversationId(),
      alerts,
      search,
      results: search.relevant ? search.results : [],
      findings,
      understoodFacts: describeFacts(facts),
      covered,
      title: covered ? titleFrom(standaloneQuestion) : 'Not covered by the guidelines held',
      registry: createCitationRegistry(lookup),
    };
  }

  function assemble(prepared: Prepared, body: Body): Answer {
    const { registry, audience, covered } = prepared;
    // Urgent notices lead the answer; their passages are cited after the body's, so body numbers stay 1..k.
    // An information-level alert answers a question about a red-flag topic: warning signs, not urgent.
    const alertNotices: Notice[] = prepared.alerts.map((alert) => {
      const numbers = alert.passageIds
        .map(lookup.passage)
        .filter((passage): passage is Passage => Boolean(passage))
        .map((passage) => registry.citePassage(passage));
      const markers = [...new Set(numbers)].map((n) => `[${n}]`).join('');
      return { kind: alert.level === 'information' ? 'warning-signs' : 'urgent', text: markers ? `${alert.text} ${markers}` : alert.text };
    });
    const references = registry.references();
    const pending = pendingReviewNotice(references, audience);
    const notices: Notice[] = [...alertNotices, ...(pending ? [pending] : []), ...(covered ? [] : [outOfScopeNotice(audience)]), disclaimerNotice(audience)];
    return {
      conversationId: prepared.conversationId,
      question: prepared.question,
      standaloneQuestion: prepared.standaloneQuestion,
      audience,
      title: body.title,
      blocks: body.blocks,
      markdown: body.markdown,
      references,
      findings: prepared.findings,
      understoodFacts: prepared.understoodFacts,
      notices,
      followUps: covered ? suggestFollowUps(prepared.search.results, body.usedPassageIds) : [],
      mode: body.mode,
      validation: body.validation,
    };
  }

  const emptyBody = (title: string): Body => ({ title, blocks: [], markdown: '', usedPassageIds: new Set(), mode: 'extractive', validation: { status: 'passed', attempts: 0, claims: 0, failures: [] } });

  async function answerQuestion(request: AnswerRequest, signal?: AbortSignal): Promise<Answer> {
    const prepared = await prepare(request, signal);
    const { covered, title, registry, results, findings, audience, standaloneQuestion } = prepared;
    const body = !covered
      ? emptyBody(title)
      : deps.phraser
        ? await modelBody(deps.phraser, { question: standaloneQuestion, audience, results, findings }, registry, title, signal)
        : extractiveBody(results, findings, registry, title);
    return assemble(prepared, body);
  }

  /**
   * The model's first draft as a stream, for server-sent events: each sentence is validated on its own
   * as it completes, the whole draft again at the end. Anything short of a valid draft ends in the
   * extractive answer. Without a streaming model (or with nothing to say) the full answer is returned.
   */
  async function answerStream(request: AnswerRequest, signal: AbortSignal): Promise<Answer | AnswerStream> {
    const phraser = deps.phraser;
    if (!phraser || !isStreaming(phraser)) return answerQuestion(request, signal);
    const prepared = await prepare(request, signal);
    if (!prepared.covered) return assemble(prepared, emptyBody(prepared.title));
    const { audience, findings, results, registry, title, standaloneQuestion } = prepared;
    const sources = offeredSources(results, findings, lookup);
    const offered = createCitationRegistry(lookup);
    citeInOrder(offered, sources, findings);
    const context = { sources, findings, analyzer: deps.analyzer };
    return {
      conversationId: prepared.conversationId,
      standaloneQuestion,
      audience,
      references: offered.references(),
      deltas: phraser.draftStream({ question: standaloneQuestion, audience, sources, findings }, signal),
      validate: (unit) => checkStreamedUnit(unit.markdown, { ...context, audience }, (failures) => logRejected({ attempt: 1, failures })),
      async finish(outcome) {
        if (outcome.status !== 'complete') {
          const failures: Failure[] = outcome.status === 'rejected' ? [{ check: outcome.check, reason: outcome.reason }] : [];
          return assemble(prepared, fallbackBody(prepared, registry, title, { attempts: 1, failures }));
        }
        const draft = normalizeDraft(outcome.text);
        const report = validateDraft(draft, { ...context, audience });
        if (!report.passed) {
          logRejected({ attempt: 1, failures: report.failures });
          return assemble(prepared, fallbackBody(prepared, registry, title, { attempts: 1, failures: publicFailures(report.failures) }));
        }
        return assemble(prepared, validatedModelBody(draft, sources, findings, registry, title, { status: 'passed', attempts: 1, claims: report.claims.length, failures: [] }));
      },
    };
  }

  return { answer: answerQuestion, answerStream };
}

function isStreaming(phraser: Phraser): phraser is StreamingPhraser {
  return typeof (phraser as Partial<StreamingPhraser>).draftStream === 'function';
}
