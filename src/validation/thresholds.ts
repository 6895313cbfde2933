// Every tunable number of the validation policy lives here, so a change is one reviewed diff and
// the reply corpus (test/fixtures/model-replies) measures its effect on precision and recall.

/** Share of a claim's content terms that must occur in the passages it cites. */
export const MIN_SUPPORT_COVERAGE = 0.6;

/**
 * A claim term also counts as covered when it and a cited term share a prefix this long: stems of
 * the same word differ at the end ("zoledron-ic" / "zoledron-ate", "fraction" / "fractionation").
 */
export const MIN_SHARED_PREFIX = 6;

/** A cited sentence must share this share of the claim's terms before its polarity is compared. */
export const MIN_CONTRADICTION_OVERLAP = 0.5;

/** Two numbers are the same when they differ by less than this (2.0% and 2% are one value). */
export const NUMBER_TOLERANCE = 1e-9;

/** Flesch-Kincaid grade the whole answer must not exceed for patients. */
export const TARGET_READING_GRADE = 8;

/** A patient answer shorter than this many words is not graded: the formula is noise on a few lines. */
export const MIN_WORDS_FOR_READING_GRADE = 40;

/** `[1-40]` is a range; `[1-4000]` is a typo or an attack, not a list of 4000 citations. */
export const MAX_CITATION_RANGE = 50;

/** A line ending in ':' with at most this many words and no digits introduces a list; it is not a claim. */
export const MAX_LEAD_IN_WORDS = 8;

/**
 * Words that carry the shape of an answer rather than its facts; a paraphrase may add them without
 * support ("Guidelines recommend …", "Ask your care team …"). Given as stems of the analyzer.
 */
export const DISCOURSE_TERMS: ReadonlySet<string> = new Set([
  'patient', 'peopl', 'person', 'guidelin', 'recommend', 'advis', 'suggest', 'option', 'includ',
  'consid', 'gener', 'usual', 'typic', 'often', 'also', 'team', 'care', 'doctor', 'nurs', 'ask',
  'talk', 'discuss', 'help', 'import', 'key', 'point', 'note', 'first', 'even', 'still', 'mean',
  'common', 'possibl', 'especi', 'particular', 'clinician', 'healthcar', 'provid', 'appropri',
  'case', 'situat', 'prefer', 'whether', 'instead', 'rather', 'howev', 'therefor', 'addit',
  'exampl', 'can', 'might', 'may', 'onli', 'everi', 'time', 'treat', 'treatment', 'medicin',
]);
