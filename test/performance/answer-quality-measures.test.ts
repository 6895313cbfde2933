import { describe, expect, it } from 'vitest';
import { findRepeat, measureAnswers, type QuestionOutcome } from '../../bench/answer-quality-measures.js';

// The arithmetic of `npm run eval:answers`, on outcomes built by hand.
function outcome(id: string, expected: string[][], cited: string[], leadCited: string[], sentences: string[], refused = false): QuestionOutcome {
  return {
    id,
    kind: 'specific',
    audience: 'professional',
    inScope: true,
    refused,
    expected,
    cited: new Set(cited),
    leadCited: new Set(leadCited),
    sentences,
    sectionOf: () => undefined,
    grade: 10,
    references: cited.length,
    question: id,
    title: id,
  };
}

describe('answer quality measures', () => {
  it('count recall over expected facts, the bottom line only where it quotes one, and the median length', () => {
    const answers = [
      // Both facts cited, and the bottom line quotes one of them.
      outcome('a', [['p1'], ['p2', 'p2b']], ['p1', 'p2b', 'p9'], ['p1'], ['one.', 'two.', 'three.']),
      // One of two facts cited, the bottom line quotes something else.
      outcome('b', [['p3'], ['p4']], ['p3', 'p8'], ['p8'], ['one.', 'two.', 'three.', 'four.', 'five.']),
      // Refused: counts against recall, not in the bottom line or the length.
      outcome('c', [['p5']], [], [], [], true),
    ];
    const { summary, misses } = measureAnswers(answers, []);
    expect(summary['expected-fact recall']).toBe(0.6);
    expect(summary['bottom line answers']).toBe(0.5);
    expect(summary['median sentences']).toBe(4);
    expect(summary['in scope refused']).toBe(0.333);
    expect(misses.some((line) => line.startsWith('LEAD b'))).toBe(true);
    expect(misses.some((line) => line.startsWith('LEAD a'))).toBe(false);
    // Nothing to measure is not a score of 0: these answers hold no chain and no out-of-scope question.
    expect(summary['chains resolved']).toBe('–');
    expect(summary['out of scope refused']).toBe('–');
  });

  it('finds two sentences that say the same thing, except rows of one section', () => {
    const sentences = ['Zoledronic acid 4 mg is infused over 15 minutes.', 'Zoledronic acid 4 mg is infused over 15 minutes at least.'];
    expect(findRepeat({ sentences, sectionOf: () => undefined })).toEqual(sentences);
    expect(findRepeat({ sentences, sectionOf: () => 'doc#table' })).toBeUndefined();
  });
});
