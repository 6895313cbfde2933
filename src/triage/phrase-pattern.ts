// A small phrase language for the triage data, compiled to regular expressions that only ever use
// bounded repetition, so matching a phrase costs time linear in the message length.
//
//   my legs {be?} weak*       words; `word*` also matches longer forms (weak, weakness) up to 12 letters
//   can't walk|stand          `a|b` one of several words
//   (belly button|waist)      `(…|…)` one of several phrases
//   {legs}                    a named term: any of the phrases listed under that name
//   very? {legs?} (a|b)?      `?` makes a word, term or group optional
//   back ~3 at night          `~N` up to N other words (N ≤ 6) in the same sentence
//   in 20##                   `#` one digit
//   confused !about|by        `!a|b` the next word is none of these (nothing is matched)
//
// Phrases match prepared text (see `prepareForPhrases`): lower case, punctuation set apart by spaces,
// one space between tokens, and a space at either end.
import { normalizeText } from '../text/normalize.js';

export type Terms = ReadonlyMap<string, readonly string[]>;

export class PhraseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhraseError';
  }
}

export const MAX_GAP_WORDS = 6;
const MAX_WILDCARD_LETTERS = 12;
const MAX_GAP_WORD_LENGTH = 40;
export const MAX_TERM_DEPTH = 4;
const WORD = /^[a-z0-9'&/+.#]+\*?$/;
const GAP = /^~(\d)$/;
export const TERM = /^\{([a-z0-9-]+)\}$/;
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

function wordSource(word: string): string {
  const wildcard = word.endsWith('*');
  const body = (wildcard ? word.slice(0, -1) : word).replace(REGEX_SPECIAL, '\\$&').replace(/#/g, '[0-9]');
  return wildcard ? `${body}[a-z]{0,${MAX_WILDCARD_LETTERS}}` : body;
}

/** Splits a phrase at spaces, keeping a `(…|…)` group, which may hold spaces, as one token. */
export function tokenize(template: string): string[] {
  const tokens: string[] = [];
  let open: string[] | undefined;
  for (const word of template.trim().split(/\s+/)) {
    if (open) {
      open.push(word);
      if (/\)\??$/.test(word)) {
        tokens.push(open.join(' '));
        open = undefined;
      }
    } else if (word.startsWith('(') && !/\)\??$/.test(word)) open = [word];
    else tokens.push(word);
  }
  if (open) throw new PhraseError(`"${open.join(' ')}" opens a group that never closes`);
  return tokens;
}

/**
 * The alternation of several phrases, in one group. Phrases that open with the same term share one
 * copy of it ("{back-pain} ~5 at night", "{back-pain} ~3 wakes me"; "{cannot} walk", "{cannot} feel"),
 * so a long term is tried once at each position of a message, not once per phrase.
 */
function alternation(templates: readonly string[], terms: Terms, depth = 0): string {
  const groups = new Map<string, { head: string; rests: string[] }>();
  const heads = new Map<string, string>();
  for (const template of templates) {
    let source: string;
    try {
      source = phraseSource(template, terms, depth);
    } catch (error) {
      throw error instanceof PhraseError && depth > 0 && !error.message.startsWith('in {') ? new PhraseError(`"${template}" ${error.message}`) : error;
    }
    const first = tokenize(template)[0]!;
    let head = '';
    if (TERM.test(first)) {
      head = heads.get(first) ?? phraseSource(first, terms, depth);
      heads.set(first, head);
    }
    const shared = head !== '' && source.startsWith(head);
    const key = shared ? head : `\u0000${source}`;
    const group = groups.get(key) ?? { head: shared ? head : '', rests: [] };
    group.rests.push(shared ? source.slice(head.length) : source);
    groups.set(key, group);
  }
  const sources = [...groups.values()].map(({ head, rests }) => (rests.length === 1 ? `${head}${rests[0]}` : `${head}(?:${rests.join('|')})`));
  return sources.length === 1 ? sources[0]! : `(?:${sources.join('|')})`;
}

