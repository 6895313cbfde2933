import { normalizeText } from '../text/normalize.js';

export type Comparator = 'above' | 'below' | null;

/** A number as written in a claim or a source: its value, its unit (if any) and a comparator. */
export type Quantity = {
  value: number;
  unit: string | null;
  comparator: Comparator;
  text: string;
  /** One end of a range ("12–14 mg/dL"): not a limit of its own. */
  range: boolean;
};

/** One amount as written, a range being one item: where it stands in the prepared text, and its values. */
export type QuantityItem = { start: number; end: number; values: number[]; unit: string | null; comparator: Comparator; text: string };

// Surface forms → one canonical unit, so "4mg", "4 mg" and "4 milligrams" compare equal.
const UNIT_FORMS: ReadonlyArray<[string, string[]]> = [
  ['ml/min', ['ml/min', 'ml/minute', 'ml per minute']],
  ['mg/dl', ['mg/dl']],
  ['g/dl', ['g/dl']],
  ['mmol/l', ['mmol/l']],
  ['mg/kg', ['mg/kg']],
  ['mg', ['mg', 'milligrams', 'milligram']],
  ['mcg', ['mcg', 'µg', 'micrograms', 'microgram']],
  ['g', ['g', 'grams', 'gram']],
  ['kg', ['kg', 'kilograms']],
  ['ml', ['ml', 'millilitres', 'milliliters']],
  ['iu', ['iu', 'units', 'international units']],
  ['gy', ['gy', 'gray']],
  ['%', ['%', 'percent', 'per cent']],
  ['minute', ['minutes', 'minute', 'mins', 'min']],
  ['hour', ['hours', 'hour', 'hrs', 'hr', 'h']],
  ['day', ['days', 'day']],
  ['week', ['weeks', 'week', 'wks', 'wk']],
  ['month', ['months', 'month']],
  ['year', ['years', 'year', 'yrs', 'yr']],
  ['fraction', ['fractions', 'fraction']],
  ['cm', ['cm']],
  ['mm', ['mm']],
  ['patient', ['patients', 'people', 'women', 'participants']],
  ['lesion', ['lesions', 'metastases', 'lesion']],
  ['dose', ['doses', 'dose']],
  ['line', ['lines', 'line']],
];

const UNIT_BY_FORM = new Map<string, string>();
for (const [canonical, forms] of UNIT_FORMS) for (const form of forms) UNIT_BY_FORM.set(form, canonical);
const UNIT_ALTERNATION = [...UNIT_BY_FORM.keys()]
  .sort((a, b) => b.length - a.length)
  .map((form) => form.replace(/[.*+?^${}()|[\]\\/%]/g, '\\$&'))
  .join('|');

const NUMBER = String.raw`\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:\/\d+)?|\.\d+`;
const COMPARATOR = String.raw`(?:>=|<=|≥|≤|>|<|more than|greater than|higher than|over|above|at least|less than|fewer than|lower than|under|below|at most|up to|no more than|no less than)`;
const QUANTITY = new RegExp(
  String.raw`(?:(${COMPARATOR})\s*)?(${NUMBER})(?:\s*(?:-|to|and)\s*(${NUMBER}))?(?:\s*(${UNIT_ALTERNATION})(?![a-z]))?`,
  'g',
);
// "12-week", "2-year": a number and unit joined into an adjective.
const HYPHENATED_UNIT = new RegExp(String.raw`(\d)-(${UNIT_ALTERNATION})(?![a-z])`, 'g');
// Tokens that mix letters and digits name things, not amounts: HER2, CDK4/6, SC-24, NG234, T-DXd.
const IDENTIFIER = /(?<![\w.])[a-z][a-z0-9]*(?:[-/][a-z0-9]+)*\d[a-z0-9]*(?:[-/+][a-z0-9]+)*\+?|(?<![\w.])\d+[a-z]+[a-z0-9]*(?:[-/][a-z0-9]+)*/g;

function comparatorOf(text: string | undefined): Comparator {
  if (!text) return null;
  if (/^(>|≥|more|greater|higher|over|above|at least|no less)/.test(text)) return 'above';
  return 'below';
}

function parseNumber(text: string): number {
  if (text.includes('/')) {
    const [top, bottom] = text.split('/').map(Number);
    return top !== undefined && bottom ? top / bottom : Number.NaN;
  }
  return Number(text.replace(/,/g, ''));
}

/** Text prepared for number reading: dashes folded, units split from numbers, identifiers removed. */
export function prepareForNumbers(text: string): string {
  const unitJoined = new RegExp(String.raw`(\d)(${UNIT_ALTERNATION})(?![a-z])`, 'g');
  return normalizeText(text)
    .replace(/(\d)\s*-\s*(\d)/g, '$1-$2')
    .replace(HYPHENATED_UNIT, '$1 $2')
    .replace(unitJoined, '$1 $2')
    .replace(IDENTIFIER, ' ');
}

/** The amounts of a text already prepared by `prepareForNumbers`, with their positions in it. */
export function quantityItems(prepared: string): QuantityItem[] {
  const items: QuantityItem[] = [];
  for (const match of prepared.matchAll(QUANTITY)) {
    const [whole, comparatorText, first, second, unitText] = match;
    const values = (second ? [first!, second] : [first!]).map(parseNumber).filter((value) => !Number.isNaN(value));
    if (values.length === 0) continue;
    const start = match.index ?? 0;
    items.push({ start, end: start + whole.length, values, unit: unitText ? (UNIT_BY_FORM.get(unitText) ?? unitText) : null, comparator: comparatorOf(comparatorText), text: whole.trim() });
  }
  return items;
}

/** Every amount in a text: doses, intervals, percentages, ranges (a range gives both ends). */
export function extractQuantities(text: string): Quantity[] {
  return quantityItems(prepareForNumbers(text)).flatMap((item) =>
    item.values.map((value) => ({ value, unit: item.unit, comparator: item.comparator, text: item.text, range: item.values.length > 1 })),
  );
}
