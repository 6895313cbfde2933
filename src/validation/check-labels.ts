import type { ValidationCheck } from '../domain/types.js';
import type { Analyzer } from '../text/analyzer.js';
import type { CheckProblem } from './check-problem.js';
import { checkNumbers } from './check-numbers.js';
import { claimTerms, coverageOf, displayTerm } from './check-support.js';
import { checkUnknownSources } from './check-unknown-sources.js';
import { unsupportedMeaningWords } from './check-meaning.js';
import { stripCitations } from './citations.js';
import type { Quantity } from './quantities.js';
import { WORDING } from './wording.js';

/** Text that speaks to the model or about it rather than stating guideline content. */
export const INSTRUCTION_ECHO =
  /\b(?:ignore|disregard|forget)\b.{0,40}\b(?:instructions?|prompts?|rules?|guidelines?|sources?)\b|\bsystem prompt\b|\bdeveloper mode\b|\byou are now\b|\bas an ai\b|\bjailbreak\b/i;

export type LabelKind = 'heading' | 'table header' | 'bold label' | 'lead-in';

/** Everything offered to the model, which a label may draw its words from. */
export type LabelContext = {
  analyzer: Analyzer;
  evidence: string;
  evidenceTerms: ReadonlySet<string>;
  evidenceQuantities: readonly Quantity[];
};

export type LabelProblem = CheckProblem & { check: ValidationCheck };

const neutralTermsByAnalyzer = new WeakMap<Analyzer, Set<string>>();

function neutralTerms(analyzer: Analyzer): Set<string> {
  let terms = neutralTermsByAnalyzer.get(analyzer);
  if (!terms) {
    terms = new Set(WORDING.neutralHeading.flatMap((word) => analyzer.terms(word)));
    neutralTermsByAnalyzer.set(analyzer, terms);
  }
  return terms;
}

/** A label without its markdown emphasis and citation markers. */
export function plainLabel(text: string): string {
  return stripCitations(text).replace(/[*_`]+/g, '').replace(/:\s*$/, '').trim();
}

/**
 * Headings, table headers, bold labels and list lead-ins are shown like claims but cite nothing, so
 * they may only name what the sources offered name, in their words or in the neutral words that name
 * parts of an answer ("Options and doses", "Critical pitfalls"). Returns every problem found.
 */
export function checkLabel(text: string, kind: LabelKind, context: LabelContext): LabelProblem[] {
  const plain = plainLabel(text);
  const problems: LabelProblem[] = [];
  if (INSTRUCTION_ECHO.test(plain)) problems.push({ check: 'heading', reason: `the ${kind} repeats instructions instead of naming guideline content` });
  for (const problem of checkUnknownSources(context.analyzer, plain, context.evidence)) problems.push({ check: 'unknown-source', reason: `the ${kind} ${problem.reason}`, ...(problem.detail ? { detail: problem.detail } : {}) });
  for (const problem of checkNumbers(plain, context.evidenceQuantities)) {
    problems.push({ check: 'number', reason: `the ${kind} ${problem.reason.replace('the cited sources or findings', 'any source or finding offered')}`, ...(problem.detail ? { detail: problem.detail } : {}) });
  }
  const meaning = unsupportedMeaningWords(plain, context.evidence);
  if (meaning.length > 0) {
    problems.push({ check: 'meaning', reason: `the ${kind} uses a word that changes meaning (such as "cures", "always" or "safe") that the sources offered do not use`, detail: meaning.join(', ') });
  }
  const neutral = neutralTerms(context.analyzer);
  const terms = claimTerms(context.analyzer, plain).filter((term) => !/^\d/.test(term) && !neutral.has(term));
  const { missing } = coverageOf(terms, context.evidenceTerms);
  if (missing.length > 0) {
    problems.push({ check: 'heading', reason: `the ${kind} uses words that are neither in the sources offered nor neutral heading words`, detail: missing.map(displayTerm).join(', ') });
  }
  return problems;
}
