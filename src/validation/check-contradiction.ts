import type { Analyzer } from '../text/analyzer.js';
import { normalizeText } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';
import type { CheckProblem } from './check-problem.js';
import { claimTerms, coverageOf } from './check-support.js';
import { MIN_CONTRADICTION_OVERLAP } from './thresholds.js';

// Comparator phrases hold "no", "less", "more" without negating or reversing anything, and
// "whether or not" / "with or without" hold a "not" that negates nothing.
const COMPARATOR_PHRASES =
  /\bwhether or not\b|\bwith or without\b|\beven without\b|\bregardless of\b|\b(?:no|not) (?:less|more|fewer|greater|longer|shorter) than\b|\b(?:less|more|fewer|greater|higher|lower|longer|shorter) than\b|\bat (?:least|most)\b|\bno (?:longer|later|sooner)\b|\bor more\b|\bor less\b|\bor higher\b|\bor lower\b|\bor fewer\b/g;
const NEGATION_CUES = new Set([
  'not', 'no', 'never', 'none', 'neither', 'without', 'avoid', 'avoided', 'avoiding', 'insufficient',
  'unproven', 'lack', 'lacks', 'absence', 'absent', 'cannot', 'nothing', 'nobody', 'unsafe',
]);

// Pairs of opposite directions; a claim that takes one side against a cited sentence taking only the other is a flip.
const DIRECTIONS: ReadonlyArray<{ name: string; up: RegExp; down: RegExp }> = [
  {
    name: 'increase/decrease',
    up: /\b(?:increas\w*|rais(?:e|es|ed|ing)|rise|rises|rising|rose|higher|greater|more|elevat\w*|boost\w*)\b/,
    down: /\b(?:decreas\w*|reduc\w*|lower(?:s|ed|ing)?|less|fewer|drop(?:s|ped)?|fall|falls|fell|declin\w*|cut(?:s)?)\b/,
  },
  { name: 'better/worse', up: /\b(?:superior|better|improv\w*|benefit(?:s|ed)?)\b/, down: /\b(?:inferior|worse|worsen\w*|harm\w*)\b/ },
  { name: 'before/after', up: /\bbefore\b|\bprior to\b/, down: /\bafter\b|\bfollowing\b/ },
  { name: 'longer/shorter', up: /\blonger\b/, down: /\bshorter\b/ },
  { name: 'start/stop', up: /\b(?:start|starts|started|starting|begin|continu\w*)\b/, down: /\b(?:stop|stops|stopped|stopping|discontinu\w*|withh[oe]ld\w*)\b/ },
];

function prepared(text: string): string {
  return normalizeText(text)
    .replace(/\b(?:non-?inferior\w*|(?:not|no) worse|(?:not|no) inferior)\b/g, ' noninferior ')
    .replace(/n't\b/g, ' not')
    .replace(COMPARATOR_PHRASES, ' ');
}

/** Negation parity: "not recommended without evidence" is as positive as "recommended with evidence". */
export function isNegated(text: string): boolean {
  const words = prepared(text).match(/[a-z][a-z-]*/g) ?? [];
  return words.filter((word) => NEGATION_CUES.has(word)).length % 2 === 1;
}

function directionsOf(text: string): Map<string, 'up' | 'down'> {
  const found = new Map<string, 'up' | 'down'>();
  const clean = prepared(text);
  for (const direction of DIRECTIONS) {
    const up = direction.up.test(clean);
    const down = direction.down.test(clean);
    if (up !== down) found.set(direction.name, up ? 'up' : 'down');
  }
  return found;
}

function conflict(claim: string, sentence: string): string | null {
  if (isNegated(claim) !== isNegated(sentence)) {
    return isNegated(claim) ? 'negates what the cited source states' : 'states as true what the cited source negates';
  }
  const sentenceDirections = directionsOf(sentence);
  for (const [name, side] of directionsOf(claim)) {
    const other = sentenceDirections.get(name);
    if (other && other !== side) return `reverses the direction (${name}) of the cited source`;
  }
  return null;
}

// A sentence and its clauses: "X is not Y; X does Z" states one negative and one positive fact.
function unitsOf(text: string): string[] {
  const units: string[] = [];
  for (const sentence of splitSentences(text)) {
    units.push(sentence);
    const clauses = sentence.split(/;|,\s+(?:but|whereas|while|although)\s+|:\s+/).map((clause) => clause.trim()).filter(Boolean);
    if (clauses.length > 1) units.push(...clauses);
  }
  return units;
}

/**
 * Compares the claim with the cited sentence or clause that best matches it; a claim contradicts
 * its source when every best match has the opposite polarity or direction. Returns the problem, or null.
 */
export function checkContradiction(analyzer: Analyzer, claimText: string, evidenceTexts: readonly string[]): CheckProblem | null {
  const whole = checkClause(analyzer, claimText, evidenceTexts);
  if (!whole) return null;
  // "A is not B, so they are not C": parity over the whole claim can mislead, so a conflict must
  // also show in one of its clauses.
  const clauses = claimText.split(CLAIM_CLAUSE).map((clause) => clause.trim()).filter(Boolean);
  if (clauses.length < 2) return whole;
  for (const clause of clauses) {
    const reason = checkClause(analyzer, clause, evidenceTexts);
    if (reason) return reason;
  }
  return null;
}

const CLAIM_CLAUSE = /;|,\s+(?:so|but|and|whereas|while|although|because|as)\s+|:\s+/;

function checkClause(analyzer: Analyzer, claimText: string, evidenceTexts: readonly string[]): CheckProblem | null {
  const terms = claimTerms(analyzer, claimText);
  if (terms.length === 0) return null;
  // The best match is the most similar unit (Jaccard), so a clause that states just the claim's
  // fact beats the whole sentence around it.
  let best = 0;
  let bestUnits: string[] = [];
  for (const text of evidenceTexts) {
    for (const line of text.split('\n')) {
      for (const unit of unitsOf(line)) {
        const unitTerms = claimTerms(analyzer, unit);
        const { coverage, missing } = coverageOf(terms, new Set(unitTerms));
        if (coverage < MIN_CONTRADICTION_OVERLAP) continue;
        const shared = terms.length - missing.length;
        const similarity = shared / (terms.length + Math.max(unitTerms.length - shared, 0));
        if (similarity > best + 1e-9) {
          best = similarity;
          bestUnits = [unit];
        } else if (Math.abs(similarity - best) <= 1e-9) {
          bestUnits.push(unit);
        }
      }
    }
  }
  if (bestUnits.length === 0) return null;
  const reasons = bestUnits.map((unit) => conflict(claimText, unit));
  if (reasons.some((reason) => reason === null)) return null;
  const quoted = bestUnits[0]!.length > 140 ? `${bestUnits[0]!.slice(0, 137)}…` : bestUnits[0]!;
  return { reason: reasons[0]!, detail: `cited text: "${quoted}"` };
}
