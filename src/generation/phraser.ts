import type { Audience, Finding, Source } from '../domain/types.js';
import type { ClaimFailure } from '../validation/validate-draft.js';

/** What the phrasing step is given: the question, the reader, and the numbered sources. */
export type PhraseInput = {
  question: string;
  audience: Audience;
  sources: readonly Source[];
  findings: readonly Finding[];
};

/** A repair is told what failed and where: the failures with the draft text they are about. */
export type RepairInput = PhraseInput & { draft: string; failures: readonly ClaimFailure[] };

export type RewriteInput = { history: ReadonlyArray<{ question: string }>; message: string };

/**
 * Turns numbered sources into a markdown answer with [n] markers. The model phraser implements it;
 * tests and the pipeline may pass any other. Failures throw AppError('model_unavailable').
 */
export interface Phraser {
  draft(input: PhraseInput, signal?: AbortSignal): Promise<string>;
  repair(input: RepairInput, signal?: AbortSignal): Promise<string>;
  /** A follow-up message rewritten as a standalone question, given the earlier questions. */
  rewrite(input: RewriteInput, signal?: AbortSignal): Promise<string>;
}

/** A phraser that can also stream its first draft as text deltas (for server-sent events). */
export interface StreamingPhraser extends Phraser {
  draftStream(input: PhraseInput, signal?: AbortSignal): AsyncIterable<string>;
}
