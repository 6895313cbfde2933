import type { Answer } from '../../src/domain/types.js';
import { splitSentences } from '../../src/text/sentences.js';

const TRAILING_MARKERS = /\s*((?:\[\d+\])+)\s*$/;

/** Every sentence of every non-heading block, with the reference numbers its trailing markers name. */
export function citedSentences(answer: Pick<Answer, 'blocks'>): Array<{ sentence: string; citations: number[] }> {
  return answer.blocks
    .filter((block) => block.kind !== 'heading')
    .flatMap((block) => splitSentences(block.text))
    .map((text) => {
      const markers = TRAILING_MARKERS.exec(text)?.[1] ?? '';
      return {
        sentence: text.replace(TRAILING_MARKERS, ''),
        citations: [...markers.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])),
      };
    });
}

/** The numbers used in the markdown's [n] markers. */
export function markerNumbers(markdown: string): number[] {
  return [...markdown.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]));
}
