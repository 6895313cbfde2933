import type { Audience, KnowledgeBase, TriageAlert } from '../domain/types.js';
import type { Problem } from '../knowledge/problem.js';
import { correctedCalcium } from '../rules/calculators/corrected-calcium.js';
import { extractCaseFacts } from '../rules/extract-facts.js';
import { featuresIn, prepareText, type Feature } from './red-flags.js';

type Wording = { text: string; passageIds: string[] };
type RedFlag = {
  id: string;
  title: string;
  fires: (features: Set<Feature>, text: string) => boolean;
  wording: Record<Audience, Wording>;
};

const count = (features: Set<Feature>, names: Feature[]) => names.filter((name) => features.has(name)).length;

// A question about a topic ("what is spinal cord compression?") is not a report of a red flag; a
// message that speaks about a person (I, my, she, the patient…) is.
const GENERAL_QUESTION =
  /^\s*(?:what (?:is|are|does|causes|happens)|how (?:is|are|does|do you|common|often)|why (?:is|does|do)|explain|define|tell me about|describe|can you explain|is it true|(?:is|are) (?:\w+ ){1,3}(?:common|rare|frequent)\b|(?:can|does|do) (?:\w+ ){1,3}cause)\b/;
const PERSON = /\b(?:i|i'm|i've|im|me|my|mine|we|our|she|her|he|his|him|patient|pt|mum|mom|mother|dad|father|wife|husband|partner|sister|brother|daughter|son|friend|aunt|uncle|grandma|grandmother|grandad|grandfather|lady|woman|man|gentleman|\d{1,3}[\s-]?(?:year|yo|y\/o))\b/;

function isGeneralQuestion(text: string): boolean {
  // "tell me about", "explain to me" address the assistant, not a person with symptoms.
  const withoutAddress = text.replace(/\b(?:tell|explain to|help|show|give|let) me\b|\bcan you explain\b/g, ' ');
  return GENERAL_QUESTION.test(text) && !PERSON.test(withoutAddress);
}

// "risk of a broken bone", "prevent fractures", "broke my wrist twenty years ago" are not a fracture now.
const FRACTURE_NOT_NOW =
  /\b(?:risk|chance|prevent\w*|reduc\w*|lower\w*|avoid\w*|fewer|protect\w*|less likely)\b[^.;?]{0,25}\b(?:broken|fractur\w*|break)|\b(?:years?|decades?) ago\b|\bhealed\b|\bhistory of\b/;

const CALCIUM_SYMPTOMS: Feature[] = ['thirst', 'polyuria', 'confusion', 'vomiting', 'constipation'];
const CORD_SIGNS: Feature[] = ['legWeakness', 'lowerNumbness', 'bladder', 'bowel'];

function severeCalciumInText(text: string): boolean {
  const facts = extractCaseFacts(text);
  if (facts.correctedCalciumMgPerDl !== undefined) return facts.correctedCalciumMgPerDl > 14;
  if (facts.calciumMgPerDl !== undefined && facts.albuminGPerDl !== undefined) {
    return correctedCalcium({ calciumMgPerDl: facts.calciumMgPerDl, albuminGPerDl: facts.albuminGPerDl }).band === 'severe';
  }
  return facts.calciumMgPerDl !== undefined && facts.calciumMgPerDl > 14;
}

const CRISIS_TEXT: Record<Audience, string> = {
  patient:
    'It sounds like you may be having thoughts of ending your life or harming yourself. You are not alone, and help is there right now: please contact your local emergency number or a crisis line, or go to the nearest emergency department, and if you can, tell someone you trust how you feel.',
  professional:
    'This message mentions thoughts of suicide or self-harm: make sure the person is safe now and connect them with local emergency services or a crisis line straight away.',
};

