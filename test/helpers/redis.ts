import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, it } from 'vitest';

/** The Redis the tests use: CI starts one and sets REDIS_URL; without it, Redis tests are skipped, visibly. */
export const REDIS_URL = process.env.REDIS_URL;

export const SKIP_REASON = 'skipped: REDIS_URL is not set (CI sets it; run redis-server and set REDIS_URL=redis://127.0.0.1:6379)';

// Said out loud, not only in the skipped tests' names: the default reporter does not list those.
if (!REDIS_URL) console.warn(`Redis tests ${SKIP_REASON}`);

/** A describe block that needs a real Redis; without REDIS_URL it shows one skipped test saying why. */
export function describeWithRedis(name: string, body: () => void): void {
  if (REDIS_URL) describe(name, body);
  else describe(name, () => it.skip(SKIP_REASON, () => {}));
}

/** A client and a fresh key prefix per test file; the prefix's keys are removed afterwards. */
export function redisForTests(): { redis: () => Redis; prefix: () => string } {
  let client: Redis | undefined;
  const prefixes: string[] = [];
  afterAll(async () => {
    if (!client) return;
    for (const prefix of prefixes) {
      const keys = await client.keys(`${prefix}*`);
      if (keys.length) await client.del(...keys);
    }
    client.disconnect();
  });
  return {
    redis: () => (client ??= new Redis(REDIS_URL!, { maxRetriesPerRequest: 1 })),
    prefix: () => {
      const prefix = `test-${randomUUID().slice(0, 8)}:`;
      prefixes.push(prefix);
      return prefix;
    },
  };
}
