import type { Block } from '../domain/types.js';

/** The answer page as markdown: title, bottom line, sections of bullets; citations stay as [n]. */
export function renderMarkdown(title: string, blocks: readonly Block[]): string {
  const lines: string[] = [`# ${title}`];
  let previous: Block['kind'] | undefined;
  for (const block of blocks) {
    const isListItem = block.kind === 'bullet' || block.kind === 'pitfall';
    if (!(isListItem && (previous === 'bullet' || previous === 'pitfall'))) lines.push('');
    if (block.kind === 'heading') lines.push(`## ${block.text}`);
    else if (isListItem) lines.push(`- ${block.text}`);
    else lines.push(block.text);
    previous = block.kind;
  }
  return `${lines.join('\n')}\n`;
}
