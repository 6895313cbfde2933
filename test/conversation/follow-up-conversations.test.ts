import { describe, expect, it } from 'vitest';
import type { Answer, Audience, PriorQuestion } from '../../src/domain/types.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';

const services = await servicesFor(PACK_KNOWLEDGE);

/** One turn: the message, what its standalone question must (and must not) say, and documents it must cite. */
type Turn = { say: string; audience?: Audience; has: RegExp[]; lacks?: RegExp[]; cites: string[] };

// Two- and three-turn conversations over the bundled pack. Each follow-up leans on the one before.
const CONVERSATIONS: Array<{ name: string; turns: Turn[] }> = [
  {
    name: 'population switch in endocrine therapy',
    turns: [
      { say: 'Which endocrine therapy for HR-positive metastatic breast cancer in postmenopausal women?', has: [/postmenopausal/], cites: ['systemic-therapy-hr-positive'] },
      { say: 'and for premenopausal women?', has: [/endocrine therapy/, /HR-positive/, /premenopausal women/], lacks: [/postmenopausal/], cites: ['systemic-therapy-hr-positive'] },
    ],
  },
  {
    name: 'renal dosing, then frequency, then another drug',
    turns: [
      { say: 'What is the zoledronic acid dose in renal impairment?', has: [/zoledronic acid/], cites: ['zoledronic-acid-renal-dosing'] },
      { say: 'how often is it given?', has: [/^How often is zoledronic acid given/, /renal impairment/], lacks: [/\bit\b/], cites: ['zoledronic-acid-renal-dosing'] },
      { say: 'what about denosumab?', has: [/denosumab/, /renal impairment/, /how often/i], lacks: [/zoledronic/], cites: ['denosumab-safety'] },
    ],
  },
  {
    name: 'drug switch, then a bare fragment',
    turns: [
      { say: 'What is the dose of zoledronic acid for bone metastases?', has: [/zoledronic acid/], cites: ['bone-modifying-agents'] },
      { say: 'what about denosumab?', has: [/dose of denosumab for bone metastases/], lacks: [/zoledronic/], cites: ['denosumab-safety'] },
      { say: 'side effects?', has: [/side effects/i, /denosumab/], cites: ['denosumab-safety'] },
    ],
  },
  {
    name: 'radiotherapy technique switch, then re-treatment',
    turns: [
      { say: 'Radiotherapy dose for painful bone metastases', has: [/radiotherapy/i], cites: ['radiotherapy-bone-metastases'] },
      { say: 'what about SBRT?', has: [/SBRT/, /painful bone metastases/], lacks: [/radiotherapy/i], cites: ['radiotherapy-bone-metastases'] },
      { say: 'can the same site be treated again?', has: [/treated again/, /SBRT/, /painful bone metastases/], cites: ['radiotherapy-bone-metastases'] },
    ],
  },
  {
    name: 'subtype switch, then a marker',
    turns: [
      { say: 'First-line treatment for HER2-positive metastatic breast cancer', has: [/HER2-positive/], cites: ['systemic-therapy-her2-positive'] },
      { say: 'and for triple-negative?', has: [/first-line treatment/i, /triple-negative metastatic breast cancer/], lacks: [/HER2/], cites: ['systemic-therapy-triple-negative'] },
      { say: 'what if PD-L1 CPS is 10 or more?', has: [/PD-L1 CPS is 10 or more/, /triple-negative/], cites: ['systemic-therapy-triple-negative'] },
    ],
  },
  {
    name: 'two subtypes replaced by one',
    turns: [
      { say: 'Which treatment for HR-positive, HER2-negative metastatic breast cancer?', has: [/HER2-negative/], cites: ['systemic-therapy-hr-positive'] },
      { say: 'what about HER2-low?', has: [/^Which treatment for HER2-low metastatic breast cancer\?$/], lacks: [/HR-positive/, /,/], cites: ['systemic-therapy-her2-positive'] },
    ],
  },
  {
    name: 'hypercalcaemia, then a drug, then kidney disease',
    turns: [
      { say: 'How is hypercalcaemia of malignancy treated?', has: [/hypercalcaemia/], cites: ['hypercalcemia-of-malignancy'] },
      { say: 'what dose of zoledronic acid?', has: [/zoledronic acid/, /hypercalcaemia of malignancy/], cites: ['zoledronic-acid-renal-dosing'] },
      { say: 'and in kidney disease?', has: [/zoledronic acid/, /hypercalcaemia of malignancy/, /kidney disease/], cites: ['zoledronic-acid-renal-dosing'] },
    ],
  },
  {
    name: 'pronoun for the drug in a comparison',
    turns: [
      { say: 'Should denosumab be given to prevent skeletal-related events?', has: [/denosumab/], cites: ['denosumab-vs-zoledronic-acid-trial'] },
      { say: 'is it better than zoledronic acid?', has: [/^Is denosumab better than zoledronic acid/, /skeletal-related events/], cites: ['denosumab-vs-zoledronic-acid-trial'] },
    ],
  },
  {
    name: 'dental care before and during treatment',
    turns: [
      { say: 'What dental care is needed before starting denosumab?', has: [/dental care/], cites: ['osteonecrosis-of-the-jaw'] },
      { say: 'and during treatment?', has: [/during treatment/i, /denosumab/, /dental care/], cites: ['osteonecrosis-of-the-jaw'] },
    ],
  },
  {
    name: 'a measured value carries over',
    turns: [
      { say: 'zoledronic acid dose for creatinine clearance 45 mL/min', has: [/45 mL\/min/], cites: ['zoledronic-acid-renal-dosing'] },
      { say: 'how often is it given?', has: [/zoledronic acid/, /creatinine clearance 45 mL\/min/], cites: ['zoledronic-acid-renal-dosing'] },
    ],
  },
  {
    name: 'a score named by "it"',
    turns: [
      { say: 'What is the Mirels score?', has: [/Mirels/], cites: ['mirels-fracture-risk'] },
      { say: 'how accurate is it?', has: [/^How accurate is Mirels score\?$/], cites: ['mirels-fracture-risk'] },
    ],
  },
  {
    name: 'SINS reliability',
    turns: [
      { say: 'What is SINS?', has: [/SINS/], cites: ['spinal-instability-sins'] },
      { say: 'how reliable is it?', has: [/reliable is SINS/], cites: ['spinal-instability-sins'] },
    ],
  },
  {
    name: 'spinal cord compression: investigation then treatment',
    turns: [
      { say: 'How is suspected spinal cord compression investigated?', has: [/spinal cord compression/], cites: ['spinal-cord-compression'] },
      { say: 'and how is it treated?', has: [/^How is spinal cord compression treated\?$/], cites: ['spinal-cord-compression'] },
    ],
  },
  {
    name: 'dosing interval: drug switch keeps the question',
    turns: [
      { say: 'Is zoledronic acid every 12 weeks as effective as every 4 weeks?', has: [/12 weeks/], cites: ['zoledronic-acid-dosing-interval'] },
      { say: 'what about denosumab?', has: [/denosumab every 12 weeks as effective as every 4 weeks/], lacks: [/zoledronic/], cites: ['denosumab-safety'] },
    ],
  },
  {
    name: 'osteonecrosis of the jaw: risk then management',
    turns: [
      { say: 'What are the risk factors for osteonecrosis of the jaw?', has: [/osteonecrosis/], cites: ['osteonecrosis-of-the-jaw'] },
      { say: 'how is it managed?', has: [/^How is osteonecrosis of the jaw managed\?$/], cites: ['osteonecrosis-of-the-jaw'] },
    ],
  },
  {
    name: 'marker switch after progression',
    turns: [
      { say: 'Treatment after progression for PIK3CA-mutated HR-positive breast cancer', has: [/PIK3CA/], cites: ['systemic-therapy-hr-positive'] },
      { say: 'what about ESR1?', has: [/ESR1/, /HR-positive/, /after progression/], lacks: [/PIK3CA/], cites: ['systemic-therapy-hr-positive'] },
    ],
  },
  {
    name: 'bone pain, then a drug class',
    turns: [
      { say: 'How should pain from bone metastases be treated?', has: [/pain/], cites: ['cancer-pain'] },
      { say: 'what about opioids?', has: [/opioids/, /pain from bone metastases/], cites: ['cancer-pain'] },
    ],
  },
  {
    name: 'duration: class then a single drug',
    turns: [
      { say: 'How long should bone-modifying agents be continued?', has: [/bone-modifying agents/], cites: ['bone-modifying-agents'] },
      { say: 'what about denosumab?', has: [/^How long should denosumab be continued\?$/], cites: ['bone-modifying-agents'] },
    ],
  },
  {
    name: 'oligometastatic disease: local treatment options',
    turns: [
      { say: 'Does treating every metastasis improve survival in oligometastatic disease?', has: [/oligometastatic/], cites: ['oligometastatic-disease'] },
      { say: 'what about surgery of the primary tumour?', has: [/surgery of the primary tumour/i, /oligometastatic disease/], cites: ['oligometastatic-disease'] },
    ],
  },
  {
    name: 'patient: how a medicine is given, its side effects, then teeth',
    turns: [
      { say: 'How is denosumab given?', audience: 'patient', has: [/denosumab/], cites: ['patient-bone-medicines'] },
      { say: 'what side effects can it cause?', has: [/^What side effects can denosumab cause\?$/], cites: ['patient-bone-medicines'] },
      { say: 'how do I look after my teeth?', has: [/^how do I look after my teeth\?$/], cites: ['patient-bone-medicines'] },
    ],
  },
  {
    name: 'patient: radiotherapy for bone pain, then re-treatment',
    turns: [
      { say: 'Is one radiotherapy treatment as good as several for bone pain?', audience: 'patient', has: [/radiotherapy/], cites: ['patient-radiotherapy'] },
      { say: 'can the same bone be treated again?', has: [/treated again/, /radiotherapy/, /bone pain/], cites: ['patient-radiotherapy'] },
    ],
  },
  {
    name: 'patient: what bone metastases are, then a cure',
    turns: [
      { say: 'What are bone metastases?', audience: 'patient', has: [/bone metastases/], cites: ['patient-bone-metastases'] },
      { say: 'can they be cured?', has: [/^Can bone metastases be cured\?$/], cites: ['patient-bone-metastases'] },
    ],
  },
  {
    name: 'low calcium before denosumab, then kidney disease',
    turns: [
      { say: 'How is low calcium corrected before starting denosumab?', has: [/low calcium/], cites: ['denosumab-safety'] },
      { say: 'and in kidney disease?', has: [/low calcium/, /denosumab/, /in kidney disease\?$/], cites: ['denosumab-safety'] },
    ],
  },
  {
    name: 'the person\'s past is not carried as the subject of a follow-up',
    turns: [
      { say: 'HER2+ MBC relapsing 18 months after adjuvant trastuzumab/pertuzumab - first-line metastatic option?', has: [/adjuvant/], cites: ['systemic-therapy-her2-positive'] },
      // "After that?" asks the question before a line on; the relapse after adjuvant treatment stays the past it was told as.
      { say: 'and after that?', has: [/trastuzumab/, /second-line/, /relapsing 18 months after adjuvant/], cites: ['systemic-therapy-her2-positive'] },
    ],
  },
  {
    name: 'patient: "they" who treat is the care team, "it" that is had again is the treatment',
    turns: [
      { say: 'Mum has high calcium from her bone mets. What symptoms should we watch for?', audience: 'patient', has: [/high calcium/], cites: ['patient-warning-signs'] },
      { say: 'how do they treat it in hospital?', has: [/^How do they treat high calcium in hospital/], cites: ['patient-warning-signs'] },
      { say: 'I am having radiotherapy for the cancer pain in my hip. Could the pain get worse first?', has: [/radiotherapy/], cites: ['patient-pain-relief'] },
      { say: 'can I have it again if it comes back?', has: [/^Can I have radiotherapy again/], cites: ['patient-radiotherapy'] },
    ],
  },
  {
    name: 'a new self-contained question is not rewritten',
    turns: [
      { say: 'What is the zoledronic acid dose in renal impairment?', has: [/zoledronic acid/], cites: ['zoledronic-acid-renal-dosing'] },
      { say: 'What is the outlook for metastatic breast cancer?', has: [/^What is the outlook for metastatic breast cancer\?$/], lacks: [/zoledronic/], cites: ['prognosis-and-goals-of-care'] },
    ],
  },
];

