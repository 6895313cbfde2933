/** Rounds to one decimal and prints without a trailing ".0", the way the knowledge pack writes numbers. */
export function roundToTenth(value: number): number {
  return Math.round(value * 10) / 10;
}

export function formatNumber(value: number): string {
  return String(roundToTenth(value));
}
