import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKnowledgeFolder } from '../../src/knowledge/load-knowledge.js';
import { loadServices, type BuiltServices } from '../../src/services.js';
import { decodeArtifacts, encodeArtifacts } from '../../src/startup/artifacts-codec.js';
import { readCacheFile, writeCacheFile } from '../../src/startup/cache-file.js';
import { startupCacheKey } from '../../src/startup/cache-key.js';
import { PACK_KNOWLEDGE, PACK_RULES } from '../helpers/fixture-services.js';

// Start-up with the cache must build exactly what start-up without it builds, and must never serve
// what was kept for other content, a damaged file, or readings that do not fit.

const QUESTIONS = readFileSync(path.join(PACK_KNOWLEDGE, '..', 'test', 'fixtures', 'answers', 'questions.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => (JSON.parse(line) as { question: string }).question);

let scratch: string;
let knowledgeDir: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'startup-cache-'));
  knowledgeDir = path.join(scratch, 'knowledge');
  cpSync(PACK_KNOWLEDGE, knowledgeDir, { recursive: true });
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Started = { services: BuiltServices; messages: string[] };

async function start(cacheDir?: string): Promise<Started> {
  const messages: string[] = [];
  const logger = { debug: (details: object, message: string) => messages.push(`${message}${'reason' in details ? `: ${String(details.reason)}` : ''}`) };
  const services = await loadServices({ knowledgeDir, rulesDir: PACK_RULES, logger, ...(cacheDir ? { cacheDir } : {}) });
  return { services, messages };
}

const plain = (value: unknown) => JSON.stringify(value, (_key, item: unknown) => (item instanceof Set ? [...(item as Set<unknown>)] : item));

/** Everything start-up builds, read through what requests use: knowledge, sentence bank, searches, answers. */
async function fingerprint({ knowledge, qualityProblems, tools, index, answer }: BuiltServices): Promise<Record<string, string>> {
  const { bank, matcher } = tools;
  const sentences = knowledge.passages.flatMap((passage) => bank.sentencesOf(passage.id).map((sentence) => ({ ...sentence, passage: sentence.passage.id, document: sentence.document.id })));
  const concepts = knowledge.guide!.concepts.map((concept) => concept.name);
  const searches = QUESTIONS.flatMap((question) =>
    (['professional', 'patient'] as const).map((audience) => {
      const found = index.search(question, { audience, limit: 30 });
      return [found.relevant, found.coverage, found.results.map((result) => [result.passage.id, result.score])];
    }),
  );
  const answers: unknown[] = [];
  for (const question of QUESTIONS.filter((_, index) => index % 6 === 0)) {
    for (const audience of ['professional', 'patient'] as const) answers.push({ ...(await answer({ message: question, audience })), conversationId: undefined });
  }
  return {
    knowledge: plain(knowledge),
    problems: plain(qualityProblems),
    sentences: plain(sentences),
    bank: plain(concepts.map((name) => [bank.namedAlongside(name), bank.sideEffectsOf(name), bank.sentencesNaming(name).map((sentence) => sentence.key), matcher.find(name).length])),
    rarity: plain([...new Set(sentences.flatMap((sentence) => [...sentence.terms]))].map((term) => bank.rarity(term))),
    searches: plain(searches),
    answers: plain(answers),
  };
}

function cacheFileIn(cacheDir: string): string {
  const [file, ...others] = readdirSync(cacheDir);
  expect(others).toEqual([]);
  return path.join(cacheDir, file!);
}

