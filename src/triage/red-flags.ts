import { normalizeText } from '../text/normalize.js';
import { affirmedMatches } from '../rules/negation.js';

// Patterns for the red-flag features triage looks for. Each is matched on normalised text
// (lower case, ASCII dashes and quotes) and counts only when not negated ("no leg weakness").

const LEGS = String.raw`(?:legs?|lower limbs?|feet|foot|thighs?|knees?)`;

export const FEATURES = {
  backPain: [
    /\b(?:back|neck|spine|spinal|lower back|upper back|thoracic|lumbar|middle of (?:my|her|his) back)[\s-]?(?:pain|ache|aches|aching|hurts?|hurting|is (?:killing|sore|agony))\b/g,
    /\bpain (?:in|across|down) (?:my |her |his |the )?(?:back|spine|neck)\b/g,
    /\b(?:back|spine|neck) (?:has been |is )?(?:really |very |so )?(?:sore|painful|agony)\b/g,
    /\bbackache\b/g,
  ],
  legWeakness: [
    new RegExp(String.raw`\b(?:weak|heavy|wobbly|jelly|numb and weak|dead)[\s-]+${LEGS}\b`, 'g'),
    new RegExp(String.raw`\b${LEGS} (?:(?:are|is|have been|has been|keep|kept|keeps|feel|feels|felt|feeling|going|gone|went|seem|seems)\s+)?(?:(?:very|so|really|a bit|quite|a little)\s+)?(?:weak|heavy|wobbly|like jelly|giving (?:way|out)|gave way|buckl\w+|won'?t (?:hold|work|move)|don'?t (?:work|feel right)|not working|numb|useless|collapsing)\b`, 'g'),
    new RegExp(String.raw`\bweak(?:ness)? (?:in|of) (?:my |her |his |the |both )?${LEGS}\b`, 'g'),
    new RegExp(String.raw`\b(?:can'?t|cannot|could not|couldn'?t|unable to|struggling to|struggle to|trouble|difficulty|hard to) (?:walk|walking|stand|standing|get up|move (?:my |her |his )?${LEGS}|lift (?:my |her |his )?${LEGS})\b`, 'g'),
    /\b(?:paraparesis|paraplegi\w+|lower limb weakness|leg weakness|foot drop)\b/g,
    /\b(?:unsteady|off balance|keeps? falling|falling over|fell over)\b/g,
  ],
  lowerNumbness: [
    new RegExp(String.raw`\b(?:numb(?:ness)?|tingl\w+|pins and needles|no feeling|loss of (?:feeling|sensation)|reduced sensation|altered sensation)\b[^.;]{0,30}\b(?:${LEGS}|bottom|buttocks?|groin|genitals?|private parts|saddle|perineum|toes)\b`, 'g'),
    new RegExp(String.raw`\b(?:${LEGS}|bottom|groin|toes)\b[^.;]{0,20}\b(?:numb|tingl\w+|pins and needles)\b`, 'g'),
    /\bsaddle (?:an(?:a)?esthesia|numbness|area)\b/g,
    /\bsensory level\b/g,
  ],
  saddleNumbness: [
    /\b(?:numb(?:ness)?|tingl\w+|pins and needles|no feeling|loss of (?:feeling|sensation))\b[^.;]{0,30}\b(?:bottom|buttocks?|groin|genitals?|private parts|saddle|perineum|back passage)\b/g,
    /\bsaddle (?:an(?:a)?esthesia|numbness|sensory loss)\b/g,
  ],
  bladder: [
    /\b(?:can'?t|cannot|couldn'?t|unable to|trouble|difficulty|struggling to|hard to|problems?) (?:to )?(?:pee|peeing|wee|weeing|urinate|urinating|pass(?:ing)? (?:urine|water)|empty (?:my |her |his )?bladder)\b/g,
    /\b(?:urinary|bladder) (?:retention|incontinence|dysfunction|problems?|changes?|disturbance)\b/g,
    /\b(?:lost|losing|loss of|no) control (?:of|over) (?:my |her |his |the )?(?:bladder|bowels?|wee|pee)\b/g,
    /\b(?:wet|wetting) (?:myself|herself|himself|the bed)\b/g,
    /\bleaking (?:urine|wee|pee)\b/g,
    /\b(?:pee|urine|wee) (?:won'?t come|just dribbles|not coming)\b/g,
    /\bincontinen\w+\b/g,
  ],
  bowel: [
    /\b(?:bowel|faecal|fecal) (?:incontinence|dysfunction|control)\b/g,
    /\b(?:can'?t|cannot|unable to) (?:control|hold) (?:my |her |his )?(?:bowels?|poo|stool)\b/g,
    /\b(?:soiled|soiling) (?:myself|herself|himself)\b/g,
    /\btrouble passing (?:urine or )?stool\b/g,
  ],
  spinalDisease: [
    /\b(?:spinal|spine|vertebral|vertebra[el]?)\s+(?:metastas[ie]s|mets|disease|lesions?|deposits?|involvement)\b/g,
    /\b(?:metastas[ie]s|mets|lesions?|deposits?|disease) (?:in|of|at) (?:the |my |her |his )?(?:spine|vertebra\w*|[ctl]\d{1,2})\b/g,
    /\b[ctl]\d{1,2} (?:metastas[ie]s|mets|lesion|vertebra\w*|collapse|fracture)\b/g,
  ],
  cordCompressionNamed: [
    /\b(?:metastatic )?(?:spinal )?cord compression\b/g,
    /\bmscc\b/g,
    /\bcauda equina\b/g,
    /\bpressure on (?:the |my |her |his )?spinal cord\b/g,
    /\bcompress\w* (?:the |my |her |his )?(?:spinal )?cord\b/g,
  ],

  thirst: [/\b(?:very |really |so |extremely |always |constantly )?thirst\w*\b/g, /\bpolydipsia\b/g, /\b(?:drinking|drink) (?:loads|all the time|constantly|gallons)\b/g, /\bdry mouth all the time\b/g],
  polyuria: [/\b(?:peeing|urinating|weeing|passing (?:a lot of )?urine) (?:a lot|all the time|constantly|loads)\b/g, /\bpass(?:ing)? a lot of urine\b/g, /\bpolyuria\b/g],
  confusion: [/\bconfus\w+\b/g, /\bdisorient\w+\b/g, /\bmuddled\b/g, /\bnot making sense\b/g, /\bdelirium\b/g, /\b(?:very |really |so |unusually )?(?:drowsy|sleepy all the time|hard to wake)\b/g, /\baltered mental status\b/g, /\bforgetful and (?:confused|drowsy)\b/g],
  vomiting: [/\bvomit\w*\b/g, /\bthrowing up\b/g, /\bbeing sick\b/g, /\bcan'?t keep (?:anything|food|fluids) down\b/g, /\b(?:feel|feeling|felt) (?:very |really )?sick\b/g, /\bnause\w+\b/g],
  constipation: [/\bconstipat\w+\b/g, /\bhaven'?t (?:been to the toilet|opened (?:my|her|his) bowels|pooed)\b/g],
  hypercalcaemiaNamed: [/\bhypercalc(?:a)?emi\w*\b/g, /\b(?:high|raised|elevated) (?:blood |serum )?calcium\b/g, /\bcalcium (?:is |was |level is |levels are )?(?:very )?(?:high|raised|elevated)\b/g],

  fractureNamed: [
    /\bpatholog\w* fracture\b/g,
    /\b(?:broken|broke|fractured|cracked|snapped) (?:my |her |his |the |a )?(?:hip|leg|arm|femur|humerus|thigh(?: bone)?|wrist|shoulder|rib|bone|pelvis|collarbone)\b/g,
    /\b(?:hip|leg|arm|femur|humerus|thigh bone|bone|pelvis) (?:is |has |was |might be |may be |could be )?(?:broken|fractured|snapped|cracked)\b/g,
    /\b(?:think|thinks|worried|afraid|scared|might|may|could|possibly|probably)\b[^.;]{0,30}\b(?:broken|fractured|a fracture|a break)\b/g,
    /\bheard (?:a |it )?(?:crack|snap|pop)\b/g,
    /\b(?:felt|feel) (?:a |something )?(?:crack|snap)\b/g,
    /\b(?:bone|femur|hip|leg) (?:just )?(?:gave way|snapped|cracked)\b/g,
  ],
  cannotBearWeight: [
    /\b(?:can'?t|cannot|could not|couldn'?t|unable to|not able to|no longer able to) (?:put|bear|take) (?:any )?weight\b/g,
    /\b(?:can'?t|cannot|couldn'?t|unable to) (?:move|lift|use) (?:my |her |his |the )?(?:arm|leg)\b/g,
    /\bnon[\s-]?weight[\s-]?bearing\b/g,
    /\b(?:can'?t|cannot|unable to|not able to) weight[\s-]?bear\b/g,
  ],
  suddenBonePain: [
    /\bsudden\w*\b[^.;]{0,40}\b(?:severe |sharp |terrible |bad |awful |intense )?pain\b[^.;]{0,30}\b(?:hip|thigh|leg|arm|bone|femur|shoulder|groin|pelvis)\b/g,
    /\b(?:hip|thigh|leg|arm|bone|femur|shoulder|groin|pelvis)\b[^.;]{0,20}\b(?:suddenly|all of a sudden)\b[^.;]{0,20}\b(?:hurts?|agony|pain\w*|excruciating)\b/g,
    /\b(?:severe|sharp|terrible|awful|excruciating|intense) (?:new )?pain\b[^.;]{0,30}\b(?:after|when) (?:a |i |she |he )?(?:small |minor )?(?:knock|twist|fall|fell|turning|twisted|bump|stumble)/g,
  ],

  fever: [
    /\bfever\w*\b/g,
    /\bfebrile\b/g,
    /\bpyrexi\w+\b/g,
    /\b(?:high|raised|spiking|a) temperature\b/g,
    /\brigou?rs\b/g,
    /\b(?:shivers|shivery|shivering|shaking chills|chills)\b/g,
    /\b(?:temp|temperature|temperatures?) (?:of |is |was |went up to |up to |spiked to |at )?(?:3[89](?:\.\d)?|4[01](?:\.\d)?)\s*(?:°|degrees?)?\s*c?\b/g,
    /\b(?:temp|temperature) (?:of |is |was |up to |at )?(?:100\.[4-9]|10[1-5](?:\.\d)?)\s*(?:°|degrees?)?\s*f?\b/g,
    /\b3[89](?:\.\d)?\s*(?:°|degrees?)\s*c?\b/g,
    /\b(?:febrile )?neutropeni\w+ (?:fever|sepsis)\b|\bfebrile neutropeni\w+\b|\bneutropenic sepsis\b/g,
  ],
  chemotherapy: [
    /\bchemo\w*\b/g,
    /\b(?:paclitaxel|docetaxel|nab-paclitaxel|abraxane|capecitabine|xeloda|eribulin|halaven|carboplatin|cisplatin|gemcitabine|vinorelbine|doxorubicin|epirubicin|adriamycin|cyclophosphamide|sacituzumab|trodelvy|enhertu|trastuzumab deruxtecan|taxol|taxotere|ac-t|fec)\b/g,
    /\bneutropeni\w+\b/g,
    /\b(?:cycle|round) (?:\d+|one|two|three|four|five|six) of (?:my |her |his )?(?:treatment|chemo)\b/g,
    /\blow white (?:blood )?(?:cells?|count)\b/g,
  ],

  suicidal: [
    /\bsuicid\w*\b/g,
    /\bkill(?:ing)? (?:myself|herself|himself|themselves)\b/g,
    /\bend(?:ing)? (?:my|her|his|their) (?:own )?life\b/g,
    /\btake (?:my|her|his|their) (?:own )?life\b/g,
    /\bend (?:it all|everything)\b/g,
    /\b(?:want|wants|going|plan|planning|thinking (?:of|about)|thought about|tempted) to end it\b/g,
    /\b(?:want|wants|wanted|wanting|wish|wishes) (?:to be |i was |i were |she was |he was )?(?:to )?(?:die|dead)\b/g,
    /\b(?:don'?t|do not|doesn'?t|no longer) (?:want|wish) to (?:live|be alive|be here|go on|wake up)\b/g,
    /\bbetter off (?:dead|without me|without her|without him)\b/g,
    /\bno (?:reason|point) (?:in |to )?(?:living|live|going on|carrying on)\b/g,
    /\b(?:not|isn'?t) worth living\b/g,
    /\b(?:want|wants|going|urge|urges|thoughts? of|thinking (?:of|about)|tempted) to (?:hurt|harm|cut) (?:myself|herself|himself)\b/g,
    /\b(?:harming|cutting) (?:myself|herself|himself)\b/g,
    /\bself[\s-]harm\w*\b/g,
    /\b(?:take|taking|took) an overdose\b|\boverdos\w* (?:on purpose|deliberately)\b|\bdeliberate overdose\b|\bintentional overdose\b/g,
    /\bsave up (?:my|her|his) (?:pills|tablets|morphine)\b/g,
    /\bcan'?t go on (?:any ?more|like this)\b/g,
  ],
} as const satisfies Record<string, readonly RegExp[]>;

export type Feature = keyof typeof FEATURES;

export function prepareText(text: string): string {
  return normalizeText(text).replace(/\s+/g, ' ');
}

/** Which features occur affirmed in the text. */
export function featuresIn(text: string): Set<Feature> {
  const found = new Set<Feature>();
  for (const [feature, patterns] of Object.entries(FEATURES) as Array<[Feature, readonly RegExp[]]>) {
    if (patterns.some((pattern) => affirmedMatches(text, pattern).length > 0)) found.add(feature);
  }
  return found;
}
