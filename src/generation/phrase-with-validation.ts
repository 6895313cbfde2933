import type { Failure } from '../domain/types.js';
import { AppError } from '../errors.js';
import type { ValidationReport } from '../validation/validate-draft.js';
import type { PhraseInput, Phraser } from './phraser.js';

export type PhraseOutcome = {
  /** passed: the first draft passed; repaired: a repair passed; fallback: deliver the extractive answer. */
  status: 'passed' | 'repaired' | 'fallback';
  /** The validated markdown; absent on fallback, so unvalidated model text cannot be delivered by mistake. */
  markdown?: string;
  /** Phraser calls made, the failed one included. */
  attempts: number;
  /** Claims in the last validated draft. */
  claims: number;
  /** Failures of the last validated draft ([] when it passed or no draft came back). */
  failures: Failure[];
  /** Why the model could not be used, when a call failed (timeout, 429/5xx, empty reply). */
  error?: AppError;
};

export type PhraseWithValidationOptions = {
  phraser: Phraser;
  validate: (markdown: string) => ValidationReport;
  input: PhraseInput;
  maxRepairs?: number;
  signal?: AbortSignal;
};

/**
 * The phrasing policy: draft, validate, send back with the failures at most `maxRepairs` times.
 * Any phraser error ends in fallback; it never throws, and calls the phraser at most 1 + maxRepairs times.
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
    failures: status === 'fallback' ? (last?.failures ?? []) : [],
    ...extra,
  });

  for (let attempt = 0; attempt <= maxRepairs; attempt += 1) {
    if (signal?.aborted) return outcome('fallback', { error: new AppError('model_unavailable', 'The model request was cancelled.') });
    attempts += 1;
    try {
      draft =
        attempt === 0
          ? await phraser.draft(input, signal)
          : await phraser.repair({ ...input, draft, failures: last?.failures ?? [] }, signal);
    } catch (error) {
      const appError = error instanceof AppError ? error : new AppError('model_unavailable', 'The model request failed.');
      return outcome('fallback', { error: appError });
    }
    last = validate(draft);
    if (last.passed) return outcome(attempt === 0 ? 'passed' : 'repaired', { markdown: draft });
  }
  return outcome('fallback');
}