describe('start-up cache', () => {
  let cold: Record<string, string>;

  beforeAll(async () => {
    cold = await fingerprint((await start()).services);
  }, 60_000);

  it('builds the same services from the cache as without it: written on the first start, read on the next', { timeout: 60_000 }, async () => {
    const cacheDir = path.join(scratch, 'same');
    const first = await start(cacheDir);
    expect(first.messages).toEqual(['start-up cache not used: no cache file yet', 'start-up cache written']);
    expect(await fingerprint(first.services)).toEqual(cold);
    const second = await start(cacheDir);
    expect(second.messages).toEqual(['start-up cache read']);
    expect(await fingerprint(second.services)).toEqual(cold);
  });

  it('is not used once a passage changes: the changed text is served, and the cache is made again for it', { timeout: 60_000 }, async () => {
    const cacheDir = path.join(scratch, 'changed');
    await start(cacheDir);
    const file = path.join(knowledgeDir, 'professional', readdirSync(path.join(knowledgeDir, 'professional')).find((name) => name.endsWith('.md'))!);
    const original = readFileSync(file, 'utf8');
    // One word of a bullet changed for a word of the same length: the file keeps its size.
    const bullet = /^- (.+)$/m.exec(original.slice(original.indexOf('\n---', 3)))![0];
    const word = /[a-z]{7,}/.exec(bullet)![0];
    const zebra = `zebra${'z'.repeat(word.length)}`.slice(0, word.length);
    writeFileSync(file, original.replace(bullet, bullet.replace(word, zebra)));
    expect(readFileSync(file).length).toBe(Buffer.byteLength(original));
    try {
      const changed = await start(cacheDir);
      expect(changed.messages).toEqual(['start-up cache not used: was made for other knowledge or other code', 'start-up cache written']);
      expect(changed.services.knowledge.passages.some((passage) => passage.text.includes(zebra))).toBe(true);
      expect(changed.services.index.search(zebra).results[0]?.passage.text).toContain(zebra);
      const again = await start(cacheDir);
      expect(again.messages).toEqual(['start-up cache read']);
      expect(await fingerprint(again.services)).toEqual(await fingerprint((await start()).services));
    } finally {
      writeFileSync(file, original);
    }
    // Back to the first text: that content's cache was replaced, so it is worked out (and kept) again.
    expect((await start(cacheDir)).messages).toEqual(['start-up cache not used: was made for other knowledge or other code', 'start-up cache written']);
  });

  it('is not used when a file is added to the knowledge folder', { timeout: 60_000 }, async () => {
    const cacheDir = path.join(scratch, 'added');
    await start(cacheDir);
    const extra = path.join(knowledgeDir, 'notes.txt');
    writeFileSync(extra, 'not a knowledge document\n');
    try {
      expect((await start(cacheDir)).messages[0]).toBe('start-up cache not used: was made for other knowledge or other code');
    } finally {
      rmSync(extra);
    }
  });

  it('ignores a damaged cache file (a byte changed, the file cut short, another file) and builds the same services', { timeout: 60_000 }, async () => {
    const cacheDir = path.join(scratch, 'damaged');
    await start(cacheDir);
    const file = cacheFileIn(cacheDir);
    const whole = readFileSync(file);

    const flipped = Buffer.from(whole);
    flipped[Math.floor(flipped.length * 0.6)]! ^= 0x20;
    writeFileSync(file, flipped);
    const afterFlip = await start(cacheDir);
    expect(afterFlip.messages).toEqual(['start-up cache not used: does not match its checksum', 'start-up cache written']);
    expect(await fingerprint(afterFlip.services)).toEqual(cold);

    writeFileSync(file, whole.subarray(0, whole.length - 1000));
    expect((await start(cacheDir)).messages).toEqual(['start-up cache not used: is cut short or too long', 'start-up cache written']);

    writeFileSync(file, 'not a cache');
    expect((await start(cacheDir)).messages).toEqual(['start-up cache not used: is not a start-up cache file', 'start-up cache written']);
    expect(readFileSync(file).equals(whole)).toBe(true);
  });

  it('falls back to building when the kept readings do not fit the knowledge, and keeps the right ones', { timeout: 60_000 }, async () => {
    const cacheDir = path.join(scratch, 'misfit');
    await start(cacheDir);
    const file = cacheFileIn(cacheDir);
    const key = startupCacheKey((await readKnowledgeFolder(knowledgeDir))!);
    const kept = decodeArtifacts(readCacheFile(file, key).payload!);
    // A whole, checksummed file for this very content whose first sentence's length is off by one.
    const ints = Int32Array.from(kept.built.readings.ints);
    ints[3]! += 1;
    expect(writeCacheFile(file, key, encodeArtifacts({ ...kept, built: { ...kept.built, readings: { ...kept.built.readings, ints } } })).ok).toBe(true);
    const misfit = await start(cacheDir);
    expect(misfit.messages).toEqual(['start-up cache read', 'start-up cache not used: building: the recorded readings do not fit: a sentence of another length', 'start-up cache written']);
    expect(await fingerprint(misfit.services)).toEqual(cold);
    expect((await start(cacheDir)).messages).toEqual(['start-up cache read']);
  });

  it('starts without it, saying why at debug, when the cache folder cannot be written', { timeout: 60_000 }, async () => {
    // A folder under a file can never be made: the stand-in here for a read-only file system.
    const blocker = path.join(scratch, 'a-file');
    writeFileSync(blocker, '');
    const cacheDir = path.join(blocker, 'cache');
    const started = await start(cacheDir);
    expect(started.messages[0]).toMatch(/^start-up cache not used: cannot be read \(ENOTDIR/);
    expect(started.messages[1]).toMatch(/^start-up cache not written: ENOTDIR/);
    expect(started.messages).toHaveLength(2);
    expect(existsSync(cacheDir)).toBe(false);
    expect(await fingerprint(started.services)).toEqual(cold);
  });
});
