import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inspectKnowledge } from './load-knowledge.js';
import { recordReview, type ReviewAction, type ReviewRecord } from './record-review.js';

/** Records a review on the document with this id in a knowledge folder; returns the file it changed. */
export async function reviewDocument(dir: string, id: string, action: ReviewAction, record: ReviewRecord): Promise<string> {
  const { base } = await inspectKnowledge(dir);
  const document = base.documents.find((candidate) => candidate.id === id);
  if (!document) throw new Error(`no document with id "${id}" in ${dir}`);
  const file = path.join(dir, document.file);
  await writeFile(file, recordReview(await readFile(file, 'utf8'), action, record));
  return document.file;
}