/** Red flags in order of urgency; the first that fire lead the answer. */
export const RED_FLAGS: readonly RedFlag[] = [
  {
    id: 'suicidal-thoughts',
    title: 'Thoughts of suicide or self-harm',
    fires: (features) => features.has('suicidal'),
    // No knowledge passage covers suicide or self-harm: the notice gives crisis-line wording only,
    // no clinical advice, so it cites nothing.
    wording: {
      patient: { text: CRISIS_TEXT.patient, passageIds: [] },
      professional: { text: CRISIS_TEXT.professional, passageIds: [] },
    },
  },
  {
    id: 'spinal-cord-compression',
    title: 'Possible spinal cord compression',
    fires: (features, text) =>
      (features.has('cordCompressionNamed') && !isGeneralQuestion(text)) ||
      features.has('saddleNumbness') ||
      ((features.has('backPain') || features.has('spinalDisease')) && count(features, CORD_SIGNS) >= 1) ||
      count(features, CORD_SIGNS) >= 2,
    wording: {
      patient: {
        text: 'Back or neck pain with weak or heavy legs, numbness, or trouble passing urine or stool can be a sign of pressure on the spinal cord. Get help now: call your cancer team or your local emergency number, and do not wait until the morning.',
        passageIds: [
          'patient-warning-signs#signs-of-pressure-on-the-spinal-cord-3',
          'patient-warning-signs#signs-of-pressure-on-the-spinal-cord-4',
          'patient-warning-signs#signs-of-pressure-on-the-spinal-cord-5',
          'patient-warning-signs#signs-of-pressure-on-the-spinal-cord-6',
        ],
      },
      professional: {
        text: 'Suspected metastatic spinal cord compression with neurological symptoms or signs is an emergency: an MRI of the whole spine and an agreed treatment plan are needed within 24 hours.',
        passageIds: ['spinal-cord-compression#why-suspected-mscc-is-an-emergency-1', 'spinal-cord-compression#mri-of-the-whole-spine-within-24-hours-1'],
      },
    },
  },
  {
    id: 'symptomatic-hypercalcaemia',
    title: 'Possible high calcium (hypercalcaemia)',
    fires: (features, text) =>
      !isGeneralQuestion(text) &&
      ((features.has('hypercalcaemiaNamed') && count(features, CALCIUM_SYMPTOMS) >= 1) ||
        count(features, CALCIUM_SYMPTOMS) >= 2 ||
        severeCalciumInText(text)),
    wording: {
      patient: {
        text: 'Feeling very thirsty, passing a lot of urine, being sick, badly constipated or confused can be signs of high calcium in the blood. Get help now: call your cancer team or your local emergency number.',
        passageIds: [
          'patient-warning-signs#signs-of-high-calcium-in-the-blood-2',
          'patient-warning-signs#signs-of-high-calcium-in-the-blood-3',
          'patient-warning-signs#signs-of-high-calcium-in-the-blood-4',
        ],
      },
      professional: {
        text: 'Symptoms that suggest hypercalcaemia of malignancy need an albumin-corrected calcium now; treatment is intravenous hydration plus denosumab or an intravenous bisphosphonate.',
        passageIds: [
          'hypercalcemia-of-malignancy#correcting-calcium-for-albumin-3',
          'hypercalcemia-of-malignancy#treatment-of-hypercalcaemia-of-malignancy-1',
        ],
      },
    },
  },
  {
    id: 'pathological-fracture',
    title: 'Possible broken bone (pathological fracture)',
    fires: (features, text) =>
      !isGeneralQuestion(text) &&
      ((features.has('fractureNamed') && !FRACTURE_NOT_NOW.test(text)) || features.has('cannotBearWeight') || features.has('suddenBonePain')),
    wording: {
      patient: {
        text: 'Sudden bad bone pain, even after a small knock or twist, or not being able to put weight on a leg or move an arm, can mean a broken bone. Get help now: call your cancer team or your local emergency number.',
        passageIds: ['patient-warning-signs#signs-of-a-broken-bone-1', 'patient-warning-signs#signs-of-a-broken-bone-2'],
      },
      professional: {
        text: 'A suspected pathological fracture through a bone metastasis needs urgent orthopaedic (surgical) evaluation, and radiotherapy should follow orthopaedic fixation of a long bone.',
        passageIds: [
          'bone-modifying-agents#treatment-approach-for-bone-metastases-from-breast-cancer-1',
          'mirels-fracture-risk#where-the-mirels-score-fits-in-treatment-2',
        ],
      },
    },
  },
  {
    id: 'fever-during-chemotherapy',
    title: 'Fever during chemotherapy',
    fires: (features, text) =>
      !isGeneralQuestion(text) &&
      ((features.has('fever') && features.has('chemotherapy')) || /\bfebrile neutropeni|\bneutropenic (?:fever|sepsis)/.test(text)),
    // The knowledge pack covers fever during chemotherapy only in patient documents; professionals get
    // the same cited warning in clinical words.
    wording: {
      patient: {
        text: 'A fever, shivers or suddenly feeling unwell during chemotherapy can be a sign of infection while the white blood cells that fight infection are low. Get help now: call your cancer team or your local emergency number, and do not wait for the fever to pass.',
        passageIds: [
          'patient-warning-signs#signs-of-infection-during-chemotherapy-1',
          'patient-warning-signs#signs-of-infection-during-chemotherapy-2',
          'patient-warning-signs#common-pitfalls-to-avoid-3',
        ],
      },
      professional: {
        text: 'Fever, shivers or sudden illness during chemotherapy can signal infection with a low white blood cell count and needs assessment now rather than waiting for the fever to pass.',
        passageIds: [
          'patient-warning-signs#signs-of-infection-during-chemotherapy-1',
          'patient-warning-signs#signs-of-infection-during-chemotherapy-2',
          'patient-warning-signs#common-pitfalls-to-avoid-3',
        ],
      },
    },
  },
];

/**
 * Finds red flags in a message, before anything else runs: deterministic patterns with negation
 * ("no leg weakness" does not fire), worded for the audience and cited to knowledge passages.
 */
export function triage(message: string, audience: Audience): TriageAlert[] {
  const text = prepareText(message);
  const features = featuresIn(text);
  return RED_FLAGS.filter((flag) => flag.fires(features, text)).map((flag) => ({
    id: flag.id,
    title: flag.title,
    text: flag.wording[audience].text,
    passageIds: [...flag.wording[audience].passageIds],
  }));
}

/** Every cited passage id that the knowledge base does not hold, as problems for `rules:check`. */
export function checkTriageCitations(knowledge: KnowledgeBase): Problem[] {
  const ids = new Set(knowledge.passages.map((passage) => passage.id));
  const problems: Problem[] = [];
  for (const flag of RED_FLAGS) {
    for (const audience of ['patient', 'professional'] as const) {
      flag.wording[audience].passageIds.forEach((id, index) => {
        if (!ids.has(id)) {
          problems.push({
            file: 'src/triage/triage.ts',
            field: `red flag "${flag.id}" ${audience}.passageIds[${index}]`,
            reason: `cites "${id}", which is not a passage of the knowledge folder`,
            severity: 'error',
          });
        }
      });
    }
  }
  return problems;
}
