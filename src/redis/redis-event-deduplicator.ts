import type { Redis } from 'ioredis';

/** Remembers platform event ids, so that a retried delivery is answered once (see src/channels). */
export type EventDeduplicator = {
  /** True when the key was seen within its time to live; otherwise records it and answers false. */
  seen(key: string, ttlMs: number): Promise<boolean>;
};

/** Deduplication shared by every instance: one atomic SET NX per event. */
export function createRedisEventDeduplicator(redis: Redis, prefix = 'guideline-chat:'): EventDeduplicator {
  return {
    async seen(key, ttlMs) {
      const stored = await redis.set(`${prefix}seen:${key}`, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
      return stored === null;
    },
  };
}
