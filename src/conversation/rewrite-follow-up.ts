import type { PriorQuestion } from '../domain/types.js';

/**
 * The kinds of term a follow-up leaves out and expects to be carried over. `drug` covers drugs and
 * other treatments (radiotherapy, surgery), so "what about radiotherapy?" replaces the drug asked about.
 * A `marker` (PD-L1, BRCA, PIK3CA) refines a subtype rather than replacing it.
 */
export type EntityCategory = 'topic' | 'subtype' | 'marker' | 'drug' | 'population' | 'measure';

export type Entity = { category: EntityCategory; canonical: string; surface: string; start: number; end: number };

type Term = { category: EntityCategory; canonical: string; pattern: RegExp };

const term = (category: EntityCategory, canonical: string, ...variants: string[]): Term => ({
  category,
  canonical,
  pattern: new RegExp(`(?<![\\w-])(?:${[canonical, ...variants].map(toPattern).join('|')})(?![\\w-])`, 'gi'),
});

// Written forms: a space or hyphen matches a space, a hyphen or nothing; a trailing "?" makes the
// letter before it optional ("SREs?"); "re:" starts a raw regular expression.
function toPattern(form: string): string {
  if (form.startsWith('re:')) return form.slice(3);
  return form.replace(/[.*+^${}()|[\]\\/]/g, '\\$&').replace(/[ -]/g, '[\\s-]?');
}

