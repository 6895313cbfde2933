import { normalizeText } from '../text/normalize.js';
import { WORDING } from './wording.js';

type Family = { name: string; pattern: RegExp };

function familyPattern(words: readonly string[]): RegExp {
  const alternatives = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[- ]/g, '[-\\s]+'));
  return new RegExp(`(?<![a-z0-9-])(?:${alternatives.join('|')})(?![a-z0-9-])`);
}

const FAMILIES: readonly Family[] = WORDING.meaning.map((words) => ({ name: words[0]!, pattern: familyPattern(words) }));

/** The meaning words ("cures", "always", "safe" …) a text uses, as their family names. */
export function meaningWordsOf(text: string): string[] {
  const normalized = normalizeText(text);
  return FAMILIES.filter((family) => family.pattern.test(normalized)).map((family) => family.name);
}

/**
 * The meaning words of a claim that the text it rests on does not use in any form: "cures" against
 * a passage on how a drug is given, "always" against "usually". Returns their family names.
 */
export function unsupportedMeaningWords(claim: string, evidence: string): string[] {
  const said = meaningWordsOf(claim);
  if (said.length === 0) return [];
  const stated = new Set(meaningWordsOf(evidence));
  return said.filter((name) => !stated.has(name));
}
