// Plain ASCII (most questions, nearly all of the knowledge) is its own NFKC form and holds none of the
// typographic characters folded below, so it is only lower-cased: half the cost of the full path.
const NON_ASCII = /[^\x00-\x7f]/;

/** Lower-cases and folds typographic variants (minus signs, dashes, quotes) to ASCII forms. */
export function normalizeText(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2212\u2012\u2013\u2014\u2010\u2011]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"');
}

/** The NFKC form of a text; plain ASCII is returned as it is (it is its own NFKC form). */
export function nfkc(text: string): string {
  return NON_ASCII.test(text) ? text.normalize('NFKC') : text;
}
