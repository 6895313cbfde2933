import { stemmer } from 'stemmer';
import type { Analyzer } from '../text/analyzer.js';
import type { CheckProblem } from './check-problem.js';
import { DISCOURSE_TERMS, MIN_SHARED_PREFIX, MIN_SUPPORT_COVERAGE } from './thresholds.js';

export type Coverage = { coverage: number; missing: string[]; total: number };

function sharesPrefix(a: string, b: string): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (shorter.length < MIN_SHARED_PREFIX) return false;
  return longer.startsWith(shorter.slice(0, Math.max(MIN_SHARED_PREFIX, shorter.length - 2)));
}

/** A claim's terms that matter for support: content terms minus the words that only shape an answer. */
export function claimTerms(analyzer: Analyzer, text: string): string[] {
  return [...new Set(analyzer.terms(text))].filter((term) => !DISCOURSE_TERMS.has(term));
}

/**
 * Writes plurals of synonym terms in the singular ("BMAs" → "BMA", "SREs" → "SRE") when only the
 * singular is listed, so a claim and a passage that differ in number still fold to one term.
 */
export function foldPlurals(analyzer: Analyzer, text: string): string {
  return text.replace(/\b([A-Za-z][\w-]*[A-Za-z])s\b/g, (word: string, singular: string) => {
    if (analyzer.terms(word).some((term) => term.startsWith('syn_'))) return word;
    const folded = analyzer.terms(singular);
    return folded.length === 1 && folded[0]!.startsWith('syn_') ? singular : word;
  });
}

// syn_intravenous is also said by the stems of its name ("intravenously" → intraven).
function canonicalStems(term: string): string[] {
  return term.slice('syn_'.length).split('_').filter((word) => word.length > 2).map((word) => stemmer(word));
}

/** Share of `terms` found in `evidence` (exactly, or as another ending of the same stem). */
export function coverageOf(terms: readonly string[], evidence: ReadonlySet<string>): Coverage {
  const missing: string[] = [];
  for (const term of terms) {
    if (evidence.has(term)) continue;
    if (term.startsWith('syn_')) {
      const stems = canonicalStems(term);
      if (stems.length > 0 && stems.every((stem) => evidence.has(stem))) continue;
    }
    let found = false;
    for (const candidate of evidence) {
      if (sharesPrefix(term, candidate)) {
        found = true;
        break;
      }
    }
    if (!found) missing.push(term);
  }
  const total = terms.length;
  return { coverage: total === 0 ? 1 : (total - missing.length) / total, missing, total };
}

// Drug-name endings (INN stems), after stemming: monoclonal antibodies, kinase inhibitors, bisphosphonates …
const DRUG_NAME = /(?:mab|nib|lib|clib|parib|dron|dronat|platin|taxel|rubicin|trozol|xifen|strant|tecan|lisib|sertib|mycin|cillin|olol|pril|sartan|azol)$/;

// Routes of giving a drug: "orally" for "subcutaneously" is one word of a long claim, but never a paraphrase.
const ROUTE = /^(?:oral|intraven|subcutan|intramuscular|intrathec|topic|sublingu|inhal|rectal|transderm)/;

export type KeyTermKind = 'drug' | 'route' | 'other';

/** What a key term names: a drug (by its INN stem), a route of giving, or another curated concept; null for other words. */
export function keyTermKind(term: string): KeyTermKind | null {
  if (term.startsWith('syn_')) {
    const stems = canonicalStems(term);
    if (stems.some((stem) => ROUTE.test(stem))) return 'route';
    return stems.some((stem) => DRUG_NAME.test(stem)) ? 'drug' : 'other';
  }
  if (DRUG_NAME.test(term)) return 'drug';
  return ROUTE.test(term) ? 'route' : null;
}

/** Terms that name the thing a claim is about: curated synonyms (drugs, conditions, tests), drug names, routes. */
export function isKeyTerm(term: string): boolean {
  return keyTermKind(term) !== null;
}

/** A term as a reader would recognise it: "syn_zoledronic_acid" → "zoledronic acid". */
export function displayTerm(term: string): string {
  return term.replace(/^syn_/, '').replace(/_/g, ' ');
}

/**
 * A problem when the cited evidence does not cover enough of the claim, or does not name a drug or
 * condition the claim names ("pamidronate" against a denosumab passage), else null.
 */
export function checkSupport(terms: readonly string[], evidence: ReadonlySet<string>, citedLabel: string): CheckProblem | null {
  const { coverage, missing } = coverageOf(terms, evidence);
  const missingKeys = missing.filter(isKeyTerm);
  if (missingKeys.length > 0) {
    return { reason: `names a drug, condition or route that ${citedLabel} does not mention`, detail: `not in ${citedLabel}: ${missingKeys.map(displayTerm).join(', ')}` };
  }
  if (coverage >= MIN_SUPPORT_COVERAGE) return null;
  return {
    reason: `only ${Math.round(coverage * 100)}% of the claim's terms occur in ${citedLabel} (needs ${Math.round(MIN_SUPPORT_COVERAGE * 100)}%)`,
    detail: `not found: ${missing.slice(0, 6).map(displayTerm).join(', ')}`,
  };
}
