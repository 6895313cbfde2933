import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/domain/types.js';
import { inspectKnowledge } from '../../src/knowledge/load-knowledge.js';
import { checkTriageCitations, RED_FLAGS, triage } from '../../src/triage/triage.js';

const ids = (text: string, audience: 'patient' | 'professional' = 'patient') => triage(text, audience).map((alert) => alert.id);

// Each phrasing must raise exactly the listed red flag (others may not fire).
const POSITIVE: Array<[string, string]> = [
  // suspected spinal cord compression
  ["My legs feel heavy and I can't pee properly", 'spinal-cord-compression'],
  ['I have new back pain and my legs are weak', 'spinal-cord-compression'],
  ['Back pain for a week, now numbness in both legs', 'spinal-cord-compression'],
  ['my back hurts and I keep falling over', 'spinal-cord-compression'],
  ['neck pain and pins and needles in my feet', 'spinal-cord-compression'],
  ["She has back pain and can't walk properly since yesterday", 'spinal-cord-compression'],
  ["I'm struggling to pass urine and my legs feel like jelly", 'spinal-cord-compression'],
  ['Pain in my back and I wet myself last night', 'spinal-cord-compression'],
  ['numb around my bottom and private parts', 'spinal-cord-compression'],
  ['patient with known spinal mets presents with saddle anaesthesia and urinary retention', 'spinal-cord-compression'],
  ['Worried about cord compression - new thoracic back pain and leg weakness', 'spinal-cord-compression'],
  ['MRI confirmed MSCC at T10', 'spinal-cord-compression'],
  ['My mum has lower back pain and her legs keep giving way', 'spinal-cord-compression'],
  ['back ache, weakness in my legs, and I lost control of my bladder', 'spinal-cord-compression'],
  ["I can't lift my legs and my back is killing me", 'spinal-cord-compression'],
  ['new lumbar pain with foot drop', 'spinal-cord-compression'],
  ['Difficulty walking and incontinence since this morning', 'spinal-cord-compression'],
  ['query cauda equina in a patient with lumbar metastases', 'spinal-cord-compression'],
  ['68F with T12 mets, new leg weakness', 'spinal-cord-compression'],
  ['known spinal metastases and now numbness in her legs', 'spinal-cord-compression'],
  // symptomatic hypercalcaemia
  ['I am very thirsty and confused', 'symptomatic-hypercalcaemia'],
  ["She's been vomiting, constipated and very drowsy", 'symptomatic-hypercalcaemia'],
  ['really thirsty all the time and peeing a lot', 'symptomatic-hypercalcaemia'],
  ['my dad is confused and throwing up', 'symptomatic-hypercalcaemia'],
  ['I feel sick and badly constipated for days', 'symptomatic-hypercalcaemia'],
  ['They said my calcium is high and I feel muddled', 'symptomatic-hypercalcaemia'],
  ['hypercalcaemia with confusion in a patient with bone metastases', 'symptomatic-hypercalcaemia'],
  ['Corrected calcium 3.8 mmol/L', 'symptomatic-hypercalcaemia'],
  ['Ca 13.9 mg/dL, albumin 2.4 g/dL', 'symptomatic-hypercalcaemia'],
  ['extremely thirsty and I keep being sick', 'symptomatic-hypercalcaemia'],
  ['Patient disorientated and nauseous, known bone mets', 'symptomatic-hypercalcaemia'],
  ['high calcium and he is vomiting', 'symptomatic-hypercalcaemia'],
  // pathological fracture
  ["I heard a crack and can't put weight on my leg", 'pathological-fracture'],
  ['Sudden severe pain in my hip after a small twist', 'pathological-fracture'],
  ["I think I've broken my arm, it just snapped", 'pathological-fracture'],
  ['She cannot bear weight on her right leg since this morning', 'pathological-fracture'],
  ['pathological fracture of the femur', 'pathological-fracture'],
  ["I can't move my arm after a tiny knock", 'pathological-fracture'],
  ['my thigh suddenly hurts so much I cannot stand on it', 'pathological-fracture'],
  ['felt a snap in my thigh getting out of the car', 'pathological-fracture'],
  ['Worried she might have fractured her hip', 'pathological-fracture'],
  ['he broke his hip just turning over in bed', 'pathological-fracture'],
  ['terrible pain in my arm after a small bump', 'pathological-fracture'],
  ['unable to weight bear after a fall at home', 'pathological-fracture'],
  // fever during chemotherapy
  ['I have a fever of 38.5 and had chemo last week', 'fever-during-chemotherapy'],
  ['temperature 38.3 on day 10 of paclitaxel', 'fever-during-chemotherapy'],
  ["I'm shivery and hot, had my chemotherapy five days ago", 'fever-during-chemotherapy'],
  ['Febrile neutropenia?', 'fever-during-chemotherapy'],
  ['She has a high temperature and is on capecitabine', 'fever-during-chemotherapy'],
  ['fever and chills during chemo', 'fever-during-chemotherapy'],
  ['My temp is 101 F and I am on docetaxel', 'fever-during-chemotherapy'],
  ['rigors after cycle 3 of chemo', 'fever-during-chemotherapy'],
  ['running a temperature of 39 degrees after my last round of chemotherapy', 'fever-during-chemotherapy'],
  ['Is it normal to have a fever after chemo?', 'fever-during-chemotherapy'],
  ['Possible neutropenic sepsis in a patient on eribulin', 'fever-during-chemotherapy'],
  ['feverish and my white count is low from chemotherapy', 'fever-during-chemotherapy'],
  // suicidal thoughts
  ['I want to end my life', 'suicidal-thoughts'],
  ["I've been having suicidal thoughts", 'suicidal-thoughts'],
  ['Sometimes I think about killing myself', 'suicidal-thoughts'],
  ["I don't want to live anymore", 'suicidal-thoughts'],
  ['Everyone would be better off without me', 'suicidal-thoughts'],
  ['I just want to die', 'suicidal-thoughts'],
  ["I'm thinking of taking an overdose of my morphine", 'suicidal-thoughts'],
  ['there is no point in living like this', 'suicidal-thoughts'],
  ['My husband says he wants to end it all', 'suicidal-thoughts'],
  ['I have thought about harming myself', 'suicidal-thoughts'],
  ["I can't go on like this any more", 'suicidal-thoughts'],
  ['patient expressed suicidal ideation', 'suicidal-thoughts'],
];

