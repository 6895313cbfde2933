import type { Answer, Audience, Block, Finding, KnowledgeBase, KnowledgeDocument, Notice, Passage, TriageAlert } from '../domain/types.js';
import { composeExtractive } from '../generation/extractive-composer.js';
import type { SearchIndex } from '../retrieval/search-index.js';
import { createCitationRegistry } from './citation-registry.js';
import { disclaimerNotice, outOfScopeNotice, pendingReviewNotice } from './notices.js';
import { splitSentences } from '../text/sentences.js';
import { renderMarkdown } from './render-markdown.js';
import { suggestFollowUps } from './suggest-follow-ups.js';

export type AnswerRequest = {
  message: string;
  audience?: Audience;
  conversationId?: string;
};

export type AnswerDependencies = {
  knowledge: KnowledgeBase;
  index: SearchIndex;
  newConversationId(): string;
  /** Red-flag detection, run first on every message. */
  triage?(text: string, audience: Audience): TriageAlert[];
  /** Deterministic findings for the case described. */
  findings?(request: AnswerRequest, question: string): Finding[];
};

const RETRIEVAL_LIMIT = 30;
const TITLE_MAX_CHARS = 120;

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

/** The pipeline for one message: triage, retrieve, rules, evidence gate, compose, notices. */
export function createAnswerer(deps: AnswerDependencies) {
  const lookup = createKnowledgeLookup(deps.knowledge);

  return async function answerQuestion(request: AnswerRequest): Promise<Answer> {
    const audience = request.audience ?? 'professional';
    const question = request.message.trim();
    const standaloneQuestion = question;
    const conversationId = request.conversationId ?? deps.newConversationId();
    const registry = createCitationRegistry(lookup);

    const alerts = deps.triage?.(question, audience) ?? [];
    const urgentNotices: Notice[] = alerts.map((alert) => {
      const markers = alert.passageIds
        .map(lookup.passage)
        .filter((passage): passage is Passage => Boolean(passage))
        .map((passage) => `[${registry.citePassage(passage)}]`)
        .join('');
      return { kind: 'urgent', text: markers ? `${alert.text} ${markers}` : alert.text };
    });

    const search = deps.index.search(standaloneQuestion, { audience, limit: RETRIEVAL_LIMIT });
    const findings = deps.findings?.(request, standaloneQuestion) ?? [];
    const base = { conversationId, question, standaloneQuestion, audience, findings, mode: 'extractive' as const };

    // Evidence gate: nothing relevant and no rule fired → say so, with no clinical text at all.
    if (!search.relevant && findings.length === 0) {
      const notices = [...urgentNotices, outOfScopeNotice(audience), disclaimerNotice(audience)];
      return {
        ...base,
        title: 'Not covered by the guidelines held',
        blocks: [],
        markdown: '',
        references: registry.references(),
        notices,
        followUps: [],
        validation: { status: 'passed', attempts: 0, claims: 0, failures: [] },
      };
    }

    const draft = composeExtractive({
      results: search.relevant ? search.results : [],
      findings,
      registry,
      passageById: lookup.passage,
    });
    const references = registry.references();
    const title = titleFrom(standaloneQuestion);
    const pending = pendingReviewNotice(references, audience);
    return {
      ...base,
      title,
      blocks: draft.blocks,
      markdown: renderMarkdown(title, draft.blocks),
      references,
      notices: [...urgentNotices, ...(pending ? [pending] : []), disclaimerNotice(audience)],
      followUps: suggestFollowUps(search.results, draft.usedPassageIds),
      validation: { status: 'passed', attempts: 0, claims: countClaims(draft.blocks), failures: [] },
    };
  };
}

function countClaims(blocks: readonly Block[]): number {
  return blocks.filter((block) => block.kind !== 'heading').reduce((total, block) => total + splitSentences(block.text).length, 0);
}
