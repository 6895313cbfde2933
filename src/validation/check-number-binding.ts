import type { Analyzer } from '../text/analyzer.js';
import { splitSentences } from '../text/sentences.js';
import type { CheckProblem } from './check-problem.js';
import { claimTerms, coverageOf, keyTermKind } from './check-support.js';
import { prepareForNumbers, quantityItems, type QuantityItem } from './quantities.js';
import { NUMBER_TOLERANCE } from './thresholds.js';

// A number is checked twice: that the cited text states it (check-numbers), and that the cited text
// states it for the same thing the claim does. "Pamidronate 4 mg" cites a passage that holds 4 mg,
// but for zoledronic acid; "50–60 mL/min: 4 mg" takes 4 mg from the row above.

/** Where a clause ends: coordinated clauses state facts of their own ("X 120 mg, or Y 4 mg"). */
const SEGMENT_BREAK = /;|,?\s+(?:and|or|but|whereas|while)\s+/g;
/** "A (20%) than B (8%)": each side of a comparison binds its own numbers. */
const COMPARISON_BREAK = /\s+than\s+/g;
/** Where a cited sentence's rows and groups end ("above 60 mL/min 4 mg; 50–60 mL/min 3.5 mg"). */
const EVIDENCE_UNIT_BREAK = /;|,\s+|:\s+/g;
const EVIDENCE_CLAUSE_BREAK = /\s+(?:and|or|but|whereas|while|than)\s+/g;
/** Where a list item or a fronted phrase ends within a clause ("denosumab 120 mg, zoledronic acid 4 mg"). */
const PART_BREAK = /,\s+|:\s+/g;

type Span = { start: number; end: number; text: string };
type Clause = { text: string; items: QuantityItem[]; terms: string[] };
type EvidenceSentence = { units: QuantityItem[][]; clauses: Clause[] };
type EvidencePassage = { terms: Set<string>; sentences: EvidenceSentence[] };
type BindingContext = { passages: EvidencePassage[] };

/** Cuts `text` at every match of `pattern` that does not fall inside an amount ("50 and 60 mL/min"). */
function cut(text: string, pattern: RegExp, items: readonly QuantityItem[], offset = 0): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index ?? 0;
    if (items.some((item) => item.start < offset + at + match[0].length && item.end > offset + at)) continue;
    spans.push({ start: offset + start, end: offset + at, text: text.slice(start, at) });
    start = at + match[0].length;
  }
  spans.push({ start: offset + start, end: offset + text.length, text: text.slice(start) });
  return spans;
}

function contentTerms(analyzer: Analyzer, text: string): string[] {
  return claimTerms(analyzer, text).filter((term) => !/^\d/.test(term));
}

function hasTerm(term: string, terms: Iterable<string>): boolean {
  return coverageOf([term], new Set(terms)).coverage === 1;
}

function sameItem(claim: QuantityItem, evidence: QuantityItem): boolean {
  if (claim.values.length !== evidence.values.length) return false;
  if (!claim.values.every((value, index) => Math.abs(value - evidence.values[index]!) < NUMBER_TOLERANCE)) return false;
  if (claim.unit && evidence.unit && claim.unit !== evidence.unit) return false;
  return !claim.comparator || !evidence.comparator || claim.comparator === evidence.comparator;
}

function readEvidence(analyzer: Analyzer, texts: readonly string[]): EvidencePassage[] {
  return texts.map((text) => {
    const sentences: EvidenceSentence[] = [];
    for (const line of text.split('\n')) {
      for (const sentence of splitSentences(line)) {
        const prepared = prepareForNumbers(sentence);
        const items = quantityItems(prepared);
        const units = cut(prepared, EVIDENCE_UNIT_BREAK, items);
        const clauses = units.flatMap((unit) => cut(unit.text, EVIDENCE_CLAUSE_BREAK, items, unit.start));
        sentences.push({
          units: units.map((unit) => quantityItems(unit.text)),
          clauses: clauses.map((clause) => ({ text: clause.text, items: quantityItems(clause.text), terms: contentTerms(analyzer, clause.text) })),
        });
      }
    }
    return { terms: new Set(analyzer.terms(text)), sentences };
  });
}

