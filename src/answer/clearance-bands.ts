// Sentences written for a band of kidney function ("with a creatinine clearance above 60 mL/min, no
// change in dose is needed") speak of other patients when the case's clearance lies outside every band
// they state: a clinician asking about a clearance of 45 is not helped by the rule for above 60.

import { allMatches } from '../text/all-matches.js';

type Band = { low: number; high: number };

// "creatinine clearance of 40–49 mL/min", "…above 60 mL/min", "…below 30 mL/min"; bounded gaps keep the scan linear.
const BAND = /\bcreatinine clearance (?:is |was )?(?:(of) (\d+(?:\.\d+)?)\s*[–-]\s*(\d+(?:\.\d+)?)|(above|over|greater than|more than|below|under|less than) (\d+(?:\.\d+)?))\s*mL\/min/gi;

/** The clearance bands a sentence states, empty when it states none. */
export function clearanceBandsOf(text: string): Band[] {
  const bands: Band[] = [];
  // Most sentences never mention clearance: they skip the pattern.
  if (!text.includes('reatinine clearance')) return bands;
  for (const match of allMatches(text, BAND)) {
    if (match[1]) bands.push({ low: Number(match[2]), high: Number(match[3]) });
    else if (match[4]) {
      const limit = Number(match[5]);
      // Band edges are whole mL/min in the label's tables ("40–49", "below 30"), so a value between two
      // whole numbers belongs to the lower band: it is never read as kidney function it does not have.
      bands.push(/^(?:above|over|greater than|more than)$/i.test(match[4]) ? { low: limit + 1, high: Infinity } : { low: -Infinity, high: limit - 1 });
    }
  }
  return bands;
}

/** Whether the sentence states clearance bands and the case's clearance lies in none of them. */
export function speaksOfOtherClearance(text: string, clearance: number): boolean {
  const bands = clearanceBandsOf(text);
  // A case value between whole numbers (49.5) sits between "40–49" and "50–60": it is read in the lower band.
  const value = Math.floor(clearance);
  return bands.length > 0 && !bands.some((band) => value >= band.low && value <= band.high);
}
