import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createLiteralScanner } from '../../src/text/literal-scanner.js';

const naive = (groups: string[][], text: string) => Uint8Array.from(groups, (group) => (group.some((literal) => text.includes(literal)) ? 1 : 0));

describe('the literal scanner', () => {
  it('finds a group when any one of its strings occurs, overlapping or nested in another', () => {
    const scanner = createLiteralScanner([[' weak', ' legs '], ['eak'], ['she', 'he'], ['hers'], ['é']]);
    expect([...scanner.scan(' my legs are weak ')]).toEqual([1, 1, 0, 0, 0]);
    expect([...scanner.scan('ushers')]).toEqual([0, 0, 1, 1, 0]);
    expect([...scanner.scan('he')]).toEqual([0, 0, 1, 0, 0]);
    expect([...scanner.scan('café')]).toEqual([0, 0, 0, 0, 1]);
    expect([...scanner.scan('')]).toEqual([0, 0, 0, 0, 0]);
  });

  it('refuses the empty string, which every text would hold', () => {
    expect(() => createLiteralScanner([['a', '']])).toThrow(/empty string/);
  });

  // A small alphabet makes overlaps, shared prefixes and suffixes common.
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), minLength: 1, maxLength: 5 });
  test.prop([fc.array(fc.array(word, { minLength: 1, maxLength: 4 }), { maxLength: 12 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'x'), maxLength: 60 })], { numRuns: 500 })(
    'agrees with looking for every string on its own',
    (groups, text) => {
      expect([...createLiteralScanner(groups).scan(text)]).toEqual([...naive(groups, text)]);
    },
  );
});
