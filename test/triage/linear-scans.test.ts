// Text scans must cost time linear in the message length. These tests check the structural guarantees
// that give it (bounded repetition, bounded windows); `npm run bench` measures the time itself.
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectKnowledge } from '../../src/knowledge/load-knowledge.js';
import { isNegated, NEGATION_WINDOW } from '../../src/rules/negation.js';
import { loadTriage, triageDirOf } from '../../src/triage/load-triage.js';
import { hasUnboundedRepetition, prepareForPhrases } from '../../src/triage/phrase-pattern.js';
import type { Triage } from '../../src/triage/triage.js';

let triage: Triage;
beforeAll(async () => {
  triage = await loadTriage(triageDirOf('knowledge'), (await inspectKnowledge('knowledge')).base);
});

function negatedAt(text: string, target: string): boolean {
  const start = text.lastIndexOf(target);
  return isNegated(text, start, start + target.length);
}

describe('bounded repetition', () => {
  it('holds for every compiled triage pattern: phrases, scope cues, spellings and readings', () => {
    expect(triage.patterns.length).toBeGreaterThan(50);
    const unbounded = triage.patterns.filter((pattern) => hasUnboundedRepetition(pattern.source)).map((pattern) => pattern.source.slice(0, 80));
    expect(unbounded).toEqual([]);
  });
});

describe('bounded windows', () => {
  const sentences: Array<[string, string, boolean]> = [
    ['no leg weakness', 'leg weakness', true],
    ['denies numbness, tingling or weakness', 'weakness', true],
    ['no fever, but new back pain', 'back pain', false],
    ['leg weakness', 'leg weakness', false],
  ];

  it.each(sentences)('negation of "%s" does not depend on text before the window', (sentence, target, negated) => {
    expect(negatedAt(sentence, target)).toBe(negated);
    const longPrefix = 'no fever, no rash, no cough. '.repeat(200);
    expect(negatedAt(`${longPrefix}${sentence}`, target)).toBe(negated);
    // A prefix with no sentence end at all: only the window before the target is read.
    const unbroken = 'tired and sore and '.repeat(300);
    expect(negatedAt(`${unbroken}${sentence}`, target)).toBe(negated);
  });

  it('ignores a negation cue further back than the window', () => {
    const filler = ' and'.repeat(Math.ceil(NEGATION_WINDOW.before / 4) + 10);
    expect(negatedAt(`no fever${filler} back pain`, 'back pain')).toBe(false);
  });

  it('treats a sentence too long to see its start as a report, not a general question', () => {
    const opener = 'what is this';
    const filler = ' and more'.repeat(60);
    // Within the window the question opener is seen: a general question gives information only.
    expect(triage.triage(`${opener} numbness in the legs`, 'patient').map((alert) => alert.level)).toEqual(['information']);
    // Beyond it, the opener cannot be seen, so the sign counts as reported (the cautious reading).
    expect(triage.triage(`${opener}${filler} numbness in the legs`, 'patient').map((alert) => alert.level)).toEqual(['immediate']);
  });

  it('prepares text in one pass with single spaces', () => {
    const long = `${'word '.repeat(1000)}  \n\t end`;
    expect(prepareForPhrases(long)).toBe(` ${'word '.repeat(1000)}end `);
  });
});
