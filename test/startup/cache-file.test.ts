import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fc } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { readCacheFile, writeCacheFile } from '../../src/startup/cache-file.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'cache-file-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const KEY = 'a'.repeat(64);
const OTHER_KEY = 'b'.repeat(64);
const chunks = [Buffer.from('first chunk '), Buffer.alloc(5000, 7), Buffer.from(' and the last')];
const payload = Buffer.concat(chunks);

describe('cache files', () => {
  it('give back the payload written, for the key it was written for only', () => {
    const file = path.join(scratch, 'roundtrip', 'cache');
    expect(writeCacheFile(file, KEY, chunks)).toEqual({ ok: true });
    expect(readCacheFile(file, KEY).payload?.equals(payload)).toBe(true);
    expect(readCacheFile(file, OTHER_KEY)).toEqual({ reason: 'was made for other knowledge or other code' });
    expect(readCacheFile(path.join(scratch, 'none'), KEY)).toEqual({ reason: 'no cache file yet' });
    // Written under a name of its own, then renamed: nothing else is left in the folder.
    expect(readdirSync(path.dirname(file))).toEqual(['cache']);
  });

  it('never give back a payload once any byte of the file has changed', () => {
    const file = path.join(scratch, 'flipped');
    writeCacheFile(file, KEY, chunks);
    const whole = readFileSync(file);
    fc.assert(
      fc.property(fc.nat(whole.length - 1), fc.integer({ min: 1, max: 255 }), (at, change) => {
        const damaged = Buffer.from(whole);
        damaged[at]! ^= change;
        writeFileSync(file, damaged);
        expect(readCacheFile(file, KEY).payload).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('never give back a payload from a file cut short or grown', () => {
    const file = path.join(scratch, 'cut');
    writeCacheFile(file, KEY, chunks);
    const whole = readFileSync(file);
    for (const length of [0, 10, 100, whole.length - 1]) {
      writeFileSync(file, whole.subarray(0, length));
      expect(readCacheFile(file, KEY).payload).toBeUndefined();
    }
    writeFileSync(file, Buffer.concat([whole, Buffer.from('x')]));
    expect(readCacheFile(file, KEY)).toEqual({ reason: 'is cut short or too long' });
  });

  it('report a folder that cannot be written instead of throwing, and leave nothing behind', () => {
    const blocker = path.join(scratch, 'blocker');
    writeFileSync(blocker, '');
    const outcome = writeCacheFile(path.join(blocker, 'cache'), KEY, chunks);
    expect(outcome.ok).toBe(false);
    expect(readdirSync(scratch).filter((name) => name.includes('partial'))).toEqual([]);
  });
});