// None of these may raise any red flag.
const NEGATIVE: string[] = [
  'New back pain, no leg weakness',
  'I have back pain but no numbness, weakness or bladder problems',
  'Back pain after gardening, legs are fine',
  'What is spinal cord compression?',
  'How is MSCC treated?',
  'Explain the SINS score',
  'Denies leg weakness or numbness; mild back pain',
  'I have some back ache and my knee hurts',
  'What are the warning signs of cord compression?',
  'Tell me about cauda equina syndrome',
  'No change in bladder or bowel habit, walking normally',
  'Cord compression was ruled out on MRI last month',
  'Can bone metastases in the spine cause problems?',
  'My back pain is better since radiotherapy',
  'What is hypercalcaemia?',
  'How is high calcium treated?',
  'I feel a bit sick after my tablets',
  'I am not thirsty and not confused',
  'Calcium 9.4 mg/dL, albumin 4.0 g/dL',
  'Is constipation common with morphine?',
  'No nausea, no vomiting, no confusion',
  'What does corrected calcium mean?',
  'Corrected calcium 2.45 mmol/L, normal',
  'Does denosumab prevent fractures?',
  'What is the Mirels score?',
  'How common are pathological fractures with bone metastases?',
  'Is my risk of fracture high with a lytic lesion?',
  'No fracture on the X-ray',
  'I broke my wrist twenty years ago and it healed well',
  'Can zoledronic acid reduce the risk of a broken bone?',
  'I can walk and bear weight without any trouble',
  'What is prophylactic fixation?',
  'Mild ache in my hip, walking fine',
  'No fever since my last chemo',
  'Is fever common during chemotherapy?',
  'What should I do about a cold? no temperature',
  'I had a fever last year before my diagnosis',
  'Chemotherapy starts next week',
  'Temperature 36.8, chemo on Monday',
  'Flu-like symptoms after zoledronic acid infusion',
  'denies fevers, rigors or chills; cycle 2 of paclitaxel completed',
  'What is febrile neutropenia?',
  "I'm not suicidal, just tired",
  "I don't want to die, I want to live as long as possible",
  'I want to live to see my grandchildren',
  'No suicidal thoughts',
  'Patient denies suicidal ideation',
  'Will the treatment end?',
  'Can I take my own pills while on letrozole?',
  'I am worried about dying',
  'Is the cancer going to kill me?',
  'My daughter keeps me going',
  'I hurt myself when I fell in the garden, just a bruise',
  'Which bone agent and what dose for a 68-year-old woman, 70 kg, creatinine 1.6 mg/dL?',
  'ER+ HER2- metastatic breast cancer, first-line options?',
  'Should I see a dentist before denosumab?',
  'How often is zoledronic acid given?',
  'What does HER2-low mean?',
  'Lytic lesion in the femur, Mirels 7, what next?',
  'Thank you, that was helpful',
  'What questions should I ask my oncologist?',
  'Single 8 Gy fraction or 20 Gy in 5?',
  "I've had the same back pain for months and nothing else",
  'My legs are tired after the walk',
  'T12 metastasis, pain controlled, walking normally',
];

