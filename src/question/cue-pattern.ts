import { normalizeText } from '../text/normalize.js';

// A number with a unit, as doses and schedules are written ("120 mg", "8 Gy", "400 IU", "5.4 mg/kg").
const QUANTITY = String.raw`\d+(?:\.\d+)?\s?(?:mg\/kg|mg\/m2|mg|mcg|µg|g|gy|iu|ml|mmol|units?)(?![a-z])`;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

// A cue that opens with a letter or digit is matched as whole words between these look-arounds.
const WORD_START = String.raw`(?<![\p{L}\p{N}])`;
const WORD_END = String.raw`(?![\p{L}\p{N}])`;

/**
 * One regular expression for a list of cue phrases, matched as whole words on normalised text.
 * In a cue, a word `*` stands for one or two words ("how is * given"), a trailing `*` for any word
 * ending ("infus*"), and `{quantity}` for a number with a unit. Patterns are plain alternations of
 * literals, so matching stays linear in the text's length.
 */
export function compileCues(cues: readonly string[]): RegExp | undefined {
  const alternatives = cues.map((cue) => {
    if (cue === '{quantity}') return { body: QUANTITY, wholeWords: false };
    const words = normalizeText(cue).trim().split(/\s+/);
    const body = words
      .map((word) => {
        if (word === '*') return String.raw`\S+(?:\s\S+)?`;
        const prefix = word.endsWith('*');
        const literal = escape(prefix ? word.slice(0, -1) : word);
        return prefix ? `${literal}[\\p{L}\\p{N}-]*` : literal;
      })
      .join(String.raw`\s+`);
    // Symbols such as "%" have no word boundary of their own.
    return { body, wholeWords: /^[\p{L}\p{N}]/u.test(words[0] ?? '') };
  });
  if (alternatives.length === 0) return undefined;
  // Consecutive whole-word cues share one pair of look-arounds: `(?<!w)(?:a|b)(?!w)` matches what
  // `(?<!w)a(?!w)|(?<!w)b(?!w)` matches, trying the cues in the same order, but the look-behind is
  // tested once per position instead of once per cue (a third of the time of a question's cue tests).
  const parts: string[] = [];
  for (let start = 0; start < alternatives.length; ) {
    if (!alternatives[start]!.wholeWords) {
      parts.push(alternatives[start]!.body);
      start += 1;
      continue;
    }
    let end = start;
    while (end < alternatives.length && alternatives[end]!.wholeWords) end += 1;
    parts.push(`${WORD_START}(?:${alternatives.slice(start, end).map(({ body }) => body).join('|')})${WORD_END}`);
    start = end;
  }
  return new RegExp(parts.join('|'), 'u');
}
