import type { Analyzer } from '../text/analyzer.js';
import { normalizeText } from '../text/normalize.js';
import type { CheckProblem } from './check-problem.js';

// Clinical abbreviations and biomarkers: capitals that name things in medicine, not sources.
const CLINICAL_ABBREVIATIONS = new Set(
  `iv sc po im mri ct pet pet-ct ecg ekg dna rna er pr hr her2 her2-low tnbc bma bmas sre sres mscc onj pth pthrp
  sins sbrt ebrt ofs ai ais cdk cdk4/6 cdk4/6i brca brca1 brca2 brca1/2 gbrca pik3ca esr1 akt1 pten pd-l1 cps ihc ish
  fish edta alp crcl egfr gfr iu ml gy icu gp ed a&e uk us usa ok nsaid nsaids cox-2 ii iii iv mdt ckd aki ecog bmi
  fbc cbc qt serd serds adc parp tki mtor t-dxd alt ast lft ca ng ng/ml mg dl mg/dl ml/min mmol tsh ldh hcm mbc ebc
  nhs dvt pe copd hiv vte prn asap faq faqs note important warning urgent caution do not never always stop call now
  yes no and or if you`
    .split(/\s+/)
    .filter(Boolean),
);

const URL = /\bhttps?:\/\/[^\s)\]>]+|\bwww\.[^\s)\]>]+|\b[\w-]+\.(?:com|org|gov|net|edu|int|io|uk|eu|ca|au|info)\b(?:\/[^\s)\]>]*)?/gi;
const ET_AL = /\b([A-Z][A-Za-z'\u2019-]+)(?:\s+[A-Z]{1,3})?\s+et\s+al\b\.?/g;
// A token with two or more capitals, or letters and digits together: ASCO, KEYNOTE-355, CAPItello-291, NG234.
const NAME_TOKEN = /(?<![\w-])(?=[\w+\-/&]*(?:[A-Z][\w+\-/&]*[A-Z]|[A-Za-z][\w+\-/&]*\d|\d[\w+\-/&]*[A-Za-z]))[A-Za-z0-9][\w+\-/&]*/g;
const DETERMINERS = new Set(['The', 'This', 'That', 'These', 'Those', 'A', 'An', 'Each', 'Such', 'One', 'Your', 'Our', 'Their', 'Its', 'Any', 'Some', 'Another', 'Large', 'Randomised', 'Randomized', 'Clinical', 'Recent', 'Several', 'Both', 'Most', 'Many']);
const SOURCE_WORDS = 'guidelines? trials? study studies consensus criteria society network association panel institute foundation college academy registry collaboration statement'
  .split(' ')
  .map((word) => `[${word[0]!.toUpperCase()}${word[0]}]${word.slice(1)}`);
const TITLED = new RegExp(String.raw`((?:[A-Z][\w'\u2019&-]*\s+){1,5})(${SOURCE_WORDS.join('|')})\b`, 'g');
// Suffixes that turn a biomarker into an adjective: HER2-negative is HER2.
const ADJECTIVE_SUFFIX = /(?:[-+\u2212]|-(?:positive|negative|low|high|mutated|mutant|based|related|directed|targeted|altered|expressing|selected))+$/i;

function occursIn(name: string, haystack: string): boolean {
  const needle = normalizeText(name).trim();
  if (!needle) return true;
  const escaped = needle.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(?<![a-z0-9])${escaped}(?![a-z0-9])`).test(haystack);
}

function isClinicalTerm(analyzer: Analyzer, token: string): boolean {
  const base = token.replace(ADJECTIVE_SUFFIX, '');
  if (CLINICAL_ABBREVIATIONS.has(normalizeText(base)) || CLINICAL_ABBREVIATIONS.has(normalizeText(token))) return true;
  // The knowledge synonyms list the abbreviations the guidelines use (BMA, MSCC, HR+ …).
  const terms = analyzer.terms(token);
  return terms.length > 0 && terms.every((term) => term.startsWith('syn_'));
}

/**
 * Names a claim gives for where its facts come from (URLs, "et al." citations, trial and
 * guideline names) that do not occur in the evidence it may rest on. Returns one problem per name.
 */
export function checkUnknownSources(analyzer: Analyzer, claimText: string, evidenceText: string): CheckProblem[] {
  const haystack = normalizeText(evidenceText);
  const reasons: CheckProblem[] = [];
  const reported = new Set<string>();
  const report = (name: string, what: string) => {
    const key = name.toLowerCase();
    if (reported.has(key)) return;
    reported.add(key);
    reasons.push({ reason: `names a ${what} that is not among the sources offered`, detail: `${what}: ${name}` });
  };

  for (const match of claimText.matchAll(URL)) {
    if (!occursIn(match[0], haystack)) report(match[0], 'link');
  }
  const withoutUrls = claimText.replace(URL, ' ');
  for (const match of withoutUrls.matchAll(ET_AL)) {
    if (!occursIn(match[1]!, haystack)) report(`${match[1]} et al.`, 'citation');
  }
  for (const match of withoutUrls.matchAll(TITLED)) {
    const words = match[1]!.trim().split(/\s+/);
    while (words.length && DETERMINERS.has(words[0]!)) words.shift();
    if (words.length === 0) continue;
    const name = `${words.join(' ')} ${match[2]}`;
    const known = (word: string) => occursIn(word, haystack) || isClinicalTerm(analyzer, word);
    if (!occursIn(words.join(' '), haystack) && !words.every(known)) report(name, 'source');
  }
  const acceptable = (token: string): boolean =>
    !/[A-Za-z]/.test(token) ||
    isClinicalTerm(analyzer, token) ||
    occursIn(token, haystack) ||
    occursIn(token.replace(ADJECTIVE_SUFFIX, ''), haystack);
  for (const match of withoutUrls.matchAll(NAME_TOKEN)) {
    const token = match[0].replace(/[-/&]+$/, '');
    // Tokens led by a digit are amounts or ordinals (4mg, 2nd, 12-week), checked as numbers.
    if (/^\d/.test(token) || acceptable(token)) continue;
    // "HR+/HER2-negative": each part on its own.
    if (token.includes('/') && token.split('/').every(acceptable)) continue;
    report(token, 'name');
  }
  return reasons;
}
