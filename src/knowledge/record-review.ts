import { isMap, parseDocument, type Document } from 'yaml';
import { FRONT_MATTER_FENCE } from './front-matter.js';
import { reviewHash } from './review-hash.js';

export const REVIEW_ACTIONS = ['submit', 'start-review', 'approve'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];
export type ReviewRecord = { by?: string; date: string };

const STATUS: Record<ReviewAction, string> = { submit: 'submitted', 'start-review': 'under-review', approve: 'approved' };

function setReview(document: Document, key: string, value: string | undefined): void {
  if (value === undefined) document.deleteIn(['review', key]);
  else document.setIn(['review', key], value);
}

/**
 * Returns the document text with a review recorded in its front matter; the body is left byte for byte.
 * Approving pins the approval to the hash of the body and counts as a check, so `updated` moves to the
 * review date; the other transitions drop any recorded hash, because it belonged to an earlier approval.
 */
export function recordReview(content: string, action: ReviewAction, record: ReviewRecord): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(record.date)) throw new Error(`the review date "${record.date}" must be written YYYY-MM-DD`);
  const by = record.by?.trim();
  if ((action === 'approve' || action === 'start-review') && !by) throw new Error(`"${action}" needs the reviewer's name: --by "<name>"`);
  const fence = FRONT_MATTER_FENCE.exec(content);
  if (!fence) throw new Error('the file has no front matter (a block between --- lines at the top)');
  const document = parseDocument(fence[1] ?? '', { schema: 'core', customTags: [] });
  if (document.errors.length > 0) throw new Error(`the front matter is not valid YAML: ${document.errors[0]?.message.split('\n')[0]}`);
  if (!isMap(document.get('review'))) throw new Error('the front matter has no review block');
  const body = content.slice(fence[0].length);

  document.setIn(['review', 'status'], STATUS[action]);
  setReview(document, 'by', by);
  document.setIn(['review', 'date'], record.date);
  setReview(document, 'hash', action === 'approve' ? reviewHash(body) : undefined);
  if (action === 'approve') document.set('updated', record.date);

  const newline = fence[0].includes('\r\n') ? '\r\n' : '\n';
  const yaml = document.toString({ lineWidth: 0, flowCollectionPadding: false }).trimEnd().replace(/\n/g, newline);
  return `---${newline}${yaml}${newline}---${newline}${body}`;
}
