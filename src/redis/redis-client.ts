import { Redis } from 'ioredis';

export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

/**
 * Connects to REDIS_URL and waits until Redis answers, so that a wrong URL stops start-up with a
 * plain message instead of failing the first requests. Afterwards ioredis reconnects by itself;
 * commands fail fast (one retry) rather than queueing while Redis is away.
 */
export async function connectRedis(url: string, options: { timeoutMs?: number } = {}): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: true, connectTimeout: options.timeoutMs ?? 5_000 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new RedisUnavailableError(`Redis at ${redactedUrl(url)} did not answer: ${error instanceof Error ? error.message : String(error)}. Check REDIS_URL.`, { cause: error });
  }
  return redis;
}

/** The URL without its password, for messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}
