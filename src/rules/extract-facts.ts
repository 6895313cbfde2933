import { allMatches } from '../text/all-matches.js';
import { normalizeText } from '../text/normalize.js';
import { both, createPrefilter, either, type Requirement } from '../text/prefilter.js';
import { regexRequirement } from '../text/regex-literals.js';
import {
  ALBUMIN_G_L_PER_G_DL,
  CALCIUM_MG_DL_PER_MMOL_L,
  CREATININE_UMOL_PER_MG_DL,
  type BoneLesion,
  type CaseFacts,
  type LesionSite,
  type MetastaticSite,
  type Symptom,
} from './case-schema.js';
import { formatNumber } from './format-number.js';
import { neutropeniaGradeWords } from './neutropenia-grade.js';
import { affirmedMatches, isNegated, polarityOf } from './negation.js';

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  single: 1, solitary: 1, a: 1, an: 1,
};
const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5 };

function prepare(text: string): string {
  return normalizeText(text)
    .replace(/[\u00b5\u03bc]/g, 'u')
    .replace(/\u2265/g, '>=')
    .replace(/\u2264/g, '<=')
    .replace(/(\d),(\d{3})\b/g, '$1$2') // 1,200 → 1200
    .replace(/(\d),(\d)/g, '$1.$2') // decimal comma: 1,4 mg/dL → 1.4
    .replace(/\s+/g, ' ');
}

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

// A value after a label: "creatinine 1.4", "creatinine of 1.4", "creatinine is 1.4", "creatinine: 1.4", "creatinine was 1.4".
// "calcium level is 3.1", "calcium result came back at 3.1", "creatinine: 150", "calcium this morning was 15.2".
// "calcium on Monday's bloods was 3.2", "calcium on the bloods today 3.2": when and where it was measured.
// …and "creatinine before her 3rd dose is 1.7": the dose it was checked before.
const MEASURED_ON = String.raw`(?:on\s(?:(?:the|her|his|my|today's|yesterday's|(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:'s)?)\s){1,2}(?:(?:bloods?|blood tests?|results?|labs?)\s?)?|before\s(?:(?:the|her|his|my|this|today's)\s)?(?:(?:\d{1,2}(?:st|nd|rd|th)|next|first|second|third|fourth|fifth|sixth)\s)?(?:dose|infusion|drip)\s)?`;
const VALUE_GAP = String.raw`\s?(?:(?:level|result|reading)\s?)?(?:(?:is|are|was|were|came|come|has come|have come)\s)?(?:back\s)?${MEASURED_ON}(?:(?:this morning|this afternoon|today|yesterday|last night|this week|last week)\s?)?(?:(?:is|was|of|at|as|now|still|came back|comes back|=|:|-)\s?){0,4}(?:about\s?|around\s?|~\s?)?`;
const NUM = String.raw`(\d+(?:\.\d+)?)`;

// Every pattern is compiled once, when the module loads: compiling them per message was a large part
// of the cost of reading facts.
// A full stop after the value ends the sentence ("my calcium is 3.4."); one before a digit would be a longer number.
function labPattern(label: string, units: string, gap = VALUE_GAP): RegExp {
  return new RegExp(String.raw`\b(?:${label})${gap}${NUM}\s*(${units})?(?!\w|\.\d)`, 'g');
}
// A clearance told as a change is still the value now: "CrCl drops to 25", "CrCl has fallen to 28". Only for
// clearance, whose values are checked for range: "calcium up to 1,000 mg" is a supplement, not a level.
const CHANGE_GAP = String.raw`\s?(?:(?:has|have|is|was|now|dropped|drops|dropping|fallen|falls|falling|fell|drifted|drifting|slipped|slipping|crept|declined|declining|decreased|reduced|risen|rises|rose|gone|went|goes|come|came|down|up)\s){0,3}to\s?`;

// "eGFR drifted 70 -> 48", "egfr from 70 to 48", "gfr 70 → 48", "eGFR 35, now 25": the value it came to.
const EGFR_FROM_TO = new RegExp(
  String.raw`\be?gfr\s(?:(?:has|have|had)\s)?(?:(?:dropped|fallen|fell|drifted|drifting|slipped|gone|went|declined|come|came)\s)?(?:down\s)?(?:from\s)?\d{1,3}(?:\.\d)?\s?(?:->|-->|\u2192|=>|to|,?\snow(?:\sat)?)\s?(\d{1,3}(?:\.\d)?)(?![\d.])`,
);
const CALCIUM_UNITS = String.raw`mg\/dl|mmol\/l|mmol`;
const TUMOUR_MARKER = /^ca[\s-]*(?:15[\s-]?3|19[\s-]?9|27[.\s-]?29|125)(?!\d)/;
// Prepared text has single spaces, so one `\s` is every space there can be (and keeps repetition bounded).
const CREATININE_LABEL = String.raw`(?:serum\s)?creat(?:inine)?|s?cr(?![a-z])|s-?creat`;
const CREATININE_UNITS = String.raw`mg\/dl|mg\/l|umol\/l|umol|micromol\/l|mmol\/l`;
// "CrCl", "creatinine clearance", "creat clearance (C-G)": the method said beside the label is no value.
const CLEARANCE_LABEL = String.raw`(?:crcl|creat(?:inine)?\.? clearance|cr ?cl|clcr)(?:\s?\((?:c-?g|cockcroft[\s-]gault)\))?`;
const LAB = {
  creatinine: labPattern(CREATININE_LABEL, CREATININE_UNITS),
  clearance: labPattern(CLEARANCE_LABEL, String.raw`ml\/min`),
  clearanceChange: labPattern(CLEARANCE_LABEL, String.raw`ml\/min`, CHANGE_GAP),
  egfr: labPattern(String.raw`e?gfr`, String.raw`ml\/min(?:\/1\.73\s*m2|\/1\.73m2|\/1\.73 m\^?2)?`),
  egfrChange: labPattern(String.raw`e?gfr`, String.raw`ml\/min(?:\/1\.73\s*m2|\/1\.73m2|\/1\.73 m\^?2)?`, CHANGE_GAP),
  corrected: labPattern(String.raw`(?:albumin[\s-])?(?:corrected|adjusted|corr\.?|adj\.?)\s+(?:serum\s+)?(?:calcium|ca)|cca|adj(?:usted)? ca`, CALCIUM_UNITS),
  // "cal 12.8 mg/dl": lab-report shorthand; a figure outside the calcium ranges ("1500 cal") is not read.
  calcium: labPattern(String.raw`(?:serum\s+|total\s+)?(?:calcium|cal|ca(?:\+\+|2\+)?)`, CALCIUM_UNITS),
  albumin: labPattern(String.raw`(?:serum\s+)?alb(?:umin)?`, String.raw`g\/dl|g\/l`),  // "ANC 0.8", "neutrophils 1.2 x10^9/L", "neutrophil count of 800/mm3"; "neutrophils 60%" is a differential, not a count.
  neutrophils: labPattern(String.raw`anc|absolute neutrophil count|neutrophil count|neutrophils|neutrophil|neuts?`, String.raw`x\s?10\^?9\/l|10\^?9\/l|(?:cells\s?)?\/(?:mm3|mm\u00b3|ul|microlitre)`),
};

/** Values after a label (a global pattern from `labPattern`). */
function labMatch(text: string, pattern: RegExp): Array<{ value: number; unit: string | undefined; index: number }> {
  return allMatches(text, pattern)
    .filter((match) => {
      const end = (match.index ?? 0) + match[0].length;
      return !/^\s*(?:years?|yrs?|months?|weeks?|days?|cm|mm|times|cycles?|%)/.test(text.slice(end, end + 12));
    })
    .map((match) => ({ value: Number(match[1]), unit: match[2], index: match.index ?? 0 }));
}

