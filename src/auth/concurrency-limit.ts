import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { AppError } from '../errors.js';
import { callerOf } from './caller.js';

/** Counts requests in progress per key, on one instance or across all of them. */
export type ConcurrencyCounter = {
  /** A release function when there was room under `limit`, undefined when the key is at its limit. */
  acquire(key: string, limit: number): Promise<(() => void) | undefined>;
};

export function createMemoryConcurrencyCounter(): ConcurrencyCounter {
  const counts = new Map<string, number>();
  return {
    async acquire(key, limit) {
      const count = counts.get(key) ?? 0;
      if (count >= limit) return undefined;
      counts.set(key, count + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (counts.get(key) ?? 1) - 1;
        if (left > 0) counts.set(key, left);
        else counts.delete(key);
      };
    },
  };
}

// A sorted set per key of the requests in progress, scored by start time. Entries older than the
// lease are dropped before counting, so an instance that died mid-request frees its slots in time.
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

export function createRedisConcurrencyCounter(redis: Redis, options: { prefix?: string; leaseMs?: number } = {}): ConcurrencyCounter {
  const prefix = options.prefix ?? 'guideline-chat:';
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  return {
    async acquire(key, limit) {
      const member = randomUUID();
      const redisKey = `${prefix}in-flight:${key}`;
      const acquired = await redis.eval(ACQUIRE, 1, redisKey, Date.now(), leaseMs, limit, member);
      if (Number(acquired) !== 1) return undefined;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        redis.zrem(redisKey, member).catch(() => {
          // The lease frees the slot anyway.
        });
      };
    },
  };
}

/** At most the caller's `maxConcurrent` requests in progress at once; more is a 429. No cap without a key. */
export function concurrencyLimit(counter: ConcurrencyCounter): RequestHandler {
  return async (_request, response, next) => {
    const caller = callerOf(response);
    if (!caller.key || caller.maxConcurrent === undefined) {
      next();
      return;
    }
    const release = await counter.acquire(caller.key.id, caller.maxConcurrent);
    if (!release) throw new AppError('rate_limited', `Too many requests in progress for this key (at most ${caller.maxConcurrent} at once); wait for one to finish.`);
    response.once('finish', release);
    response.once('close', release);
    next();
  };
}
