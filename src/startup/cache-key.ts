import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KnowledgeFile } from '../knowledge/load-knowledge.js';

// The key a start-up cache file is made for: a SHA-256 of every file of the knowledge folder (path and
// bytes) and of the code that turns them into artifacts. Any change to a knowledge file, a file added
// or removed, or other code (the service's own modules, an installed dependency of another version,
// another Node.js) gives another key, and the file made for the old one is never read.

// The service's own modules: the folder above this one (src/ under tsx and the tests, dist/ compiled).
const MODULES = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

let code: string | undefined;

/** A hash of the code that reads the knowledge: worked out once per process. */
export function codeFingerprint(): string {
  code ??= codeFingerprintOf(MODULES);
  return code;
}

export function startupCacheKey(files: readonly KnowledgeFile[], codeHash: string = codeFingerprint()): string {
  const hash = createHash('sha256').update(`code ${codeHash}\n`);
  for (const file of files) {
    hash.update(`${file.path}\u0000${file.bytes.length}\u0000`);
    hash.update(file.bytes);
  }
  return hash.digest('hex');
}

/** A hash of every module under `modules` (source maps aside), the installed version of each dependency of the package above it, and the Node.js that runs them. */
export function codeFingerprintOf(modules: string): string {
  const hash = createHash('sha256').update(`node ${process.version} ${os.endianness()}\n`);
  // Source maps only say where compiled code came from.
  const files = readdirSync(modules, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.map'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) {
    const bytes = readFileSync(file);
    hash.update(`${path.relative(modules, file).split(path.sep).join('/')}\u0000${bytes.length}\u0000`);
    hash.update(bytes);
  }
  for (const line of dependencyVersions(path.dirname(modules))) hash.update(`${line}\n`);
  return hash.digest('hex');
}

/** Each dependency of the package at `root` with the version installed (found as Node.js finds it, up the folders). */
function dependencyVersions(root: string): string[] {
  const manifest = path.join(root, 'package.json');
  if (!existsSync(manifest)) return ['no package.json'];
  const { dependencies = {} } = JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(dependencies)
    .sort()
    .map((name) => `${name}@${installedVersion(root, name) ?? 'not installed'}`);
}

function installedVersion(root: string, name: string): string | undefined {
  for (let folder = root; ; folder = path.dirname(folder)) {
    const manifest = path.join(folder, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? 'unversioned';
    if (path.dirname(folder) === folder) return undefined;
  }
}
