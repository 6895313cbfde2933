import type { SentenceVerdict } from '../http/sentence-relay.js';
import { validateDraft, type ClaimFailure, type ValidationContext } from '../validation/validate-draft.js';

/**
 * One streamed unit (sentence, heading, table row under its header) checked as the final draft will
 * be, less the checks that need the whole draft. A rejection names the check and a reason; the
 * rejected text goes only to `onRejected`.
 */
export function checkStreamedUnit(markdown: string, context: Omit<ValidationContext, 'fragment'>, onRejected?: (failures: readonly ClaimFailure[]) => void): SentenceVerdict {
  const report = validateDraft(markdown, { ...context, fragment: true });
  if (report.passed) return { ok: true };
  onRejected?.(report.failures);
  const first = report.failures[0]!;
  return { ok: false, check: first.check, reason: first.reason };
}
