/**
 * `compute` with its results kept by key. The store is emptied when it reaches `limit`, so that
 * arbitrary input (model text, pasted messages) cannot grow it for ever; the keys worth keeping are
 * the few thousand the knowledge repeats, and they come back at once.
 */
export function boundedMemo<T>(compute: (key: string) => T, limit: number): (key: string) => T {
  const kept = new Map<string, T>();
  return (key) => {
    let value = kept.get(key);
    if (value === undefined) {
      value = compute(key);
      if (kept.size >= limit) kept.clear();
      kept.set(key, value);
    }
    return value;
  };
}
