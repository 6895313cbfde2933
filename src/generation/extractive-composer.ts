import type { CitationRegistry } from '../answer/citation-registry.js';
import { patientSentencesOf, type PlannedAnswer } from '../answer/plan-answer.js';
import type { BankSentence } from '../answer/sentence-bank.js';
import type { Audience, Block, Finding, Passage } from '../domain/types.js';
import { numbersIn } from '../rules/rules-engine.js';
import { splitSentences } from '../text/sentences.js';

export type ExtractiveInput = {
  plan: PlannedAnswer;
  audience: Audience;
  findings: readonly Finding[];
  /** Findings lead the answer when the message describes a case; otherwise they follow the bottom line. */
  findingsLead: boolean;
  /** Passages of the urgent guidance that leads the body when triage fired. */
  urgentPassages: readonly Passage[];
  registry: CitationRegistry;
  passageById(id: string): Passage | undefined;
  /** Whether a passage is a row of a table that is quoted whole or not at all. */
  inTable(passage: Passage): boolean;
};

export type ExtractiveDraft = { blocks: Block[]; usedPassageIds: Set<string> };

export const PITFALLS_HEADING: Record<Audience, string> = { professional: 'Critical pitfalls', patient: 'Things to avoid' };
export const FINDINGS_HEADING = 'Assessment of this case';
export const APPLIED_FINDINGS_HEADING = 'Applied to the details given';
export const URGENT_HEADING: Record<Audience, string> = { professional: 'Act now', patient: 'What to do now' };

const LEAD_FINDINGS = 2;
// A sentence whose words are nearly all in a finding's summary says what the finding says; so does
// one that holds nearly all of the summary's words and little else (the summary's source sentence
// with its abbreviations spelled out).
const SAID_BY_FINDING_SHARE = 0.8;
const HOLDS_FINDING_SHARE = 0.9;
const HOLDS_FINDING_OVERLAP = 0.7;
// Who said it is not a second claim: "…, according to ESMO 2020" says what the finding says.
const ATTRIBUTION = /,?\s+according to [^.;]*/gi;

const wordsOf = (text: string) => new Set(text.toLowerCase().match(/[a-z0-9][a-z0-9-]{2,}/g) ?? []);

/**
 * Whether a finding already says the sentence: every figure it states is in the finding's summary,
 * and nearly all its words are too, or it holds nearly all the summary's words and few others. A
 * table row is always kept, since a table is quoted whole or not at all.
 */
function saidByFindings(findings: readonly Finding[], inTable: (passage: Passage) => boolean): (sentence: BankSentence) => boolean {
  const summaries = findings.map((finding) => ({ words: wordsOf(finding.summary), figures: new Set(numbersIn(finding.summary)) }));
  return (sentence) => {
    if (summaries.length === 0 || inTable(sentence.passage)) return false;
    const claim = sentence.text.replace(ATTRIBUTION, '');
    const words = wordsOf(claim);
    const figures = numbersIn(claim);
    if (words.size === 0) return false;
    return summaries.some((summary) => {
      if (!figures.every((figure) => summary.figures.has(figure))) return false;
      let shared = 0;
      for (const word of words) if (summary.words.has(word)) shared += 1;
      if (shared / words.size >= SAID_BY_FINDING_SHARE) return true;
      const union = words.size + summary.words.size - shared;
      return shared / summary.words.size >= HOLDS_FINDING_SHARE && shared / union >= HOLDS_FINDING_OVERLAP;
    });
  };
}

function withLeadInSections(plan: PlannedAnswer): PlannedAnswer['sections'] {
  let sections = plan.sections;
  // Each lead sentence goes first into the section it came from; a new section for the bottom line
  // leads the answer, one for the sentence beside it comes last.
  plan.lead.forEach((sentence, index) => {
    const heading = sentence.passage.section || sentence.document.title;
    const home = sections.find((section) => section.heading === heading);
    if (home) sections = sections.map((section) => (section === home ? { heading, sentences: [sentence, ...section.sentences] } : section));
    else sections = index === 0 ? [{ heading, sentences: [sentence] }, ...sections] : [...sections, { heading, sentences: [sentence] }];
  });
  return sections;
}

function withMarkers(text: string, citations: readonly number[]): string {
  return `${text} ${citations.map((n) => `[${n}]`).join('')}`;
}

/** A sentence's words in sorted order: the same sentence whatever the order of its words. */
function wordsKey(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).sort().join(' ');
}

/**
 * Renders a planned answer as blocks, every sentence quoted verbatim from the passage it cites: the
 * urgent guidance first when triage fired, then the bottom line, sections, and pitfalls. Sentences of
 * one passage stay together in one bullet, with one marker for their document.
 */