/**
 * The entity an amount belongs to: the nearest one before it in its comma-delimited part ("denosumab
 * 120 mg"), else after it there ("2.0% of patients on denosumab"), else the nearest in its clause.
 */
function boundEntity(analyzer: Analyzer, clause: Span, item: QuantityItem, parts: readonly Span[], accept: (term: string) => boolean): string | undefined {
  const part = parts.find((candidate) => candidate.start <= item.start && candidate.end >= item.end);
  const near = (span: Span) => {
    const before = analyzer.terms(span.text.slice(0, item.start - span.start));
    const after = analyzer.terms(span.text.slice(item.end - span.start));
    const lastBefore = before.findLastIndex(accept);
    const firstAfter = after.findIndex(accept);
    return { before: lastBefore < 0 ? undefined : { term: before[lastBefore]!, distance: before.length - 1 - lastBefore }, after: firstAfter < 0 ? undefined : { term: after[firstAfter]!, distance: firstAfter } };
  };
  if (part) {
    const inPart = near(part);
    const found = inPart.before ?? inPart.after;
    if (found) return found.term;
  }
  const inClause = near(clause);
  if (!inClause.before || !inClause.after) return (inClause.before ?? inClause.after)?.term;
  return inClause.before.distance <= inClause.after.distance ? inClause.before.term : inClause.after.term;
}

/**
 * "(5.5% vs 3.4%)", "about 20% vs about 8%": amounts listed together bind by position to what the
 * sentence compares, not to the nearest word, so they are not bound here.
 */
function isListed(prepared: string, item: QuantityItem, items: readonly QuantityItem[]): boolean {
  const index = items.indexOf(item);
  const joined = (left: QuantityItem | undefined, right: QuantityItem | undefined) =>
    left !== undefined && right !== undefined && /^\W*(?:about\s+)?(?:vs\.?|versus|v\.)\s*(?:about\s+)?\W*$/.test(prepared.slice(left.end, right.start));
  if (joined(items[index - 1], item) || joined(item, items[index + 1])) return true;
  const open = prepared.lastIndexOf('(', item.start);
  if (open < 0 || prepared.lastIndexOf(')', item.start) > open) return false;
  const close = prepared.indexOf(')', item.end);
  return close >= 0 && items.filter((other) => other.start >= open && other.end <= close).length >= 2;
}

/** Whether a sentence is laid out in rows: several parts each pairing an amount of `unit` with one of `other`. */
function isRowStructured(sentence: EvidenceSentence, unit: string, other: string): boolean {
  return sentence.units.filter((part) => part.some((item) => item.unit === unit) && part.some((item) => item.unit === other)).length >= 2;
}

/**
 * "50–60 mL/min: 4 mg" against "above 60 mL/min 4 mg; 50–60 mL/min 3.5 mg": an amount whose
 * neighbours of another unit all sit in other rows of a sentence laid out in rows.
 */
function pairProblem(context: BindingContext, item: QuantityItem, neighbours: readonly QuantityItem[]): CheckProblem | null {
  const partners = neighbours.filter((other) => item.unit && other.unit && other.unit !== item.unit);
  if (partners.length === 0) return null;
  let apart = false;
  for (const partner of partners) {
    for (const passage of context.passages) {
      for (const sentence of passage.sentences) {
        const all = sentence.units.flat();
        if (!all.some((other) => sameItem(item, other)) || !all.some((other) => sameItem(partner, other))) continue;
        if (sentence.units.some((unit) => unit.some((other) => sameItem(item, other)) && unit.some((other) => sameItem(partner, other)))) return null;
        if (isRowStructured(sentence, item.unit!, partner.unit!)) apart = true;
      }
    }
  }
  return apart ? { reason: 'pairs two amounts that the cited source gives for different rows or groups', detail: `${item.text} with ${partners.map((partner) => partner.text).join(', ')}` } : null;
}

function ownerProblem(context: BindingContext, owner: string, item: QuantityItem): CheckProblem | null {
  const candidates = context.passages.flatMap((passage) => passage.sentences.flatMap((sentence) => sentence.clauses)).filter((clause) => clause.items.some((other) => sameItem(item, other)));
  if (candidates.length === 0) return null;
  const fits = candidates.some((clause) => {
    const drugs = clause.terms.filter((term) => keyTermKind(term) === 'drug');
    return drugs.length === 0 || hasTerm(owner, drugs);
  });
  return fits ? null : { reason: 'gives an amount that the cited source states for another drug', detail: `${item.text} for ${owner}` };
}

