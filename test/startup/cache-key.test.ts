import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeFingerprint, codeFingerprintOf, startupCacheKey } from '../../src/startup/cache-key.js';

const file = (path: string, text: string) => ({ path, bytes: Buffer.from(text) });
const folder = [file('guide.yaml', 'concepts: []\n'), file('professional/a.md', 'text of a\n'), file('professional/b.md', 'text of b\n')];
const CODE = 'c'.repeat(64);

describe('start-up cache keys', () => {
  it('are the same for the same files and code, and differ when anything of either changes', () => {
    const key = startupCacheKey(folder, CODE);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(startupCacheKey(folder.map((entry) => ({ ...entry, bytes: Buffer.from(entry.bytes) })), CODE)).toBe(key);
    const variants = [
      // A byte changed, the size kept.
      folder.map((entry) => (entry.path === 'professional/a.md' ? file(entry.path, 'text of c\n') : entry)),
      // A file renamed, moved, added or removed.
      folder.map((entry) => (entry.path === 'professional/b.md' ? file('professional/c.md', 'text of b\n') : entry)),
      folder.map((entry) => (entry.path === 'professional/b.md' ? file('patient/b.md', 'text of b\n') : entry)),
      [...folder, file('professional/d.md', '')],
      folder.slice(1),
      // Bytes moved from one file to the next.
      [folder[0]!, file('professional/a.md', 'text of a\ntext'), file('professional/b.md', ' of b\n')],
    ];
    for (const variant of variants) expect(startupCacheKey(variant, CODE)).not.toBe(key);
    expect(startupCacheKey(folder, 'd'.repeat(64))).not.toBe(key);
  });

  it('take the code as it runs: one fingerprint per process', () => {
    expect(codeFingerprint()).toMatch(/^[0-9a-f]{64}$/);
    expect(codeFingerprint()).toBe(codeFingerprint());
    expect(startupCacheKey(folder)).toBe(startupCacheKey(folder, codeFingerprint()));
  });
});

describe('code fingerprints', () => {
  it('change when a module changes or is added, not when a source map does', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'code-fingerprint-'));
    try {
      const modules = path.join(root, 'dist');
      mkdirSync(path.join(modules, 'answer'), { recursive: true });
      writeFileSync(path.join(root, 'package.json'), JSON.stringify({ dependencies: { stemmer: '^2.0.0' } }));
      writeFileSync(path.join(modules, 'answer', 'bank.js'), 'export const a = 1;\n');
      const first = codeFingerprintOf(modules);
      writeFileSync(path.join(modules, 'answer', 'bank.js.map'), '{}');
      expect(codeFingerprintOf(modules)).toBe(first);
      writeFileSync(path.join(modules, 'answer', 'bank.js'), 'export const a = 2;\n');
      const changed = codeFingerprintOf(modules);
      expect(changed).not.toBe(first);
      writeFileSync(path.join(modules, 'wording.yaml'), 'a: b\n');
      const added = codeFingerprintOf(modules);
      expect(added).not.toBe(changed);
      // Another installed version of a dependency.
      mkdirSync(path.join(root, 'node_modules', 'stemmer'), { recursive: true });
      writeFileSync(path.join(root, 'node_modules', 'stemmer', 'package.json'), JSON.stringify({ version: '2.0.1' }));
      const installed = codeFingerprintOf(modules);
      expect(installed).not.toBe(added);
      writeFileSync(path.join(root, 'node_modules', 'stemmer', 'package.json'), JSON.stringify({ version: '2.0.2' }));
      expect(codeFingerprintOf(modules)).not.toBe(installed);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
