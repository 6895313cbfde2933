// Sentences written for a grade of neutropenia ("Grade 1 or 2 neutropenia needs no change to the dose")
// speak of other patients when the case's neutrophil count is of another grade: a clinician with a count
// of 0.7 ×10⁹/L (grade 3) is misled by the rule for grades 1 and 2.

import { allMatches } from '../text/all-matches.js';
import { gradesOfBand, neutropeniaBandOf } from '../rules/neutropenia-grade.js';

// "grade 3", "grade 1 or 2", "grade 3 or 4", "grade 3 or higher", "grade 2 or better"; bounded, so linear.
const GRADE = /\bgrades? ([1-4])(?:(?:,| or| and| to) ([1-4]))?(?: or (higher|more|worse|above|better|lower|less|below))?/gi;

const RECOVERY = /\b(?:recover(?:s|ed)?|back) to grade [1-4](?: or (?:better|lower|less))?/gi;

/** The grades of neutropenia a sentence states (1–4), empty when it states none or speaks of something else. */
export function neutropeniaGradesOf(text: string): Set<number> {
  const grades = new Set<number>();
  // Most sentences never speak of neutropenia: they skip the pattern.
  if (!/neutropeni/i.test(text)) return grades;
  // "until the count recovers to grade 2 or better" is where treatment resumes, not the grade the sentence is for.
  for (const match of allMatches(text.replace(RECOVERY, ''), GRADE)) {
    const low = Number(match[1]);
    const high = match[2] ? Number(match[2]) : low;
    const [from, to] = /higher|more|worse|above/i.test(match[3] ?? '') ? [low, 4] : /better|lower|less|below/i.test(match[3] ?? '') ? [1, high] : [Math.min(low, high), Math.max(low, high)];
    for (let grade = from; grade <= to; grade += 1) grades.add(grade);
  }
  return grades;
}

/** Whether the sentence states the grade of neutropenia the case's count (×10⁹/L) is in. */
export function speaksOfNeutropeniaGrade(text: string, neutrophilCount: number): boolean {
  const grades = neutropeniaGradesOf(text);
  return gradesOfBand(neutropeniaBandOf(neutrophilCount)).some((grade) => grades.has(grade));
}

/** Whether the sentence states grades of neutropenia and the case's count (×10⁹/L) is of none of them. */
export function speaksOfOtherNeutropeniaGrade(text: string, neutrophilCount: number): boolean {
  const grades = neutropeniaGradesOf(text);
  return grades.size > 0 && !gradesOfBand(neutropeniaBandOf(neutrophilCount)).some((grade) => grades.has(grade));
}