// Longer forms come first within a category only where they overlap; overlaps across the whole list
// are resolved by keeping the longest match.
const TERMS: Term[] = [
  // Topics: conditions and questions the knowledge covers.
  term('topic', 'bone metastases', 'bone metastasis', 'bone mets', 'skeletal metastases', 'bony metastases', 'secondary bone cancer', 'spread to the bones?', 'cancer in the bones?', 'metastases to bone', 're:bone\\s+secondar(?:y|ies)'),
  term('topic', 'spinal metastases', 'spinal metastasis', 'spine metastases', 'vertebral metastases'),
  term('topic', 'hypercalcaemia of malignancy', 'hypercalcemia of malignancy', 'malignant hypercalcaemia', 'malignant hypercalcemia', 'hypercalcaemia', 'hypercalcemia', 'high calcium', 'raised calcium', 'high blood calcium'),
  term('topic', 'hypocalcaemia', 'hypocalcemia', 'low calcium', 'low blood calcium'),
  term('topic', 'osteonecrosis of the jaw', 'ONJ', 'MRONJ', 'jaw osteonecrosis', 'jaw bone death', 'jaw problems?'),
  term('topic', 'spinal cord compression', 'metastatic spinal cord compression', 'MSCC', 'MESCC', 'cord compression'),
  term('topic', 'SINS', 'Spinal Instability Neoplastic Score', 'SINS score'),
  term('topic', 'spinal instability', 'unstable spine'),
  term('topic', 'Mirels score', "Mirels' score", 'Mirels criteria', 'Mirels'),
  term('topic', 'pathological fracture', 'pathologic fracture', 'impending fracture', 'broken bones?', 'fracture risk'),
  term('topic', 'atypical femoral fracture', 'atypical femur fracture', 'AFF'),
  term('topic', 'skeletal-related events', 'skeletal-related event', 'SREs?', 'skeletal events?', 'bone complications?'),
  term('topic', 'bone pain', 'painful bone metastases', 'painful bone metastasis'),
  term('topic', 'cancer pain', 'pain relief', 'analgesia'),
  term('topic', 'oligometastatic disease', 'oligometastatic', 'oligometastases', 'limited metastatic disease'),
  term('topic', 'biopsy', 'biopsies', 'receptor retesting', 'receptor discordance'),
  term('topic', 'prognosis', 'outlook', 'life expectancy', 'survival'),
  term('topic', 'palliative care', 'supportive care', 'goals of care'),
  term('topic', 'visceral crisis'),
  term('topic', 'dental care', 'dental check', 'dentist', 'tooth extraction', 'teeth'),
  term('topic', 'metastatic breast cancer', 'advanced breast cancer', 'MBC', 'stage IV breast cancer', 'stage 4 breast cancer', 'secondary breast cancer'),
  // Subtypes and tumour markers.
  term('subtype', 'HR-positive', 'hormone receptor-positive', 'hormone receptor positive', 'HR+', 'ER-positive', 'ER+', 'oestrogen receptor-positive', 'estrogen receptor-positive', 'hormone-sensitive', 'hormone sensitive'),
  term('subtype', 'HER2-positive', 'HER2+', 'HER2 positive', 'HER2-amplified'),
  term('subtype', 'HER2-low', 'HER2 low'),
  term('subtype', 'HER2-negative', 'HER2 negative', 're:HER2[-−](?=\\s|$|[,.;?])'),
  term('subtype', 'triple-negative', 'triple negative', 'TNBC'),
  term('marker', 'germline BRCA', 'gBRCA', 'BRCA1', 'BRCA2', 'BRCA mutations?', 'BRCA variants?', 'BRCA'),
  term('marker', 'PIK3CA-mutated', 'PIK3CA mutation', 'PIK3CA'),
  term('marker', 'ESR1-mutated', 'ESR1 mutation', 'ESR1'),
  term('marker', 'PD-L1', 'PD-L1 positive', 'PD-L1 CPS'),
  // Drugs and other treatments.
  term('drug', 'zoledronic acid', 'zoledronate', 'Zometa', 'zolendronic acid'),
  term('drug', 'denosumab', 'Xgeva', 'Prolia'),
  term('drug', 'pamidronate', 'Aredia'),
  term('drug', 'bisphosphonates', 'bisphosphonate'),
  term('drug', 'bone-modifying agents', 'bone-modifying agent', 'BMA', 'BMAs', 'bone medicines?', 'bone-targeted agents?', 'antiresorptives?'),
  term('drug', 'calcitonin'),
  term('drug', 'fulvestrant', 'Faslodex'),
  term('drug', 'tamoxifen'),
  term('drug', 'aromatase inhibitors', 'aromatase inhibitor', 'letrozole', 'anastrozole', 'exemestane'),
  term('drug', 'CDK4/6 inhibitors', 'CDK4/6 inhibitor', 'CDK 4/6 inhibitors?', 'CDK4/6i'),
  term('drug', 'palbociclib', 'Ibrance'),
  term('drug', 'ribociclib', 'Kisqali'),
  term('drug', 'abemaciclib', 'Verzenio'),
  term('drug', 'alpelisib', 'Piqray'),
  term('drug', 'elacestrant', 'Orserdu'),
  term('drug', 'capivasertib', 'Truqap'),
  term('drug', 'olaparib', 'Lynparza'),
  term('drug', 'talazoparib', 'Talzenna'),
  term('drug', 'PARP inhibitors', 'PARP inhibitor', 'PARPi'),
  term('drug', 'trastuzumab deruxtecan', 'T-DXd', 'Enhertu'),
  term('drug', 'trastuzumab emtansine', 'T-DM1', 'Kadcyla'),
  term('drug', 'trastuzumab', 'Herceptin'),
  term('drug', 'pertuzumab', 'Perjeta'),
  term('drug', 'pembrolizumab', 'Keytruda'),
  term('drug', 'sacituzumab govitecan', 'sacituzumab', 'Trodelvy'),
  term('drug', 'LHRH agonist', 'GnRH agonist', 'ovarian function suppression', 'ovarian suppression', 'goserelin'),
  term('drug', 'endocrine therapy', 'hormone therapy', 'hormonal therapy', 'anti-hormone therapy'),
  term('drug', 'chemotherapy', 'chemo'),
  term('drug', 'immunotherapy'),
  term('drug', 'stereotactic body radiotherapy', 'SBRT', 'SABR', 'stereotactic radiotherapy'),
  term('drug', 'radiotherapy', 'radiation therapy', 'radiation', 'irradiation', 're-irradiation', 'reirradiation'),
  term('drug', 'surgery', 'decompressive surgery', 'prophylactic fixation', 'surgical fixation', 'operation'),
  term('drug', 'opioids', 'opioid', 'morphine'),
  term('drug', 'dexamethasone', 'corticosteroids?', 'steroids?'),
  term('drug', 'calcium and vitamin D', 'calcium supplements?', 'vitamin D'),
  // Populations: who the question is about.
  term('population', 'premenopausal women', 'premenopausal woman', 'premenopausal patients', 'premenopausal', 'pre-menopausal women', 'pre-menopausal', 'perimenopausal women', 'perimenopausal', 'younger women'),
  term('population', 'postmenopausal women', 'postmenopausal woman', 'postmenopausal patients', 'postmenopausal', 'post-menopausal women', 'post-menopausal'),
  term('population', 'men', 'male patients', 'male breast cancer', 'males?'),
  term('population', 'older adults', 'older people', 'older patients', 'elderly', 'the elderly'),
  term('population', 'renal impairment', 'kidney impairment', 'renal insufficiency', 'kidney disease', 'chronic kidney disease', 'CKD', 'reduced kidney function', 'poor kidney function', 'kidney problems', 'renal failure', 'kidney failure', 'impaired renal function', 'impaired kidney function'),
  term('population', 'dialysis', 'haemodialysis', 'hemodialysis'),
  term('population', 'pregnancy', 'pregnant women', 'pregnant'),
  term('population', 'patients', 'patient'),
  // Measured values stated in the question: kept as written.
  term('measure', 're:(?:creatinine clearance|CrCl|eGFR)\\s*(?:of|is|was|=|:)?\\s*(?:<|>|≤|≥|below|above|under|over)?\\s*\\d+(?:\\.\\d+)?\\s*(?:mL\\/min(?:\\/1\\.73\\s*m2)?)?'),
  term('measure', 're:(?:corrected\\s+|albumin-corrected\\s+)?calcium\\s*(?:of|is|was|=|:)?\\s*\\d+(?:\\.\\d+)?\\s*(?:mmol\\/L|mg\\/dL)'),
  term('measure', 're:\\d{1,3}[\\s-]year[\\s-]old'),
];

