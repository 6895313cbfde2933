import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../src/text/bounded-memo.js';

describe('boundedMemo', () => {
  it('computes a key once while it is kept, and starts over when the limit is reached', () => {
    const computed: string[] = [];
    const upper = boundedMemo((key: string) => {
      computed.push(key);
      return key.toUpperCase();
    }, 2);
    expect(upper('a')).toBe('A');
    expect(upper('a')).toBe('A');
    expect(upper('b')).toBe('B');
    expect(computed).toEqual(['a', 'b']);
    // A third key empties the store first, so "a" is computed again.
    expect(upper('c')).toBe('C');
    expect(upper('a')).toBe('A');
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });
});
