// Grades of neutropenia by absolute neutrophil count (CTCAE v5, "neutrophil count decreased"), the grades
// the Ibrance and Kisqali prescribing information act on: grade 3 is 500 to below 1,000/mm³, grade 4 below 500.
// Grades 1 and 2 (1,000/mm³ or more) call for no change to either medicine, so they are one band here.

export type NeutropeniaBand = 'grade 1 or 2' | 'grade 3' | 'grade 4';

/** The band of a count in ×10⁹/L; a count at a band edge belongs to the milder band, as the grades are defined. */
export function neutropeniaBandOf(count: number): NeutropeniaBand {
  if (count < 0.5) return 'grade 4';
  if (count < 1) return 'grade 3';
  return 'grade 1 or 2';
}

/** The grades (1–4) a band covers. */
export function gradesOfBand(band: NeutropeniaBand): readonly number[] {
  return band === 'grade 4' ? [4] : band === 'grade 3' ? [3] : [1, 2];
}

/** The band in words for a case summary: "grade 3 neutropenia", "no worse than grade 2 neutropenia". */
export function neutropeniaGradeWords(count: number): string {
  const band = neutropeniaBandOf(count);
  return band === 'grade 1 or 2' ? 'no worse than grade 2 neutropenia' : `${band} neutropenia`;
}