// What the whole knowledge pack is about: carrying it into a follow-up that already names something
// adds no information and dilutes retrieval, so it is carried only when nothing else is.
const BACKGROUND_TOPICS = new Set(['bone metastases', 'metastatic breast cancer']);

// "patients" only counts when nothing more specific is said; it is never carried over on its own.
const WEAK = new Set(['patients']);

/** The entities a text names, longest match first, without overlaps, in reading order. */
export function findEntities(text: string): Entity[] {
  const candidates: Entity[] = [];
  for (const { category, canonical, pattern } of TERMS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index ?? 0;
      const surface = match[0].trim();
      if (!surface) continue;
      candidates.push({ category, canonical: category === 'measure' ? surface : canonical, surface, start, end: start + match[0].length });
    }
  }
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: Entity[] = [];
  for (const candidate of candidates) {
    if (taken.some((other) => candidate.start < other.end && other.start < candidate.end)) continue;
    taken.push(candidate);
  }
  return taken.sort((a, b) => a.start - b.start);
}

// A message that starts like this continues the previous question.
const LEAD_IN = /^(?:and what about|and how about|what about|how about|and for|and in|and with|and|also|but|or|plus|then|so|same for|same question for|is that also true for|does that apply to)\b[\s,]*/i;
const CONTINUATION_START = /^(?:what if|how often|how long|how much|how many|how soon|is it|are they|is this|is that|does it|do they|can it|can they|should it|should they|will it|what dose|which dose|what is the dose|what are the side effects|any side effects|side effects|when|why|for how long)\b/i;
// Words that point back at the previous question without naming anything.
const BACK_REFERENCE = /(?<![\w-])(?:the same (?:site|bone|area|place|dose|drug|medicine|treatment)|instead|as well|too|again|in that case)(?![\w-])/i;
const PRONOUN = /(?<![\w-])(?:it|its|they|them|their|this drug|that drug|this medicine|that medicine|this medication|that medication|this treatment|that treatment|this one|that one|these drugs|those drugs|these medicines|the drug|the medicine|the same drug)(?![\w-])/gi;
// Words a bare "what about X?" may hold besides the entities themselves.
const FILLER = new Set(['for', 'in', 'with', 'the', 'a', 'an', 'of', 'on', 'instead', 'then', 'and', 'or', 'women', 'woman', 'people', 'those', 'who', 'are', 'is', 'case', 'cases', 'patients', 'patient', 'disease', 'cancer', 'breast', 'tumours', 'tumors', 'having', 'someone', 'if', 'she', 'he', 'has', 'have', 'about', 'now', 'also']);
const SHORT_MESSAGE_WORDS = 4;

