import { normalizeText } from '../text/normalize.js';
import { either, type Requirement } from '../text/prefilter.js';
import { escapeRegExp } from '../text/escape-reg-exp.js';

// A number with a unit, as doses and schedules are written ("120 mg", "8 Gy", "400 IU", "5.4 mg/kg").
const QUANTITY = String.raw`\d+(?:\.\d+)?\s?(?:mg\/kg|mg\/m2|mg|mcg|µg|g|gy|iu|ml|mmol|units?)(?![a-z])`;


// A cue that opens with a letter or digit is matched as whole words: no letter or digit may touch it.
const LETTER_OR_DIGIT = String.raw`\p{L}\p{N}`;
// On text of ASCII characters only, a letter or digit is one of these: the same pattern with this
// class matches exactly the same spans there, and irregexp tests it well over twice as fast.
const ASCII_LETTER_OR_DIGIT = 'A-Za-z0-9';
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * One regular expression for a list of cue phrases, matched as whole words on normalised text.
 * In a cue, a word `*` stands for one or two words ("how is * given"), a trailing `*` for any word
 * ending ("infus*"), and `{quantity}` for a number with a unit. Patterns are plain alternations of
 * literals, so matching stays linear in the text's length.
 */
export function compileCues(cues: readonly string[]): RegExp | undefined {
  const source = cueSource(cues, LETTER_OR_DIGIT);
  return source === undefined ? undefined : new RegExp(source, 'u');
}

/** Whether a text is ASCII only, for a `CueTest`: worked out once per text, however many cue lists read it. */
export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

/** Whether a text holds one of the cues; `ascii`: what `isAscii` says of the text. */
export type CueTest = (text: string, ascii: boolean) => boolean;

/**
 * What `compileCues(cues).test(text)` says, with the ASCII form of the pattern for ASCII text (nearly
 * all of the knowledge). For reading many texts with many cue lists, as at start-up.
 */
export function compileCueTest(cues: readonly string[]): CueTest | undefined {
  const forms = compileCueForms(cues);
  if (forms === undefined) return undefined;
  const { full, ascii: asciiOnly } = forms;
  return (text, ascii) => (ascii ? asciiOnly.test(text) : full.test(text));
}

/** The pattern of `compileCues(cues)` with these flags, and its ASCII form: the same matches, at the same places, on ASCII text. */
export type CueForms = { full: RegExp; ascii: RegExp };

export function compileCueForms(cues: readonly string[], flags = 'u'): CueForms | undefined {
  const source = cueSource(cues, LETTER_OR_DIGIT);
  if (source === undefined) return undefined;
  return { full: new RegExp(source, flags), ascii: new RegExp(cueSource(cues, ASCII_LETTER_OR_DIGIT)!, flags) };
}

const DIGITS = [...'0123456789'];

/**
 * What a text must hold for the cues' pattern to match in it, as fixed strings (see text/prefilter):
 * one cue's words, each as written (a `word*` its stem); a number for `{quantity}`; undefined when
 * some cue requires nothing (a cue of `*` alone). A match is one cue's words in a row, so the text
 * holds each of them wherever the pattern matches.
 */
export function cueRequirement(cues: readonly string[]): Requirement {
  const conjunctions = cues.map((cue) => {
    if (cue === '{quantity}') return [DIGITS];
    const literals = normalizeText(cue)
      .trim()
      .split(/\s+/)
      .filter((word) => word !== '*')
      .map((word) => (word.endsWith('*') ? word.slice(0, -1) : word));
    return literals.length === 0 || literals.includes('') ? undefined : literals.map((literal) => [literal]);
  });
  return either(conjunctions.map((conjunction) => (conjunction ? [conjunction] : undefined)));
}

/** The pattern's source, with `letterOrDigit` as the contents of the class of word characters. */
function cueSource(cues: readonly string[], letterOrDigit: string): string | undefined {
  const wordStart = `(?<![${letterOrDigit}])`;
  const wordEnd = `(?![${letterOrDigit}])`;
  const alternatives = cues.map((cue) => {
    if (cue === '{quantity}') return { body: QUANTITY, wholeWords: false };
    const words = normalizeText(cue).trim().split(/\s+/);
    const body = words
      .map((word) => {
        if (word === '*') return String.raw`\S+(?:\s\S+)?`;
        const prefix = word.endsWith('*');
        const literal = escapeRegExp(prefix ? word.slice(0, -1) : word);
        return prefix ? `${literal}[${letterOrDigit}-]*` : literal;
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
    parts.push(`${wordStart}(?:${alternatives.slice(start, end).map(({ body }) => body).join('|')})${wordEnd}`);
    start = end;
  }
  return parts.join('|');
}
