import type { ReviewStatus } from '../domain/types.js';
import type { FrontMatter } from './front-matter.js';
import type { Problem } from './problem.js';
import { reviewHash } from './review-hash.js';

export type ReviewCheck = { status: ReviewStatus; problems: Problem[] };

/**
 * The status a document is served with. An approval counts only when it names who approved it, when,
 * and the hash of the text they approved; otherwise the document is treated as `submitted`, so answers
 * citing it carry the pending-review notice, and `knowledge:check` says why.
 */
export function checkReview(file: string, id: string, review: FrontMatter['review'], body: string): ReviewCheck {
  const problems: Problem[] = [];
  const reapprove = `re-approve with: npm run knowledge:review -- approve ${id} --by "<name>"`;
  if (review.status !== 'approved') {
    if (review.hash) {
      problems.push({ file, field: 'review.hash', reason: `is recorded for an approval, but the status is ${review.status}; remove it or approve the document`, severity: 'quality' });
    }
    return { status: review.status, problems };
  }
  if (!review.by || !review.date) {
    problems.push({ file, field: 'review', reason: `is approved without naming the reviewer and date, so it is served as submitted; ${reapprove}`, severity: 'quality' });
    return { status: 'submitted', problems };
  }
  if (!review.hash) {
    problems.push({ file, field: 'review.hash', reason: `is missing, so the approval is not pinned to any text and the document is served as submitted; ${reapprove}`, severity: 'quality' });
    return { status: 'submitted', problems };
  }
  if (review.hash !== reviewHash(body)) {
    problems.push({
      file,
      field: 'review.hash',
      reason: `does not match the text: it changed after ${review.by} approved it on ${review.date}, so it is served as submitted until re-approved; ${reapprove}`,
      severity: 'quality',
    });
    return { status: 'submitted', problems };
  }
  return { status: 'approved', problems };
}
