/**
 * Packs rendered pieces (a heading, a bullet, a reference) into messages of at most `limit`
 * characters, joined by `separator`. A piece is only cut when it alone is too long, and then at a
 * space outside any [n] citation marker or markup tag, so no citation or reference is broken.
 */
export function splitMessage(pieces: readonly string[], limit: number, separator = '\n'): string[] {
  const messages: string[] = [];
  let current = '';
  const flush = () => {
    if (current) messages.push(current);
    current = '';
  };
  for (const piece of pieces.flatMap((candidate) => cutPiece(candidate, limit))) {
    if (!current) {
      current = piece;
    } else if (current.length + separator.length + piece.length <= limit) {
      current += separator + piece;
    } else {
      flush();
      current = piece;
    }
  }
  flush();
  return messages;
}

/** Length counted as the platforms count it: UTF-16 code units, as JavaScript does. */
function cutPiece(piece: string, limit: number): string[] {
  // An empty piece is a blank line between parts; kept unless it would open a message.
  if (piece === '') return [''];
  const parts: string[] = [];
  let rest = piece;
  while (rest.length > limit) {
    const cut = lastSafeSpace(rest, limit);
    // No safe space at all (one enormous word): cut hard, as a last resort, outside a marker if possible.
    const at = cut > 0 ? cut : hardCut(rest, limit);
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

function lastSafeSpace(text: string, limit: number): number {
  let best = -1;
  let inMarker = false;
  let inTag = false;
  for (let index = 0; index <= limit && index < text.length; index += 1) {
    const char = text[index];
    if (char === '[') inMarker = true;
    else if (char === ']') inMarker = false;
    else if (char === '<') inTag = true;
    else if (char === '>') inTag = false;
    else if (/\s/.test(char ?? '') && !inMarker && !inTag && index > 0) best = index;
  }
  return best;
}

function hardCut(text: string, limit: number): number {
  const open = text.lastIndexOf('[', limit);
  const close = text.indexOf(']', open);
  return open > 0 && close >= limit ? open : limit;
}
