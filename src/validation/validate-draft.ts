import type { Audience, Failure, Finding, Source } from '../domain/types.js';
import { fleschKincaidGrade } from '../knowledge/readability.js';
import type { Analyzer } from '../text/analyzer.js';
import { splitSentences } from '../text/sentences.js';
import { checkContradiction, isNegated } from './check-contradiction.js';
import { checkNumbers } from './check-numbers.js';
import { checkSupport, claimTerms, coverageOf, foldPlurals, isKeyTerm } from './check-support.js';
import { checkUnknownSources } from './check-unknown-sources.js';
import { parseCitations, stripCitations } from './citations.js';
import { evidenceText, findingText } from './evidence.js';
import { parseMarkdown } from './markdown-structure.js';
import { extractQuantities } from './quantities.js';
import {
  MAX_LEAD_IN_WORDS,
  MIN_WORDS_FOR_READING_GRADE,
  TARGET_READING_GRADE,
} from './thresholds.js';

export type ClaimKind = 'sentence' | 'bullet' | 'table-row';

/** One checked statement of a draft: a sentence of a paragraph or bullet, or a table row. */
export type Claim = {
  text: string; // as written, markers included
  kind: ClaimKind;
  /** A short line ending in ':' that introduces a list; exempt from markers when its words are in the sources. */
  leadIn?: true;
  line: number; // 1-based line of the markdown it starts on
  section: string; // the heading above it ('' before the first heading)
  citations: number[]; // numbers cited, in order, without duplicates
};

export type ValidationReport = { passed: boolean; claims: Claim[]; failures: Failure[] };

export type ValidationContext = {
  sources: readonly Source[];
  findings: readonly Finding[];
  analyzer: Analyzer;
  audience: Audience;
};

const INSTRUCTION_ECHO =
  /\b(?:ignore|disregard|forget)\b.{0,40}\b(?:instructions?|prompts?|rules?|guidelines?|sources?)\b|\bsystem prompt\b|\bdeveloper mode\b|\byou are now\b|\bas an ai\b|\bjailbreak\b/i;

function isLeadIn(sentence: string): boolean {
  const words = sentence.trim().split(/\s+/);
  return (
    /:\s*$/.test(sentence) &&
    words.length <= MAX_LEAD_IN_WORDS &&
    !/\d/.test(sentence) &&
    !isNegated(sentence) &&
    !INSTRUCTION_ECHO.test(sentence)
  );
}

// "Yes.", "**Bottom line:** Yes." answer the question; the cited sentences after them carry the facts.
function isBareAnswer(sentence: string): boolean {
  const body = stripCitations(sentence).replace(/^\s*\*\*[^*]{1,40}\*\*:?\s*/, '');
  return /^(?:yes|yes,? usually|usually|often|sometimes)[.!]?$/i.test(body.trim());
}

/** Splits a draft into claims: sentences of paragraphs and bullets, and table rows. */
export function splitClaims(markdown: string): Claim[] {
  const claims: Claim[] = [];
  for (const block of parseMarkdown(markdown)) {
    if (block.kind === 'table-row') {
      claims.push({ text: block.text, kind: 'table-row', line: block.startLine, section: block.section, citations: parseCitations(block.text).numbers });
    } else if (block.kind === 'paragraph' || block.kind === 'bullet') {
      for (const sentence of splitSentences(block.text)) {
        if (isBareAnswer(sentence)) continue;
        claims.push({
          text: sentence,
          kind: block.kind === 'bullet' ? 'bullet' : 'sentence',
          line: block.startLine,
          section: block.section,
          citations: parseCitations(sentence).numbers,
          ...(isLeadIn(sentence) ? { leadIn: true as const } : {}),
        });
      }
    }
  }
  return claims;
}

function label(numbers: readonly number[]): string {
  return numbers.map((n) => `[${n}]`).join('');
}

/**
 * Checks a drafted answer against the sources offered to it (see DESIGN.md, "Validation policy").
 * Pure: the same draft and context always give the same report.
 */