const AGE = [
  /\b(\d{1,3})\s*-?\s*(?:years?|yrs?|y)\s*-?\s*(?:\/\s*)?(?:old|o\b)/,
  /\b(\d{1,3})\s*-?\s*y\/?o\b/,
  /\b(?:aged?|age:)\s*(\d{1,3})\b/,
  /\b(\d{1,3})\s*(?:years?|yrs?) of age\b/,
  /\b(\d{1,3})\s?(?:f|m)\b(?![\w/])/,
  /\b(?:woman|man|lady|female|male|patient) of (\d{1,3})\b/,
  /\b(?:i am|i'm|im) (\d{2})\b(?!\s*(?:kg|cm|lb|weeks|days|months|%))/,
];

function extractAge(text: string, facts: Partial<CaseFacts>): void {
  for (const pattern of AGE) {
    const match = pattern.exec(text);
    const age = match ? Number(match[1]) : NaN;
    if (age > 0 && age <= 120) {
      facts.age = age;
      return;
    }
  }
}

const FEMALE = /\b(?:woman|women|female|lady|mrs|ms|girl|\d{1,3}\s?f|(?:yo|y\/o|year[\s-]old|yr[\s-]old)\s+f)\b/;
const MALE = /\b(?:man|men|male|gentleman|mr(?!\s+(?:oral\s+)?(?:morphine|oxycodone|tablets?|capsules?))|boy|\d{1,3}\s?m|(?:yo|y\/o|year[\s-]old|yr[\s-]old)\s+m)\b/;
const SHE = /\b(?:she|her|hers|herself)\b/;
const HE = /\b(?:he|him|his|himself)\b/;
const WOMEN_ONLY = /\b(?:pre|peri|post)?-?\s?menopaus|\bperiods\b|\bovar(?:y|ies|ian)\b/;

// A man asking for a woman ("a man at the counter… for his wife"), or a woman for a man: the patient is the one asked for.
const FOR_A_WOMAN = /\b(?:his|her|my|their)\s+(?:wife|mother|mum|mom|daughter|sister|grandmother|gran|nan|girlfriend|aunt)\b/;
const FOR_A_MAN = /\b(?:his|her|my|their)\s+(?:husband|father|dad|son|brother|grandfather|grandad|boyfriend|uncle)\b/;

function extractSex(text: string, facts: Partial<CaseFacts>): void {
  const female = FEMALE.test(text);
  const male = MALE.test(text);
  const forWoman = FOR_A_WOMAN.test(text);
  const forMan = FOR_A_MAN.test(text);
  if (forWoman !== forMan && (forWoman ? male && !female : female && !male)) {
    facts.sex = forWoman ? 'female' : 'male';
    return;
  }
  if (female !== male) {
    facts.sex = female ? 'female' : 'male';
    return;
  }
  if (female && male) return;
  const she = SHE.test(text);
  const he = HE.test(text);
  if (she !== he) facts.sex = she ? 'female' : 'male';
  // Menopause and pregnancy words are about women.
  else if (!she && WOMEN_ONLY.test(text)) facts.sex = 'female';
}

const WEIGHT = /\b(\d{2,3}(?:\.\d+)?)\s*(kg|kgs|kilos?|kilograms?|lbs?|pounds?)\b/;

function extractWeight(text: string, facts: Partial<CaseFacts>): void {
  const match = WEIGHT.exec(text);
  if (!match) return;
  const value = Number(match[1]);
  const kg = match[2]!.startsWith('k') ? value : value * 0.45359237;
  if (kg > 20 && kg <= 400) facts.weightKg = round(kg, 1);
}

const PERIMENOPAUSAL = /\bperi\s?-?\s?menopaus/;
const PREMENOPAUSAL = /\bpre\s?-?\s?menopaus|\bstill (?:has|having|have|gets?|getting) (?:her |my )?periods\b|\bregular periods\b/;
const POSTMENOPAUSAL = /\bpost\s?-?\s?menopaus|\bafter (?:the |her |my )?menopause\b|\b(?:went|gone|been) through (?:the )?menopause\b|\bperiods (?:have )?stopped\b/;

function extractMenopause(text: string, facts: Partial<CaseFacts>): void {
  if (PERIMENOPAUSAL.test(text)) facts.menopausalStatus = 'perimenopausal';
  else if (PREMENOPAUSAL.test(text)) facts.menopausalStatus = 'premenopausal';
  else if (POSTMENOPAUSAL.test(text)) {
    facts.menopausalStatus = 'postmenopausal';
  }
}

type Status = 'positive' | 'negative' | 'low' | undefined;

function statusOf(token: string): Status {
  if (/^\s*-ve\b/.test(token)) return 'negative';
  const value = token.replace(/^[\s-]+(?=[a-z])/, '').trim();
  if (/^(?:\+|\(\+\)|\+ve|pos|positive|amplified|overexpress\w*|3\+)/.test(value)) return 'positive';
  if (/^(?:low|1\+|2\+\s*(?:\/\s*|and\s*|with\s*|,\s*)?(?:ish|fish|cish|sish)\s*(?:-|neg\w*|not amplified|non-?amplified))/.test(value)) return 'low';
  if (/^(?:-|\(-\)|-ve|neg|negative|0\b|zero|not amplified|non-?amplified|unamplified)/.test(value)) return 'negative';
  return undefined;
}

// Word forms come first so "er-positive" reads as positive, not as "er-" followed by a word.
const STATUS = String.raw`((?:[\s-]{0,3})(?:pos(?:itive)?|neg(?:ative)?|low|zero|amplified|not amplified|non-?amplified|overexpress\w*)\b|\+ve|-ve|\(\+\)|\(-\)|(?:ihc\s*)?[0-3](?![.\d])\+?(?:\s*(?:\/\s*|and\s*|with\s*|,\s*)?(?:ish|fish|cish|sish)\s*(?:-|\+|neg\w*|pos\w*|not amplified|amplified|non-?amplified))?|\+|-(?!\s*\d))`;
const RECEPTOR = {
  er: String.raw`er|oestrogen receptors?|estrogen receptors?|oestrogen|estrogen`,
  pr: String.raw`pr|pgr|progesterone receptors?|progesterone`,
  her2: String.raw`her-?2(?:\/neu)?|erbb2`,
  hr: String.raw`hr|hormone receptors?|hormone|hormonal receptors?`,
};

// "ER/PR positive", "ER and PR negative"
const RECEPTOR_PAIR = new RegExp(String.raw`\b(?:${RECEPTOR.er})\s*(?:\/|and|&|,)\s*(?:${RECEPTOR.pr})\s*(?:status\s*)?(?:is\s*|are\s*|:\s*)?${STATUS}`, 'g');
// ER 90%, PR 0%
const RECEPTOR_PERCENT = (['er', 'pr'] as const).map((key) => [key, new RegExp(String.raw`\b(?:${RECEPTOR[key]})\s*(?:status\s*)?(?:is\s*|:\s*)?(\d{1,3})\s*%`)] as const);
const RECEPTOR_STATUS = (Object.entries(RECEPTOR) as Array<[keyof typeof RECEPTOR, string]>).map(
  ([key, label]) => [key, new RegExp(String.raw`\b(?:${label})(?![\w])\s*(?:status\s*)?(?:is\s*|was\s*|:\s*|score\s*(?:of\s*)?)?(?:\(\s*)?${STATUS}`, 'g')] as const,
);

const TRIPLE_NEGATIVE = /\btriple[\s-]?negative\b|\btnbc\b/;
// Spelled-out forms where the status comes first: "positive for ER", "hormone-receptor-positive".
const STATUS_AFTER_WORDS = /\b(?:hr|hormone[\s-]receptor|er|oestrogen[\s-]receptor|estrogen[\s-]receptor)[\s-]positive\b/;
const LUMINAL = /\bluminal (?:a|b)\b/;
const HER2_LOW = /\bher-?2[\s-]?(?:low|ultra-?low)\b/;
const HER2_ENRICHED = /\bher-?2[\s-]?(?:enriched|driven)\b/;

// Triple-negative named as another case to compare ("…HER2-positive…, and what changes if it is triple-negative?").
const TRIPLE_NEGATIVE_ASIDE = /\b(?:if|whereas|compared (?:with|to)|versus|vs\.?|unlike|than|instead of|or)\s+(?:[\w-]+\s+){0,3}(?:triple[\s-]?negative|tnbc)\b/;

function extractReceptors(text: string, facts: Partial<CaseFacts>): void {
  if (TRIPLE_NEGATIVE.test(text) && !TRIPLE_NEGATIVE_ASIDE.test(text) && !isNegated(text, text.search(TRIPLE_NEGATIVE), text.length)) {
    facts.er = 'negative';
    facts.pr = 'negative';
    facts.her2 ??= 'negative';
  }
  for (const match of allMatches(text, RECEPTOR_PAIR)) {
    const status = statusOf(match[1]!);
    if (status === 'positive' || status === 'negative') {
      facts.er = status;
      facts.pr = status;
    }
  }
  for (const [key, pattern] of RECEPTOR_PERCENT) {
    const percent = pattern.exec(text);
    if (percent) facts[key] = Number(percent[1]) >= 1 ? 'positive' : 'negative';
  }
  for (const [key, pattern] of RECEPTOR_STATUS) {
    for (const match of allMatches(text, pattern)) {
      const token = match[1]!.trim().replace(/^ihc\s*/, '');
      // IHC scores (0, 1+, 3+) belong to HER2; "HR 0.82" is a hazard ratio.
      if (key !== 'her2' && /^\d/.test(token)) continue;
      if (key === 'her2') {
        if (/^2\+?$/.test(token)) continue; // 2+ without ISH is equivocal
        if (/^2\+?.*(?:ish|fish|cish|sish)\s*(?:\+|pos|amplified)/.test(token)) {
          facts.her2 = 'positive';
          continue;
        }
      }
      const status = statusOf(token);
      if (!status) continue;
      if (key === 'her2') {
        facts.her2 = status;
      } else if (status !== 'low') {
        if (key === 'hr') facts.hormoneReceptor = status;
        else facts[key] = status;
      }
    }
  }
  if (STATUS_AFTER_WORDS.test(text) && facts.hormoneReceptor === undefined && facts.er === undefined) facts.hormoneReceptor = 'positive';
  if (LUMINAL.test(text) && facts.hormoneReceptor === undefined && facts.er === undefined) facts.hormoneReceptor = 'positive';
  if (HER2_LOW.test(text)) facts.her2 = 'low';
  if (HER2_ENRICHED.test(text)) facts.her2 = 'positive';
}

const VARIANT = String.raw`(?:mutation|mutated|mutant|variant|pathogenic variant|carrier|positive|alteration|altered|\+)`;
const WILD_TYPE = String.raw`(?:wild[\s-]?type|wt|negative|not mutated|unmutated|-(?!\w))`;
function markerPatterns(name: string): { present: RegExp; absent: RegExp } {
  return {
    present: new RegExp(String.raw`\b(?:${name})(?![\w])[\s-]{0,3}(?:gene\s?)?${VARIANT}|\b${VARIANT}\s+(?:in\s+)?(?:${name})\b`),
    absent: new RegExp(String.raw`\b(?:${name})(?![\w])[\s-]{0,3}${WILD_TYPE}|\bno (?:\w+ )?(?:${name})\b`),
  };
}
const MARKERS = {
  brca: markerPatterns(String.raw`(?:germline\s+|g)?brca(?:1|2|1\/2|1 or 2|1 and 2)?`),
  pik3ca: markerPatterns('pik3ca'),
  esr1: markerPatterns('esr1'),
  akt: markerPatterns('akt1|pten'),
};

const CPS = /\b(?:pd-?l1\s*(?:\(?\s*22c3\s*\)?\s*)?)?(?:cps|combined positive score)\s*(?:score\s*)?(?:is\s*|of\s*|:\s*|=\s*)?(>=|>|=)?\s*(\d{1,3})\b/;
const PTEN_LOSS = /\bpten[\s-](?:loss|deficien\w*|deleted|deletion)\b/;

function extractBiomarkers(text: string, facts: Partial<CaseFacts>): void {
  const cps = CPS.exec(text);
  if (cps && !/^</.test(cps[1] ?? '')) {
    const value = Number(cps[2]) + (cps[1] === '>' ? 1 : 0);
    if (value <= 100) facts.pdl1Cps = value;
  }

  const marker = ({ present, absent }: { present: RegExp; absent: RegExp }): boolean | undefined => {
    const presentMatch = present.exec(text);
    if (absent.test(text) && !(presentMatch && !isNegated(text, presentMatch.index, presentMatch.index + presentMatch[0].length, { acrossCommas: false }) && !absent.test(presentMatch[0]))) return false;
    if (presentMatch && !isNegated(text, presentMatch.index, presentMatch.index + presentMatch[0].length, { acrossCommas: false })) return true;
    return presentMatch ? false : undefined;
  };
  const brca = marker(MARKERS.brca);
  if (brca !== undefined && !/\bsomatic\s+brca/.test(text)) facts.germlineBrcaVariant = brca;
  const pik3ca = marker(MARKERS.pik3ca);
  if (pik3ca !== undefined) facts.pik3caMutation = pik3ca;
  const esr1 = marker(MARKERS.esr1);
  if (esr1 !== undefined) facts.esr1Mutation = esr1;
  const akt = marker(MARKERS.akt);
  if (akt !== undefined) facts.aktPathwayAlteration = akt;
  if (PTEN_LOSS.test(text)) facts.aktPathwayAlteration = true;
}

const SITE_PATTERNS: Array<[MetastaticSite, RegExp]> = [
  ['bone', /\b(?:bone|bony|osseous|skeletal|osteolytic|osteoblastic)[\s-](?:only[\s-])?(?:metastas[ie]s|mets?|disease|lesions?|deposits?|secondaries|involvement)\b|\bmetastatic to (?:the )?bones?\b|\bspread (?:in)?to (?:the |my |her |his )?bones?\b|\bbone[\s-]only\b|\bmetastas[ie]s (?:in|to) (?:the )?bones?\b/g],
  ['liver', /\b(?:liver|hepatic)[\s-](?:metastas[ie]s|mets?|lesions?|deposits?|disease|involvement|secondaries)\b|\bmetastatic to (?:the )?liver\b|\bspread (?:in)?to (?:the |my |her |his )?liver\b/g],
  ['lung', /\b(?:lung|pulmonary)[\s-](?:metastas[ie]s|mets?|nodules?|lesions?|deposits?|disease|secondaries)\b|\bmetastatic to (?:the )?lungs?\b|\bspread (?:in)?to (?:the |my |her |his )?lungs?\b/g],
  ['brain', /\b(?:brain|cerebral|intracranial)[\s-](?:metastas[ie]s|mets?|lesions?|deposits?|secondaries)\b|\bspread (?:in)?to (?:the |my |her |his )?brain\b/g],
  ['lymph-node', /\b(?:lymph[\s-]?node|nodal|axillary node)[\s-]?(?:metastas[ie]s|mets?|disease|involvement)\b/g],
  ['pleura', /\bpleural[\s-](?:metastas[ie]s|mets?|effusion|disease)\b/g],
  ['skin', /\b(?:skin|cutaneous)[\s-](?:metastas[ie]s|mets?|nodules?|lesions?)\b/g],
];

// Lists: "liver and bone metastases", "metastatic to the lungs and bones", "spread to liver, lung and bone".
const SITE_WORD = String.raw`(?:liver|hepatic|lungs?|pulmonary|bones?|bony|osseous|brain|nodal|lymph nodes?|pleural|pleura|skin)`;
const SITE_LISTS = [
  new RegExp(String.raw`\b(${SITE_WORD}(?:\s?(?:,|and|&|\/|or)\s?(?:the\s)?${SITE_WORD}){1,8})[\s-](?:metastas[ie]s|mets?|disease|lesions|deposits|involvement)\b`, 'g'),
  new RegExp(String.raw`\b(?:metastatic|metastases|spread|spreading|mets) (?:in)?to (?:the |her |his |my )?(${SITE_WORD}(?:\s?(?:,|and|&|\/)\s?(?:the\s)?${SITE_WORD}){1,8})\b`, 'g'),
];
const SITE_OF: Array<[RegExp, MetastaticSite]> = [
  [/liver|hepatic/, 'liver'],
  [/lung|pulmonary/, 'lung'],
  [/bone|bony|osseous/, 'bone'],
  [/brain/, 'brain'],
  [/nodal|lymph/, 'lymph-node'],
  [/pleura/, 'pleura'],
  [/skin/, 'skin'],
];

const OLIGOMETASTATIC = /\boligo[\s-]?metasta\w*/g;
const WIDESPREAD = /\b(?:widespread|extensive|diffuse|innumerable|multiple|numerous)\s+(?:\w+\s+){0,2}(?:metastas[ie]s|mets|lesions|disease)\b/;

function extractSites(text: string, facts: Partial<CaseFacts>): void {
  const sites: MetastaticSite[] = [];
  for (const [site, pattern] of SITE_PATTERNS) {
    if (affirmedMatches(text, pattern).length > 0) sites.push(site);
  }
  for (const pattern of SITE_LISTS) {
    for (const match of affirmedMatches(text, pattern)) {
      for (const part of match[1]!.split(/\s*(?:,|and|&|\/|or)\s*/)) {
        const site = SITE_OF.find(([test]) => test.test(part))?.[1];
        if (site && !sites.includes(site)) sites.push(site);
      }
    }
  }
  if (sites.length > 0) facts.metastaticSites = sites;

  // A number right after the name of a score or measure is its value, not a count: "Mirels score 9
  // lytic lesion" is one lesion scoring 9, not nine lesions.
  const count = allMatches(text, LESION_COUNT).find((match) => !MEASURE_BEFORE.test(text.slice(Math.max(0, (match.index ?? 0) - 24), match.index ?? 0)));
  if (count && !/\b(?:cm|mm)\b/.test(count[0])) {
    const value = NUMBER_WORDS[count[1]!] ?? Number(count[1]);
    if (Number.isInteger(value) && value >= 1 && value <= 1000) facts.metastaticLesionCount = value;
  }
  const oligo = polarityOf(text, OLIGOMETASTATIC);
  if (oligo !== 'absent') facts.oligometastatic = oligo === 'affirmed';
  if (WIDESPREAD.test(text) && facts.oligometastatic === undefined) {
    facts.oligometastatic = false;
  }
}

// How far back a cue may sit for a number it qualifies: the sentence, cut to a bounded window.
const SENTENCE_LOOKBACK = 200;

const VISCERAL_CRISIS = /\bvisceral crisis\b/g;
const LINES = /\b(\d|one|two|three|four|five|six)\s+(?:prior|previous|earlier)?\s*(?:lines?|regimens?)\b/;
const ORDINAL_LINE = /\b(first|second|third|fourth|fifth|sixth|1st|2nd|3rd|4th|5th)[\s-]line\b/;
// Clinicians' shorthand for the line being chosen ("best 2L?"), and "later-line" for any line after the first.
const SHORT_LINE = /\b([1-6])l\b(?!\s*(?:of|a day|per|\/|urine|fluid|water|saline|daily|bag))/;
const LATER_LINE = /\blater[\s-]lines?\b/;
const UNTREATED = /\b(?:treatment[\s-]na[iï]ve|untreated|previously untreated|de novo|newly diagnosed|new diagnosis|just diagnosed|no (?:prior|previous) (?:systemic )?(?:treatment|therapy))\b/;
// "Has it failed?" asks whether a treatment worked; it tells no line of therapy given.
const PROGRESSED = /\b(?:progress\w*|relapsed?|recurr\w*) (?:on|after|despite|through)\b|\bprogressive disease on\b|(?<!\b(?:has|have) (?:it|this|that|the \w+) )\bfailed\b/;
// Words before a CDK4/6 inhibitor that say it was given before, and words that say only that it is given now.
const GIVEN_BEFORE_CUE = /\b(?:after|prior|previous(?:ly)?|received|had|following|progress\w*|failed|treated with|despite|took|was on)\b[^.;]*$/;
const ON_IT_CUE = /\b(?:on|taking)\b[^.;]*$/;
const TOLD_GROWTH = /\b(?:progress\w*|growing|grown|grew|spread further|stopped working)\b/;
const CDK = /\b(?:cdk ?4\/6(?:\s*i|\s*inhibitors?)?|palbociclib|ribociclib|abemaciclib|ibrance|kisqali|verzenio)\b/g;
const CDK_NAIVE = /\bcdk ?4\/6(?:\s*inhibitor)?[\s-]na[iï]ve\b/;
const CHEMO = /\b(?:chemo(?:therapy)?|paclitaxel|docetaxel|nab-paclitaxel|taxane|capecitabine|anthracycline|doxorubicin|epirubicin|eribulin|carboplatin|gemcitabine)\b/g;
const CHEMO_NAIVE = /\bchemo(?:therapy)?[\s-]na[iï]ve\b|\bno (?:prior |previous )?chemo(?:therapy)?\b/;

// A question asked yes or no: "Is this visceral crisis?", "does she meet the criteria for visceral crisis?".
const YES_NO_QUESTION = /(?:^|[.!?]\s+)(?:is|are|does|do|would|could|has|have|should|can|might|was)\b[^.!?]*\?/gi;

/** The text with its yes-or-no questions blanked (same length, so positions still hold). */
function withoutYesNoQuestions(text: string): string {
  return text.replace(YES_NO_QUESTION, (question) => ' '.repeat(question.length));
}

function extractCrisisAndLines(text: string, facts: Partial<CaseFacts>): void {
  // "Is this visceral crisis?" asks whether it is: only the sentences that do not ask it can state it.
  const crisis = polarityOf(withoutYesNoQuestions(text), VISCERAL_CRISIS);
  if (crisis !== 'absent') facts.visceralCrisis = crisis === 'affirmed';

  const lines = LINES.exec(text);
  const ordinal = ORDINAL_LINE.exec(text);
  if (lines) {
    const value = NUMBER_WORDS[lines[1]!] ?? Number(lines[1]);
    // "after 2 lines", "had two regimens": a verb of receiving earlier in the same sentence.
    const upTo = text.slice(Math.max(0, (lines.index ?? 0) - SENTENCE_LOOKBACK), (lines.index ?? 0) + lines[0].length);
    const sentence = upTo.slice(upTo.lastIndexOf('.') + 1);
    if (/\b(?:after|prior|previous|received|had|following|progress\w* (?:on|after)|failed|treated with)\b/.test(sentence) || /prior|previous|earlier/.test(lines[0])) {
      facts.priorLinesForMetastatic = value;
    }
  } else if (ordinal) {
    const position = ORDINALS[ordinal[1]!]!;
    // "first-line treatment" is the line being chosen; "after first-line" is a line already given.
    const after = /\b(?:after|following|progress\w* (?:on|after)|failed|beyond)\s+(?:\w+\s+){0,2}$/.test(text.slice(Math.max(0, ordinal.index - 60), ordinal.index));
    facts.priorLinesForMetastatic = after ? position : position - 1;
  }
  if (facts.priorLinesForMetastatic === undefined) {
    const short = SHORT_LINE.exec(text);
    if (short) facts.priorLinesForMetastatic = Number(short[1]) - 1;
    else if (LATER_LINE.test(text)) facts.priorLinesForMetastatic = 1;
  }
  if (facts.priorLinesForMetastatic === undefined) {
    if (UNTREATED.test(text)) {
      facts.priorLinesForMetastatic = 0;
    } else if (PROGRESSED.test(text)) {
      facts.priorLinesForMetastatic = 1;
    }
  }
  const cdkMatches = allMatches(text, CDK);
  // Being on one now ("I've been started on palbociclib", "I'm on ribociclib") is a prior CDK4/6 inhibitor only
  // once the cancer is said to have grown.
  const grewOnTreatment = PROGRESSED.test(text) || TOLD_GROWTH.test(text);
  const givenBefore = (match: RegExpMatchArray) => {
    const before = text.slice(Math.max(0, (match.index ?? 0) - 60), match.index);
    return GIVEN_BEFORE_CUE.test(before) || (grewOnTreatment && ON_IT_CUE.test(before));
  };
  if (CDK_NAIVE.test(text)) facts.priorCdk46Inhibitor = false;
  else if (cdkMatches.some((match) => givenBefore(match) && !isNegated(text, match.index ?? 0, (match.index ?? 0) + match[0].length))) {
    facts.priorCdk46Inhibitor = true;
  } else if (cdkMatches.length > 0 && cdkMatches.every((match) => isNegated(text, match.index ?? 0, (match.index ?? 0) + match[0].length))) {
    facts.priorCdk46Inhibitor = false;
  }
  extractEarlyRelapse(text, facts);
  if (CHEMO_NAIVE.test(text)) facts.priorChemotherapy = false;
  else if (allMatches(text, CHEMO).some((match) => /\b(?:after|prior|previous(?:ly)?|received|had|following|progress\w* on|failed|treated with|despite)\b[^.;]*$/.test(text.slice(Math.max(0, (match.index ?? 0) - 50), match.index)) && !isNegated(text, match.index ?? 0, (match.index ?? 0) + match[0].length))) {
    facts.priorChemotherapy = true;
  }
}

// "relapsed 8 months after adjuvant chemotherapy", "recurrence within 12 months of completing neoadjuvant chemo"
const EARLY_RELAPSE =
  /\b(?:relaps\w*|recurr\w*|recurrence|progress\w*|metastas[ie]s|metastatic disease)\b[^.;]{0,60}?\b(?:within\s+)?(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+months?\s+(?:of|after|from|following)\s+(?:completing\s+|finishing\s+|the\s+|her\s+|his\s+){0,2}\(?(?:neo-?)?\)?\s?adjuvant\b/;

function extractEarlyRelapse(text: string, facts: Partial<CaseFacts>): void {
  const match = EARLY_RELAPSE.exec(text);
  if (!match) return;
  const months = NUMBER_WORDS[match[1]!] ?? Number(match[1]);
  facts.relapseWithin12MonthsOfAdjuvantChemotherapy = months <= 12;
}

// A baseline creatinine and, where the same statement gives it, the later one. Each pattern captures
// (value, unit) twice; `baseline` and `current` say which pair is which. A value followed by a time, a
// count or a drug dose ("3 months ago", "4 mg") is not a creatinine. Every repetition is bounded, so a
// scan stays linear in the length of the text.
const NOT_A_CREATININE_AFTER = String.raw`(?!\s?(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|cm|mm|%|times|cycles?|doses?|mg(?!\/d)|mcg|ml|g|kg|iu|units?)\b)`;
const CREATININE_VALUE = String.raw`(\d{1,4}(?:\.\d{1,3})?)\s?(${CREATININE_UNITS})?(?!\w|\.\d)${NOT_A_CREATININE_AFTER}`;
const ARTICLE = String.raw`(?:a\s|an\s|her\s|his\s|the\s|their\s|my\s)?`;
const ROSE = String.raw`rose|risen|rising|increased|increasing|climbed|climbing|jumped|crept up|come up|gone up|went up|up`;
const NO_AGENT_WORDS = String.raw`(?:bone[\s-]modifying agents?|bone[\s-]targeted agents?|bmas?|zoledronic acid|zoledronate|zol|zometa|bisphosphonates?)`;
// A later value after a baseline: ", now 1.5", " and is now 1.5", " and it is now 1.5", ", rising to 1.5".
// …or one the time follows: ", 121 today", ", 121 now".
const VALUE_THEN_NOW = String.raw`(?=[\d.]{1,8}\s?(?:${CREATININE_UNITS})?\s(?:today|now|this morning)\b)`;
const THEN_CURRENT = String.raw`(?:\s?[,;]?\s?(?:and\s|but\s)?(?:(?:it|that|this)\s|it's\s|its\s)?(?:is\s)?(?:(?:now up to|now|today|currently|this morning|has (?:${ROSE}) to|(?:${ROSE}) to)\s?(?:(?:is|at|of)\s)?|${VALUE_THEN_NOW})${CREATININE_VALUE})?`;
// "baseline creat 0.9", "creatinine at baseline 0.9", "baseline creatinine 0.9, now 1.5".
const BASELINE_THEN_CURRENT = new RegExp(
  String.raw`\b(?:baseline\s(?:${CREATININE_LABEL})|(?:${CREATININE_LABEL})\s(?:at\s)?baseline)${VALUE_GAP}${CREATININE_VALUE}${THEN_CURRENT}`,
  'g',
);
// "creatinine 0.9 at baseline, now 1.5", "creatinine was 0.9 at baseline and is now 1.5".
// …and "creatinine 68 baseline, now 121", "creat was 0.8 at start of zol, now 1.4".
const AT_THE_START = String.raw`(?:the\s)?start(?:\sof\s${ARTICLE}(?:${NO_AGENT_WORDS}|treatment|drips?|infusions?))?`;
const VALUE_AT_BASELINE = new RegExp(
  String.raw`\b(?:${CREATININE_LABEL})${VALUE_GAP}${CREATININE_VALUE}\s(?:(?:(?:at|on)\s${ARTICLE})?baseline|at\s${AT_THE_START})${THEN_CURRENT}`,
  'g',
);
// "creatinine 1.5 (baseline 0.9)", "creat 1.5, baseline 0.9", "creatinine 1.5 up from 0.9", "cr 1.5 vs baseline 0.9",
// "her creatinine is 160. Baseline was 112.".
const CURRENT_THEN_BASELINE = new RegExp(
  String.raw`\b(?:${CREATININE_LABEL})${VALUE_GAP}${CREATININE_VALUE}\s?(?:[(,;.-]\s?)?` +
    String.raw`(?:(?:(?:from|vs\.?|versus|compared (?:with|to)|against|with)\s)?${ARTICLE}baseline(?:\s(?:value|level|creat(?:inine)?))?|(?:(?:${ROSE})\s)?from\s(?:${ARTICLE}baseline)?)` +
    String.raw`(?:\s?(?:of|was|is|=|:|at))?\s?${CREATININE_VALUE}`,
  'g',
);
// "creatinine before her 3rd dose is 1.7 mg/dL, it was 1.1 at baseline": the baseline told after, of "it".
const CURRENT_THEN_IT_AT_BASELINE = new RegExp(
  String.raw`\b(?:${CREATININE_LABEL})${VALUE_GAP}${CREATININE_VALUE}\s?[,;.]?\s?(?:and\s|but\s|which\s)?(?:it\s|she\s|he\s)?(?:was|had been|was only)\s${CREATININE_VALUE}\s(?:at|on)\s${ARTICLE}baseline\b`,
  'g',
);
// "creatinine rose from 0.9 to 1.5", "creat up from 0.9 to 1.5 mg/dl", "creatinine has gone from 0.9 to 1.5".
const RISEN_FROM_TO = new RegExp(
  String.raw`\b(?:${CREATININE_LABEL})\s(?:(?:has|had|have)\s)?(?:(?:${ROSE}|gone|went)\s)?from\s(?:${ARTICLE}baseline(?:\s?(?:of|:))?\s)?${CREATININE_VALUE}` +
    String.raw`\s?(?:to|->|-->|=>|\u2192)\s?(?:about\s|around\s)?${CREATININE_VALUE}`,
  'g',
);
// "cr 0.9 -> 1.5", "creatinine 0.9 → 1.5".
const CREATININE_ARROW = new RegExp(String.raw`\b(?:${CREATININE_LABEL})${VALUE_GAP}${CREATININE_VALUE}\s?(?:->|-->|=>|\u2192)\s?${CREATININE_VALUE}`, 'g');
// `currentRequired`: the statement is a rise from one value to another, so a later value that is no
// creatinine ("creatinine 1.6 mg/dL → 37.2 mL/min") shows the statement was about something else.
const BASELINE_STATEMENTS: ReadonlyArray<{ pattern: RegExp; baseline: number; current: number; currentRequired: boolean }> = [
  { pattern: BASELINE_THEN_CURRENT, baseline: 1, current: 3, currentRequired: false },
  { pattern: VALUE_AT_BASELINE, baseline: 1, current: 3, currentRequired: false },
  { pattern: CURRENT_THEN_BASELINE, baseline: 3, current: 1, currentRequired: true },
  { pattern: CURRENT_THEN_IT_AT_BASELINE, baseline: 3, current: 1, currentRequired: true },
  { pattern: RISEN_FROM_TO, baseline: 1, current: 3, currentRequired: true },
  { pattern: CREATININE_ARROW, baseline: 1, current: 3, currentRequired: true },
];
// A baseline creatinine is the value before zoledronic acid was started: in a patient who has had none
// (or no bone-modifying agent at all), a "baseline" is some earlier value, and the current creatinine is
// the one the first dose is worked out from. "Has not had zoledronic acid for 3 months" is a pause, not none.
const NO_ZOLEDRONIC_ACID_YET = new RegExp(
  [
    String.raw`\b(?:(?:not|never)\s(?:yet\s)?(?:been\s)?(?:received|had|started|given|been on)|yet to (?:start|receive|have))\s(?:any\s|a\s|her\s|his\s)?(?:prior\s|previous\s)?${NO_AGENT_WORDS}\b(?!\s(?:since|for|in)\b)`,
    String.raw`\bno\s(?:prior|previous)\s${NO_AGENT_WORDS}\b`,
    String.raw`\bno\s${NO_AGENT_WORDS}\s(?:yet|so far|to date|given|has been given|before)\b`,
    String.raw`\b${NO_AGENT_WORDS}[\s-]na[i\u00ef]ve\b`,
  ].join('|'),
);
/** The patterns that read a baseline creatinine, for the check that each repeats only a bounded number of times. */
export const BASELINE_CREATININE_PATTERNS: readonly RegExp[] = BASELINE_STATEMENTS.map(({ pattern }) => pattern);

type Reading = { value: number; unit: string | undefined };

/** A creatinine in mg/dL, or undefined when the value fits no unit or no living patient. */
function creatinineMgPerDl({ value, unit }: Reading): number | undefined {
  let mgPerDl: number | undefined;
  if (unit === undefined) mgPerDl = value < 20 ? value : value >= 30 ? value / CREATININE_UMOL_PER_MG_DL : undefined;
  else if (unit.startsWith('mg/dl')) mgPerDl = value;
  else if (unit.startsWith('u') || unit.startsWith('micro')) mgPerDl = value / CREATININE_UMOL_PER_MG_DL;
  else if (unit === 'mmol/l') mgPerDl = (value * 1000) / CREATININE_UMOL_PER_MG_DL;
  return mgPerDl !== undefined && mgPerDl >= 0.1 && mgPerDl <= 30 ? round(mgPerDl) : undefined;
}

/** The statements of a baseline creatinine, in text order; a value without a unit takes the other value's unit. */
function baselineStatements(text: string): Array<{ start: number; end: number; baseline: number; current: number | undefined }> {
  const statements = BASELINE_STATEMENTS.flatMap(({ pattern, baseline, current, currentRequired }) =>
    allMatches(text, pattern).flatMap((match) => {
      const reading = (group: number): Reading | undefined => (match[group] === undefined ? undefined : { value: Number(match[group]), unit: match[group + 1] });
      const before = reading(baseline);
      const after = reading(current);
      const inMgPerDl = (own: Reading | undefined, other: Reading | undefined) => own && creatinineMgPerDl({ value: own.value, unit: own.unit ?? other?.unit });
      const start = match.index ?? 0;
      const statement = { start, end: start + match[0].length, baseline: inMgPerDl(before, after), current: inMgPerDl(after, before) };
      if (statement.baseline === undefined || (currentRequired && statement.current === undefined)) return [];
      return [{ ...statement, baseline: statement.baseline }];
    }),
  );
  return statements.sort((a, b) => a.start - b.start);
}

/**
 * The current creatinine and, when one is stated, the baseline. Without a baseline the first creatinine
 * value is the current one, as it always was. With one, the current value is the first other value: the
 * later value of the baseline statement itself, or a creatinine stated outside every baseline statement,
 * so "baseline creat 0.9 … creat 1.5" reads 1.5 as current and never the baseline. The current value is
 * read the same way when the baseline is not kept (no zoledronic acid yet).
 */
function extractCreatinine(text: string, facts: Partial<CaseFacts>): void {
  const values = labMatch(text, LAB.creatinine);
  const statements = baselineStatements(text);
  const first = statements[0];
  if (!first) {
    const current = values[0] && creatinineMgPerDl(values[0]);
    if (current !== undefined) facts.creatinineMgPerDl = current;
    return;
  }
  if (!NO_ZOLEDRONIC_ACID_YET.test(text)) facts.baselineCreatinineMgPerDl = first.baseline;
  const stated = statements.find((statement) => statement.current !== undefined);
  const outside = firstValueOutside(values, statements);
  const current = stated && (!outside || stated.start < outside.index) ? stated.current : (outside?.value ?? laterBloods(text, first.end));
  if (current !== undefined) facts.creatinineMgPerDl = current;
}

// After a baseline creatinine, the bloods told later with a creatinine's unit are its later value:
// "baseline serum creatinine of 0.8 mg/dL. Her pre-infusion bloods today show 1.5 mg/dL".
const LATER_BLOODS = /\b(?:bloods?|blood tests?|results?|labs?|u&es?|renal function)\b[^.;\d]{0,40}?\b(?:show|shows|showed|is|are|was|were|came back|come back|now)\s(?:at\s|as\s)?(\d{1,4}(?:\.\d{1,3})?)\s?(mg\/dl|umol\/l|umol|micromol\/l)(?!\w)/g;

function laterBloods(text: string, from: number): number | undefined {
  const match = allMatches(text.slice(from), LATER_BLOODS)[0];
  return match ? creatinineMgPerDl({ value: Number(match[1]), unit: match[2] }) : undefined;
}

// A creatinine clearance before zoledronic acid was started and, where the same statement gives it, the
// later one: the label doses by the baseline clearance, and a later fall changes whether a dose is given,
// never its size. The groups hold the baseline and the later value, in the order `baseline`/`current` say.
const CLEARANCE_VALUE = String.raw`(\d{1,3}(?:\.\d{1,2})?)(?:\s?ml\/min)?(?!\w|\.\d)`;
const FELL = String.raw`dropped|fallen|fell|drifted down|slipped|gone down|went down|come down|came down|declined|decreased|reduced|down`;
const THEN_LATER = String.raw`(?:\s?[,;]?\s?(?:and\s|but\s)?(?:is\s|has\s)?(?:now (?:down )?to|now|today|currently|(?:${FELL}) to)\s?(?:(?:is|at|of)\s)?${CLEARANCE_VALUE})?`;
const CLEARANCE_STATEMENTS: ReadonlyArray<{ pattern: RegExp; baseline: number; current: number }> = [
  // "baseline crcl 75, now 38", "crcl at baseline 75"
  { pattern: new RegExp(String.raw`\b(?:baseline\s(?:${CLEARANCE_LABEL})|(?:${CLEARANCE_LABEL})\s(?:at\s)?baseline)${VALUE_GAP}${CLEARANCE_VALUE}${THEN_LATER}`, 'g'), baseline: 1, current: 2 },
  // "crcl 75 at baseline, now 38"
  { pattern: new RegExp(String.raw`\b(?:${CLEARANCE_LABEL})${VALUE_GAP}${CLEARANCE_VALUE}\s(?:at|on)\s${ARTICLE}baseline${THEN_LATER}`, 'g'), baseline: 1, current: 2 },
  // "crcl has dropped from 75 to 38", "crcl 75 -> 38"
  { pattern: new RegExp(String.raw`\b(?:${CLEARANCE_LABEL})\s(?:(?:has|had|have)\s)?(?:(?:${FELL}|gone|went)\s)?from\s(?:${ARTICLE}baseline(?:\s?(?:of|:))?\s)?${CLEARANCE_VALUE}\s?(?:to|->|\u2192)\s?${CLEARANCE_VALUE}`, 'g'), baseline: 1, current: 2 },
  { pattern: new RegExp(String.raw`\b(?:${CLEARANCE_LABEL})${VALUE_GAP}${CLEARANCE_VALUE}\s?(?:->|\u2192)\s?${CLEARANCE_VALUE}`, 'g'), baseline: 1, current: 2 },
  // "crcl 38 (baseline 75)", "crcl 38, down from 75"
  { pattern: new RegExp(String.raw`\b(?:${CLEARANCE_LABEL})${VALUE_GAP}${CLEARANCE_VALUE}\s?(?:[(,;-]\s?)?(?:(?:${FELL}) from|(?:(?:vs\.?|versus|from)\s)?${ARTICLE}baseline)(?:\s?(?:of|was|is|=|:))?\s?${CLEARANCE_VALUE}`, 'g'), baseline: 2, current: 1 },
  // "crcl 28 on today's bloods (65 at baseline)"
  { pattern: new RegExp(String.raw`\b(?:${CLEARANCE_LABEL})${VALUE_GAP}${CLEARANCE_VALUE}[^()\d.;]{0,40}\(\s?${CLEARANCE_VALUE}\s(?:at|on)\s${ARTICLE}baseline\s?\)`, 'g'), baseline: 2, current: 1 },
];
// A clearance told as it is now, or as a fall ("crcl is now 38", "crcl has dropped to 38").
const CLEARANCE_NOW = new RegExp(String.raw`\b(?:${CLEARANCE_LABEL})\s(?:(?:is|was|has been)\s)?now\b|\b(?:${CLEARANCE_LABEL})\s(?:(?:has|have|is)\s)?(?:${FELL})\sto\b`);
// Zoledronic acid already being given: "the next dose", "on zoledronic acid" (but not "started on" it).
const ON_ZOLEDRONIC_ACID =
  /\b(?:next|last|previous|further|upcoming|subsequent|following) (?:dose|infusion)s?\b|(?<!\b(?:start|started|starting|begin|begun|beginning|put|putting) )\b(?:on|since starting|since (?:she|he) started|been on|been having|receiving|already had) (?:zol|zoledronic acid|zoledronate|zometa)\b/;

// A bone-modifying agent the person is already receiving: "on 12-weekly zoledronic acid", "has had zoledronic acid for
// 4 years", "dmab q4w", "Xgeva every 4 weeks"; not one about to start ("starting denosumab", "never had zol").
const BONE_AGENT_NAMES = String.raw`(?:zol|zoledronic acid|zoledronate|zometa|denosumab|xgeva|dmab|bisphosphonates?|a bisphosphonate|bone[\s-]modifying agents?|a bone[\s-]modifying agent|bmas?)`;
const ON_BONE_AGENT = new RegExp(
  String.raw`(?<!\b(?:start|started|starting|begin|begun|beginning|put|putting|not|never|no)\s)\b(?:on|been on|been having|receiving|has had|have had|had|gets|getting)\s(?:(?:her|his|my|the|monthly|regular|\d{1,2}[\s-]?(?:weekly|monthly)|(?:four|three|twelve)[\s-]weekly)\s){0,2}${BONE_AGENT_NAMES}\b` +
    String.raw`|\b${BONE_AGENT_NAMES}\s(?:\d{1,3}\s?mg\s)?(?:every|q\s?\d|q4w|q12w|monthly|4-weekly|12-weekly|3-weekly|for (?:the (?:last|past) )?(?:\d+|a|two|three|four|five|six) (?:years?|months?))` +
    // "…a week after her first denosumab injection": a dose already given.
    String.raw`|\b(?:after|since)\s(?:her|his|my|the|their)\s(?:first|last|latest|recent|second|third|most recent)\s${BONE_AGENT_NAMES}\b`,
);

const plausibleClearance = (value: number | undefined): value is number => value !== undefined && value > 0 && value <= 250;

/**
 * The creatinine clearance the zoledronic acid dose is read from, and a later one measured on treatment.
 * A baseline stated beside a later value keeps the baseline for the dose; a clearance told as a fall while
 * zoledronic acid is being given ("her CrCl is now 38, what about the next dose?") is a value on treatment
 * only, which sets no dose. Before the first dose there is no treatment to judge, so the latest value doses.
 */
function extractClearance(text: string, facts: Partial<CaseFacts>): void {
  const notStarted = NO_ZOLEDRONIC_ACID_YET.test(text);
  for (const { pattern, baseline, current } of CLEARANCE_STATEMENTS) {
    const match = allMatches(text, pattern)[0];
    if (!match) continue;
    const before = match[baseline] === undefined ? undefined : Number(match[baseline]);
    // A later value in the statement itself, or one told outside it ("baseline crcl 75. crcl has dropped to 38").
    const end = (match.index ?? 0) + match[0].length;
    const outside = () => [...labMatch(text, LAB.clearance), ...labMatch(text, LAB.clearanceChange)].find((reading) => reading.index >= end)?.value;
    const later = match[current] === undefined ? outside() : Number(match[current]);
    if (!plausibleClearance(before)) continue;
    if (notStarted) {
      facts.creatinineClearance = plausibleClearance(later) ? later : before;
      return;
    }
    facts.creatinineClearance = before;
    if (plausibleClearance(later)) facts.creatinineClearanceOnTreatment = later;
    return;
  }
  const clearance = labMatch(text, LAB.clearance)[0] ?? labMatch(text, LAB.clearanceChange)[0];
  if (!clearance || !plausibleClearance(clearance.value)) return;
  if (!notStarted && CLEARANCE_NOW.test(text) && ON_ZOLEDRONIC_ACID.test(text)) facts.creatinineClearanceOnTreatment = clearance.value;
  else facts.creatinineClearance = clearance.value;
}

/**
 * The first creatinine value (in text order) that lies outside every baseline statement and fits a unit.
 * Statements come sorted by start; one pass over both keeps this linear however many there are.
 */
function firstValueOutside(values: ReadonlyArray<Reading & { index: number }>, statements: ReadonlyArray<{ start: number; end: number }>): { index: number; value: number } | undefined {
  let next = 0;
  let coveredTo = -1; // the furthest end of the statements that start at or before the value
  for (const match of values) {
    while (next < statements.length && statements[next]!.start <= match.index) coveredTo = Math.max(coveredTo, statements[next++]!.end);
    if (match.index < coveredTo) continue;
    const value = creatinineMgPerDl(match);
    if (value !== undefined) return { index: match.index, value };
  }
  return undefined;
}

const PTH_SUPPRESSED = /\b(?:pth|parathyroid hormone)\b[^.;,]{0,20}\b(?:suppressed|low|undetectable)\b|\b(?:suppressed|low|undetectable) (?:pth|parathyroid hormone)\b/;
const PTH_RAISED = /\b(?:pth|parathyroid hormone)\b[^.;,]{0,20}\b(?:raised|high|elevated|increased)\b|\b(?:raised|high|elevated|increased) (?:pth|parathyroid hormone)\b/;
const PTH_NORMAL = /\b(?:pth|parathyroid hormone)\b[^.;,]{0,20}\b(?:normal|inappropriately normal|within (?:the )?normal range)\b|\bnormal (?:pth|parathyroid hormone)\b/;

/**
 * A neutrophil count in ×10⁹/L, told either way: "0.8" (×10⁹/L) or "800" (per mm³). A figure between the two
 * ranges (30–99) could be either and is not read: a wrong grade of neutropenia is worse than none.
 */
function neutrophilsPer10e9(value: number): number | undefined {
  // Not rounded: 0.9996 rounded to 1.0 would move a grade 3 count into grade 2.
  if (value < 30) return value;
  if (value >= 100 && value <= 30000) return value / 1000;
  return undefined;
}

function extractLabs(text: string, facts: Partial<CaseFacts>): void {
  extractCreatinine(text, facts);
  extractClearance(text, facts);
  // An eGFR told as a change is its latest value: "eGFR drifted 70 -> 48", "eGFR has fallen to 48".
  const egfr = EGFR_FROM_TO.exec(text)?.[1] ?? labMatch(text, LAB.egfrChange)[0]?.value ?? labMatch(text, LAB.egfr)[0]?.value;
  const egfrValue = egfr === undefined ? undefined : Number(egfr);
  if (egfrValue !== undefined && egfrValue > 0 && egfrValue <= 200) facts.egfr = egfrValue;

  const toCalcium = (value: number, unit: string | undefined): number | undefined => {
    const mg = unit === undefined ? (value < 5 ? value * CALCIUM_MG_DL_PER_MMOL_L : value >= 5 && value <= 25 ? value : undefined) : unit.startsWith('mmol') ? value * CALCIUM_MG_DL_PER_MMOL_L : value;
    return mg !== undefined && mg >= 2 && mg <= 25 ? round(mg) : undefined;
  };
  const corrected = labMatch(text, LAB.corrected)[0];
  if (corrected) {
    const value = toCalcium(corrected.value, corrected.unit);
    if (value !== undefined) facts.correctedCalciumMgPerDl = value;
  }
  const calcium = labMatch(text, LAB.calcium).find((match) => {
    const before = text.slice(Math.max(0, match.index - 20), match.index);
    const after = text.slice(match.index, match.index + 60).replace(/^\D*\d+(?:\.\d+)?/, '');
    // "breast ca 2 years ago" is cancer, not calcium; "CA 15-3" and "CA 19-9" are tumour markers.
    return (
      !TUMOUR_MARKER.test(text.slice(match.index, match.index + 12)) &&
      !/(?:ioni[sz]ed|corrected|adjusted|albumin[\s-]|free|\bi)\s*$/.test(before) &&
      !/(?:breast|prostate|lung|colon|ovarian|bowel)\s*$/.test(before) &&
      !/^\s*(?:years?|yrs?|months?|weeks?|days?|cm|mm)\b/.test(after)
    );
  });
  if (calcium && facts.correctedCalciumMgPerDl === undefined) {
    const value = toCalcium(calcium.value, calcium.unit);
    if (value !== undefined) facts.calciumMgPerDl = value;
  }
  const albumin = labMatch(text, LAB.albumin)[0];
  if (albumin) {
    const { value, unit } = albumin;
    const gPerDl = unit === undefined ? (value < 7 ? value : value >= 10 && value <= 70 ? value / ALBUMIN_G_L_PER_G_DL : undefined) : unit === 'g/l' ? value / ALBUMIN_G_L_PER_G_DL : value;
    if (gPerDl !== undefined && gPerDl >= 0.5 && gPerDl <= 7) facts.albuminGPerDl = round(gPerDl);
  }
  const neutrophils = labMatch(text, LAB.neutrophils)[0];
  if (neutrophils) {
    const count = neutrophilsPer10e9(neutrophils.value);
    if (count !== undefined) facts.neutrophilCount = count;
  }
  if (PTH_SUPPRESSED.test(text)) facts.pth = 'suppressed';
  else if (PTH_RAISED.test(text)) facts.pth = 'raised';
  else if (PTH_NORMAL.test(text)) facts.pth = 'normal';
}

// "PD-L1" names a protein, not the first lumbar vertebra.
const LESION_SITE_PATTERNS: Array<[LesionSite, RegExp]> = [
  // "Peritrochanteric femur" is one site, not a peritrochanteric lesion and a femoral one.
  ['peritrochanteric', /\b(?:(?:peri-?trochanteric|inter-?trochanteric|sub-?trochanteric|trochanter\w*)(?: (?:region of the )?(?:femur|femoral neck|femoral))?|femoral neck|neck of (?:the )?femur|proximal femur|hip)\b/g],
  ['lower-limb', /\b(?:femur|femoral(?: shaft| diaphysis)?|thigh|tibia\w*|fibula\w*|distal femur|knee|shin|leg bone)\b/g],
  ['upper-limb', /\b(?:humer\w+|radius|ulna\w*|forearm|upper arm|arm bone|shoulder|clavicle)\b/g],
  ['spine', /\b(?:spine|spinal|vertebra\w*|(?<!pd-?)[ctl]\d{1,2}(?:\s*(?:-|to)\s*[ctl]?\d{1,2})?(?: vertebra\w*| vertebral body)?|sacrum|sacral|lumbar|thoracic|cervical)\b(?! cord)/g],
  ['pelvis', /\b(?:pelvi\w+|acetabul\w+|ilium|iliac|ischi\w+|pubic|pubis)\b/g],
  ['rib', /\bribs?\b/g],
  ['skull', /\b(?:skull|calvari\w+)\b/g],
];

// The site patterns without their global flag, to test a sentence for any site.
const LESION_SITE_TESTS = LESION_SITE_PATTERNS.map(([, pattern]) => new RegExp(pattern.source));
// Parts of the body whose pain is not a bone lesion's.
const OTHER_BODY_PART = /\b(?:back|neck|chest|head|headache|tummy|abdomen|abdominal|belly|stomach|jaw|tooth|teeth|mouth|throat|breast|nerve|muscle|joint|joints)\b/;
const LESION_COUNT =
  /\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|single|solitary)\s+(?:new\s+|small\s+|bony\s+|bone\s+|liver\s+|lung\s+|metastatic\s+|lytic\s+|sclerotic\s+|blastic\s+|distant\s+|spinal\s+){0,4}(?:metastas[ie]s|mets?|metastatic lesions?|lesions?|deposits?|sites of (?:metastatic )?disease)\b/g;
const MEASURE_BEFORE = /\b(?:score|scored|scoring|mirels|sins|grade|stage|cps|ecog|level|of|is|was|=|:)\s*$/;
const ATYPICAL_FRACTURE = /\b(?:atypical (?:femoral |femur |thigh(?: bone)? )?fractures?|affs?)\b/gi;
const LESION_WORD = /\b(?:lesions?|metastas[ie]s|mets?|deposits?|lytic|blastic|sclerotic|osteolytic|osteoblastic|destruction|fracture|lucency)\b/;
const BONE_PAIN_OR_METASTASES = /\b(?:bone|bony) (?:pain|metastas)/;

function lesionAttributes(segment: string): Omit<BoneLesion, 'site'> {
  const lesion: Omit<BoneLesion, 'site'> = {};
  if (/\bmixed\b|\blytic[\s/-]+(?:and[\s-]+)?(?:sclerotic|blastic)\b|\b(?:sclerotic|blastic)[\s/-]+(?:and[\s-]+)?lytic\b/.test(segment)) lesion.type = 'mixed';
  else if (/\b(?:osteo)?lytic\b|\blucen\w+/.test(segment)) lesion.type = 'lytic';
  else if (/\b(?:osteo)?blastic\b|\bsclerotic\b/.test(segment)) lesion.type = 'blastic';

  if (/\bpain[\s-]?free\b|\bpainless\b|\basymptomatic\b|\bno pain\b|\bnot painful\b|\bwithout pain\b/.test(segment)) lesion.pain = 'none';
  else if (/\bfunctional pain\b|\b(?:pain|painful|hurts?|sore) (?:on|with|when|while|during) (?:(?:arm|leg|limb) )?(?:walking|weight[\s-]?bearing|standing|movement|moving|use|using it|lifting|activity)\b|\b(?:can'?t|cannot|unable to) (?:bear|put) weight\b|\bsevere pain\b|\bmechanical pain\b|\bpain (?:that )?(?:limits|stops) (?:walking|function)\b|\bhurts? (?:to|when) (?:walk|stand)/.test(segment)) lesion.pain = 'functional';
  else if (/\bmoderate(?:ly)? pain\w*\b|\bmoderate(?:ly)? painful\b/.test(segment)) lesion.pain = 'moderate';
  else if (/\bmild(?:ly)? pain\w*\b|\bslight(?:ly)? pain\w*\b|\bmild(?:ly)? painful\b|\bmild ache\b/.test(segment)) lesion.pain = 'mild';
  else if (/\bpain\w*\b|\bhurts?\b|\bsore\b|\baching\b/.test(segment)) lesion.pain = 'present';

  const cortex = /(?:cortex|cortical)/;
  if (cortex.test(segment)) {
    const percent = /(\d{1,3})\s*%/.exec(segment);
    const phrase = segment;
    if (/(?:more than|over|greater than|>|above)\s*(?:two[\s-]thirds|2\/3)/.test(phrase)) lesion.corticalInvolvement = 'over-two-thirds';
    else if (/(?:less than|under|below|<)\s*(?:one[\s-]third|a third|1\/3)/.test(phrase)) lesion.corticalInvolvement = 'under-one-third';
    else if (/(?:one[\s-]third|a third|1\/3)\s*(?:to|-|and)\s*(?:two[\s-]thirds|2\/3)|\bhalf\b|1\/2/.test(phrase)) lesion.corticalInvolvement = 'one-third-to-two-thirds';
    else if (percent) {
      const fraction = Number(percent[1]) / 100;
      if (fraction <= 1) lesion.corticalInvolvement = fraction < 1 / 3 ? 'under-one-third' : fraction <= 2 / 3 ? 'one-third-to-two-thirds' : 'over-two-thirds';
    }
  }
  const fracture = polarityOf(segment, /\b(?:patho(?:logic(?:al)?)? fracture|fractured?|broken|broke)\b/g);
  if (fracture !== 'absent' && !/\bimpending fracture\b|\brisk of (?:a )?fracture\b|\bfracture risk\b/.test(segment)) lesion.pathologicalFracture = fracture === 'affirmed';
  if (/\b(?:post-?op(?:erative(?:ly)?)?|after (?:surgical )?(?:fixation|stabili[sz]ation|surgery|nailing|pinning)|(?:was|been|were) (?:surgically )?(?:fixed|stabili[sz]ed|nailed|pinned|plated)|s\/p (?:\w+ ){0,2}(?:fixation|nailing|stabili[sz]ation)|(?:intramedullary )?nail(?:ing)? (?:was|done|performed|of)|(?:prophylactic(?:ally)? )?(?:fixed|nailed|pinned|plated) (?:last|in|on|two|three|\d)|underwent (?:\w+ ){0,2}(?:fixation|stabili[sz]ation|nailing|surgery))\b/.test(segment)) {
    lesion.surgicallyStabilised = true;
  }
  return lesion;
}

function extractLesions(text: string, facts: Partial<CaseFacts>): void {
  const lesions = new Map<string, BoneLesion>();
  // An atypical femoral fracture is a harm of a bone medicine, not a fracture through a metastasis in the femur.
  const sentences = text.replace(ATYPICAL_FRACTURE, (words) => ' '.repeat(words.length)).split(/[.;!?\n]+/);
  for (const sentence of sentences) {
    const sentenceHasLesionWord = LESION_WORD.test(sentence);
    if (!sentenceHasLesionWord && !BONE_PAIN_OR_METASTASES.test(sentence)) continue;
    const mentions: Array<{ site: LesionSite; index: number; location: string }> = [];
    // Characters already claimed by an earlier (more specific) site pattern; marking them keeps this linear.
    const claimed = new Uint8Array(sentence.length);
    for (const [site, pattern] of LESION_SITE_PATTERNS) {
      for (const match of allMatches(sentence, pattern)) {
        const index = match.index ?? 0;
        if (claimed[index]) continue;
        if (site === 'spine' && (sentence.startsWith('spinal cord', index) || sentence.startsWith('cervical cancer', index))) continue;
        mentions.push({ site, index, location: match[0] });
        claimed.fill(1, index, index + match[0].length);
      }
    }
    if (mentions.length === 0) continue;
    mentions.sort((a, b) => a.index - b.index);
    // Cut the sentence at "and"/"," boundaries between site mentions, so each lesion keeps its own words.
    const cuts = mentions.slice(1).map((mention, position) => {
      const previous = mentions[position]!;
      const gap = sentence.slice(previous.index + previous.location.length, mention.index);
      const boundary = Math.max(gap.lastIndexOf(' and '), gap.lastIndexOf(','), gap.lastIndexOf(' plus '), gap.lastIndexOf(' with another'));
      return boundary >= 0 ? previous.index + previous.location.length + boundary : mention.index;
    });
    const bounds = [0, ...cuts, sentence.length];
    mentions.forEach((mention, position) => {
      const segment = sentence.slice(bounds[position], bounds[position + 1]);
      if (!sentenceHasLesionWord && !LESION_WORD.test(segment)) return;
      if (isNegated(sentence, mention.index, mention.index + mention.location.length) && !/\b(?:pain|lesion|lytic|blastic)\b/.test(segment.slice(0, mention.index - (bounds[position] ?? 0)))) return;
      const attributes = lesionAttributes(segment);
      // Words about the whole sentence (pain after the last site) belong to the last lesion.
      if (position === mentions.length - 1 && attributes.pain === undefined) {
        const tail = lesionAttributes(sentence.slice(mention.index));
        if (tail.pain) attributes.pain = tail.pain;
      }
      const existing = lesions.get(mention.location);
      if (existing) Object.assign(existing, attributes);
      else lesions.set(mention.location, { site: mention.site, location: mention.location, ...attributes });
    });
  }
  // "…sclerotic metastasis in the peritrochanteric femur. She has moderate pain." The pain of a case with one
  // lesion, told in a sentence naming no site or other part of the body, is that lesion's pain.
  const only = lesions.size === 1 ? [...lesions.values()][0]! : undefined;
  if (only && only.pain === undefined) {
    for (const sentence of sentences) {
      if (LESION_SITE_TESTS.some((pattern) => pattern.test(sentence)) || OTHER_BODY_PART.test(sentence)) continue;
      const { pain } = lesionAttributes(sentence);
      if (pain === undefined) continue;
      only.pain = pain;
      break;
    }
  }
  if (lesions.size > 0) {
    facts.boneLesions = [...lesions.values()];
    const sites = new Set(facts.metastaticSites ?? []);
    sites.add('bone');
    facts.metastaticSites = [...sites];
  }
}

const MIRELS = /\bmirels?(?:'s?)?\s*(?:score\s*)?(?:is\s*|of\s*|:\s*|=\s*)?(\d{1,2})\b/;
const SINS = /\bsins\s*(?:score\s*)?(?:is\s*|of\s*|:\s*|=\s*)?(\d{1,2})\b/;

function extractScores(text: string, facts: Partial<CaseFacts>): void {
  const mirels = MIRELS.exec(text);
  if (mirels && Number(mirels[1]) >= 4 && Number(mirels[1]) <= 12) facts.mirelsScore = Number(mirels[1]);
  const sins = SINS.exec(text);
  if (sins && Number(sins[1]) <= 18) facts.sinsScore = Number(sins[1]);
}

const SYMPTOM_PATTERNS: Array<[Symptom, RegExp]> = [
  ['back-pain', /\b(?:back|neck|spinal|spine|thoracic|lumbar)[\s-]?(?:pain|ache|aches|aching)\b|\bpain in (?:my |her |his |the )?(?:back|spine|neck)\b|\b(?:back|spine) (?:hurts?|is (?:killing|sore))\b/g],
  ['bone-pain', /\bbone[\s-]?pain\b|\b(?:bones?|hip|thigh|femur|arm|rib) (?:hurts?|pain)\b|\bpain(?:ful)? (?:in|over) (?:the |my |her |his )?(?:bones?|hip|thigh|femur|arm|ribs?)\b/g],
  ['leg-weakness', /\b(?:leg|legs|lower limb|lower[\s-]extremity)\s+(?:weakness|are weak|is weak|feel(?:s|ing)? (?:weak|heavy|like jelly)|giving (?:way|out)|buckl\w+)\b|\bweak(?:ness)? (?:in|of) (?:my |her |his |the |both )?(?:legs?|lower limbs?)\b|\bweak legs?\b|\bparaparesis\b|\b(?:can'?t|cannot|unable to|trouble|difficulty) (?:walk|walking|stand|standing)\b|\bheavy legs\b/g],
  ['numbness', /\bnumb(?:ness)?\b|\btingl\w+|\bpins and needles\b|\bsaddle an(?:a)?esthesia\b|\bloss of sensation\b|\breduced sensation\b|\bsensory (?:loss|level)\b/g],
  ['bladder-dysfunction', /\b(?:urinary|bladder) (?:retention|incontinence|dysfunction|problems?|symptoms?)\b|\b(?:can'?t|cannot|unable to|trouble|difficulty|struggl\w+ to) (?:pee|urinate|pass (?:urine|water)|wee)\b|\bincontinen\w+\b|\bwet (?:myself|herself|himself)\b|\bleaking urine\b|\bretention\b/g],
  ['bowel-dysfunction', /\b(?:bowel|faecal|fecal) (?:incontinence|dysfunction|problems?|control)\b|\b(?:can'?t|cannot|unable to) (?:control (?:my |her |his )?bowels?|open (?:my |her |his )?bowels)\b|\bsoiled\b/g],
  ['thirst', /\bthirst\w*\b|\bpolydipsia\b|\bdrinking (?:a lot|loads|constantly)\b/g],
  ['confusion', /\bconfus\w+\b|\bdisorient\w+\b|\bdelirium\b|\bdrowsy\b|\bnot making sense\b|\baltered mental status\b/g],
  ['vomiting', /\bvomit\w*\b|\bthrowing up\b|\bbeing sick\b|\bemesis\b/g],
  ['constipation', /\bconstipat\w+\b|\bhaven'?t (?:opened (?:my )?bowels|pooed)\b/g],
  ['fever', /\bfever\w*\b|\bfebrile\b|\bpyrexi\w+\b|\b(?:high )?temperature of 3[89](?:\.\d)?\b|\btemp(?:erature)? (?:of )?3[89](?:\.\d)?\b|\b(?:high|raised) temperature\b|\brigou?rs\b/g],
  ['jaw-pain', /\bjaw (?:pain|ache|hurts?)\b|\bpain in (?:my |her |his |the )?jaw\b|\bexposed bone\b/g],
];

const NEUROLOGICAL_SYMPTOMS: ReadonlySet<Symptom> = new Set<Symptom>(['leg-weakness', 'numbness', 'bladder-dysfunction', 'bowel-dysfunction']);
// …"no neuro sx so far", "still no weakness".
const NO_NEUROLOGICAL_SIGNS = /\b(?:no|without|nil|denies|absent)\s+(?:new\s+|focal\s+|other\s+|any\s+)?neuro(?:logical)?\s*(?:signs?|symptoms?|sx|deficits?|changes?|findings?)\b|\b(?:no|without|nil|denies)\s+(?:new\s+|any\s+)?(?:weakness|numbness)\b|\bneuro(?:logically)?\s+intact\b|\bneuro(?:logical)?\s+(?:exam(?:ination)?\s+)?(?:is\s+)?normal\b/;

/**
 * Whether a message reports neurological symptoms or signs of the spine (weak legs, numbness, bladder or
 * bowel trouble), says there are none ("no leg weakness", "neuro intact"), or says neither: what NICE
 * advises on steroids for spinal metastases differs between the two.
 */
export function neurologicalSignsOf(text: string): 'reported' | 'denied' | undefined {
  const prepared = prepare(text);
  const polarities = SYMPTOM_PATTERNS.filter(([symptom]) => NEUROLOGICAL_SYMPTOMS.has(symptom)).map(([, pattern]) => polarityOf(prepared, pattern));
  if (polarities.includes('affirmed')) return 'reported';
  return polarities.includes('negated') || NO_NEUROLOGICAL_SIGNS.test(prepared) ? 'denied' : undefined;
}

const CORD_COMPRESSION = /\b(?:(?:metastatic )?spinal cord compression|cord compression|mscc|cauda equina (?:syndrome|compression)?|compression of the (?:spinal )?cord)\b/g;
// A clause that asks about a topic rather than reporting it: a question opener, or a frame before the topic.
/** A person not a candidate for surgery, for whom what is done differs: "not fit for surgery", "not a surgical candidate" (lower-case text). */
export const NOT_FIT_FOR_SURGERY = /\b(?:not|isn't|is not|isnt|too frail|too unwell)\s+(?:fit|well enough|suitable|a candidate|a surgical candidate)\s+(?:for\s+)?(?:an?\s+)?(?:surgery|operation|op|surgical)\b|\bnot (?:a )?surgical candidate\b|\b(?:can't|cannot|can not) (?:have|undergo) (?:surgery|an operation)\b|\bunfit for (?:surgery|an operation)\b|\btoo (?:frail|unwell|ill|weak) for (?:surgery|an operation|an op)\b/;
const QUESTION_OPENER = /^\s*(?:what|what's|how|why|which|when|should|could|can|does|do|did|is|are|will|would|tell me|explain|define|describe)\b/;
const TOPIC_FRAME = /\b(?:worr(?:y|ied|ying) about|scared of|afraid of|risk of|chances? of|signs? of|symptoms? of|tell me about|what if|in case|prevent\w*|avoid\w*|know about|learn about|information (?:on|about))\b/;
const CLAUSE_WINDOW = 100;

/** Whether the clause before `index` asks about what follows rather than reporting it; reads a bounded window. */
function askedAbout(text: string, index: number): boolean {
  const window = text.slice(Math.max(0, index - CLAUSE_WINDOW), index);
  const clauseEnd = Math.max(window.lastIndexOf('.'), window.lastIndexOf('?'), window.lastIndexOf('!'), window.lastIndexOf(';'), window.lastIndexOf(','));
  const clause = window.slice(clauseEnd + 1);
  const clauseStartKnown = clauseEnd >= 0 || index <= CLAUSE_WINDOW;
  return TOPIC_FRAME.test(clause) || (clauseStartKnown && QUESTION_OPENER.test(clause));
}

function extractSymptoms(text: string, facts: Partial<CaseFacts>, may: (reader: number) => boolean): void {
  const symptoms = SYMPTOM_PATTERNS.filter(([, pattern], index) => may(SYMPTOM_READERS[index]!) && polarityOf(text, pattern) === 'affirmed').map(([symptom]) => symptom);
  if (symptoms.length > 0) facts.symptoms = symptoms;
  if (!may(READER.cordCompression)) return;
  // A question about the condition ("what is cord compression?", "should I worry about cord compression?")
  // states no fact of the case.
  const mentions = allMatches(text, CORD_COMPRESSION).filter((match) => !askedAbout(text, match.index ?? 0));
  const compression = mentions.length === 0 ? 'absent' : mentions.some((match) => !isNegated(text, match.index ?? 0, (match.index ?? 0) + match[0].length)) ? 'affirmed' : 'negated';
  if (compression === 'affirmed' && !/\b(?:suspected|possible|query|\?|risk of|rule out|r\/o|concern for|worried about)\s+(?:\w+\s+){0,2}(?:spinal )?cord compression/.test(text)) facts.spinalCordCompression = true;
  else if (compression === 'negated') facts.spinalCordCompression = false;
}

// Regular oral morphine with its dose and how often it is taken ("MST 60 mg bd", "30mg twice daily of Zomorph"):
// its 24-hour total sets a rescue dose. Only modified-release forms, or oral morphine with a daily total, are read;
// a dose with no frequency, an immediate-release dose every few hours or another opioid sets nothing.
const MR_MORPHINE = String.raw`(?:mst(?:\s?continus)?|zomorph|morphgesic|(?:oral\s)?(?:mr|m\/r|sr|modified[\s-]release|slow[\s-]release|sustained[\s-]release|long[\s-]acting)\s(?:oral\s)?morphine(?:\ssul(?:ph|f)ate)?|morphine(?:\ssul(?:ph|f)ate)?\s(?:mr|m\/r|sr|modified[\s-]release|slow[\s-]release|sustained[\s-]release)|(?:regular\s)?oral\smorphine)`;
const MORPHINE_AMOUNT = String.raw`(\d{1,4}(?:\.\d{1,2})?)`;
const HOURS = String.raw`(?:hours|hrs|hr|h)`;
const TWICE = String.raw`(?:bd|b\.d\.?|bid|twice\s(?:a\s)?daily|twice\s(?:a|per)\sday|12[\s-]?hourly|every\s12\s?${HOURS}|q12h)`;
const ONCE = String.raw`(?:od|o\.d\.?|once\s(?:a\s)?daily|once\s(?:a|per)\sday|daily|a\sday|per\sday|\/day|(?:in|over|per)\s24\s?${HOURS}|\/24\s?${HOURS})`;
// (Named first, the milligrams may go unsaid: "MST 60 bd".)
const MORPHINE_THEN_DOSE = new RegExp(String.raw`\b${MR_MORPHINE}\s(?:(?:tablets?|capsules?|is|at|of|dose)\s){0,2}${MORPHINE_AMOUNT}\s?(?:mg\s?)?(?:(${TWICE})|(${ONCE}))(?![\w/])`, 'g');
const DOSE_THEN_MORPHINE = new RegExp(String.raw`\b${MORPHINE_AMOUNT}\s?mg\s?(?:(${TWICE})|(${ONCE}))\s(?:of\s)?${MR_MORPHINE}\b`, 'g');

function extractRegularMorphine(text: string, facts: Partial<CaseFacts>): void {
  const totals = new Set<number>();
  for (const pattern of [MORPHINE_THEN_DOSE, DOSE_THEN_MORPHINE]) {
    for (const match of text.matchAll(pattern)) totals.add(Number(match[1]) * (match[2] ? 2 : 1));
  }
  // Two different regimens told ("from 30 mg bd to 60 mg bd") leave the current one unknown: nothing is read.
  const [total] = totals;
  if (totals.size === 1 && total !== undefined && total > 0 && total <= 1000) facts.regularOralMorphineMgPerDay = total;
}

// Each reader of facts, with the patterns one of which must match before it can state any fact. What
// each needs of a text is worked out from those patterns themselves (regex-literals), never listed by
// hand: a message that holds none of a reader's required strings skips the reader, and yields the
// facts it would have yielded had the reader run (none).
const READER_PATTERNS = {
  age: AGE,
  sex: [FEMALE, MALE, SHE, HE, WOMEN_ONLY],
  weight: [WEIGHT],
  menopause: [PERIMENOPAUSAL, PREMENOPAUSAL, POSTMENOPAUSAL],
  receptors: [TRIPLE_NEGATIVE, TRIPLE_NEGATIVE_ASIDE, RECEPTOR_PAIR, ...RECEPTOR_PERCENT.map(([, pattern]) => pattern), ...RECEPTOR_STATUS.map(([, pattern]) => pattern), STATUS_AFTER_WORDS, LUMINAL, HER2_LOW, HER2_ENRICHED],
  biomarkers: [CPS, ...Object.values(MARKERS).flatMap(({ present, absent }) => [present, absent]), PTEN_LOSS],
  sites: [...SITE_PATTERNS.map(([, pattern]) => pattern), ...SITE_LISTS, LESION_COUNT, OLIGOMETASTATIC, WIDESPREAD],
  crisisAndLines: [VISCERAL_CRISIS, LINES, ORDINAL_LINE, SHORT_LINE, LATER_LINE, UNTREATED, PROGRESSED, CDK, CDK_NAIVE, EARLY_RELAPSE, CHEMO_NAIVE, CHEMO],
  labs: [...Object.values(LAB), ...BASELINE_CREATININE_PATTERNS, LATER_BLOODS, ...CLEARANCE_STATEMENTS.map(({ pattern }) => pattern), CLEARANCE_NOW, PTH_SUPPRESSED, PTH_RAISED, PTH_NORMAL],
  scores: [MIRELS, SINS],
  cordCompression: [CORD_COMPRESSION],
  surgery: [NOT_FIT_FOR_SURGERY],
  boneAgent: [ON_BONE_AGENT],
  morphine: [MORPHINE_THEN_DOSE, DOSE_THEN_MORPHINE],
} satisfies Record<string, readonly RegExp[]>;

/** Every pattern a reader's requirement is worked out from, for the checks that the requirements are complete. */
export const FACT_READER_PATTERNS: readonly RegExp[] = [
  ...Object.values(READER_PATTERNS).flat(),
  LESION_WORD,
  BONE_PAIN_OR_METASTASES,
  ...LESION_SITE_PATTERNS.map(([, pattern]) => pattern),
  ...SYMPTOM_PATTERNS.map(([, pattern]) => pattern),
];

const anyOf = (patterns: readonly RegExp[]): Requirement => either(patterns.map(regexRequirement));
const requirements: Requirement[] = [];
const readerOf = (requirement: Requirement): number => requirements.push(requirement) - 1;
const READER = {
  ...(Object.fromEntries(Object.entries(READER_PATTERNS).map(([name, patterns]) => [name, readerOf(anyOf(patterns))])) as Record<keyof typeof READER_PATTERNS, number>),
  // A bone lesion needs a lesion word (or bone pain) and a bone site in one sentence.
  lesions: readerOf(both(anyOf([LESION_WORD, BONE_PAIN_OR_METASTASES]), anyOf(LESION_SITE_PATTERNS.map(([, pattern]) => pattern)))),
};
// Each symptom is read on its own, so only the symptoms a message can state are looked for.
const SYMPTOM_READERS = SYMPTOM_PATTERNS.map(([, pattern]) => readerOf(regexRequirement(pattern)));
const prefilter = createPrefilter(requirements);

/**
 * Reads case facts from free text with fixed patterns, so the same text always yields the same facts.
 * Facts stated as absent ("no visceral crisis") come back as false; facts not mentioned are left out.
 * `prefilter: false` runs every reader, only to show that skipping them changes nothing.
 */
export function extractCaseFacts(text: string, options: { prefilter?: boolean } = {}): Partial<CaseFacts> {
  const prepared = prepare(text);
  const found = options.prefilter === false ? undefined : prefilter.scan(prepared);
  const may = (reader: number) => found === undefined || prefilter.mayMatch(reader, found);
  const facts: Partial<CaseFacts> = {};
  if (may(READER.age)) extractAge(prepared, facts);
  if (may(READER.sex)) extractSex(prepared, facts);
  if (may(READER.weight)) extractWeight(prepared, facts);
  if (may(READER.menopause)) extractMenopause(prepared, facts);
  if (may(READER.receptors)) extractReceptors(prepared, facts);
  if (may(READER.biomarkers)) extractBiomarkers(prepared, facts);
  if (may(READER.sites)) extractSites(prepared, facts);
  if (may(READER.crisisAndLines)) extractCrisisAndLines(prepared, facts);
  if (may(READER.labs)) extractLabs(prepared, facts);
  if (may(READER.lesions)) extractLesions(prepared, facts);
  if (may(READER.scores)) extractScores(prepared, facts);
  if (may(READER.surgery) && NOT_FIT_FOR_SURGERY.test(prepared)) facts.fitForSurgery = false;
  if (may(READER.boneAgent) && ON_BONE_AGENT.test(prepared) && !NO_ZOLEDRONIC_ACID_YET.test(prepared)) facts.onBoneModifyingAgent = true;
  if (may(READER.morphine)) extractRegularMorphine(prepared, facts);
  extractSymptoms(prepared, facts, may);
  return facts;
}

/** Only the lab values of a message (creatinine, clearance, eGFR, calcium, albumin, PTH): the cheap part of `extractCaseFacts`. */
export function extractLabFacts(text: string): Partial<CaseFacts> {
  const facts: Partial<CaseFacts> = {};
  extractLabs(prepare(text), facts);
  return facts;
}

/** Later facts win: explicit case facts over extracted ones; lists are replaced, not merged. */
export function mergeCaseFacts(...sources: Array<Partial<CaseFacts>>): Partial<CaseFacts> {
  return Object.assign({}, ...sources) as Partial<CaseFacts>;
}

const SITE_WORDS: Record<LesionSite, string> = {
  'upper-limb': 'upper limb',
  'lower-limb': 'lower limb',
  peritrochanteric: 'peritrochanteric femur',
  spine: 'spine',
  pelvis: 'pelvis',
  rib: 'rib',
  skull: 'skull',
  other: 'other bone',
};

const CORTEX_WORDS = { 'under-one-third': 'under 1/3 of the cortex', 'one-third-to-two-thirds': '1/3 to 2/3 of the cortex', 'over-two-thirds': 'over 2/3 of the cortex' } as const;

function yesNo(value: boolean, yes: string, no: string): string {
  return value ? yes : no;
}

/** The facts in plain words, one line each, so a user can see what was understood and correct it. */
export function describeFacts(facts: Partial<CaseFacts>): string[] {
  const lines: string[] = [];
  if (facts.age !== undefined) lines.push(`Age: ${formatNumber(facts.age)} years`);
  if (facts.sex) lines.push(`Sex: ${facts.sex}`);
  if (facts.weightKg !== undefined) lines.push(`Weight: ${formatNumber(facts.weightKg)} kg`);
  if (facts.menopausalStatus) lines.push(`Menopausal status: ${facts.menopausalStatus}`);
  const receptors = [
    facts.er && `ER ${facts.er}`,
    facts.pr && `PR ${facts.pr}`,
    facts.hormoneReceptor && `hormone receptor ${facts.hormoneReceptor}`,
    facts.her2 && `HER2 ${facts.her2}`,
  ].filter(Boolean);
  if (receptors.length > 0) lines.push(`Receptors: ${receptors.join(', ')}`);
  if (facts.pdl1Cps !== undefined) lines.push(`PD-L1 CPS: ${formatNumber(facts.pdl1Cps)}`);
  if (facts.germlineBrcaVariant !== undefined) lines.push(`Germline BRCA1/2 variant: ${yesNo(facts.germlineBrcaVariant, 'present', 'absent')}`);
  if (facts.pik3caMutation !== undefined) lines.push(`PIK3CA mutation: ${yesNo(facts.pik3caMutation, 'present', 'absent')}`);
  if (facts.esr1Mutation !== undefined) lines.push(`ESR1 mutation: ${yesNo(facts.esr1Mutation, 'present', 'absent')}`);
  if (facts.aktPathwayAlteration !== undefined) lines.push(`AKT1 or PTEN alteration: ${yesNo(facts.aktPathwayAlteration, 'present', 'absent')}`);
  if (facts.metastaticSites?.length) lines.push(`Metastatic sites: ${facts.metastaticSites.join(', ')}`);
  if (facts.metastaticLesionCount !== undefined) lines.push(`Number of metastatic lesions: ${facts.metastaticLesionCount}`);
  if (facts.oligometastatic !== undefined) lines.push(`Oligometastatic: ${yesNo(facts.oligometastatic, 'yes', 'no')}`);
  if (facts.visceralCrisis !== undefined) lines.push(`Visceral crisis: ${yesNo(facts.visceralCrisis, 'yes', 'no')}`);
  if (facts.priorLinesForMetastatic !== undefined) lines.push(`Prior lines of therapy for metastatic disease: ${facts.priorLinesForMetastatic}`);
  if (facts.priorCdk46Inhibitor !== undefined) lines.push(`Prior CDK4/6 inhibitor: ${yesNo(facts.priorCdk46Inhibitor, 'yes', 'no')}`);
  if (facts.onBoneModifyingAgent) lines.push('Already on a bone-modifying agent');
  if (facts.priorChemotherapy !== undefined) lines.push(`Prior chemotherapy: ${yesNo(facts.priorChemotherapy, 'yes', 'no')}`);
  if (facts.relapseWithin12MonthsOfAdjuvantChemotherapy !== undefined) {
    lines.push(`Relapse within 12 months of (neo)adjuvant chemotherapy: ${yesNo(facts.relapseWithin12MonthsOfAdjuvantChemotherapy, 'yes', 'no')}`);
  }
  if (facts.creatinineMgPerDl !== undefined) lines.push(`Serum creatinine: ${Math.round(facts.creatinineMgPerDl * 100) / 100} mg/dL`);
  if (facts.baselineCreatinineMgPerDl !== undefined) lines.push(`Baseline serum creatinine: ${Math.round(facts.baselineCreatinineMgPerDl * 100) / 100} mg/dL`);
  if (facts.creatinineClearance !== undefined) lines.push(`Creatinine clearance (as given): ${formatNumber(facts.creatinineClearance)} mL/min`);
  if (facts.creatinineClearanceOnTreatment !== undefined) lines.push(`Creatinine clearance on zoledronic acid (as given): ${formatNumber(facts.creatinineClearanceOnTreatment)} mL/min`);
  if (facts.egfr !== undefined) lines.push(`eGFR: ${formatNumber(facts.egfr)} mL/min/1.73 m²`);
  if (facts.calciumMgPerDl !== undefined) lines.push(`Calcium (measured): ${formatNumber(facts.calciumMgPerDl)} mg/dL`);
  if (facts.correctedCalciumMgPerDl !== undefined) lines.push(`Calcium (already corrected): ${formatNumber(facts.correctedCalciumMgPerDl)} mg/dL`);
  if (facts.albuminGPerDl !== undefined) lines.push(`Albumin: ${formatNumber(facts.albuminGPerDl)} g/dL`);
  if (facts.neutrophilCount !== undefined) lines.push(`Absolute neutrophil count: ${formatNumber(facts.neutrophilCount)} ×10⁹/L (${neutropeniaGradeWords(facts.neutrophilCount)})`);
  if (facts.pth) lines.push(`PTH: ${facts.pth}`);
  if (facts.regularOralMorphineMgPerDay !== undefined) lines.push(`Regular oral morphine: ${formatNumber(facts.regularOralMorphineMgPerDay)} mg in 24 hours`);
  for (const lesion of facts.boneLesions ?? []) {
    const parts = [
      lesion.type,
      lesion.location ? `${lesion.location} (${SITE_WORDS[lesion.site]})` : SITE_WORDS[lesion.site],
      lesion.pain && (lesion.pain === 'none' ? 'no pain' : lesion.pain === 'present' ? 'painful' : `${lesion.pain} pain`),
      lesion.corticalInvolvement && CORTEX_WORDS[lesion.corticalInvolvement],
      lesion.pathologicalFracture === true ? 'pathological fracture' : undefined,
      lesion.surgicallyStabilised ? 'surgically stabilised' : undefined,
    ].filter(Boolean);
    lines.push(`Bone lesion: ${parts.join(', ')}`);
  }
  if (facts.spine) lines.push(`Spine (SINS items): ${Object.entries(facts.spine).map(([key, value]) => `${key} ${value}`).join(', ')}`);
  if (facts.mirelsScore !== undefined) lines.push(`Mirels score (as given): ${facts.mirelsScore}`);
  if (facts.sinsScore !== undefined) lines.push(`SINS (as given): ${facts.sinsScore}`);
  if (facts.spinalCordCompression !== undefined) lines.push(`Spinal cord compression: ${yesNo(facts.spinalCordCompression, 'yes', 'no')}`);
  if (facts.fitForSurgery !== undefined) lines.push(`Fit for surgery: ${yesNo(facts.fitForSurgery, 'yes', 'no')}`);
  if (facts.symptoms?.length) lines.push(`Symptoms: ${facts.symptoms.join(', ')}`);
  return lines;
}
