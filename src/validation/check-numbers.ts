import { extractQuantities, type Quantity } from './quantities.js';
import { NUMBER_TOLERANCE } from './thresholds.js';

function sameAmount(claim: Quantity, evidence: Quantity): boolean {
  if (Math.abs(claim.value - evidence.value) >= NUMBER_TOLERANCE) return false;
  // A bare number in either text matches; two units must agree ("4 weeks" is not "4 mg").
  return claim.unit === null || evidence.unit === null || claim.unit === evidence.unit;
}

function describe(quantity: Quantity): string {
  return quantity.text || String(quantity.value);
}

/**
 * Returns one reason per amount of the claim that the evidence does not state: a missing value,
 * a different unit, or the opposite comparator ("> 30 mL/min" against "< 30 mL/min").
 */
export function checkNumbers(claimText: string, evidence: readonly Quantity[]): string[] {
  const reasons: string[] = [];
  const seen = new Set<string>();
  for (const quantity of extractQuantities(claimText)) {
    const key = `${quantity.comparator}|${quantity.value}|${quantity.unit}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const matches = evidence.filter((candidate) => sameAmount(quantity, candidate));
    const label = quantity.unit ? `${quantity.value} ${quantity.unit}` : String(quantity.value);
    if (matches.length === 0) {
      reasons.push(`"${describe(quantity)}" (${label}) does not appear in the cited sources or findings`);
    } else if (
      quantity.comparator &&
      matches.every((candidate) => candidate.comparator !== null && candidate.comparator !== quantity.comparator)
    ) {
      reasons.push(`"${describe(quantity)}" reverses the limit the cited sources give (${describe(matches[0]!)})`);
    }
  }
  return reasons;
}

export { extractQuantities };
