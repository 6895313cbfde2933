import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

// A cache file: a header (what the file is, the key it was made for, the payload's length and
// SHA-256), then the payload. A file is only ever read back whole and for the key it was made for;
// it is written under a name of its own and renamed into place, so no reader sees half a file.

const MAGIC = Buffer.from('GCSTART\n', 'latin1');
const FORMAT = 1;
const KEY_BYTES = 64;
const HEADER_BYTES = MAGIC.length + 4 + KEY_BYTES + 8 + 32;

/** Where a cache file could not be read or written, and why: for a debug log. */
export type CacheFileOutcome = { ok: true } | { ok: false; reason: string };

/** The payload of the file when it is whole and was made for `key` (a 64-digit hex string); otherwise why not. */
export function readCacheFile(file: string, key: string): { payload: Buffer } | { payload?: undefined; reason: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    return { reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no cache file yet' : `cannot be read (${(error as Error).message})` };
  }
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return { reason: 'is not a start-up cache file' };
  let at = MAGIC.length;
  if (bytes.readUInt32LE(at) !== FORMAT) return { reason: 'is of another format' };
  at += 4;
  if (bytes.toString('latin1', at, at + KEY_BYTES) !== key) return { reason: 'was made for other knowledge or other code' };
  at += KEY_BYTES;
  const length = Number(bytes.readBigUInt64LE(at));
  at += 8;
  const digest = bytes.subarray(at, at + 32);
  at += 32;
  if (bytes.length - at !== length) return { reason: 'is cut short or too long' };
  const payload = bytes.subarray(at);
  if (!createHash('sha256').update(payload).digest().equals(digest)) return { reason: 'does not match its checksum' };
  return { payload };
}

/** Writes the payload (chunks, in order) for `key`; never throws (a read-only or full disk gives the reason). */
export function writeCacheFile(file: string, key: string, chunks: readonly Buffer[]): CacheFileOutcome {
  if (!/^[0-9a-f]{64}$/.test(key)) throw new Error('a cache key is 64 hex digits');
  const hash = createHash('sha256');
  let length = 0;
  for (const chunk of chunks) {
    hash.update(chunk);
    length += chunk.length;
  }
  const header = Buffer.alloc(HEADER_BYTES);
  let at = MAGIC.copy(header, 0);
  at = header.writeUInt32LE(FORMAT, at);
  at += header.write(key, at, 'latin1');
  at = header.writeBigUInt64LE(BigInt(length), at);
  hash.digest().copy(header, at);
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
  let descriptor: number | undefined;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    descriptor = openSync(partial, 'w');
    for (const chunk of [header, ...chunks]) {
      for (let written = 0; written < chunk.length; ) written += writeSync(descriptor, chunk, written);
    }
    closeSync(descriptor);
    descriptor = undefined;
    renameSync(partial, file);
    return { ok: true };
  } catch (error) {
    try {
      if (descriptor !== undefined) closeSync(descriptor);
      unlinkSync(partial);
    } catch {
      // Never created (a read-only folder), or gone already.
    }
    return { ok: false, reason: (error as Error).message };
  }
}