const PREPOSITION: Record<EntityCategory, string> = { drug: 'with', subtype: 'for', topic: 'for', marker: 'with', population: 'in', measure: 'at' };
const CARRY_ORDER: EntityCategory[] = ['drug', 'subtype', 'topic', 'marker', 'population', 'measure'];

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}+/'-]+/gu) ?? [];
}

/** The words the user used for each entity, once per entity. */
function surfaces(entities: readonly Entity[]): string[] {
  const seen = new Map<string, string>();
  for (const entity of entities) if (!seen.has(entity.canonical)) seen.set(entity.canonical, entity.surface);
  return [...seen.values()];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function joinTerms(values: string[]): string {
  if (values.length <= 1) return values[0] ?? '';
  return `${values.slice(0, -1).join(', ')} and ${values.at(-1)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function byCategory(entities: readonly Entity[], category: EntityCategory): Entity[] {
  return entities.filter((entity) => entity.category === category && !WEAK.has(entity.canonical));
}

/** True when the message leans on the previous question: a lead-in, a pronoun, or a short fragment without a topic. */
export function isElliptical(message: string): boolean {
  const text = message.trim();
  if (LEAD_IN.test(text) || CONTINUATION_START.test(text)) return true;
  if (new RegExp(PRONOUN.source, 'i').test(text) || BACK_REFERENCE.test(text)) return true;
  const entities = findEntities(text);
  return words(text).length <= SHORT_MESSAGE_WORDS && byCategory(entities, 'topic').length === 0;
}

/**
 * Rewrites a follow-up into a standalone question from the conversation so far, deterministically.
 * A message that stands on its own is returned as it is (trimmed). An elliptical one borrows the
 * previous standalone question's topic, subtype, drug and population terms that it does not replace:
 * "what about premenopausal women?" swaps the population in the previous question; "how often is it
 * given?" names the drug for "it" and adds the rest of the previous context.
 */
export function rewriteFollowUp(history: readonly PriorQuestion[], message: string): string {
  const text = message.trim().replace(/\s+/g, ' ');
  const previous = history.at(-1)?.standaloneQuestion.trim();
  if (!previous || !isElliptical(text)) return text;

  const before = findEntities(previous).filter((entity) => !WEAK.has(entity.canonical));
  if (before.length === 0) return text;
  const body = text.replace(LEAD_IN, '').trim();
  const stated = findEntities(body);

  if (isBareSubstitution(body, stated)) return substitute(previous, before, stated, body);
  return extend(body, before, stated, previous);
}

// "premenopausal women?", "what about denosumab instead?": nothing but entities and filler words.
function isBareSubstitution(body: string, stated: readonly Entity[]): boolean {
  if (stated.length === 0) return false;
  let rest = body;
  for (const entity of [...stated].sort((a, b) => b.start - a.start)) rest = rest.slice(0, entity.start) + ' ' + rest.slice(entity.end);
  return words(rest).every((word) => FILLER.has(word));
}

/** The previous question with the stated categories swapped in; categories it lacked are appended. */
function substitute(previous: string, before: readonly Entity[], stated: readonly Entity[], body: string): string {
  const statedCategories = unique(stated.filter((entity) => !WEAK.has(entity.canonical)).map((entity) => entity.category)) as EntityCategory[];
  if (statedCategories.length === 0) return extend(body, before, stated, previous);
  let result = previous;
  const appended: string[] = [];
  // Right to left, so earlier offsets stay valid while editing.
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const category of statedCategories) {
    const replacement = joinTerms(unique(byCategory(stated, category).map((entity) => entity.surface)));
    const old = byCategory(before, category);
    if (old.length === 0) {
      appended.push(`${PREPOSITION[category]} ${replacement}`);
      continue;
    }
    old.forEach((entity, index) => {
      // A removed term takes the separator before it along ("HR-positive, HER2-negative" → "HER2-low").
      const separator = index === 0 ? null : /(?:,\s*|\s+and\s+|\s+or\s+|\s*\/\s*)$/i.exec(previous.slice(0, entity.start));
      const start = separator ? entity.start - separator[0].length : entity.start;
      edits.push({ start, end: entity.end, text: index === 0 ? replacement : '' });
    });
  }
  for (const edit of edits.sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  result = tidy(result);
  if (appended.length > 0) result = `${stripEnd(result)} ${appended.join(' ')}${endOf(previous)}`;
  return capitalise(tidy(result));
}

/** The message itself, with pronouns resolved and the previous context it does not restate added. */
function extend(body: string, before: readonly Entity[], stated: readonly Entity[], previous: string): string {
  const statedCanonical = new Set(stated.map((entity) => entity.canonical));
  const statedCategories = new Set(stated.filter((entity) => !WEAK.has(entity.canonical)).map((entity) => entity.category));
  // What a pronoun stands for: the drugs asked about before, else the topic.
  const focusCategory: EntityCategory = byCategory(before, 'drug').length > 0 ? 'drug' : 'topic';
  const focus = surfaces(byCategory(before, focusCategory).filter((entity) => !statedCanonical.has(entity.canonical)));
  let resolved = body;
  let pronounResolved = false;
  if (focus.length > 0) {
    resolved = body.replace(PRONOUN, (pronoun) => {
      pronounResolved = true;
      const possessive = /^(its|their)$/i.test(pronoun);
      const name = joinTerms(focus);
      return possessive ? `${name}'s`.replace(/s's$/, "s'") : name;
    });
  }
  const carried: string[] = [];
  const carriedCategories = new Set<EntityCategory>();
  for (const category of CARRY_ORDER) {
    if (statedCategories.has(category)) continue;
    if (pronounResolved && category === focusCategory) continue;
    let names = surfaces(byCategory(before, category).filter((entity) => !BACKGROUND_TOPICS.has(entity.canonical)));
    // A carried subtype ("triple-negative") needs its noun back.
    if (category === 'topic' && names.length === 0 && carriedCategories.has('subtype')) {
      names = surfaces(byCategory(before, 'topic'));
    }
    if (names.length === 0) continue;
    carriedCategories.add(category);
    carried.push(`${PREPOSITION[category]} ${joinTerms(names)}`);
  }
  const background = surfaces(byCategory(before, 'topic').filter((entity) => BACKGROUND_TOPICS.has(entity.canonical)));
  if (carried.length === 0 && !pronounResolved && stated.length === 0 && background.length > 0) carried.push(`for ${joinTerms(background)}`);
  const end = /[?.!]$/.test(resolved) ? resolved.slice(-1) : endOf(previous);
  const result = [stripEnd(resolved), ...mergeFor(carried)].join(' ');
  return capitalise(tidy(`${result}${end}`));
}

