import { createHash } from 'node:crypto';
import path from 'node:path';
import type { KnowledgeFile } from '../knowledge/load-knowledge.js';
import { decodeArtifacts, encodeArtifacts } from './artifacts-codec.js';
import { readCacheFile, writeCacheFile } from './cache-file.js';
import { startupCacheKey } from './cache-key.js';
import type { StartupArtifacts } from './startup-artifacts.js';

/** Where the start-up cache says what it did; nothing it meets is worse than a debug message. */
export type CacheLogger = { debug(details: object, message: string): void };

export type StartupCache = {
  /** The artifacts kept for exactly these knowledge files and this code, or undefined (the reason logged). */
  restore(): StartupArtifacts | undefined;
  /** Keeps them for these files; false (the reason logged) when the folder cannot be written. */
  save(artifacts: StartupArtifacts): boolean;
};

/**
 * The start-up cache of one knowledge folder, as read now (`files`): one file in `dir` per folder,
 * replaced whenever the folder's content or the code changes. It never serves a file made for other
 * content or code, nor a damaged one; on a read-only file system it keeps nothing, and says so at debug.
 */
export function openStartupCache(dir: string, knowledgeDir: string, files: readonly KnowledgeFile[], logger?: CacheLogger): StartupCache {
  const file = path.join(dir, `knowledge-${createHash('sha256').update(path.resolve(knowledgeDir)).digest('hex').slice(0, 16)}.cache`);
  const key = startupCacheKey(files);
  const debug = (details: object, message: string) => logger?.debug({ cache: file, ...details }, message);
  return {
    restore() {
      const read = readCacheFile(file, key);
      if (read.payload === undefined) {
        debug({ reason: read.reason }, 'start-up cache not used');
        return undefined;
      }
      try {
        const artifacts = decodeArtifacts(read.payload);
        debug({}, 'start-up cache read');
        return artifacts;
      } catch (error) {
        debug({ reason: (error as Error).message }, 'start-up cache not used');
        return undefined;
      }
    },
    save(artifacts) {
      const written = writeCacheFile(file, key, encodeArtifacts(artifacts));
      if (written.ok) debug({}, 'start-up cache written');
      else debug({ reason: written.reason }, 'start-up cache not written');
      return written.ok;
    },
  };
}