// A term's source, kept per set of terms and depth: a term is named in hundreds of phrases (and inside
// other terms), and each phrase is compiled alone (to report it) and then with its list.
const termSources = new WeakMap<Terms, Map<string, string>>();

/** The source of a named term: the alternation of its phrases. */
function termSource(name: string, terms: Terms, depth: number): string {
  let kept = termSources.get(terms);
  if (!kept) {
    kept = new Map();
    termSources.set(terms, kept);
  }
  const key = `${depth} ${name}`;
  const known = kept.get(key);
  if (known !== undefined) return known;
  const entries = terms.get(name);
  if (!entries) throw new PhraseError(`uses {${name}}, which is not a defined term`);
  let source: string;
  try {
    source = alternation(entries, terms, depth);
  } catch (error) {
    throw error instanceof PhraseError && !error.message.startsWith('in {') ? new PhraseError(`in {${name}}: ${error.message}`) : error;
  }
  kept.set(key, source);
  return source;
}

/** A token of a phrase as the compiler reads it. */
export type PhraseToken =
  | { kind: 'gap'; words: number }
  /** `!a|b`: the next word is none of these. */
  | { kind: 'exclude'; words: string[] }
  /** `(…|…)`: one of several phrases. */
  | { kind: 'group'; optional: boolean; phrases: string[] }
  /** `a|{term}|b*`: one of several words or terms (a single word is a choice of one). */
  | { kind: 'choice'; optional: boolean; choices: string[] };

export function readToken(token: string): PhraseToken {
  const gap = GAP.exec(token);
  if (gap) return { kind: 'gap', words: Number(gap[1]) };
  if (token.startsWith('!')) return { kind: 'exclude', words: token.slice(1).split('|') };
  // `{term?}`, `word?`, `a|b?` and `(…)?` are optional.
  const optional = token.length > 1 && (token.endsWith('?') || token.endsWith('?}'));
  const body = token.endsWith('?}') ? `${token.slice(0, -2)}}` : optional ? token.slice(0, -1) : token;
  const group = /^\((.*)\)$/.exec(body);
  return group ? { kind: 'group', optional, phrases: group[1]!.split('|') } : { kind: 'choice', optional, choices: body.split('|') };
}

/** The regular expression source of one phrase; every token it matches is followed by one space. */
export function phraseSource(template: string, terms: Terms, depth = 0): string {
  if (depth > MAX_TERM_DEPTH) throw new PhraseError(`terms nest deeper than ${MAX_TERM_DEPTH} levels (a term may refer to itself)`);
  if (template.trim() === '') throw new PhraseError('is empty');
  const tokens = tokenize(template);
  if (template !== template.toLowerCase()) throw new PhraseError('must be lower case');
  let source = '';
  let required = 0;
  tokens.forEach((token, index) => {
    const read = readToken(token);
    if (read.kind === 'gap') {
      if (index === 0 || index === tokens.length - 1) throw new PhraseError(`"${token}" must sit between two words`);
      if (read.words < 1 || read.words > MAX_GAP_WORDS) throw new PhraseError(`"${token}" must allow 1 to ${MAX_GAP_WORDS} words`);
      // Gap words never cross a sentence end, and a gap skips only words of ordinary length; a decimal
      // number ("38.5") is one word, not a sentence end.
      source += `(?:(?:[^ .;!?]{1,${MAX_GAP_WORD_LENGTH}}|\\d{1,3}\\.\\d{1,2}) ){0,${read.words}}`;
      return;
    }
    if (read.kind === 'exclude') {
      if (index === 0) throw new PhraseError(`"${token}" must follow a word`);
      for (const word of read.words) {
        if (!WORD.test(word)) throw new PhraseError(`"${token}" must list words after !`);
      }
      source += `(?!(?:${read.words.map(wordSource).join('|')}) )`;
      return;
    }
    const { optional } = read;
    const alternatives =
      read.kind === 'group'
        ? read.phrases.map((part) => phraseSource(part, terms, depth + 1))
        : read.choices.map((choice) => {
            const term = TERM.exec(choice);
            if (term) return termSource(term[1]!, terms, depth + 1);
            if (!WORD.test(choice)) throw new PhraseError(`"${token}" is not a word, a|b choice, (…|…) group, {term} or ~N gap`);
            return `${wordSource(choice)} `;
          });
    const choice = alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
    if (optional) source += `(?:${choice})?`;
    else {
      source += choice;
      required += 1;
    }
  });
  if (required === 0) throw new PhraseError('needs at least one word that is not optional');
  return source;
}

