import type { Audience, Failure, Finding, Source, ValidationCheck } from '../domain/types.js';
import { fleschKincaidGrade } from '../knowledge/readability.js';
import type { Analyzer } from '../text/analyzer.js';
import { splitSentences } from '../text/sentences.js';
import { checkContradiction, isNegated } from './check-contradiction.js';
import { checkLabel, INSTRUCTION_ECHO, plainLabel, type LabelContext, type LabelKind } from './check-labels.js';
import { checkMarkup } from './check-markup.js';
import { unsupportedMeaningWords } from './check-meaning.js';
import { checkNumberBinding } from './check-number-binding.js';
import { checkNumbers } from './check-numbers.js';
import type { CheckProblem } from './check-problem.js';
import { checkSupport, claimTerms, foldPlurals, keyTermKind } from './check-support.js';
import { checkUnknownSources } from './check-unknown-sources.js';
import { parseCitations, stripCitations } from './citations.js';
import { evidenceText, findingText } from './evidence.js';
import { parseMarkdown, tableRowText, type MarkdownBlock } from './markdown-structure.js';
import { extractQuantities } from './quantities.js';
import { MAX_LEAD_IN_WORDS, MIN_WORDS_FOR_READING_GRADE, TARGET_READING_GRADE } from './thresholds.js';
import { normalizeDraft } from './visible-text.js';

export type ClaimKind = 'sentence' | 'bullet' | 'table-row';

/** One checked statement of a draft: a sentence of a paragraph or bullet, or a table row. */
export type Claim = {
  text: string; // as shown, markers included (a table row with its column headers)
  /** The words the cited sources must support: the text itself, or a table row's cells without the headers (checked as labels). */
  body: string;
  kind: ClaimKind;
  /** A short line ending in ':' that introduces a list; exempt from markers when it passes as a label. */
  leadIn?: true;
  line: number; // 1-based line of the markdown it starts on
  section: string; // the heading above it ('' before the first heading)
  citations: number[]; // numbers cited, in order, without duplicates
};

/** A failure as the server keeps it: the public check and reason, plus the draft text it is about (never sent to clients). */
export type ClaimFailure = Failure & { claim: string; detail?: string };

export type ValidationReport = { passed: boolean; claims: Claim[]; failures: ClaimFailure[] };

export type ValidationContext = {
  sources: readonly Source[];
  findings: readonly Finding[];
  analyzer: Analyzer;
  audience: Audience;
  /** A piece of a streamed draft: the checks of the whole draft (something said, reading level) wait for the end. */
  fragment?: boolean;
};

function isLeadIn(sentence: string): boolean {
  const words = sentence.trim().split(/\s+/);
  return /:\s*$/.test(sentence) && words.length <= MAX_LEAD_IN_WORDS && !/\d/.test(sentence) && !isNegated(sentence) && !INSTRUCTION_ECHO.test(sentence);
}

const LEADING_LABEL = /^\s*(\*\*|__)(.+?)\1\s*:?\s*/;

/** The bold label a sentence starts with ("**Dose:** …"), if any. */
function boldLabelOf(sentence: string): string | undefined {
  return LEADING_LABEL.exec(sentence)?.[2];
}

// "Yes.", "**Bottom line:** Yes." answer the question; the cited sentences after them carry the facts.
function isBareAnswer(sentence: string): boolean {
  const body = stripCitations(sentence).replace(LEADING_LABEL, '');
  return /^(?:yes|yes,? usually|usually|often|sometimes)[.!]?$/i.test(body.trim());
}

