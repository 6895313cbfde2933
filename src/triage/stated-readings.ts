import { bandCalcium, correctedCalcium, type CalciumBand } from '../rules/calculators/corrected-calcium.js';
import { extractLabFacts } from '../rules/extract-facts.js';

// Signs read from numbers a message states, rather than matched as phrases.

const CALCIUM_WORD = /\b(?:ca(?:\+\+|2\+)?|cal|calcium|cca)\b/;

/**
 * The band of a calcium level stated in a message, if any: corrected as given, corrected here from
 * measured calcium and albumin, or measured alone. A measured value is banded as it stands: with a low
 * albumin, as in most people with advanced cancer, the corrected value is higher still.
 */
export function statedCalciumBand(message: string): CalciumBand | undefined {
  if (!CALCIUM_WORD.test(message.toLowerCase()) || !/\d/.test(message)) return undefined;
  const facts = extractLabFacts(message);
  if (facts.correctedCalciumMgPerDl !== undefined) return bandCalcium(facts.correctedCalciumMgPerDl).band;
  if (facts.calciumMgPerDl === undefined) return undefined;
  if (facts.albuminGPerDl !== undefined) return correctedCalcium({ calciumMgPerDl: facts.calciumMgPerDl, albuminGPerDl: facts.albuminGPerDl }).band;
  return bandCalcium(facts.calciumMgPerDl).band;
}

/**
 * A number read as a temperature in prepared text: after a temperature word and up to five other
 * words ("temp is 38.4", "fever of 101 f", "thermometer says 38.9", "temperature at home this morning was 38.3", "temp 38 point 4").
 * Celsius and Fahrenheit are told apart by their plausible ranges.
 */
export const TEMPERATURE = /(?<= )(?:temp|temps|temp's|temperature|temperature's|temperatures|thermometer|fever|pyrexial|pyrexia|febrile)(?: [^ .;!?]{1,40}){0,5}? (\d{2,3}(?:\.\d{1,2})?)(?: point (\d))?(?![\d.])/g;

/** A number shortly before a temperature word: "38.5 temperature", "39 degree fever", "38.3 on the thermometer", "38 point 5 on the ear thermometer". */
export const TEMPERATURE_FIRST = /(?<= )(\d{2,3}(?:\.\d{1,2})?)(?: point (\d))? ?(?:°|degrees?|deg)? ?(?:c|f)?(?: (?:on|in|by) the(?: ear| forehead| digital| oral| tympanic)?| of)? (?:temp|temps|temperature|fever|thermometer)(?= )/g;

/** A reading taken at a body site: "38.1 on the forehead thingy", "39.2 in her ear", "101 under the tongue". */
export const TEMPERATURE_AT_SITE = /(?<= )(\d{2,3}(?:\.\d{1,2})?) ?(?:°|degrees?|deg)? ?(?:c|f)? (?:on|in|under) (?:the|her|his|my|your) (?:forehead|ear|armpit|tongue)(?= )/g;

/** Clinical shorthand: "T 38.4", "t: 38.9" (a decimal is required, so "t 2" is not read). */
export const TEMPERATURE_SHORTHAND = /(?<= )t:? (\d{2,3}\.\d{1,2})(?![\d.])/g;

/**
 * A person said to be at a temperature: "I'm 38.9 tonight", "she's 39.2", "running 100.8" or "reports 38.9". A decimal in
 * the fever range is required, so "I'm 40" (an age) and "I'm 100 percent sure" are not read.
 */
