import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { KnowledgeBase, KnowledgeDocument, Passage, SynonymGroup } from '../domain/types.js';
import { parseFrontMatter } from './front-matter.js';
import { checkGuide, completeConceptTerms } from './guide-checks.js';
import { emptyGuide, guideFileKind, readGuideFile } from './guide-files.js';
import { KnowledgeError, type Problem } from './problem.js';
import { checkQuality } from './quality-checks.js';
import { checkReview } from './review-check.js';
import { splitPassages } from './split-passages.js';
import { parseSynonyms, SYNONYM_FILE_NAMES } from './synonyms-file.js';

export type KnowledgeReport = { base: KnowledgeBase; problems: Problem[] };

/** A file of a knowledge folder: its path in the folder (with "/") and its bytes. */
export type KnowledgeFile = { path: string; bytes: Buffer };

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** Every file of a knowledge folder, in path order, read whole; undefined when the folder cannot be listed. */
export async function readKnowledgeFolder(dir: string): Promise<KnowledgeFile[] | undefined> {
  let files: string[];
  try {
    files = await listFiles(dir);
  } catch {
    return undefined;
  }
  // Read whole and at once: knowledge files are small, and a promise read opens, stats, reads and
  // closes each through the thread pool (at 100 times the pack, 4,700 files: 360 ms against 55 ms).
  // Building the knowledge blocks the event loop for far longer than these reads in any case.
  return files.map((file) => ({ path: file, bytes: readFileSync(path.join(dir, file)) }));
}

function wordCount(passages: readonly Passage[]): number {
  return passages.reduce((total, passage) => total + (passage.text.match(/\S+/g)?.length ?? 0), 0);
}

/**
 * Reads every document and the synonyms file of a knowledge folder and reports all problems at once,
 * so a broken folder can be fixed in one pass. Never throws for bad content; see `loadKnowledge`.
 */
export async function inspectKnowledge(dir: string): Promise<KnowledgeReport> {
  return inspectKnowledgeFiles(dir, await readKnowledgeFolder(dir));
}

/** `inspectKnowledge` of files already read from the folder (`readKnowledgeFolder`). */
export function inspectKnowledgeFiles(dir: string, files: readonly KnowledgeFile[] | undefined): KnowledgeReport {
  const problems: Problem[] = [];
  const documents: KnowledgeDocument[] = [];
  const passages: Passage[] = [];
  let synonyms: SynonymGroup[] = [];
  const guide = emptyGuide();
  if (!files) {
    problems.push({ file: dir, reason: 'cannot be read as a folder', severity: 'error' });
    return { base: { documents, passages, synonyms, guide }, problems };
  }

  const fileById = new Map<string, string>();
  const seenPassageIds = new Set<string>();
  for (const { path: file, bytes } of files) {
    const content = bytes.toString('utf8');
    if (SYNONYM_FILE_NAMES.includes(path.basename(file))) {
      const parsed = parseSynonyms(file, content);
      synonyms = synonyms.concat(parsed.groups);
      problems.push(...parsed.problems);
      continue;
    }
    // Guide files sit at the top of the folder; a file of the same name deeper down is not one.
    const guideKind = file.includes('/') ? undefined : guideFileKind(file);
    if (guideKind) {
      problems.push(...readGuideFile(guideKind, file, content, guide));
      continue;
    }
    if (!file.endsWith('.md')) continue;

    const parsed = parseFrontMatter(file, content);
    if ('problems' in parsed) {
      problems.push(...parsed.problems);
      continue;
    }
    const { frontMatter, body } = parsed;
    const firstFile = fileById.get(frontMatter.id);
    if (firstFile) {
      problems.push({ file, field: 'id', reason: `"${frontMatter.id}" is already used by ${firstFile}`, severity: 'error' });
      continue;
    }
    fileById.set(frontMatter.id, file);

    const split = splitPassages(frontMatter.id, file, body);
    problems.push(...split.problems);
    if (split.passages.length === 0) {
      problems.push({ file, field: 'body', reason: 'has no text', severity: 'error' });
      continue;
    }
    for (const passage of split.passages) {
      if (seenPassageIds.has(passage.id)) {
        problems.push({ file, field: `passage ${passage.id}`, reason: 'duplicates another passage id', severity: 'error' });
      }
      seenPassageIds.add(passage.id);
    }
    const { url, review, ...rest } = frontMatter;
    const reviewCheck = checkReview(file, frontMatter.id, review, body);
    problems.push(...reviewCheck.problems);
    const document: KnowledgeDocument = {
      ...rest,
      ...(url ? { url } : {}),
      review: {
        status: reviewCheck.status,
        ...(review.by ? { by: review.by } : {}),
        ...(review.date ? { date: review.date } : {}),
        ...(review.hash ? { hash: review.hash } : {}),
      },
      file,
      words: wordCount(split.passages),
    };
    documents.push(withOneShape(document));
    passages.push(...split.passages);
    problems.push(...checkQuality(document, split.passages));
  }
  if (documents.length === 0 && !problems.some((problem) => problem.severity === 'error')) {
    problems.push({ file: dir, reason: 'holds no knowledge documents (*.md)', severity: 'error' });
  }
  completeConceptTerms(guide, synonyms);
  problems.push(...checkGuide(guide, passages));
  return { base: { documents, passages, synonyms, guide }, problems };
}

/**
 * The same document, built property by property in its own key order. Spread from the parsed front
 * matter, nearly every document got a hidden class of its own (44 for 47 documents), so every read of a
 * document's fields while answering (its audience, type, id for each candidate sentence) went through
 * the engine's slowest, megamorphic path; built alike, documents with the same fields share one.
 */
function withOneShape(document: KnowledgeDocument): KnowledgeDocument {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(document)) copy[key] = value;
  return copy as KnowledgeDocument;
}

/** Loads a knowledge folder for serving; throws a `KnowledgeError` listing every blocking problem. */
export async function loadKnowledge(dir: string): Promise<KnowledgeReport> {
  return servable(await inspectKnowledge(dir));
}

/** The report, when nothing in it blocks serving; otherwise throws a `KnowledgeError` listing every blocking problem. */
export function servable(report: KnowledgeReport): KnowledgeReport {
  const errors = report.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) throw new KnowledgeError(errors);
  return report;
}