function claimsOf(blocks: readonly MarkdownBlock[]): Claim[] {
  const claims: Claim[] = [];
  for (const block of blocks) {
    if (block.kind === 'table-row') {
      const body = block.cells.filter(Boolean).join('; ');
      claims.push({ text: tableRowText(block.cells, block.header), body, kind: 'table-row', line: block.startLine, section: block.section, citations: parseCitations(body).numbers });
    } else if (block.kind === 'paragraph' || block.kind === 'bullet') {
      for (const sentence of splitSentences(block.text)) {
        if (isBareAnswer(sentence)) continue;
        claims.push({
          text: sentence,
          body: sentence,
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

/** Splits a draft into claims: sentences of paragraphs and bullets, and table rows. */
export function splitClaims(markdown: string): Claim[] {
  return claimsOf(parseMarkdown(normalizeDraft(markdown)));
}

/** Every string the reader sees that is not a claim: headings, table header cells, bold labels. */
function labelsOf(blocks: readonly MarkdownBlock[]): Array<{ text: string; kind: LabelKind }> {
  const labels: Array<{ text: string; kind: LabelKind }> = [];
  for (const block of blocks) {
    if (block.kind === 'heading') labels.push({ text: block.text, kind: 'heading' });
    if (block.kind === 'table-header') for (const cell of block.cells.filter(Boolean)) labels.push({ text: cell, kind: 'table header' });
    if (block.kind === 'paragraph' || block.kind === 'bullet') {
      for (const sentence of splitSentences(block.text)) {
        const label = boldLabelOf(sentence);
        if (label) labels.push({ text: label, kind: 'bold label' });
      }
    }
  }
  return labels;
}

function label(numbers: readonly number[]): string {
  return numbers.map((n) => `[${n}]`).join('');
}

/**
 * Checks a drafted answer against the sources offered to it (see DESIGN.md, "Validation policy").
 * The draft is normalised first (see visible-text.ts); every string a reader would see is checked.
 * Pure: the same draft and context always give the same report.
 */
export function validateDraft(rawMarkdown: string, context: ValidationContext): ValidationReport {
  const { sources, findings, analyzer, audience } = context;
  const markdown = normalizeDraft(rawMarkdown);
  const blocks = parseMarkdown(markdown);
  const byNumber = new Map(sources.map((source) => [source.n, source]));
  const highest = Math.max(0, ...sources.map((source) => source.n));
  const findingsText = findings.map(findingText).join('\n');
  const findingQuantities = extractQuantities(findingsText);
  const allEvidence = sources.map((source) => evidenceText(source, findings)).join('\n') + '\n' + findingsText;
  const labelContext: LabelContext = {
    analyzer,
    evidence: allEvidence,
    // Surface words too: "stereotactic" is a word of the sources even where they say "stereotactic body radiotherapy".
    evidenceTerms: new Set(analyzer.indexTerms(allEvidence)),
    evidenceQuantities: extractQuantities(allEvidence),
  };
  const failures: ClaimFailure[] = [];
  const fail = (claim: string, check: ValidationCheck, problem: CheckProblem) =>
    failures.push({ claim, check, reason: problem.reason, ...(problem.detail ? { detail: problem.detail } : {}) });

  const referenceLines = new Set(blocks.filter((block) => block.kind === 'reference').map((block) => block.startLine));
  const shownLines = markdown.split('\n').filter((_, index) => !referenceLines.has(index + 1));
  for (const problem of checkMarkup(shownLines)) fail(problem.line, 'markup', problem);

  for (const { text, kind } of labelsOf(blocks)) {
    for (const problem of checkLabel(text, kind, labelContext)) fail(text, problem.check, problem);
  }

  // A lead-in ("Doses by kidney function:") needs no marker when it passes as a label and names no
  // drug: "Give denosumab to everyone:" is a claim.
  const isExemptLeadIn = (claim: Claim) =>
    claim.leadIn === true &&
    claim.citations.length === 0 &&
    !claimTerms(analyzer, plainLabel(claim.text)).some((term) => keyTermKind(term) === 'drug') &&
    checkLabel(claim.text, 'lead-in', labelContext).length === 0;
  const claims = claimsOf(blocks).filter((claim) => !isExemptLeadIn(claim));

  for (const claim of claims) {
    const plain = foldPlurals(analyzer, stripCitations(claim.text));
    const body = foldPlurals(analyzer, stripCitations(claim.body));
    const { numbers, malformed } = parseCitations(claim.body);
    const cited = numbers.map((n) => byNumber.get(n)).filter((source): source is Source => source !== undefined);
    const unknown = numbers.filter((n) => !byNumber.has(n));

    if (numbers.length === 0 && malformed.length === 0) {
      fail(claim.text, 'citation', { reason: 'has no citation marker; every claim ends with [n] markers for the sources it rests on' });
    }
    if (malformed.length) fail(claim.text, 'citation', { reason: 'has malformed citation markers (a range backwards or too long)', detail: malformed.join(' ') });
    if (unknown.length) fail(claim.text, 'citation', { reason: `cites a source number that was not offered (only [1]–[${highest}] were)`, detail: label(unknown) });
    if (INSTRUCTION_ECHO.test(plain)) fail(claim.text, 'support', { reason: 'repeats instructions instead of stating guideline content' });

    const evidenceTexts = cited.map((source) => foldPlurals(analyzer, evidenceText(source, findings)));
    const evidence = evidenceTexts.join('\n');
    for (const problem of checkUnknownSources(analyzer, body, evidence)) fail(claim.text, 'unknown-source', problem);
    if (cited.length === 0) continue;

    const citedLabel = label(cited.map((source) => source.n));
    // Support rests on the passage and finding texts, not their document titles: a title's topic
    // words ("bone metastases") would otherwise cover an invented clause about them.
    const bodyTexts = cited.map((source) => foldPlurals(analyzer, evidenceText({ ...source, title: '' }, findings)));
    const supportTerms = new Set(analyzer.terms(bodyTexts.join('\n')));
    const support = checkSupport(claimTerms(analyzer, body), supportTerms, citedLabel);
    if (support) fail(claim.text, 'support', support);
    else {
      // A supported claim can still carry one invented clause ("…, and it cures bone metastases"),
      // or a sentence the splitter did not see because it starts in lower case.
      for (const clause of body.split(/;|,\s+(?:and|which)\s+|[.!?]\s+(?=[a-z])/).slice(1)) {
        const terms = claimTerms(analyzer, clause);
        if (terms.length < 3) continue;
        const clauseProblem = checkSupport(terms, supportTerms, citedLabel);
        if (clauseProblem) {
          fail(claim.text, 'support', { reason: `a clause is not supported: ${clauseProblem.reason}`, detail: `clause "${clause.trim()}"; ${clauseProblem.detail ?? ''}` });
          break;
        }
      }
    }

    const meaning = unsupportedMeaningWords(plain, evidence);
    if (meaning.length > 0) {
      fail(claim.text, 'meaning', { reason: `uses a word that changes meaning (such as "cures", "always" or "safe") that ${citedLabel} does not use`, detail: meaning.join(', ') });
    }
    const numberProblems = checkNumbers(plain, [...extractQuantities(evidence), ...findingQuantities]);
    for (const problem of numberProblems) fail(claim.text, 'number', problem);
    if (numberProblems.length === 0) {
      for (const problem of checkNumberBinding(analyzer, plain, bodyTexts, { wholeRow: claim.kind === 'table-row' })) fail(claim.text, 'number', problem);
    }
    const contradiction = checkContradiction(analyzer, plain, evidenceTexts);
    if (contradiction) fail(claim.text, 'contradiction', contradiction);
    const findingConflict = checkFindingValues(plain, cited, findings);
    if (findingConflict) fail(claim.text, 'contradiction', findingConflict);
  }

  if (!context.fragment) {
    if (claims.length === 0) {
      fail('(whole answer)', 'empty', { reason: 'the draft states nothing to check: no sentence, bullet or table row' });
    } else if (!claims.some((claim) => claim.citations.some((n) => byNumber.has(n)))) {
      fail('(whole answer)', 'empty', { reason: 'the draft cites none of the sources offered' });
    }
    if (audience === 'patient') {
      const texts = claims.map((claim) => stripCitations(claim.text));
      const words = texts.join(' ').split(/\s+/).filter(Boolean).length;
      const grade = fleschKincaidGrade(texts);
      if (words >= MIN_WORDS_FOR_READING_GRADE && grade > TARGET_READING_GRADE) {
        fail('(whole answer)', 'reading-level', { reason: `reads at grade ${grade.toFixed(1)}; patient answers must read at grade ${TARGET_READING_GRADE} or below` });
      }
    }
  }

  return { passed: failures.length === 0, claims, failures };
}

/** The failures as clients may see them: the check and the reason, no draft text. */
export function publicFailures(failures: readonly Failure[]): Failure[] {
  return failures.map(({ check, reason }) => ({ check, reason }));
}

/**
 * A claim citing a finding must not give the finding's quantity a different value:
 * "3.5 mg" when the dose finding says 3.3 mg fails even though 3.5 mg is in the dose table.
 */
function checkFindingValues(plain: string, cited: readonly Source[], findings: readonly Finding[]): CheckProblem | null {
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
        return {
          reason: `gives a value that differs from the rule finding it cites (${finding.title})`,
          detail: `claim gives ${said.map((quantity) => quantity.text).join(', ')}; finding gives ${stated.map((quantity) => quantity.text).join(', ')}`,
        };
      }
    }
  }
  return null;
}
