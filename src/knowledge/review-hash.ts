import { createHash } from 'node:crypto';

/**
 * The fingerprint an approval is pinned to: a SHA-256 of the document body (the text below the front
 * matter). Line endings and trailing spaces are normalised so that an editor's whitespace habits do not
 * undo a review, while any change to a word, number or heading does.
 */
export function reviewHash(body: string): string {
  const normalised = body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
  return `sha256:${createHash('sha256').update(normalised, 'utf8').digest('hex')}`;
}
