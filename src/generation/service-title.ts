import { parseMarkdown } from '../validation/markdown-structure.js';

/**
 * The delivered page under the service's title: a title the model wrote (a leading `#` or `===`
 * heading) is dropped, whatever it says, and the title built from the question takes its place.
 */
export function withServiceTitle(markdown: string, title: string): string {
  const first = parseMarkdown(markdown)[0];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const body = first?.kind === 'heading' && first.level === 1 ? lines.filter((_, index) => index + 1 < first.startLine || index + 1 > first.endLine) : lines;
  const text = body.join('\n').trim();
  return `# ${title}\n${text ? `\n${text}\n` : ''}`;
}
