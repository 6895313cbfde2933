import { fork } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Audience } from '../src/domain/types.js';
import { loadServices } from '../src/services.js';

// The bundled knowledge pack at 1×, 10× and 100× its size: every document copied under a new id, so
// retrieval and start-up are measured on the real passages, vocabulary and guide files, only more of them.

/** A folder holding `copies` copies of the knowledge folder's documents (guide and triage files once). */
export function replicatePack(source: string, copies: number): string {
  const target = mkdtempSync(path.join(os.tmpdir(), `pack-${copies}x-`));
  for (const entry of readdirSync(source)) {
    const from = path.join(source, entry);
    if (!statSync(from).isDirectory() || entry === 'triage') {
      cpSync(from, path.join(target, entry), { recursive: true });
      continue;
    }
    cpSync(from, path.join(target, entry), { recursive: true, filter: (file) => statSync(file).isDirectory() || !file.endsWith('.md') });
    for (const file of readdirSync(from).filter((name) => name.endsWith('.md'))) {
      const text = readFileSync(path.join(from, file), 'utf8');
      for (let copy = 0; copy < copies; copy += 1) {
        const renamed = copy === 0 ? text : text.replace(/^id: (.+)$/m, `id: $1-copy-${copy}`);
        writeFileSync(path.join(target, entry, copy === 0 ? file : file.replace(/\.md$/, `-copy-${copy}.md`)), renamed);
      }
    }
  }
  return target;
}

/** Start to ready, search times and heap after one start at a scale. */
export type PackStart = { passages: number; readyMs: number; p50: number; p99: number; heapMb: number };

/** A scale measured at a start that works everything out, and at one that reads the start-up cache. */
export type PackScale = PackStart & { copies: number; cached: PackStart };

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Loads the pack as the server does at start (with the start-up cache in `cacheDir`, when given) and
 * times the main retrieval of every gold question.
 */
async function measure(folder: string, cacheDir: string | undefined, expect: string | undefined): Promise<PackStart> {
  const messages: string[] = [];
  const started = performance.now();
  const services = await loadServices({ knowledgeDir: folder, rulesDir: 'rules', ...(cacheDir ? { cacheDir, logger: { debug: (_details, message) => messages.push(message) } } : {}) });
  const readyMs = performance.now() - started;
  if (expect === 'read' && !messages.includes('start-up cache read')) throw new Error(`the start-up cache was not read: ${messages.join('; ')}`);
  const questions = readFileSync('test/fixtures/answers/questions.jsonl', 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { question: string }).question);
  const audiences: Audience[] = ['professional', 'patient'];
  const search = (index: number) => services.index.search(questions[index % questions.length]!, { audience: audiences[Math.floor(index / questions.length) % 2]!, limit: 30 });
  for (let i = 0; i < 200; i += 1) search(i);
  const samples: number[] = [];
  for (let i = 0; i < Math.max(2_000, questions.length * 4); i += 1) {
    const at = performance.now();
    search(i);
    samples.push(performance.now() - at);
  }
  samples.sort((a, b) => a - b);
  return { passages: services.index.size, readyMs, p50: percentile(samples, 50), p99: percentile(samples, 99), heapMb: process.memoryUsage().heapUsed / 1024 / 1024 };
}

/** One start in a fresh process, so start-up is measured cold and starts do not share memory. */
function startInChild(folder: string, cacheDir?: string, expect?: 'write' | 'read'): Promise<PackStart> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [folder, ...(cacheDir ? [cacheDir, expect ?? 'write'] : [])], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message) => resolve(message as PackStart));
    child.once('exit', (code) => code !== 0 && reject(new Error(`a start on ${folder} exited with ${code}`)));
  });
}

/**
 * A scale: one start without the start-up cache, then one that writes it (not reported) and one
 * that reads it, each in a fresh process.
 */
export async function measurePackScale(copies: number): Promise<PackScale> {
  const folder = replicatePack('knowledge', copies);
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), `startup-cache-${copies}x-`));
  try {
    const cold = await startInChild(folder);
    await startInChild(folder, cacheDir, 'write');
    const cached = await startInChild(folder, cacheDir, 'read');
    return { copies, ...cold, cached };
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send) {
  const result = await measure(process.argv[2]!, process.argv[3], process.argv[4]);
  process.send(result, () => process.exit(0));
}