// "for HR-positive for metastatic breast cancer" reads as "for HR-positive metastatic breast cancer".
function mergeFor(parts: string[]): string[] {
  const merged: string[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (last?.startsWith('for ') && part.startsWith('for ')) merged[merged.length - 1] = `${last} ${part.slice(4)}`;
    else merged.push(part);
  }
  return merged;
}

function stripEnd(text: string): string {
  return text.replace(/[\s?.!]+$/, '');
}

function endOf(text: string): string {
  return /[?!.]$/.test(text.trim()) ? text.trim().slice(-1) : '?';
}

// Removing a term can leave "for , HER2" or doubled spaces behind.
function tidy(text: string): string {
  return text
    .replace(/\s+([,?.!])/g, '$1')
    .replace(/,\s*,/g, ',')
    .replace(/\b(and|or|for|in|with),\s*/gi, '$1 ')
    .replace(/,\s*(and|or)\s+(?=[,?.!]|$)/gi, '')
    .replace(/\s+(and|or)\s*([?.!]|$)/gi, '$2')
    .replace(/(^|\s)(for|in|with|and|or)\s+(?=(for|in|with|and|or)\s)/gi, '$1')
    .replace(/\s{2,}/g, ' ')
    .replace(/,(\S)/g, ', $1')
    .trim();
}