export function validateDraft(markdown: string, context: ValidationContext): ValidationReport {
  const { sources, findings, analyzer, audience } = context;
  const byNumber = new Map(sources.map((source) => [source.n, source]));
  const highest = Math.max(0, ...sources.map((source) => source.n));
  const findingsText = findings.map(findingText).join('\n');
  const findingQuantities = extractQuantities(findingsText);
  const allEvidence = sources.map((source) => evidenceText(source, findings)).join('\n') + '\n' + findingsText;
  const failures: Failure[] = [];
  const fail = (claim: string, check: Failure['check'], reason: string) => failures.push({ claim, check, reason });
  const allTerms = new Set(analyzer.terms(allEvidence));
  // A lead-in ("Doses by kidney function:") needs no marker only if every word of it is in the
  // sources and it names no drug or condition: "Give denosumab to everyone:" is a claim.
  const isExemptLeadIn = (claim: Claim) => {
    if (!claim.leadIn || claim.citations.length > 0) return false;
    const terms = claimTerms(analyzer, claim.text);
    return !terms.some(isKeyTerm) && coverageOf(terms, allTerms).coverage === 1;
  };
  const claims = splitClaims(markdown).filter((claim) => !isExemptLeadIn(claim));

  for (const claim of claims) {
    const plain = foldPlurals(analyzer, stripCitations(claim.text));
    const { numbers, malformed } = parseCitations(claim.text);
    const cited = numbers.map((n) => byNumber.get(n)).filter((source): source is Source => source !== undefined);
    const unknown = numbers.filter((n) => !byNumber.has(n));

    if (numbers.length === 0 && malformed.length === 0) {
      fail(claim.text, 'citation', 'has no citation marker; every claim ends with [n] markers for the sources it rests on');
    }
    if (malformed.length) fail(claim.text, 'citation', `has malformed markers ${malformed.join(' ')}`);
    if (unknown.length) {
      fail(claim.text, 'citation', `cites ${label(unknown)} but only [1]–[${highest}] were offered`);
    }
    if (INSTRUCTION_ECHO.test(plain)) fail(claim.text, 'support', 'repeats instructions instead of stating guideline content');

    const evidenceTexts = cited.map((source) => foldPlurals(analyzer, evidenceText(source, findings)));
    const evidence = evidenceTexts.join('\n');
    for (const reason of checkUnknownSources(analyzer, plain, evidence)) fail(claim.text, 'unknown-source', reason);
    if (cited.length === 0) continue;

    const citedLabel = label(cited.map((source) => source.n));
    // Support rests on the passage and finding texts, not their document titles: a title's topic
    // words ("bone metastases") would otherwise cover an invented clause about them.
    const supportTerms = new Set(analyzer.terms(foldPlurals(analyzer, cited.map((source) => evidenceText({ ...source, title: '' }, findings)).join('\n'))));
    const supportReason = checkSupport(claimTerms(analyzer, plain), supportTerms, citedLabel);
    if (supportReason) fail(claim.text, 'support', supportReason);
    else {
      // A supported claim can still carry one invented clause ("…, and it cures bone metastases").
      for (const clause of plain.split(/;|,\s+(?:and|which)\s+/).slice(1)) {
        const terms = claimTerms(analyzer, clause);
        if (terms.length < 3) continue;
        const clauseReason = checkSupport(terms, supportTerms, citedLabel);
        if (clauseReason) {
          fail(claim.text, 'support', `a clause ("${clause.trim()}") is not supported: ${clauseReason}`);
          break;
        }
      }
    }

    for (const reason of checkNumbers(plain, [...extractQuantities(evidence), ...findingQuantities])) {
      fail(claim.text, 'number', reason);
    }
    const contradiction = checkContradiction(analyzer, plain, evidenceTexts);
    if (contradiction) fail(claim.text, 'contradiction', contradiction);
    const findingConflict = checkFindingValues(plain, cited, findings);
    if (findingConflict) fail(claim.text, 'contradiction', findingConflict);
  }

  checkHeadings(markdown, context, allEvidence, fail);

  if (audience === 'patient') {
    const texts = claims.map((claim) => stripCitations(claim.text));
    const words = texts.join(' ').split(/\s+/).filter(Boolean).length;
    const grade = fleschKincaidGrade(texts);
    if (words >= MIN_WORDS_FOR_READING_GRADE && grade > TARGET_READING_GRADE) {
      fail('(whole answer)', 'reading-level', `reads at grade ${grade.toFixed(1)}; patient answers must read at grade ${TARGET_READING_GRADE} or below`);
    }
  }

  return { passed: failures.length === 0, claims, failures };
}

/**
 * A claim citing a finding must not give the finding's quantity a different value:
 * "3.5 mg" when the dose finding says 3.3 mg fails even though 3.5 mg is in the dose table.
 */
function checkFindingValues(plain: string, cited: readonly Source[], findings: readonly Finding[]): string | null {
  const claimQuantities = extractQuantities(plain).filter((quantity) => quantity.unit !== null);
  for (const source of cited) {
    if (source.kind !== 'finding') continue;
    const finding = findings.find((candidate) => candidate.id === source.id);
    if (!finding) continue;
    const findingQuantities = extractQuantities(findingText(finding)).filter((quantity) => quantity.unit !== null);
    for (const unit of new Set(claimQuantities.map((quantity) => quantity.unit))) {
      const stated = findingQuantities.filter((quantity) => quantity.unit === unit);
      if (stated.length === 0) continue;
      const said = claimQuantities.filter((quantity) => quantity.unit === unit);
      if (!said.some((quantity) => stated.some((other) => Math.abs(other.value - quantity.value) < 1e-9))) {
        return `gives ${said.map((quantity) => quantity.text).join(', ')} where the finding "${finding.title}" gives ${stated.map((quantity) => quantity.text).join(', ')}`;
      }
    }
  }
  return null;
}

/** Headings are not claims, but they are shown: they may not name unknown sources or echo instructions. */
function checkHeadings(
  markdown: string,
  context: ValidationContext,
  allEvidence: string,
  fail: (claim: string, check: Failure['check'], reason: string) => void,
): void {
  const allQuantities = extractQuantities(allEvidence);
  for (const block of parseMarkdown(markdown)) {
    if (block.kind !== 'heading' && block.kind !== 'table-header') continue;
    const plain = stripCitations(block.text);
    for (const reason of checkUnknownSources(context.analyzer, plain, allEvidence)) fail(block.text, 'unknown-source', reason);
    if (INSTRUCTION_ECHO.test(plain)) fail(block.text, 'support', 'heading repeats instructions instead of naming guideline content');
    for (const reason of checkNumbers(plain, allQuantities)) fail(block.text, 'number', `heading: ${reason.replace('the cited sources or findings', 'any source or finding offered')}`);
  }
}
