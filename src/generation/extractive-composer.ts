import type { Block, Finding, Passage, ScoredPassage } from '../domain/types.js';
import type { CitationRegistry } from '../answer/citation-registry.js';
import { splitSentences } from '../text/sentences.js';

export type ExtractiveInput = {
  results: readonly ScoredPassage[];
  findings: readonly Finding[];
  registry: CitationRegistry;
  passageById(id: string): Passage | undefined;
};

export type ExtractiveDraft = { blocks: Block[]; usedPassageIds: Set<string> };

// How much of the retrieved list the composer uses: enough breadth to cover a question that spans
// several documents, few enough that each bullet is worth reading.
const COMPOSER = {
  minRelativeScore: 0.35,
  maxPassages: 8,
  /** With rule findings the case is the answer; passages only add context. */
  maxPassagesWithFindings: 2,
  maxPassagesPerDocument: 2,
  maxPitfalls: 3,
  summarySentences: 2,
} as const;

export const PITFALLS_HEADING = 'Critical pitfalls';
export const FINDINGS_HEADING = 'Assessment of this case';

function withMarkers(sentences: readonly string[], n: number[]): string {
  const marker = n.map((value) => `[${value}]`).join('');
  return sentences.map((sentence) => `${sentence} ${marker}`).join(' ');
}

function selectPassages(results: readonly ScoredPassage[], maxPassages: number, skip: ReadonlySet<string>): { main: ScoredPassage[]; pitfalls: ScoredPassage[] } {
  const best = results[0]?.score ?? 0;
  const perDocument = new Map<string, number>();
  const main: ScoredPassage[] = [];
  const pitfalls: ScoredPassage[] = [];
  for (const result of results) {
    if (result.score < best * COMPOSER.minRelativeScore) break;
    if (skip.has(result.passage.id)) continue;
    if (result.passage.pitfall) {
      if (pitfalls.length < COMPOSER.maxPitfalls) pitfalls.push(result);
      continue;
    }
    const used = perDocument.get(result.document.id) ?? 0;
    if (used >= COMPOSER.maxPassagesPerDocument || main.length >= maxPassages) continue;
    perDocument.set(result.document.id, used + 1);
    main.push(result);
  }
  return { main, pitfalls };
}

/**
 * Builds the answer page from the passages themselves: every sentence is quoted verbatim from the
 * passage it cites, so the extractive answer is correct by construction and needs no model.
 */
export function composeExtractive(input: ExtractiveInput): ExtractiveDraft {
  const { registry } = input;
  const blocks: Block[] = [];
  const usedPassageIds = new Set<string>();

  const findingCitations = input.findings.map((finding) => {
    const passages = finding.passageIds.map(input.passageById).filter((passage): passage is Passage => Boolean(passage));
    passages.forEach((passage) => usedPassageIds.add(passage.id));
    return [registry.citeFinding(finding), ...passages.map((passage) => registry.citePassage(passage))];
  });
  // Passages a finding already cites are not quoted again below it.
  const maxPassages = input.findings.length > 0 ? COMPOSER.maxPassagesWithFindings : COMPOSER.maxPassages;
  const { main, pitfalls } = selectPassages(input.results, maxPassages, new Set(usedPassageIds));

  // Bottom line: rule findings when the question described a case, otherwise the lead sentence of the
  // best passages from different documents.
  const usedSentences = new Set<string>();
  if (input.findings.length > 0) {
    input.findings.slice(0, COMPOSER.summarySentences).forEach((finding, index) => {
      const citations = findingCitations[index]!;
      blocks.push({ kind: 'summary', text: withMarkers([finding.summary], citations), citations });
    });
  } else {
    const leads = main.filter((result, index) => main.findIndex((other) => other.document.id === result.document.id) === index);
    for (const result of leads.slice(0, COMPOSER.summarySentences)) {
      const sentence = splitSentences(result.passage.text)[0];
      if (!sentence) continue;
      const n = registry.citePassage(result.passage);
      usedSentences.add(`${result.passage.id}\u0000${sentence}`);
      usedPassageIds.add(result.passage.id);
      blocks.push({ kind: 'summary', text: withMarkers([sentence], [n]), citations: [n] });
    }
  }

  // The findings not already stated as the bottom line.
  if (input.findings.length > COMPOSER.summarySentences) {
    blocks.push({ kind: 'heading', text: FINDINGS_HEADING, citations: [] });
    input.findings.forEach((finding, index) => {
      if (index < COMPOSER.summarySentences) return;
      const citations = findingCitations[index]!;
      blocks.push({ kind: 'bullet', text: withMarkers([finding.summary], citations), citations });
    });
  }

  // Sections follow the source's own headings, in the order of their best passage.
  const sections = new Map<string, ScoredPassage[]>();
  for (const result of main) {
    const key = `${result.document.id}\u0000${result.passage.section}`;
    sections.set(key, [...(sections.get(key) ?? []), result]);
  }
  for (const results of sections.values()) {
    const bullets: Block[] = [];
    for (const { passage } of results) {
      const sentences = splitSentences(passage.text).filter((sentence) => !usedSentences.has(`${passage.id}\u0000${sentence}`));
      if (sentences.length === 0) continue;
      const n = registry.citePassage(passage);
      usedPassageIds.add(passage.id);
      bullets.push({ kind: 'bullet', text: withMarkers(sentences, [n]), citations: [n] });
    }
    if (bullets.length === 0) continue;
    const first = results[0]!;
    blocks.push({ kind: 'heading', text: first.passage.section || first.document.title, citations: [] }, ...bullets);
  }

  if (pitfalls.length > 0) {
    blocks.push({ kind: 'heading', text: PITFALLS_HEADING, citations: [] });
    for (const { passage } of pitfalls) {
      const n = registry.citePassage(passage);
      usedPassageIds.add(passage.id);
      blocks.push({ kind: 'pitfall', text: withMarkers(splitSentences(passage.text), [n]), citations: [n] });
    }
  }
  return { blocks, usedPassageIds };
}
