import { describe, expect, it } from 'vitest';
import { neutropeniaGradesOf, speaksOfNeutropeniaGrade, speaksOfOtherNeutropeniaGrade } from '../../src/answer/neutropenia-bands.js';
import { neutropeniaBandOf, neutropeniaGradeWords } from '../../src/rules/neutropenia-grade.js';

describe('grades of neutropenia', () => {
  it('bands a count in ×10⁹/L by the CTCAE grades the labels act on, an edge in the milder grade', () => {
    expect(neutropeniaBandOf(1.2)).toBe('grade 1 or 2');
    expect(neutropeniaBandOf(1)).toBe('grade 1 or 2');
    expect(neutropeniaBandOf(0.999)).toBe('grade 3');
    expect(neutropeniaBandOf(0.5)).toBe('grade 3');
    expect(neutropeniaBandOf(0.49)).toBe('grade 4');
    expect(neutropeniaGradeWords(0.7)).toBe('grade 3 neutropenia');
    expect(neutropeniaGradeWords(3.1)).toBe('no worse than grade 2 neutropenia');
  });

  it('reads the grades a sentence states, not the grade treatment resumes at, and none from other sentences', () => {
    expect([...neutropeniaGradesOf('Grade 1 or 2 neutropenia needs no change to the dose.')]).toEqual([1, 2]);
    expect([...neutropeniaGradesOf('grade 3 or higher neutropenia in 66%')]).toEqual([3, 4]);
    expect([...neutropeniaGradesOf('For grade 4 neutropenia it is interrupted until the count recovers to grade 2 or better.')]).toEqual([4]);
    // A grade of another harm is not a grade of neutropenia.
    expect([...neutropeniaGradesOf('For grade 3 diarrhoea, abemaciclib is suspended.')]).toEqual([]);
  });

  it('finds the rule for another grade than the case\'s count, and the rule for its own', () => {
    const noChange = 'Grade 1 or 2 neutropenia (an absolute neutrophil count of 1,000/mm³ or more) needs no change to the dose.';
    const grade3 = 'For grade 3 neutropenia, ribociclib is interrupted until the count recovers to grade 2 or better.';
    expect(speaksOfOtherNeutropeniaGrade(noChange, 0.7)).toBe(true);
    expect(speaksOfOtherNeutropeniaGrade(noChange, 1.2)).toBe(false);
    expect(speaksOfOtherNeutropeniaGrade(grade3, 1.2)).toBe(true);
    expect(speaksOfNeutropeniaGrade(grade3, 0.7)).toBe(true);
    expect(speaksOfNeutropeniaGrade(grade3, 0.3)).toBe(false);
    expect(speaksOfOtherNeutropeniaGrade('Neutropenia is the most common side effect.', 0.3)).toBe(false);
  });
});