describe('triage: positive phrasings', () => {
  it('has at least 60 positive phrasings', () => expect(POSITIVE.length).toBeGreaterThanOrEqual(60));
  it.each(POSITIVE)('%s → %s', (text, id) => {
    expect(ids(text)).toContain(id);
  });
});

describe('triage: negative phrasings', () => {
  it('has at least 60 negative phrasings', () => expect(NEGATIVE.length).toBeGreaterThanOrEqual(60));
  it.each(NEGATIVE)('%s → nothing', (text) => {
    expect(ids(text)).toEqual([]);
  });
});

describe('triage: wording and citations', () => {
  let knowledge: KnowledgeBase;
  beforeAll(async () => {
    knowledge = (await inspectKnowledge('knowledge')).base;
  });

  it('words the same red flag differently for patients and professionals', () => {
    const patient = triage('I have back pain and my legs are weak', 'patient')[0]!;
    const professional = triage('I have back pain and my legs are weak', 'professional')[0]!;
    expect(patient.text).toMatch(/Get help now/);
    expect(professional.text).toMatch(/MRI of the whole spine/);
    expect(patient.text).not.toEqual(professional.text);
    expect(patient.passageIds.every((id) => id.startsWith('patient-'))).toBe(true);
  });

  it('cites passages that exist in the knowledge folder, for every red flag and audience', () => {
    expect(checkTriageCitations(knowledge)).toEqual([]);
    for (const flag of RED_FLAGS) {
      if (flag.id === 'suicidal-thoughts') continue;
      expect(flag.wording.patient.passageIds.length, flag.id).toBeGreaterThan(0);
      expect(flag.wording.professional.passageIds.length, flag.id).toBeGreaterThan(0);
    }
  });

  it('reports a citation that the knowledge base lacks', () => {
    const problems = checkTriageCitations({ documents: [], passages: [], synonyms: [] });
    expect(problems[0]).toMatchObject({ file: 'src/triage/triage.ts', field: expect.stringMatching(/^red flag "spinal-cord-compression" patient/) });
  });

  it('gives crisis-line wording without phone numbers or clinical advice for suicidal thoughts', () => {
    for (const audience of ['patient', 'professional'] as const) {
      const alert = triage('I want to end my life', audience)[0]!;
      expect(alert.id).toBe('suicidal-thoughts');
      expect(alert.text).toMatch(/local emergency (?:number|services) or a crisis line/);
      expect(alert.text).not.toMatch(/\d/);
      expect(alert.passageIds).toEqual([]);
    }
  });

  it('puts suicidal thoughts first when several red flags fire', () => {
    expect(ids('I want to end my life, my back hurts and my legs are weak')).toEqual(['suicidal-thoughts', 'spinal-cord-compression']);
  });

  it('returns alerts with a title and self-contained text', () => {
    for (const [text] of POSITIVE) {
      for (const alert of triage(text, 'professional')) {
        expect(alert.title.length).toBeGreaterThan(0);
        expect(alert.text).toMatch(/^[A-Z].*[.]$/);
      }
    }
  });
});