// Osteoporosis is out of scope; carried into a follow-up as context it does not make that follow-up so.
const PROLIA_BESIDE_XGEVA = 'my GP wants to start me on prolia for thinning bones but i already have xgeva every 4 weeks for the cancer in my bones. can i have both?';
CONVERSATIONS.push({
  name: 'a condition carried as context leaves the follow-up in scope',
  turns: [
    { say: PROLIA_BESIDE_XGEVA, audience: 'patient', has: [/prolia/i], cites: ['patient-bone-medicines'] },
    { say: 'ok. and the calcium tablets they gave me, are they safe with it?', has: [/calcium tablets they gave me, are they safe with (?:prolia and )?xgeva/i, /thinning bones/], cites: ['patient-stopping-denosumab'] },
  ],
});

describe('follow-up conversations over the bundled pack', () => {
  it('refuses a follow-up that itself asks about what is not covered', async () => {
    const history: PriorQuestion[] = [{ question: PROLIA_BESIDE_XGEVA, standaloneQuestion: PROLIA_BESIDE_XGEVA }];
    const answer = await services.answer({ message: 'could it help my arthritis too?', audience: 'patient', history });
    expect(answer.notices.map((notice) => notice.kind)).toContain('out-of-scope');
    expect(answer.references).toEqual([]);
  });

  it('has at least 20 conversations of two or three turns', () => {
    expect(CONVERSATIONS.length).toBeGreaterThanOrEqual(20);
    for (const conversation of CONVERSATIONS) expect(conversation.turns.length).toBeGreaterThanOrEqual(2);
  });

  it.each(CONVERSATIONS.map((conversation) => [conversation.name, conversation.turns] as const))('%s', async (_name, turns) => {
    const history: PriorQuestion[] = [];
    let audience: Audience | undefined;
    for (const turn of turns) {
      audience = turn.audience ?? audience;
      const answer: Answer = await services.answer({ message: turn.say, history, ...(audience ? { audience } : {}) });
      for (const pattern of turn.has) expect(answer.standaloneQuestion, `"${turn.say}"`).toMatch(pattern);
      for (const pattern of turn.lacks ?? []) expect(answer.standaloneQuestion, `"${turn.say}"`).not.toMatch(pattern);
      const cited = new Set(answer.references.map((reference) => reference.docId));
      for (const docId of turn.cites) expect([...cited], `"${answer.standaloneQuestion}"`).toContain(docId);
      history.push({ question: answer.question, standaloneQuestion: answer.standaloneQuestion });
    }
  });
});
