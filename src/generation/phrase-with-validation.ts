import type { Failure } from '../domain/types.js';
import { AppError } from '../errors.js';
import { publicFailures, type ClaimFailure, type ValidationReport } from '../validation/validate-draft.js';
import { normalizeDraft } from '../validation/visible-text.js';
import type { PhraseInput, Phraser } from './phraser.js';

export type PhraseOutcome = {
  /** passed: the first draft passed; repaired: a repair passed; fallback: deliver the extractive answer. */
  status: 'passed' | 'repaired' | 'fallback';
  /** The validated markdown, normalised; absent on fallback, so unvalidated model text cannot be delivered by mistake. */
  markdown?: string;
  /** Phraser calls made, the failed one included. */
  attempts: number;
  /** Claims in the last validated draft. */
  claims: number;
  /** Failures of the last validated draft as clients see them ([] when it passed or no draft came back). */
  failures: Failure[];
  /** Why the model could not be used, when a call failed (timeout, 429/5xx, empty reply). */
  error?: AppError;
};

/** A rejected draft, for a debug log on the server: its failures with the draft text they are about. */
export type RejectedDraft = { attempt: number; failures: readonly ClaimFailure[] };

export type PhraseWithValidationOptions = {
  phraser: Phraser;
  validate: (markdown: string) => ValidationReport;
  input: PhraseInput;
  maxRepairs?: number;
  signal?: AbortSignal;
  /** Told about each rejected draft; the only place rejected model text goes. */
  onRejected?: (rejected: RejectedDraft) => void;
};

/**
 * The phrasing policy: draft, validate, send back with the failures at most `maxRepairs` times.
 * Any phraser error ends in fallback; it never throws, and calls the phraser at most 1 + maxRepairs times.
 * Drafts are normalised (visible-text.ts) before they are checked, and delivered as checked.
 */
export async function phraseWithValidation(options: PhraseWithValidationOptions): Promise<PhraseOutcome> {
  const { phraser, validate, input, signal } = options;
  const maxRepairs = Math.max(0, Math.floor(options.maxRepairs ?? 2));
  let attempts = 0;
  let last: ValidationReport | null = null;
  let draft = '';
  const outcome = (status: PhraseOutcome['status'], extra: Partial<PhraseOutcome> = {}): PhraseOutcome => ({
    status,
    attempts,
    claims: last?.claims.length ?? 0,
    failures: status === 'fallback' ? publicFailures(last?.failures ?? []) : [],
    ...extra,
  });

  for (let attempt = 0; attempt <= maxRepairs; attempt += 1) {
    if (signal?.aborted) return outcome('fallback', { error: new AppError('model_unavailable', 'The model request was cancelled.') });
    attempts += 1;
    try {
      const reply =
        attempt === 0
          ? await phraser.draft(input, signal)
          : await phraser.repair({ ...input, draft, failures: last?.failures ?? [] }, signal);
      draft = normalizeDraft(reply);
    } catch (error) {
      const appError = error instanceof AppError ? error : new AppError('model_unavailable', 'The model request failed.');
      return outcome('fallback', { error: appError });
    }
    last = validate(draft);
    if (last.passed) return outcome(attempt === 0 ? 'passed' : 'repaired', { markdown: draft });
    options.onRejected?.({ attempt: attempts, failures: last.failures });
  }
  return outcome('fallback');
}