/**
 * One regular expression for a list of phrases, matched from a token start: global for scanning a
 * message, or anchored to the start of a sentence (which begins with a space).
 */
export function compilePhrases(templates: readonly string[], terms: Terms, options: { anchored?: boolean } = {}): RegExp {
  const alternatives = alternation(templates, terms);
  return options.anchored ? new RegExp(`^ (?:${alternatives})`) : new RegExp(`(?<= )(?:${alternatives})`, 'g');
}

/** Every word a phrase can match, its terms spelled out: what the phrase says, for checks on its wording. */
export function phraseWords(template: string, terms: Terms, depth = 0): string {
  if (depth > MAX_TERM_DEPTH) return '';
  return tokenize(template)
    .map((token) => {
      if (token.startsWith('!')) return '';
      const body = token.replace(/\?\}$/, '}').replace(/\?$/, '');
      const group = /^\((.*)\)$/.exec(body);
      if (group) return group[1]!.split('|').map((part) => phraseWords(part, terms, depth + 1)).join(' ');
      return body
        .split('|')
        .map((choice) => {
          const term = TERM.exec(choice);
          return term ? (terms.get(term[1]!) ?? []).map((entry) => phraseWords(entry, terms, depth + 1)).join(' ') : choice.replace(/\*$/, '');
        })
        .join(' ');
    })
    .join(' ');
}

/** True when a regular expression repeats something without an upper bound (`*`, `+`, `{n,}`). */
export function hasUnboundedRepetition(source: string): boolean {
  let inClass = false;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index];
    if (char === '\\') {
      index += 1;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === '*' || char === '+') return true;
    else if (char === '{' && /^\{\d+,\}/.test(source.slice(index))) return true;
  }
  return false;
}

// Sentence punctuation becomes its own token; a full stop inside a number (38.5) does not.
const PUNCTUATION = /([,;:!?()"]|\.(?!\d))/g;
const QUOTE_MARK = /(?<![a-z0-9])'|'(?![a-z0-9])/g;

/**
 * Text as phrases read it: lower case with typographic variants folded, words joined by hyphens split
 * ("band-like" → "band like"), punctuation set apart, single spaces, padded with a space.
 */
const DECIMAL_COMMA_TEMPERATURE = /(?<![\d.,])(3[5-9]|4[0-2]),(\d)(?![\d,])/g;

export function prepareForPhrases(text: string): string {
  const spaced = normalizeText(text)
    .replace(/(?<=[a-z])-(?=[a-z0-9])/g, ' ')
    // Two words joined by a slash are two words ("epirubicin/cyclophosphamide", "weak/numb").
    .replace(/(?<=[a-z])\/(?=[a-z])/g, ' / ')
    // A quote mark is not part of a word ("she's 'not making sense'"); an apostrophe inside one is.
    .replace(QUOTE_MARK, ' ')
    // A decimal comma in a body temperature ("38,2") is a decimal point, not a list.
    .replace(DECIMAL_COMMA_TEMPERATURE, '$1.$2')
    .replace(PUNCTUATION, ' $1 ')
    .replace(/\s+/g, ' ')
    .trim();
  return ` ${spaced} `;
}
