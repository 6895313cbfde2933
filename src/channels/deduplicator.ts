/**
 * Remembers platform event ids so that a retried or replayed delivery is acknowledged and dropped.
 * `seen` records the key and answers whether it was already there, in one step, so that two
 * deliveries racing each other cannot both pass.
 */
export interface Deduplicator {
  seen(key: string, ttlMs: number): Promise<boolean>;
}

/** Event ids in process memory: enough for one instance (several instances need a shared store). */
export function createMemoryDeduplicator(options: { now?: () => number; maxEntries?: number } = {}): Deduplicator {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 100_000;
  const expiries = new Map<string, number>();

  const sweep = (time: number) => {
    for (const [key, expiry] of expiries) if (expiry <= time) expiries.delete(key);
    // Still full of live keys: drop the oldest (a Map iterates in insertion order).
    for (const key of expiries.keys()) {
      if (expiries.size < maxEntries) break;
      expiries.delete(key);
    }
  };

  return {
    async seen(key, ttlMs) {
      const time = now();
      const expiry = expiries.get(key);
      if (expiry !== undefined && expiry > time) return true;
      if (expiries.size >= maxEntries) sweep(time);
      expiries.delete(key);
      expiries.set(key, time + ttlMs);
      return false;
    },
  };
}
