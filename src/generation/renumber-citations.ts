import type { Source } from '../domain/types.js';
import { CITATION_GROUP, parseCitations } from '../validation/citations.js';
import { parseMarkdown } from '../validation/markdown-structure.js';

export type Renumbered = {
  markdown: string;
  /** The sources the answer cites; cited[i] is the source now numbered i + 1 (its `n` is i + 1). */
  cited: Source[];
};

/**
 * Renumbers the markers of a validated answer 1..N in order of first use, over the sources it
 * actually cites (a passage offered twice gets one number), and drops any reference list the
 * model wrote: the answer carries its own. Markers for numbers that were not offered are removed.
 */
export function renumberCitations(markdown: string, sources: readonly Source[]): Renumbered {
  const byNumber = new Map(sources.map((source) => [source.n, source]));
  const newNumberById = new Map<string, number>();
  const cited: Source[] = [];
  const referenceLines = new Set<number>();
  for (const block of parseMarkdown(markdown)) {
    if (block.kind !== 'reference') continue;
    for (let line = block.startLine; line <= block.endLine; line += 1) referenceLines.add(line);
  }

  const renumber = (group: string): string => {
    const numbers = new Set<number>();
    for (const n of parseCitations(group).numbers) {
      const source = byNumber.get(n);
      if (!source) continue;
      const key = `${source.kind}:${source.id}`;
      let next = newNumberById.get(key);
      if (next === undefined) {
        next = cited.length + 1;
        newNumberById.set(key, next);
        cited.push({ ...source, n: next });
      }
      numbers.add(next);
    }
    return numbers.size ? `[${[...numbers].sort((a, b) => a - b).join(', ')}]` : '';
  };

  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const kept = lines
    .filter((_, index) => !referenceLines.has(index + 1))
    .map((line) => line.replace(CITATION_GROUP, renumber).replace(/[ \t]+([.,;:!?])/g, '$1').replace(/[ \t]+$/, ''));
  const text = kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return { markdown: text ? `${text}\n` : '', cited };
}