export const TEMPERATURE_OF_PERSON = /(?<= )(?:i'm|im|i am|he's|hes|he is|she's|shes|she is|running|running a|spiking|spiked|reports|reported|reporting|recorded|measured|reading|clocked)(?: now)? ((?:3[89]|4[0-2])\.\d|10[0-5]\.\d)(?![\d.])/g;

/**
 * A reading said on its own, as a report of now: "on docetaxel, 38.9 just now". A decimal in the fever
 * range is required, and a word that places it in time, so "38.5 hours" or a bare 39 is not read.
 */
export const TEMPERATURE_ALONE = /(?<= )((?:3[89]|4[0-2])\.\d|10[0-5]\.\d)(?= (?:just now|now|tonight|this morning|this evening|earlier|again|and rising|and climbing|and going up)\b)/g;

/** …or after the word that places it in time: "had sacituzumab thursday, tonight 38.7 and feel dreadful". */
export const TEMPERATURE_AFTER_TIME = /(?<= (?:tonight|now|today|this morning|this evening|this afternoon|last night|overnight|just now)(?: it's| it is| it was| was| is)? )((?:3[89]|4[0-2])\.\d|10[0-5]\.\d)(?![\d.])(?! ?(?:mg|mmol|ml|kg|%|hours?|hrs?|minutes?|mins?)\b)/g;

/**
 * A reading that opens the message or stands as an item of a list: "38.2 on capecitabine, shaky",
 * "sweating & shakes, 38.1, ibrance day 18". A decimal in the fever range is required.
 */
export const TEMPERATURE_LISTED = /(?<=^ | [,;.] )((?:3[89]|4[0-2])\.\d)(?= (?:[,;.] |on )| ?$)/g;

/**
 * A later reading after a first one: "temp was 37.9 an hour ago, now it's 38.1", "37.6 last night, 37.9 at
 * lunchtime and now it's 38.4". The first pattern stops at the first number, and a rising temperature is the
 * one that matters.
 */
export const TEMPERATURE_LATER = /(?<= )(?:temp|temps|temperature|thermometer|fever)(?: [^ .;!?]{1,40}){0,3}? \d{2,3}(?:\.\d{1,2})?(?: (?:[^ .;!?]{1,40}|\d{2,3}\.\d{1,2})){0,10}? (?:now|then|up to|rose to|risen to|gone up to|went up to|climbed to)(?: it's| it is| at)? (\d{2,3}(?:\.\d{1,2})?)(?![\d.])/g;

/**
 * A reading with its unit, wherever it stands: "101.2 f at home per husband", "38.6°c overnight". A decimal is
 * required, so "40 f" (a bra size) or the weather ("it was 39°c in spain") is not read.
 */
export const TEMPERATURE_WITH_UNIT = /(?<= )(\d{2,3}\.\d{1,2})(?: ?(?:°|degrees?|deg))? ?(?:c|f|celsius|fahrenheit)(?= )/g;

/** Every way a temperature is read; each must stay linear in the text's length (the triage checks list them). */
export const TEMPERATURE_PATTERNS: readonly RegExp[] = [TEMPERATURE, TEMPERATURE_FIRST, TEMPERATURE_AT_SITE, TEMPERATURE_LATER, TEMPERATURE_SHORTHAND, TEMPERATURE_OF_PERSON, TEMPERATURE_ALONE, TEMPERATURE_AFTER_TIME, TEMPERATURE_LISTED, TEMPERATURE_WITH_UNIT];

/** Where prepared text states a temperature at or above the threshold; the caller judges each one's scope. */
export function temperaturesAtLeast(text: string, threshold: { celsius: number; fahrenheit: number }): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  // A reading is a number in a plausible range, so text without a digit states none.
  if (!/\d/.test(text)) return found;
  for (const pattern of TEMPERATURE_PATTERNS) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      // A decimal said in words ("38 point 5", as dictated) is read as written in digits.
      const value = Number(match[2] === undefined ? match[1] : `${match[1]}.${match[2]}`);
      const high = (value >= 34 && value <= 43 && value >= threshold.celsius) || (value >= 90 && value <= 110 && value >= threshold.fahrenheit);
      if (high) found.push({ start: match.index, end: match.index + match[0].length });
    }
    pattern.lastIndex = 0;
  }
  return found;
}
