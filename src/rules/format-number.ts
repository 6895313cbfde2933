// Tiny offsets absorb binary floating-point error (12.8 stored as 12.8000000001) so it never moves a
// value to the next tenth; they are far below any clinically meaningful difference.
const FLOATING_POINT_SLACK = 1e-9;

/** Rounds to one decimal and prints without a trailing ".0", the way the knowledge pack writes numbers. */
export function roundToTenth(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Rounds down to one decimal: for a value where lower is the more cautious reading (creatinine clearance). */
export function floorToTenth(value: number): number {
  return Math.floor(value * 10 + FLOATING_POINT_SLACK) / 10;
}

/** Rounds up to one decimal: for a value where higher is the more cautious reading (calcium above normal). */
export function ceilToTenth(value: number): number {
  return Math.ceil(value * 10 - FLOATING_POINT_SLACK) / 10;
}

/**
 * A measured value shown to one decimal and the band it falls in, where a band edge must never move the
 * patient into a less cautious band: the band is read from the value rounded in the cautious direction,
 * and the usual rounding is shown unless it would read as a different band (29.96 mL/min shows as 29.9).
 */
export function cautiousTenth<Band>(value: number, cautious: (value: number) => number, bandOf: (value: number) => Band): { shown: number; band: Band } {
  const careful = cautious(value);
  const band = bandOf(careful);
  const nearest = roundToTenth(value);
  return { shown: bandOf(nearest) === band ? nearest : careful, band };
}

export function formatNumber(value: number): string {
  return String(roundToTenth(value));
}

/** Rounds to two decimals, halves up: serum creatinine is reported to 0.01 mg/dL. */
export function roundToHundredth(value: number): number {
  return Math.round(value * 100 + FLOATING_POINT_SLACK) / 100;
}

/** Rounds down to two decimals: for a limit where lower is the more cautious reading (creatinine to resume at). */
export function floorToHundredth(value: number): number {
  return Math.floor(value * 100 + FLOATING_POINT_SLACK) / 100;
}

/** Prints a value to two decimals, keeping one (0.99, 1.5, 1.0), the way creatinine and the label's rises are written. */
export function formatHundredths(value: number): string {
  return roundToHundredth(value).toFixed(2).replace(/(\.\d)0$/, '$1');
}
