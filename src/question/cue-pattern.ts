import { normalizeText } from '../text/normalize.js';

// A number with a unit, as doses and schedules are written ("120 mg", "8 Gy", "400 IU", "5.4 mg/kg").
const QUANTITY = String.raw`\d+(?:\.\d+)?\s?(?:mg\/kg|mg\/m2|mg|mcg|µg|g|gy|iu|ml|mmol|units?)(?![a-z])`;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * One regular expression for a list of cue phrases, matched as whole words on normalised text.
 * In a cue, a word `*` stands for one or two words ("how is * given"), a trailing `*` for any word
 * ending ("infus*"), and `{quantity}` for a number with a unit. Patterns are plain alternations of
 * literals, so matching stays linear in the text's length.
 */
export function compileCues(cues: readonly string[]): RegExp | undefined {
  const alternatives = cues.map((cue) => {
    if (cue === '{quantity}') return QUANTITY;
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
    return /^[\p{L}\p{N}]/u.test(words[0] ?? '') ? String.raw`(?<![\p{L}\p{N}])${body}(?![\p{L}\p{N}])` : body;
  });
  return alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'u') : undefined;
}
