import type { Block } from '../domain/types.js';
import { extractCitations } from '../validation/citations.js';
import { parseMarkdown, tableRowText } from '../validation/markdown-structure.js';

const PITFALL_HEADING = /pitfall/i;

/**
 * Reads an answer's markdown into the blocks every surface renders: the first `#` heading is the
 * title, the first paragraph after it the summary, bullets under a "pitfalls" heading are pitfalls,
 * table rows become bullets ("Agent: Denosumab; Dose: 120 mg [1]"). Markers stay in the text.
 * Uses the validator's reading of markdown, so every block shown is a block that was checked.
 */
export function markdownToBlocks(markdown: string): { title: string; blocks: Block[] } {
  let title = '';
  let inPitfalls = false;
  let seenSection = false;
  let summaryTaken = false;
  const blocks: Block[] = [];
  const push = (kind: Block['kind'], text: string) => blocks.push({ kind, text, citations: extractCitations(text) });

  for (const block of parseMarkdown(markdown)) {
    switch (block.kind) {
      case 'heading':
        if (block.level === 1 && !title && blocks.length === 0) {
          title = block.text;
        } else {
          seenSection = true;
          inPitfalls = PITFALL_HEADING.test(block.text);
          push('heading', block.text);
        }
        break;
      case 'paragraph':
        if (!seenSection && !summaryTaken && !inPitfalls) {
          summaryTaken = true;
          push('summary', block.text);
        } else {
          push(inPitfalls ? 'pitfall' : 'paragraph', block.text);
        }
        break;
      case 'bullet':
        push(inPitfalls ? 'pitfall' : 'bullet', block.text);
        break;
      case 'table-row':
        push(inPitfalls ? 'pitfall' : 'bullet', tableRowText(block.cells, block.header));
        break;
      case 'table-header':
      case 'reference':
        break;
    }
  }
  return { title, blocks };
}
