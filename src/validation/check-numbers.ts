import type { CheckProblem } from './check-problem.js';
import { extractQuantities, type Quantity } from './quantities.js';
import { NUMBER_TOLERANCE } from './thresholds.js';

function sameAmount(claim: Quantity, evidence: Quantity): boolean {
  if (Math.abs(claim.value - evidence.value) >= NUMBER_TOLERANCE) return false;
  // A bare number in either text matches; two units must agree ("4 weeks" is not "4 mg").
  return claim.unit === null || evidence.unit === null || claim.unit === evidence.unit;
}

function describe(quantity: Quantity): string {
  const label = quantity.unit ? `${quantity.value} ${quantity.unit}` : String(quantity.value);
  return `"${quantity.text || quantity.value}" (${label})`;
}

/**
 * One problem per amount of the claim that the evidence does not state: a missing value, a
 * different unit, or a limit the evidence does not give: "> 30 mL/min" against "< 30 mL/min",
 * or "below 14 mg/dL" where 14 is only the end of a range ("12–14 mg/dL") or another limit.
 */
export function checkNumbers(claimText: string, evidence: readonly Quantity[]): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const seen = new Set<string>();
  for (const quantity of extractQuantities(claimText)) {
    const key = `${quantity.comparator}|${quantity.value}|${quantity.unit}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const matches = evidence.filter((candidate) => sameAmount(quantity, candidate));
    if (matches.length === 0) {
      problems.push({ reason: 'gives an amount that does not appear in the cited sources or findings', detail: describe(quantity) });
      continue;
    }
    if (!quantity.comparator || quantity.range) continue;
    const statesLimit = matches.some((candidate) => candidate.comparator === quantity.comparator || (candidate.comparator === null && !candidate.range));
    if (!statesLimit) {
      problems.push({ reason: 'gives a limit the cited sources do not give (reversed, or the end of a different range)', detail: `${describe(quantity)} against ${describe(matches[0]!)}` });
    }
  }
  return problems;
}

export { extractQuantities };