function entityProblem(context: BindingContext, entity: string, item: QuantityItem): CheckProblem | null {
  const candidates = context.passages.filter((passage) => passage.sentences.some((sentence) => sentence.clauses.some((clause) => clause.items.some((other) => sameItem(item, other)))));
  if (candidates.length === 0 || candidates.some((passage) => hasTerm(entity, passage.terms))) return null;
  return { reason: 'gives an amount that the cited source states for something else', detail: `${item.text} for ${entity}` };
}

/**
 * "Retreatment after a single fraction (about 8%)" against "after a single fraction (about 20%) than
 * after multiple fractions (about 8%)": the claim takes words from the clause of another amount and
 * none of the words that set the amount's own clause apart.
 */
function foreignTermsProblem(context: BindingContext, claimTerms: readonly string[], item: QuantityItem): CheckProblem | null {
  let candidates = 0;
  for (const passage of context.passages) {
    for (const sentence of passage.sentences) {
      for (const own of sentence.clauses.filter((clause) => clause.items.some((other) => sameItem(item, other)))) {
        candidates += 1;
        const others = sentence.clauses.filter((clause) => clause !== own && clause.items.some((other) => other.unit === item.unit && !sameItem(item, other)));
        if (others.length === 0) return null;
        const otherTerms = others.flatMap((clause) => clause.terms);
        const ownUnique = own.terms.filter((term) => !otherTerms.includes(term));
        const otherUnique = otherTerms.filter((term) => !own.terms.includes(term));
        if (ownUnique.length === 0) return null;
        const takesOther = claimTerms.some((term) => hasTerm(term, otherUnique));
        const takesOwn = claimTerms.some((term) => hasTerm(term, ownUnique));
        if (!takesOther || takesOwn) return null;
      }
    }
  }
  return candidates > 0 ? { reason: 'gives an amount that the cited source states for another group or measure', detail: item.text } : null;
}

/**
 * Checks that each amount of a claim is bound in the cited texts to what the claim binds it to:
 * the same drug, the same concept, the same row of a table, the same side of a comparison.
 * `wholeRow` keeps a table row ("Band: 50–60 mL/min; Dose: 3.5 mg") as one clause.
 */
export function checkNumberBinding(analyzer: Analyzer, claimText: string, evidenceTexts: readonly string[], options: { wholeRow?: boolean } = {}): CheckProblem[] {
  const prepared = prepareForNumbers(claimText);
  const items = quantityItems(prepared);
  if (items.length === 0) return [];
  const context: BindingContext = { passages: readEvidence(analyzer, evidenceTexts) };
  const problems: CheckProblem[] = [];
  const within = (span: Span) => items.filter((item) => item.start >= span.start && item.end <= span.end);
  for (const segment of cut(prepared, options.wholeRow ? /(?!)/g : SEGMENT_BREAK, items)) {
    const inSegment = within(segment);
    inSegment.forEach((item, index) => {
      const problem = pairProblem(context, item, [inSegment[index - 1], inSegment[index + 1]].filter((other): other is QuantityItem => other !== undefined));
      if (problem) problems.push(problem);
    });
    for (const clause of cut(segment.text, COMPARISON_BREAK, items, segment.start)) {
      const parts = cut(clause.text, PART_BREAK, items, clause.start);
      for (const item of within(clause)) {
        if (isListed(prepared, item, items)) continue;
        const owner = boundEntity(analyzer, clause, item, parts, (term) => keyTermKind(term) === 'drug');
        const entity = boundEntity(analyzer, clause, item, parts, (term) => keyTermKind(term) === 'drug' || keyTermKind(term) === 'other');
        const problem =
          (owner ? ownerProblem(context, owner, item) : null) ??
          (entity ? entityProblem(context, entity, item) : null) ??
          foreignTermsProblem(context, contentTerms(analyzer, clause.text), item);
        if (problem) problems.push(problem);
      }
    }
  }
  return problems;
}
