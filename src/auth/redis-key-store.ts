import type { Redis } from 'ioredis';
import type { ApiKey } from './api-key.js';
import type { KeyStore } from './key-store.js';

// Revocations sit in a hash of their own: one atomic HSETNX, and the key's record is never rewritten.
const REVOKE = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
return redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2])
`;

/** API keys in Redis, so that every instance knows every key and every revocation. */
export function createRedisKeyStore(options: { redis: Redis; prefix?: string }): KeyStore {
  const { redis } = options;
  const prefix = options.prefix ?? 'guideline-chat:';
  const keysHash = `${prefix}api-keys`;
  const revokedHash = `${prefix}api-keys:revoked`;
  const toKey = (text: string, revokedAt: string | null | undefined): ApiKey => ({ ...(JSON.parse(text) as ApiKey), ...(revokedAt ? { revokedAt } : {}) });
  return {
    async add(key) {
      await redis.hset(keysHash, key.id, JSON.stringify(key));
    },
    async find(id) {
      const [record, revokedAt] = await Promise.all([redis.hget(keysHash, id), redis.hget(revokedHash, id)]);
      return record ? toKey(record, revokedAt) : undefined;
    },
    async list() {
      const [records, revoked] = await Promise.all([redis.hgetall(keysHash), redis.hgetall(revokedHash)]);
      return Object.entries(records)
        .map(([id, text]) => toKey(text, revoked[id]))
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async revoke(id, at = new Date()) {
      return Number(await redis.eval(REVOKE, 2, keysHash, revokedHash, id, at.toISOString())) === 1;
    },
    async close() {},
  };
}