export function composeExtractive(input: ExtractiveInput): ExtractiveDraft {
  const { registry, plan } = input;
  const blocks: Block[] = [];
  const usedPassageIds = new Set<string>();
  const quoted = new Set<string>();
  // Sentences the urgent guidance already says are not said again by the plan below it.
  // Two leaflets may say it with the words in another order ("muscle cramps or spasms", "muscle spasms or cramps").
  const urgentSentences = new Set(input.urgentPassages.flatMap((passage) => splitSentences(passage.text)).map(wordsKey));
  // Most answers carry no urgent guidance: then no sentence's words need sorting (wordsKey was about 7% of the pipeline).
  const saysUrgentAlready = (sentence: BankSentence) => urgentSentences.size > 0 && urgentSentences.has(wordsKey(sentence.text));
  // A rule's finding is often worded from the passage it cites: quoting that passage too would say it twice.
  // A patient reads the plain sentence, not a clinician's finding that says the same: "Chemotherapy is the
  // main treatment for triple-negative cancer" stays, and the finding on PD-L1 and BRCA testing goes.
  const plain = input.audience === 'patient' ? patientSentencesOf(plan) : [];
  const findings = input.audience === 'patient' ? input.findings.filter((finding) => !plain.some(saidByFindings([finding], input.inTable))) : input.findings;
  const saidAlready = saidByFindings(findings, input.inTable);

  const cite = (passage: Passage): number => {
    usedPassageIds.add(passage.id);
    return registry.citePassage(passage);
  };

  /** One block per passage: its selected sentences, verbatim, then the marker. */
  const quote = (kind: Block['kind'], sentences: readonly BankSentence[]) => {
    const byPassage = new Map<string, BankSentence[]>();
    for (const sentence of sentences) {
      if (quoted.has(sentence.key) || saysUrgentAlready(sentence) || saidAlready(sentence)) continue;
      quoted.add(sentence.key);
      const group = byPassage.get(sentence.passage.id);
      if (group) group.push(sentence);
      else byPassage.set(sentence.passage.id, [sentence]);
    }
    for (const group of byPassage.values()) {
      const n = cite(group[0]!.passage);
      // Every sentence carries its own marker, so each can be checked (and quoted) alone.
      const text = group.map((sentence) => withMarkers(sentence.text, [n])).join(' ');
      blocks.push({ kind, text, citations: [n] });
    }
  };

  if (input.urgentPassages.length > 0) {
    blocks.push({ kind: 'heading', text: URGENT_HEADING[input.audience], citations: [] });
    for (const passage of input.urgentPassages) {
      const n = cite(passage);
      blocks.push({ kind: 'bullet', text: withMarkers(passage.text, [n]), citations: [n] });
    }
  }

  const findingBlocks = findings.map((finding) => {
    const passages = finding.passageIds.map(input.passageById).filter((passage): passage is Passage => Boolean(passage));
    const citations = [...new Set([registry.citeFinding(finding), ...passages.map(cite)])];
    return { text: withMarkers(finding.summary, citations), citations };
  });
  // Findings lead only when there are findings: a person's question without any keeps its bottom line,
  // unless a finding already says it (its first sentence; a second one only adds to it).
  const leadSaidByFindings = plan.lead[0] !== undefined && saidAlready(plan.lead[0]);
  const findingsLead = (input.findingsLead || leadSaidByFindings) && findingBlocks.length > 0;
  if (findingsLead) {
    findingBlocks.slice(0, LEAD_FINDINGS).forEach((block) => blocks.push({ kind: 'summary', ...block }));
    if (findingBlocks.length > LEAD_FINDINGS) {
      blocks.push({ kind: 'heading', text: FINDINGS_HEADING, citations: [] });
      findingBlocks.slice(LEAD_FINDINGS).forEach((block) => blocks.push({ kind: 'bullet', ...block }));
    }
  } else {
    quote('summary', plan.lead);
    if (findingBlocks.length > 0) {
      blocks.push({ kind: 'heading', text: APPLIED_FINDINGS_HEADING, citations: [] });
      findingBlocks.forEach((block) => blocks.push({ kind: 'bullet', ...block }));
    }
  }

  // With findings leading, the plan's bottom line joins the section it came from.
  const sections = findingsLead ? withLeadInSections(plan) : plan.sections;
  for (const section of sections) {
    const before = blocks.length;
    blocks.push({ kind: 'heading', text: section.heading, citations: [] });
    quote('bullet', section.sentences);
    if (blocks.length === before + 1) blocks.pop();
  }

  if (plan.pitfalls.length > 0) {
    blocks.push({ kind: 'heading', text: PITFALLS_HEADING[input.audience], citations: [] });
    quote('pitfall', plan.pitfalls);
  }
  return { blocks, usedPassageIds };
}
