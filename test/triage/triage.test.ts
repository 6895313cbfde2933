// The red-flag triage of the bundled knowledge folder (knowledge/triage/), on phrasings written for it.
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Audience, KnowledgeBase } from '../../src/domain/types.js';
import { inspectKnowledge } from '../../src/knowledge/load-knowledge.js';
import { loadTriage, triageDirOf } from '../../src/triage/load-triage.js';
import { parseTriageCorpus, scoreTriage } from '../../src/triage/measure-triage.js';
import type { Triage } from '../../src/triage/triage.js';

let knowledge: KnowledgeBase;
let triage: Triage;

beforeAll(async () => {
  knowledge = (await inspectKnowledge('knowledge')).base;
  triage = await loadTriage(triageDirOf('knowledge'), knowledge);
});

const alerts = (text: string, audience: Audience = 'patient') => triage.triage(text, audience).map((alert) => `${alert.id}:${alert.level}`);

// Every phrasing the issue quotes, with the notice it must get.
const ISSUE_PHRASINGS: Array<[string, string]> = [
  ['My back pain is worse and my legs have gone weak', 'spinal-cord-compression:immediate'],
  ["I can't feel my legs properly and my back is sore", 'spinal-cord-compression:immediate'],
  ['severe back pain and I cannot feel my legs', 'spinal-cord-compression:immediate'],
  ["I don't have any weakness in my legs, but I can't feel my bottom", 'spinal-cord-compression:immediate'],
  ['I have numbness down there when I wipe', 'spinal-cord-compression:immediate'],
  ["My legs aren't working properly", 'spinal-cord-compression:immediate'],
  ["He can't move his legs", 'spinal-cord-compression:immediate'],
  ["I can't walk since this morning", 'spinal-cord-compression:immediate'],
  ['Mum is very drowsy and confused', 'drowsiness-or-confusion:immediate'],
  ['Dad has been very sleepy and muddled since Tuesday', 'drowsiness-or-confusion:immediate'],
  ["my mum fell and now can't walk", 'pathological-fracture:immediate'],
  ["I fell and can't get up, my hip is agony", 'pathological-fracture:immediate'],
  ["pain in my upper arm is much worse and I can't lift it", 'pathological-fracture:immediate'],
  ['What is cord compression?', 'spinal-cord-compression:information'],
  ['Should I worry about cord compression?', 'spinal-cord-compression:information'],
];

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
  ["I can't move my arm after a tiny knock", 'pathological-fracture'],
  ['my thigh suddenly hurts so much I cannot stand on it', 'pathological-fracture'],
  ['felt a snap in my thigh getting out of the car', 'pathological-fracture'],
  ['Worried she might have fractured her hip', 'pathological-fracture'],
  ['he broke his hip just turning over in bed', 'pathological-fracture'],
  ['terrible pain in my arm after a small bump', 'pathological-fracture'],
  ['unable to weight bear after a fall at home', 'pathological-fracture'],
  // fever during chemotherapy
  ['I have a fever of 38.5 and had chemo last week', 'fever-during-cancer-treatment'],
  ['temperature 38.3 on day 10 of paclitaxel', 'fever-during-cancer-treatment'],
  ["I'm shivery and hot, had my chemotherapy five days ago", 'fever-during-cancer-treatment'],
  ['She has a high temperature and is on capecitabine', 'fever-during-cancer-treatment'],
  ['fever and chills during chemo', 'fever-during-cancer-treatment'],
  ['My temp is 101 F and I am on docetaxel', 'fever-during-cancer-treatment'],
  ['rigors after cycle 3 of chemo', 'fever-during-cancer-treatment'],
  ['running a temperature of 39 degrees after my last round of chemotherapy', 'fever-during-cancer-treatment'],
  ['Is it normal to have a fever after chemo?', 'fever-during-cancer-treatment'],
  ['Possible neutropenic sepsis in a patient on eribulin', 'fever-during-cancer-treatment'],
  ['feverish and my white count is low from chemotherapy', 'fever-during-cancer-treatment'],
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
  ['bladder not working, bone mets on letrozole', 'spinal-cord-compression'],
  ['my wife fell and cannot weigh bare on her leg, she has bone mets', 'pathological-fracture'],
  ['temp 37.9 shaky n cold, docetaxel day 7', 'fever-during-cancer-treatment'],
  ['temperature thirty eight point two on pal bo cyclic', 'fever-during-cancer-treatment'],
  // A no-cancer sentence after the sign does not cancel it once cancer or its treatment was named.
  ['Mum has breast cancer in her spine. Her legs have gone weak. She doesn\'t have cancer in her brain.', 'spinal-cord-compression'],
  ["Mum has a temperature of 38.5 on chemo. She doesn't have cancer in her bones, only her breast.", 'fever-during-cancer-treatment'],
  // …nor a sentence about someone else, nor one that says only where the cancer is not.
  ["My legs have gone weak. My sister doesn't have cancer, she is fine.", 'spinal-cord-compression'],
  ["Her legs have gone weak since this morning. Her husband doesn't have cancer.", 'spinal-cord-compression'],
  ["Her legs have gone weak since this morning. She doesn't have cancer in her brain.", 'spinal-cord-compression'],
  ["Her legs have gone weak since this morning and she doesn't have cancer in her brain.", 'spinal-cord-compression'],
  ['Neighbour here, Betty has the cancer, she answered the door in her nightie at noon not knowing who I was', 'drowsiness-or-confusion'],
  ["hospital rang to say my calcium was three point one and I've been sick all morning, I have bone mets", 'symptomatic-hypercalcaemia'],
  // told in clinical words: loss of sphincter control
  ['Patient with spinal metastases has already lost bladder control. How quickly does he need an MRI?', 'spinal-cord-compression'],
  ['loss of bowel control since yesterday, known spinal mets', 'spinal-cord-compression'],
  ['since they upped her morphine she is very sleepy and we can hardly wake her', 'drowsiness-or-confusion'],
];

const NO_ALERT: string[] = [
  'I have back pain but no numbness, weakness or bladder problems',
  'Back pain after gardening, legs are fine',
  'Explain the SINS score',
  'Denies leg weakness or numbness; mild back pain',
  'I have some back ache and my knee hurts',
  'No change in bladder or bowel habit, walking normally',
  'Cord compression was ruled out on MRI last month',
  'Can bone metastases in the spine cause problems?',
  'My back pain is better since radiotherapy',
  'I feel a bit sick after my tablets',
  'I am not thirsty and not confused',
  'Calcium 9.4 mg/dL, albumin 4.0 g/dL',
  'Is constipation common with morphine?',
  'No nausea, no vomiting, no confusion',
  'What does corrected calcium mean?',
  'Corrected calcium 2.45 mmol/L, normal',
  'Does denosumab prevent fractures?',
  'What is the Mirels score?',
  'Is my risk of fracture high with a lytic lesion?',
  'No fracture on the X-ray',
  'I broke my wrist twenty years ago and it healed well',
  'I can walk and bear weight without any trouble',
  'What is prophylactic fixation?',
  'Mild ache in my hip, walking fine',
  'No fever since my last chemo',
  'What should I do about a cold? no temperature',
  'I had a fever last year before my diagnosis',
  'Chemotherapy starts next week',
  'Temperature 36.8, chemo on Monday',
  'Flu-like symptoms after zoledronic acid infusion',
  'denies fevers, rigors or chills; cycle 2 of paclitaxel completed',
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
  'legs went weak 2 yrs ago before radiotherapy, fine since. ok to fly?',
  'foot went numb sitting cross legged watching telly, fine after a minute',
  'I have a cold and feel shaky',
  "My husband has the flu. He has a temperature of 38.5 and is in bed. He doesn't have cancer. I'm on ribociclib and I feel fine.",
  'I broke my wrist falling off a horse when I was twenty, long before the cancer, does that matter for zoledronic acid?',
  'my knees went weak when the consultant said the bone spots had shrunk, best news ever',
  "We've got World Cup fever in our house! Is anyone else on Kisqali finding it hard to remember the tablets?",
  'I waited at the bus stop in the snow without a proper coat and by the time the bus came I was shivering. I am on capecitabine.',
  "I'm on letrozole and since the steroids my bra feels like a tight band around my chest, no pain once it's off",
  'I was so nervous giving the speech that I muddled my words, everyone laughed. I have bone mets.',
  'My grandmother broke her hip in 1975 and never walked properly again. Is there exercise I can do with bone mets?',
  "Last year I had a fever on the chemo and ended up in hospital a week, I'm fine now, can I still go to the wedding in June?",
  // a little drowsiness as a strong pain medicine starts or goes up, which usually passes (NICE CG140)
  'Is it normal to feel drowsy and a bit foggy since my morphine dose went up on Monday? Can I still drive?',
  // a pet's sleepiness, and pins and needles from sitting on a foot
  'my hamster is sleepy all day and wont wake up for his food, is that normal lol',
  'got pins and needles in my foot from sitting on it watching telly, went soon as i stood up',
  // a person correcting their own question
  'sorry ive muddled it - her jab was fine, its her ribociclib tablets she missed',
];

// Questions about a red-flag topic: an information notice with the warning signs, nothing urgent.
const INFORMATION: Array<[string, string]> = [
  ['What is spinal cord compression?', 'spinal-cord-compression'],
  ['what level of calcium is dangerous in mmol', 'symptomatic-hypercalcaemia'],
  ['if i fall over, when should i go to a&e instead of waiting for clinic', 'pathological-fracture'],
  // a condition a discharge letter names has been seen to
  ["Mum's discharge letter says 'MSCC at T10 - dexamethasone 16 mg daily, for radiotherapy'. What is MSCC?", 'spinal-cord-compression'],
  ['How is MSCC treated?', 'spinal-cord-compression'],
  ['What are the warning signs of cord compression?', 'spinal-cord-compression'],
  ['Tell me about cauda equina syndrome', 'spinal-cord-compression'],
  ['What if my legs are weak?', 'spinal-cord-compression'],
  ['What is hypercalcaemia?', 'symptomatic-hypercalcaemia'],
  ['How is high calcium treated?', 'symptomatic-hypercalcaemia'],
  ['How common are pathological fractures with bone metastases?', 'pathological-fracture'],
  ['nurse mentioned numbness down below as a warning sign, what does that mean?', 'spinal-cord-compression'],
  ['Is back pain at night a warning sign I should ring about with bone mets?', 'spinal-cord-compression'],
  ['my leaflet says back pain that wakes you at night can be an early warning sign of pressure on the spinal cord. How would I tell the difference?', 'spinal-cord-compression'],
  ['My brother asked me what the signs of a broken bone are with bone mets, he is worried he might miss one.', 'pathological-fracture'],
  ['pathological fracture of the femur', 'pathological-fracture'],
  ['Is fever common during chemotherapy?', 'fever-during-cancer-treatment'],
  ['What is febrile neutropenia?', 'fever-during-cancer-treatment'],
  ['Febrile neutropenia?', 'fever-during-cancer-treatment'],
  ['My dad has just started palbociclib. What temperature counts as a fever that we should ring about?', 'fever-during-cancer-treatment'],
  ['If someone with bone secondaries breaks a bone, how would they know?', 'pathological-fracture'],
  ['I have spine mets. Could something be pressing on my spinal cord?', 'spinal-cord-compression'],
];

describe('triage: the phrasings quoted in the issue', () => {
  it.each(ISSUE_PHRASINGS)('%s → %s', (text, expected) => {
    expect(alerts(text)).toContain(expected);
    if (expected.endsWith(':information')) expect(alerts(text).filter((alert) => !alert.endsWith(':information'))).toEqual([]);
  });
});

describe('triage: positive phrasings', () => {
  it.each(POSITIVE)('%s → %s', (text, id) => {
    expect(alerts(text)).toContain(`${id}:immediate`);
  });
});

describe('triage: phrasings with no red flag', () => {
  it.each(NO_ALERT)('%s → nothing', (text) => {
    expect(alerts(text)).toEqual([]);
  });
});

describe('triage: information about a red-flag topic', () => {
  it.each(INFORMATION)('%s → %s information only', (text, id) => {
    expect(alerts(text)).toEqual([`${id}:information`]);
  });
});

describe('triage: levels and scope', () => {
  it('gives early spinal warning signs a same-day alert, and neurological signs an immediate one', () => {
    expect(alerts('I have a band of pain around my chest like a belt')).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts('my back pain is much worse when I lie flat in bed')).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts('the pain in my back wakes me up at night')).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts('back pain gets really bad when I cough or sneeze')).toEqual(['spinal-cord-compression:same-day']);
    // "Back or neck pain that is new… can be an early sign" (patient spinal cord compression leaflet).
    expect(alerts('New back pain, no leg weakness')).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts("my hip has been aching for weeks and now my back hurts too")).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts('my back hurts too, as it always does after gardening')).toEqual([]);
    expect(alerts('band of pain round my chest and now my legs are weak')).toEqual(['spinal-cord-compression:immediate']);
  });

  it('needs no back pain: one strong sign is enough', () => {
    expect(alerts('new weakness in both legs')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts("I can't pee even though I need to")).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('Mum is hard to rouse this morning')).toEqual(['drowsiness-or-confusion:immediate']);
  });

  it('raises fever on any anticancer medicine, not only chemotherapy', () => {
    for (const medicine of ['palbociclib', 'letrozole', 'pembrolizumab', 'Enhertu', 'capecitabine tablets']) {
      expect(alerts(`I have a fever and I'm on ${medicine}`)).toEqual(['fever-during-cancer-treatment:immediate']);
    }
    expect(alerts('temp 38.1 and i take anastrozole')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('temp 37.2 and i take anastrozole')).toEqual([]);
  });

  it('reads a temperature written before its word or after a thermometer', () => {
    expect(alerts('38.5 temperature, had my chemo a week ago')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('thermometer says 38.9 and I am having chemotherapy')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('37.0 temperature, had my chemo a week ago')).toEqual([]);
    expect(alerts('38.5 temperature two years ago during chemo')).not.toContain('fever-during-cancer-treatment:immediate');
  });

  it('reads a temperature written with a decimal comma, and "38,2 of temperature"', () => {
    expect(alerts('on paclitaxel weekly, tonight she is with 38,2 of temperature')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('on docetaxel, temp 38,5')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('on docetaxel, temp 37,4')).toEqual([]);
    // Only a body temperature is read so: a list of numbers is not a reading.
    expect(alerts('on chemo, I take 2,3 tablets a day')).toEqual([]);
  });

  it('reads a figure of speech as one: "fever pitch", legs "turned to jelly" at good news', () => {
    expect(alerts("dad's on capecitabine and it's fever pitch in our living room when the football is on")).toEqual([]);
    expect(alerts('my legs turned to jelly when the consultant said the scan showed everything stable')).toEqual([]);
    expect(alerts('my legs turned to jelly this morning and I had to sit on the stairs')).toContain('spinal-cord-compression:immediate');
    expect(alerts("so now I'm confused, should I take the calcium or not?")).toEqual([]);
    expect(alerts("mum is confused and doesn't know where she is")).toEqual(['drowsiness-or-confusion:immediate']);
  });

  it('reads a sign its sentence goes on to call a warning sign in general as asked about, but not one asked about as one\'s own', () => {
    expect(alerts("Someone in our group said numbness 'down below' can be a warning sign - is that true?")).toEqual(['spinal-cord-compression:information']);
    expect(alerts('my sister says back pain at night is a warning sign with bone secondaries, is that true?')).toEqual(['spinal-cord-compression:information']);
    expect(alerts('my legs went numb today, is that a warning sign?')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('my legs went numb today, can that be a warning sign?')).toEqual(['spinal-cord-compression:immediate']);
  });

  it('reads phone shorthand, a break already in a cast, and a walk told by what it looked like', () => {
    expect(alerts('38.6 on the ear thermometer, on cape day 10. feel grotty')).toEqual(['fever-during-cancer-treatment:immediate']);
    // Other illnesses called fevers are not a temperature.
    expect(alerts('I need a yellow fever jab for a trip, is it ok while I am on ribociclib?')).toEqual([]);
    expect(alerts('my hay fever is bad and I am on letrozole, temp 38.4')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('last yr i broke my hip from the mets, all healed now n walking fine. can i start aqua aerobics')).toEqual([]);
    expect(alerts('my daughter broke her arm at school today (shes fine, cast on). can i still go to chemo tmrw')).toEqual([]);
    expect(alerts('my wife has mets in her spine. on the way back to the car she was wobbling all over the place like shed had a drink')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('the consultant mentioned something called cord compression and gave me a card. what should I look out for?')).toEqual(['spinal-cord-compression:information']);
  });

  it('reads a staff member mentioning a complication as information, a scan showing it as a report', () => {
    expect(alerts('the nurse mentioned something about the spinal cord getting squashed but mum was too upset to take it in')).toEqual(['spinal-cord-compression:information']);
    expect(alerts('the nurse explained that the MRI shows cord compression')).toEqual(['spinal-cord-compression:immediate']);
  });

  it('reads the later of two temperatures given in one sentence', () => {
    expect(alerts("temp was 37.9 an hour ago now it's 38.1. on folfox")).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('temperature 37.2 this morning, now 37.5, on chemo')).toEqual([]);
  });

  it('reads a number before "on the thermometer" and the shorthand "T 38.4"', () => {
    expect(alerts('38.3 on the thermometer, had my chemo tues')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('Pt day 9 post docetaxel, T 38.4 at home', 'professional')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('Pt day 9 post docetaxel, T 37.4 at home', 'professional')).toEqual([]);
    expect(alerts('on docetaxel, stage T 2 tumour', 'professional')).toEqual([]);
  });

  it('reads questions about a sign, a leaflet or a letter as asking, not reporting', () => {
    expect(alerts('why does the nurse keep asking if i feel confused or sleepy?')).toEqual(['drowsiness-or-confusion:information']);
    expect(alerts("could you send the leaflet about spinal cord compression again, dad's lost his")).toEqual(['spinal-cord-compression:information']);
    expect(alerts("how would I know if mum's bone had broken because of the cancer?")).not.toContain('pathological-fracture:immediate');
    expect(alerts('i feel confused since this morning')).toEqual(['drowsiness-or-confusion:immediate']);
  });

  it('reads a stated temperature in its scope: an instruction to call at 38 states no fever', () => {
    expect(alerts('The chemo nurse said to call if my temperature goes to 38. Mine is 37.1 and I feel fine')).not.toContain('fever-during-cancer-treatment:immediate');
    expect(alerts('on chemo, temp 38.4, should i call if it goes higher')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('no temp of 38 or over, on chemo, just tired')).toEqual([]);
    // A person said to be at a fever-range reading, with a decimal: an age is not a temperature.
    expect(alerts("just to say I'm 38.9 tonight and aching all over, first cycle of chemo last week")).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts("I'm 40 and on chemo, can I still drink wine?")).toEqual([]);
    // A reading said on its own is read when it is placed in time ("just now"), not as any number.
    expect(alerts('on docetaxel, 38.9 just now, took paracetamol 2hrs ago')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('on docetaxel, worked 38.5 hours this week')).toEqual([]);
    expect(alerts('Got my chemo last Tuesday. Tonight 38.2 on the ear thermometer')).toEqual(['fever-during-cancer-treatment:immediate']);
  });

  it('reads an aside set off by a spaced dash as a statement of its own', () => {
    expect(alerts("Mam's been talking nonsense since teatime, asking when Dad's home - he died in 2015")).toEqual(['drowsiness-or-confusion:immediate']);
    expect(alerts('Mam was talking nonsense in 2015 when she had an infection')).toEqual([]);
  });

  it('reads early cord-compression pain told across clauses, and not spine pain alone', () => {
    expect(alerts('my back hurts more when I am on the toilet pushing and when I cough it goes right round to my front')).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts('Mum keeps waking in the night with back pain and sleeps in the armchair because lying down is worse')).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts('my back hurts after gardening')).toEqual([]);
  });

  it('reads alternatives in a group as alternatives ("words all jumbled")', () => {
    expect(alerts('her words were all jumbled, not like her at all')).toEqual(['drowsiness-or-confusion:immediate']);
  });

  it('keeps a figure of speech out of the crisis notice', () => {
    expect(alerts('Killing myself laughing at the hospital radio DJ during my infusion today lol')).toEqual([]);
    expect(alerts("I keep thinking about killing myself")).toEqual(['suicidal-thoughts:immediate']);
  });

  it('reads quoted words as words, and a bracketed aside as a statement of its own', () => {
    expect(alerts("daughter reports she's 'not making sense' today, which is new", 'professional')).toEqual(['drowsiness-or-confusion:immediate']);
    expect(alerts("my nan said she's going to 'end it herself' before the cancer does")).toEqual(['suicidal-thoughts:immediate']);
    expect(alerts('grandad is acting really weird and asked where grandma is (she died years ago)')).toEqual(['drowsiness-or-confusion:immediate']);
    expect(alerts('grandad was acting really weird years ago')).toEqual([]);
  });

  it('leaves signs said of a person with no cancer, unless the same sentence names cancer or its treatment', () => {
    expect(alerts('My husband (no cancer, he is 45) has a temp of 38.5 and the shivers with flu')).toEqual([]);
    expect(alerts("My husband doesn't have cancer but he's been really thirsty and peeing a lot lately")).toEqual([]);
    expect(alerts("My friend's dad fell and broke his hip last week (he's never had cancer)")).toEqual([]);
    // Safety: the writer, or a sentence naming cancer or its treatment, is still read.
    expect(alerts('My husband has no cancer but I do and my legs have gone weak today')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts("My sister doesn't have cancer. My legs have gone weak today.")).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts("My husband (no cancer) is fine but I'm on palbociclib and have a temp of 38.6")).toEqual(['fever-during-cancer-treatment:immediate']);
    // Crisis language is never set aside.
    expect(alerts("My husband doesn't have cancer but he keeps saying he wants to end it all")).toEqual(['suicidal-thoughts:immediate']);
  });

  it('leaves numb hands and feet put down to chemotherapy, and sweats put down to hot flushes, but not other signs beside them', () => {
    expect(alerts('finished FOLFOX 3 months ago and my fingers and feet are still numb, will the neuropathy go away')).toEqual([]);
    expect(alerts('fingers and toes still numb and tingly months after paclitaxel for my mets')).toEqual([]);
    expect(alerts('I finished paclitaxel for my secondary breast cancer 2 months ago and my fingers and toes are still numb and tingly')).toEqual([]);
    // Weak legs are not explained by the drug, and numb feet alone may be the cord.
    expect(alerts('on paclitaxel, my hands and feet are tingly and now my legs feel weak')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('numb feet since the docetaxel')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('sweating buckets even at night, hot flushes from the tamoxifen dont help')).toEqual([]);
    expect(alerts('sweating buckets even at night, on tamoxifen')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('on tamoxifen, hot flushes and now shivering and a fever')).toEqual(['fever-during-cancer-treatment:immediate']);
    // Trouble getting off the sofa beside exhaustion is tiredness; beside weak legs it is not.
    expect(alerts('so exhausted on enhertu, can barely get off the sofa and feel sick for 4 or 5 days after each one')).toEqual([]);
    expect(alerts("my legs are weak and I'm so tired, can't get off the sofa")).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('cant get up the stairs anymore, spine mets')).toEqual(['spinal-cord-compression:immediate']);
  });

  it('reads low calcium from a bone medicine: tingling around the mouth alone, tingling with cramps, or one sign with the medicine named', () => {
    expect(alerts('My lips is tingling and my fingers too, and my hand make cramp. I have the injection last week.')).toEqual(['symptomatic-hypocalcaemia:immediate']);
    expect(alerts('tingling round my mouth since this morning')).toEqual(['symptomatic-hypocalcaemia:immediate']);
    expect(alerts('pins and needles in my fingers and cramp in my hand')).toEqual(['symptomatic-hypocalcaemia:immediate']);
    expect(alerts('cramps in my calves every night since my Xgeva')).toContain('symptomatic-hypocalcaemia:immediate');
    expect(alerts('corrected ca 1.96 with cramps', 'professional')).toEqual(['symptomatic-hypocalcaemia:immediate']);
    expect(alerts('on denosumab, now perioral tingling and carpopedal spasm', 'professional')).toEqual(['symptomatic-hypocalcaemia:immediate']);
    expect(alerts('what are the signs of low calcium?')).toEqual(['symptomatic-hypocalcaemia:information']);
    // One common sign alone, or one with another cause, is not low calcium.
    expect(alerts('pins and needles in my fingers')).toEqual([]);
    expect(alerts('leg cramps after my run')).toEqual([]);
    expect(alerts('my lips are tingling after that vindaloo')).toEqual([]);
    expect(alerts('Had a filling this morning and my lip is still numb from the anaesthetic, can I eat yet?')).toEqual([]);
    expect(alerts('no tingling or cramps since my xgeva')).toEqual([]);
    expect(alerts('calcium 2.4, fine')).toEqual([]);
    expect(alerts('Numb toes and fingertips from the docetaxel, is there anything that helps?')).toEqual([]);
  });

  it('reads signs told in a learner\'s English', () => {
    expect(alerts('Also I am very thirsty, I drink and drink and go to toilet many times. Sometimes I am mixed up in my head.')).toEqual(['symptomatic-hypercalcaemia:immediate']);
    expect(alerts('Sometimes I am mixed up in my head')).toEqual(['drowsiness-or-confusion:immediate']);
    expect(alerts('Sometimes my husband must help me walk, my hip hurt when I stand. Is danger?')).toEqual(['pathological-fracture:information']);
    expect(alerts('what happens if i fall n break something with bone mets how would i know')).toEqual(['pathological-fracture:information']);
    expect(alerts('my temps 38.4 on the chemi tablets')).toEqual(['fever-during-cancer-treatment:immediate']);
  });

  it('reads a month as a time of year, not the past, and "what\'s new" as now', () => {
    expect(alerts('on abema for bone mets. teeth chattering, under 3 blankets in july')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('The ache in my back is the same as ever, but what\'s new is both my feet have gone numb since lunchtime. I have bone mets')).toEqual(['spinal-cord-compression:immediate']);
    // Said to be over, it is past.
    expect(alerts('on abema for bone mets. teeth chattering in july, fine now')).toEqual([]);
  });

  it('reads a fever-range reading that opens a message or stands in a list, beside a cancer medicine', () => {
    expect(alerts('38.2 on capecitabine, shaky')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('sweating & shakes, 38.1, ibrance day 18')).toEqual(['fever-during-cancer-treatment:immediate']);
    // A creatinine clearance or a week count is not a temperature.
    expect(alerts('CrCl 38.5, on capecitabine, dose?')).toEqual([]);
    expect(alerts('38.5 weeks pregnant, on capecitabine')).toEqual([]);
  });

  it('reads "no more" closing a clause as "any more", a now-report after a warning, and a now in the sign\'s own clause', () => {
    expect(alerts("cant do the stairs no more, legs like jelly since the weekend. bone secondaries")).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('no more pain since the radiotherapy, legs fine')).toEqual([]);
    expect(alerts('the nurse said my temp of 38 was borderline, ring back if it went higher, its now 38.4, on docetaxel')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('last year i had a fever on chemo and ended up in hospital, now im just on letrozole')).toEqual([]);
    // Several words in one choice are grouped: "hasn't been for a poo" is constipation.
    expect(alerts('she hasnt been for a poo in 5 days and keeps retching. she has bone mets')).toEqual(['symptomatic-hypercalcaemia:immediate']);
  });

  it('reads pain on weight bearing through a lytic lesion and a limb at a weird angle as a fracture', () => {
    expect(alerts('new severe groin pain on weight bearing, lytic lesion in the femoral neck')).toEqual(['pathological-fracture:immediate']);
    expect(alerts("mum has bone mets, tripped over the dog and her wrist is sitting at a really weird angle")).toEqual(['pathological-fracture:immediate']);
  });

  it('leaves signs that belong to someone or something else: an animal\'s back legs, a spinal anaesthetic, a child\'s broken arm, a medicine box\'s warning', () => {
    expect(alerts("Our old labrador has gone wobbly on his back legs, I'm on capecitabine for breast cancer")).toEqual([]);
    expect(alerts("my legs have gone wobbly, I'm on capecitabine for breast cancer")).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts("my daughter had a spinal for her c section and can't feel her legs properly yet, I'm on ibrance")).toEqual([]);
    expect(alerts("I can't feel my legs properly, I'm on ibrance")).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('my daughter broke her arm at netball so I will miss my zometa appointment, I have bone mets')).toEqual([]);
    expect(alerts('my daughter says mum broke her hip, she has bone mets')).toEqual(['pathological-fracture:immediate']);
    expect(alerts('on palbociclib, can I take my usual antihistamine? the box says may cause drowsiness')).toEqual([]);
    expect(alerts('on palbociclib and so drowsy today I can hardly keep my eyes open')).toEqual(['drowsiness-or-confusion:immediate']);
  });

  it('leaves a mouth numb from the dentist, a pet\'s fever and a figurative "nightmare", and reads the same signs in a person', () => {
    expect(alerts('Lip still numb from the dentist (just a small filling, told him about my denosumab). How long before I can eat?')).toEqual([]);
    expect(alerts('my bum is numb like at the dentist, I have bone mets in my spine')).toEqual(['spinal-cord-compression:immediate']);
    // A cause told as a comparison describes the feeling and explains nothing; the same words as a cause still explain it.
    expect(alerts('since my bone injection my lips keep going tingly, like after the dentist')).toEqual(['symptomatic-hypocalcaemia:immediate']);
    expect(alerts("a ring of pins and needles round my mouth, as if I'd had a filling")).toEqual(['symptomatic-hypocalcaemia:immediate']);
    expect(alerts('my lips are tingly after the dentist this morning')).toEqual([]);
    expect(alerts("Hands and feet numb like I'm wearing gloves since the paclitaxel")).toEqual([]);
    expect(alerts("Our dog Biscuit has a fever and the vet gave him antibiotics. Is it ok for me to handle his tablets? I'm on letrozole")).toEqual([]);
    expect(alerts("I have a fever and I'm on letrozole and palbociclib")).toEqual(['fever-during-cancer-treatment:immediate']);
    // "Which is a nightmare" is a figure of speech; "I had a nightmare that…" is a dream, not a report.
    expect(alerts("we're sorting her benefit forms which is a nightmare, and her legs have gone weak, she has bone mets")).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('I had a nightmare that my legs went weak, I have bone mets')).toEqual(['spinal-cord-compression:information']);
    // "What does it mean if…" asks about a sign; it reports none.
    expect(alerts('what does it mean if someone with bone mets gets confused, should we be worried if it happens to mum')).toEqual(['drowsiness-or-confusion:information']);
  });

  it('reads confusion that "makes no sense", a full bladder that will not empty, and leaves stress incontinence', () => {
    expect(alerts("Nan keeps staring into space and not answering when we talk to her, then she says something that makes no sense. Since this morning. Cancer in her bones.")).toEqual(['drowsiness-or-confusion:immediate']);
    expect(alerts('been sat on the toilet 20 mins trying to wee and nothing will come out even tho my bladder feels full to bursting. spine mets')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts("Had a little leak laughing at the telly - I've had stress incontinence ever since my kids, nothing new. I have bone mets. Can I get pads on prescription?")).toEqual([]);
    // Leaking without knowing is still a sign.
    expect(alerts('I have bone mets in my spine and keep leaking urine without knowing')).toEqual(['spinal-cord-compression:immediate']);
  });

  it('reads a temperature taken at a body site and calcium written as "cal"', () => {
    expect(alerts('38.1 on the forehead thingy, on docetaxel, bone mets')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('36.9 on the forehead thingy, on docetaxel, bone mets')).toEqual([]);
    expect(alerts('cal 12.8 mg/dl on my labs from this morning, feeling wiped out and constipated. bone mets. what now')).toEqual(['symptomatic-hypercalcaemia:immediate']);
    expect(alerts('cal 9.4 mg/dl on my labs from this morning, bone mets, is that ok')).toEqual([]);
  });

  it('reads a sign told after a denied one, and "bone" naming the disease is not a broken bone', () => {
    // "Not passed water" is the sign; what he says after it is not under its negation.
    expect(alerts("hubby's not passed water since last night and says he cant feel his legs properly", 'patient')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts("Mam's been so thirsty this week, not eating, says she's bunged up. She has the cancer in her bones.", 'patient')).toEqual(['symptomatic-hypercalcaemia:immediate']);
    expect(alerts("Och my right leg's gone all dead and heavy, the cancer's in ma spine", 'patient')).toEqual(['spinal-cord-compression:immediate']);
    // "Never used to" says the pain is new, not old.
    expect(alerts('waking every night with pain in the middle of my spine, never used to, painkillers not touching it', 'patient')).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts('GP query: patient on 4-weekly Xgeva for bone mets has a cracked molar that needs to come out.', 'professional')).toEqual([]);
    expect(alerts('my bone cracked when I turned over in bed, I have mets', 'patient')).toEqual(['pathological-fracture:immediate']);
    // Asking what counts as a fever asks for the signs, unless a temperature is stated.
    expect(alerts('on palbo, temp 38.6 tonight, what counts as a fever?', 'patient')).toEqual(['fever-during-cancer-treatment:immediate']);
  });

  it('reads a residual bladder volume as a sign, not as a residual (old) deficit, and a temperature someone reports', () => {
    expect(alerts('New bilat LL weakness since this am, bladder scan 650ml residual.', 'professional')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('Residual weakness in his legs from the cord compression in 2019, unchanged', 'professional')).toEqual([]);
    expect(alerts('Day 10 docetaxel, husband reports 38.9 at home, pt clammy', 'professional')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts("Nan didn't know who I was this morning, she has cancer in her bones")).toEqual(['drowsiness-or-confusion:immediate']);
    expect(alerts("she's worked out how she'd do it if the pain gets worse")).toEqual(['suicidal-thoughts:immediate']);
    expect(alerts('I worked out how to do it in the end, the tax return')).toEqual([]);
    expect(alerts('Tripped on the kerb yesterday, grazed my knee, got straight up and walked home')).toEqual([]);
    expect(alerts("I've tripped on the kerb twice this week and my right leg feels odd")).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('keep wakin up at 3am wiv my neck n upper back throbbin, secondaries in spine')).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts("Mum pushed herself up off the sofa and her arm just gave, she has bone mets")).toEqual(['pathological-fracture:immediate']);
    // An early cord sign is same-day by its phrases; the learned reader may raise it to immediate (the safer error), never lower.
    expect(alerts('Sneezing is agony in my back since Sunday, I have the spread to the bones')).toEqual([expect.stringMatching(/^spinal-cord-compression:(?:same-day|immediate)$/)]);
    expect(alerts('I broke my wrist two years before I was diagnosed')).toEqual([]);
    expect(alerts("Grandma's legs just quit on her this morning, she has cancer in her bones")).toEqual(['spinal-cord-compression:immediate']);
  });

  it('reads a symptom after "not herself" or "bowels not opened" as reported', () => {
    expect(alerts("Mum's just not herself, really thirsty, being sick, and a bit muddled")).toEqual(['symptomatic-hypercalcaemia:immediate']);
    expect(alerts('vomited x3 today, bowels not open 4 days, more drowsy than usual', 'professional')).toEqual(['symptomatic-hypercalcaemia:immediate']);
    expect(alerts("The wife's been a bit low since the diagnosis, not herself, but she's eating and sleeping fine")).toEqual([]);
  });

  it('reads a choice of several words as one choice', () => {
    expect(alerts('grandad says his knees are made of jelly')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('his knees are made of cotton wool')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('whenever I sneeze it is like a knife in the middle of my back')).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts('thigh bone killing me out of nowhere, I have secondaries in my femur')).toEqual(['pathological-fracture:immediate']);
    // "drink water ~2 too much|so much|a lot|all the time" once asked for "too" then "much|so"…: now grouped.
    expect(alerts('My mother has cancer in the bones. She drink water all the time and she vomit since yesterday.')).toEqual(['symptomatic-hypercalcaemia:immediate']);
    expect(alerts('since yesterday my hip hurts too much to put any weight on it, I have bone mets')).toContain('pathological-fracture:immediate');
    expect(alerts("he says he won't be a burden much longer and he's given his watch away")).toEqual(['suicidal-thoughts:immediate']);
  });

  it('reads everyday wordings of the signs, and leaves what has settled', () => {
    expect(alerts('inner thighs have gone sort of dead and my back hurts')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('throwing up and not pooed in ages')).toEqual(['symptomatic-hypercalcaemia:immediate']);
    expect(alerts('I have not pooed, not sick')).toEqual([]);
    expect(alerts('been thinking about taking all my tablets at once')).toEqual(['suicidal-thoughts:immediate']);
    expect(alerts('every time I cough I get a sharp stab in the middle of my back')).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts('I have a cough and my back aches')).toEqual([]);
    expect(alerts("My dad got confused last month with a chest infection, it cleared up and he's back to himself")).toEqual([]);
  });

  it('reads a measured calcium: severe on its own, high with a symptom', () => {
    expect(alerts('calcium 15 mg/dL', 'professional')).toEqual(['symptomatic-hypercalcaemia:immediate']);
    expect(alerts('Corrected calcium 3.4 mmol/L and she is vomiting', 'professional')).toEqual(['symptomatic-hypercalcaemia:immediate']);
    expect(alerts('Corrected calcium 2.4 mmol/L and she is vomiting', 'professional')).toEqual([]);
  });

  it.each([
    ['negated', 'I have no leg weakness', 'my legs are weak'],
    ['negated in a list', 'no weakness, no numbness, no bladder or bowel problems', 'weakness in my legs and no bladder problems'],
    ['hypothetical', 'What should I do if I ever get numbness in my legs?', 'I have numbness in my legs'],
    ['in the past', 'Years ago I had numbness in my legs from a slipped disc', 'Since yesterday I have had numbness in my legs'],
    ['past, then again now', 'I had cord compression two years ago', 'I had cord compression two years ago and now my legs are weak again'],
    // A distant-past time belongs to its own clause; a sign said to be over is over from anywhere in the sentence.
    ['in the past in its own clause', 'My legs went weak last year and I had surgery', 'My legs have gone weak and I had radiotherapy last month'],
    ['over, said in a later clause', 'My legs went weak after the fall and I have been back to normal since', 'I had radiotherapy last month and my legs have gone weak'],
    ['a general question', 'Can leg weakness be a sign of cord compression?', 'Can you help, my legs are weak'],
  ])('does not raise an urgent alert when %s, and does for its counterpart', (_scope, quiet, urgent) => {
    expect(alerts(quiet).filter((alert) => !alert.endsWith(':information'))).toEqual([]);
    expect(alerts(urgent)).toContain('spinal-cord-compression:immediate');
  });

  it('reads a sign asked about as a question as reported, and a question about signs as a question', () => {
    expect(alerts('Is it normal for my legs to feel heavy and wobbly since yesterday? I have breast cancer in my spine.')).toContain('spinal-cord-compression:immediate');
    expect(alerts('Could new numbness in both legs just be from sitting awkwardly? I have cancer in my spine.')).toContain('spinal-cord-compression:immediate');
    expect(alerts('The cancer is in my pelvis. What signs of a broken hip should I look out for?')).toEqual(['pathological-fracture:information']);
    expect(alerts('Should I take paracetamol first if I get a temperature on chemo, or ring straight away?')).toEqual(['fever-during-cancer-treatment:information']);
  });

  it('reads crisis language said without its words', () => {
    for (const message of [
      "I've been quietly keeping back some of my tablets each night.",
      'sorry to bother. i am so tired of living',
      "I've had enough of life. I keep thinking the only way out is to take myself out of the picture.",
      'nobody would even notice if i was gone tbh',
      "Every night I pray I won't wake up in the morning.",
    ]) {
      expect(alerts(message), message).toContain('suicidal-thoughts:immediate');
    }
    // Being tired of hospital visits, or of a side effect, is not.
    expect(alerts("I'm so tired of all the hospital visits, can they be moved closer to home?")).toEqual([]);
  });

  it('keeps crisis language urgent in a question or the past, but not when denied', () => {
    expect(alerts('What is the point of living like this?')).toEqual(['suicidal-thoughts:immediate']);
    expect(alerts('I took too many pills on purpose last night')).toEqual(['suicidal-thoughts:immediate']);
    expect(alerts("I'm not suicidal, just tired")).toEqual([]);
  });

  it('lets the high-calcium alert cover confusion rather than raising both', () => {
    expect(alerts('I am very thirsty and confused')).toEqual(['symptomatic-hypercalcaemia:immediate']);
    expect(alerts('I am very confused')).toEqual(['drowsiness-or-confusion:immediate']);
  });

  it('puts the most urgent first, crisis before other immediate alerts', () => {
    expect(alerts('I want to end my life, my back hurts at night and I have a fever on chemo')).toEqual([
      'suicidal-thoughts:immediate',
      'fever-during-cancer-treatment:immediate',
      'spinal-cord-compression:same-day',
    ]);
  });

  it('leaves feet gone red, a stage wish and "if she starts getting confused" unalarmed, and keeps their counterparts', () => {
    expect(alerts('on capecitabine the soles of my feet have gone red and peely')).not.toContain('spinal-cord-compression:immediate');
    expect(alerts('my feet have gone numb and heavy')).toContain('spinal-cord-compression:immediate');
    expect(alerts("she's in the school play tonight, told her break a leg haha")).toEqual([]);
    expect(alerts('she fell and broke her leg')).toContain('pathological-fracture:immediate');
    expect(alerts('what should i watch for if mum starts getting confused?')).toEqual(['drowsiness-or-confusion:information']);
    expect(alerts("on capecitabine, what reading means I ring the hotline?")).toEqual(['fever-during-cancer-treatment:information']);
  });

  it('reads non-native and formal wording, and a formal "should she become…" as a question', () => {
    expect(alerts('today she can not control the pipi, is coming out without she know')).toContain('spinal-cord-compression:immediate');
    expect(alerts('From today she not feel her legs when I touch them')).toContain('spinal-cord-compression:immediate');
    expect(alerts('the leg she can not put down and the shin is looking not straight')).toContain('pathological-fracture:immediate');
    expect(alerts('For four nights I have been woken at three by pain in the middle of my back, which is new.')).toContain('spinal-cord-compression:same-day');
    expect(alerts('Should my wife become confused or unusually drowsy, would that warrant a call?')).toEqual(['drowsiness-or-confusion:information']);
    expect(alerts('My wife has become confused and unusually drowsy today')).toContain('drowsiness-or-confusion:immediate');
  });

  it('reads typos, shorthand and spelled-out contractions', () => {
    expect(alerts('my leggs feel heavy and numm')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('i have a feaver and im on chemo')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('Gran is not making sense today')).toEqual(['drowsiness-or-confusion:immediate']);
    // A misspelled anticancer medicine still makes shivering urgent, whatever the thermometer says.
    expect(alerts("Dad takes palbocyclib. Tonight he's shivering and feels awful, but the thermometer only says 37.6")).toEqual(['fever-during-cancer-treatment:immediate']);
  });
});

  it('reads a tumble, a calcium "a bit high", a written plan and a warning passed on by the nurse', () => {
    expect(alerts('mum had a little tumble and now she cannot walk to the toilet')).toContain('pathological-fracture:immediate');
    expect(alerts("my wife's calcium came back 'a bit high' and she has been vomiting since last night")).toEqual(['symptomatic-hypercalcaemia:immediate']);
    expect(alerts("my wife's calcium came back fine and she has been vomiting")).toEqual([]);
    expect(alerts("I've written down how I'd do it and when")).toEqual(['suicidal-thoughts:immediate']);
    expect(alerts("he says he's checking out early and has the pills sorted")).toEqual(['suicidal-thoughts:immediate']);
    expect(alerts('the nurse said to watch out for mum getting confused - what do we do if it ever does?')).toEqual(['drowsiness-or-confusion:information']);
    expect(alerts('mum is getting confused today')).toEqual(['drowsiness-or-confusion:immediate']);
    expect(alerts('can a bone with cancer in it break from a small twist?')).toEqual(['pathological-fracture:information']);
    // "fever pitch" and a fever-tree tonic are not fevers for the phrases, and so not for the learned reader either.
    expect(alerts("dad's on capecitabine and it's fever pitch in the living room")).toEqual([]);
    expect(alerts("dad's on capecitabine and has a fever")).toEqual(['fever-during-cancer-treatment:immediate']);
    // Shivering put down to a cold house, and forms that confuse, are not signs; a high reading still is.
    expect(alerts("I was shivering this morning because the boiler's packed in. I'm on capecitabine.")).toEqual([]);
    expect(alerts("on capecitabine and shivering because the boiler broke, temp 38.4")).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('The benefit forms confuse me, can you help?')).toEqual([]);
    expect(alerts('Mum is confused today')).toEqual(['drowsiness-or-confusion:immediate']);
    // Nerve damage from chemotherapy and "chemo brain" are named causes; numb toes alone, or new forgetfulness, are not explained.
    expect(alerts('My fingertips and toes have gone numb and tingly since I started paclitaxel')).toEqual([]);
    expect(alerts('my toes have gone numb since yesterday')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('Since chemo I keep forgetting things - is that chemo brain?')).toEqual([]);
    expect(alerts('could that break a bone?')).toEqual(['pathological-fracture:information']);
  });

  it('reads a fall asked about as a question, a decade as the past, and a coat forgotten or letters that muddle as causes', () => {
    expect(alerts("what should I do if I fall and can't get up?")).toEqual(['pathological-fracture:information']);
    expect(alerts("I fell and can't get up")).toEqual(['pathological-fracture:immediate']);
    expect(alerts('my grandmother broke her hip in the 90s, is a bone density scan worth it?')).toEqual([]);
    expect(alerts('my grandmother broke her hip last night')).toEqual(['pathological-fracture:immediate']);
    expect(alerts('i was shivering at the bus stop cause i forgot my coat, on abemaciclib')).toEqual([]);
    expect(alerts('i was shivering at the bus stop, on abemaciclib')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('i get so muddled with all the appointment letters, who do i ring?')).toEqual([]);
    expect(alerts('mum is so muddled today, who do i ring?')).toEqual(['drowsiness-or-confusion:immediate']);
    expect(alerts('is 38 the cut off for ringing when on chemo?')).toEqual(['fever-during-cancer-treatment:information']);
    expect(alerts('what calcium level is dangerous?')).toEqual(['symptomatic-hypercalcaemia:information']);
  });

  it('reads a bone pain that suddenly got much worse as a possible break, and loose bottom teeth as no spinal sign', () => {
    expect(alerts("It's Saturday night and Dad's hip pain has suddenly got much worse. His morphine isn't touching it.")).toContain('pathological-fracture:immediate');
    expect(alerts('my hip pain suddenly got worse last year after a fall but it settled')).toEqual([]);
    expect(alerts("she heard a crack and now she can't stand up")).toContain('pathological-fracture:immediate');
    expect(alerts("I heard a crack of thunder and couldn't sleep")).toEqual([]);
    expect(alerts("Can I still have my Xgeva injection on Thursday? Since the weekend I've had jaw pain and one of my bottom teeth feels loose.")).toEqual([]);
    // A steady pain asked about for treatment is no break, for the phrases or the learned reader.
    expect(alerts('Will radiotherapy help the pain in my hip from cancer in the bone?')).toEqual([]);
    expect(alerts('my mum has breast cancer in her spine and her back is so stiff. is it safe for her to see a chiropractor?')).toEqual([]);
  });

  it('reads a sign after "but now" as now, whatever settled before it, and leaves a settled past beside "and now just on"', () => {
    expect(alerts('had back pain for months but now my legs are weak')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('my legs went weak 2 years ago and now im fine')).toEqual([]);
    expect(alerts('4 years ago i had neutropenic sepsis on FEC chemo, fine since and now just on tamoxifen. should i still have the flu jab')).toEqual([]);
    expect(alerts('4 years ago i had neutropenic sepsis on FEC chemo and now i have a temp of 38.4 on capecitabine')).toContain('fever-during-cancer-treatment:immediate');
  });

  it('reads "how many end up febrile?" as a question, and a fever told beside it as a report', () => {
    expect(alerts('on palbociclib: how many end up febrile?')).not.toContain('fever-during-cancer-treatment:immediate');
    expect(alerts('my temp is 38.5 on palbociclib, how many people get this?')).toContain('fever-during-cancer-treatment:immediate');
  });

  it('reads "no poo for 5 days" as constipation that negates nothing after it', () => {
    expect(alerts('my husband he drink water all day, go to toilet many many times, now no poo for 5 days and vomit. he has bone cancer from the breast')).toEqual(['symptomatic-hypercalcaemia:immediate']);
    expect(alerts('no vomiting and no confusion, just tired')).toEqual([]);
  });

  it('leaves signs of a writer who has no cancer, of a story on screen, of a toddler, a pet or hot weather, and keeps them in the person', () => {
    expect(alerts("i dont have cancer, my sister does. i broke my leg skiing and cant walk for 6 weeks so i cant take her to chemo. who else can help")).toEqual([]);
    expect(alerts("i don't have cancer in my spine but i can't walk since this morning")).toContain('spinal-cord-compression:immediate');
    expect(alerts('watched a film last night where a woman broke her hip and couldnt walk. what exercise is safe with bone mets')).not.toContain('pathological-fracture:immediate');
    expect(alerts('my toddler wet the bed again, potty training is hard work when ur on chemo')).toEqual([]);
    expect(alerts('i wet the bed last night and my back hurts, i have cancer in my spine')).toContain('spinal-cord-compression:immediate');
    expect(alerts('my cat had kidney failure and was drinking and peeing loads, we lost her last week')).toEqual([]);
    expect(alerts('drinking loads of water cos its so hot this week and its making me pee all the time')).toEqual([]);
    expect(alerts("i'm so thirsty and peeing all the time, and i've been sick twice, i have breast cancer in my bones")).toContain('symptomatic-hypercalcaemia:immediate');
    expect(alerts('my hot flushes on letrozole are awful, boiling at night then cold')).toEqual([]);
  });

describe('triage: the tuning corpus', () => {
  it('catches at least 98% of emergencies with at most 10% false alarms (test/fixtures/triage/corpus.jsonl)', async () => {
    const file = 'test/fixtures/triage/corpus.jsonl';
    const cases = parseTriageCorpus(file, await readFile(file, 'utf8'));
    const score = scoreTriage(cases, triage.triage, new Map(triage.concepts.map((concept) => [concept.id, concept.yieldsTo])));
    expect(score.emergencies).toBeGreaterThanOrEqual(120);
    expect(score.caught / score.emergencies).toBeGreaterThanOrEqual(0.98);
    expect(score.falseAlarms / score.nonEmergencies).toBeLessThanOrEqual(0.1);
  });
});

describe('triage: wording and citations', () => {
  it('words the same red flag differently for patients and professionals', () => {
    const patient = triage.triage('I have back pain and my legs are weak', 'patient')[0]!;
    const professional = triage.triage('I have back pain and my legs are weak', 'professional')[0]!;
    expect(patient.text).toMatch(/Get help now/);
    expect(professional.text).toMatch(/MRI of the whole spine/);
    expect(patient.title).toBe(professional.title);
  });

  it('cites one patient warning-signs document for patients and professional documents for professionals', () => {
    const documents = new Map(knowledge.documents.map((document) => [document.id, document]));
    for (const { id } of triage.concepts) {
      for (const level of ['immediate', 'same-day', 'information'] as const) {
        const patient = triage.alertFor(id, level, 'patient');
        const professional = triage.alertFor(id, level, 'professional');
        if (!patient || !professional) continue;
        expect(new Set(patient.passageIds.map((passage) => passage.split('#')[0])).size, `${id} ${level}`).toBeLessThanOrEqual(1);
        for (const passage of patient.passageIds) expect(passage, passage).toMatch(/^patient-(?:spinal-cord-)?warning-signs#/);
        // No professional document covers fever during cancer treatment yet: it cites the patient document.
        if (id === 'fever-during-cancer-treatment') continue;
        for (const passage of professional.passageIds) expect(documents.get(passage.split('#')[0]!)?.audience, passage).toBe('professional');
      }
    }
  });

  it('gives crisis-line wording without phone numbers or clinical advice, citing nothing', () => {
    for (const audience of ['patient', 'professional'] as const) {
      const alert = triage.triage('I want to end my life', audience)[0]!;
      expect(alert.id).toBe('suicidal-thoughts');
      expect(alert.text).toMatch(/local emergency (?:number|services) or a crisis line/);
      expect(alert.text).not.toMatch(/\d/);
      expect(alert.passageIds).toEqual([]);
    }
  });

  it('returns alerts with a title and self-contained text', () => {
    for (const [text] of POSITIVE) {
      for (const alert of triage.triage(text, 'professional')) {
        expect(alert.title.length).toBeGreaterThan(0);
        expect(alert.text).toMatch(/^[A-Z].*[.]$/);
      }
    }
  });

  it('describes every concept for a model second opinion', () => {
    expect(triage.concepts.map((concept) => concept.id).sort()).toEqual([
      'drowsiness-or-confusion',
      'fever-during-cancer-treatment',
      'pathological-fracture',
      'spinal-cord-compression',
      'suicidal-thoughts',
      'symptomatic-hypercalcaemia',
      'symptomatic-hypocalcaemia',
    ]);
    for (const concept of triage.concepts) expect(concept.description.length).toBeGreaterThan(20);
  });
});

describe('triage: a later batch of tuning phrasings', () => {
  it('reads words joined by a slash as two words, and a jolt on straining at the loo as an early cord sign', () => {
    expect(alerts('Pt on epirubicin/cyclophosphamide day 8, temp 38.9, HR 110.', 'professional')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('Every time I sneeze or strain on the loo I get a horrible jolt of pain in my upper back. It started last week.')).toEqual(['spinal-cord-compression:same-day']);
  });

  it('reads pain after radiotherapy to a hip that painkillers do not touch as no cord sign, and a fracture risk as a question about the signs', () => {
    expect(alerts('had a single radiotherapy on my hip on friday and the pain is worse now. should i stop my painkillers seeing as theyre not helping')).toEqual([]);
    expect(alerts('my back pain is getting worse and the oramorph isn\'t touching it')).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts('My oncologist said my femur is at risk of fracture. What should I avoid doing?')).toEqual(['pathological-fracture:information']);
    expect(alerts('The nurse told my wife to phone if I get pins and needles round my mouth after the Xgeva jab. Why would that happen?')).toEqual(['symptomatic-hypocalcaemia:information']);
  });
});

describe('triage: the r77 batch and a review (emergencies told beside other business)', () => {
  it('reads a denied thought of self-harm as none, and one that is new as a crisis', () => {
    expect(alerts('I have never had any thoughts of harming myself but I feel low most days')).toEqual([]);
    expect(alerts("I'd never had thoughts of ending it until this week, and now I can't stop thinking about it.")).toEqual(['suicidal-thoughts:immediate']);
  });

  it('reads a reading five words after "temperature", a calcium given "this morning", and wetting unnoticed as emergencies', () => {
    expect(alerts('Customer on palbociclib, sore throat, temperature at home this morning was 38.3.', 'professional')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('Separate issue: his adjusted calcium this morning was 15.2 mg/dL, the lab phoned it through.', 'professional')).toEqual(['symptomatic-hypercalcaemia:immediate']);
    expect(alerts("She says she couldn't feel herself wee today, she only noticed when she was wet.")).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts("I've also had a new pain like a tight band going round my chest under my bra line for three days.")).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts('My bra now feels like a tight band around my chest since the steroids, no pain at all.')).toEqual([]);
  });

  it('reads muddle that is part of someone, a sign long past, and one asked about in general as no emergency', () => {
    expect(alerts("She's 76 and gets muddled with her tablets. What do we need to keep an eye on?")).toEqual([]);
    expect(alerts("She's 80 and always gets a bit mixed up with names, but today she doesn't know where she is.")).toEqual(['drowsiness-or-confusion:immediate']);
    expect(alerts('I used to get really thirsty and wee a lot when my calcium was high. That was ages ago. Where do I park?')).toEqual([]);
    expect(alerts("Coughing makes my lower back shoot with pain, it didn't used to.")).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts('Is it possible for my legs to go numb with the mets in my lower spine?')).toEqual(['spinal-cord-compression:information']);
    expect(alerts('Carer raised concern about confusion, but on assessment she is fully orientated, GCS 15.', 'professional')).toEqual([]);
  });

  it('reads signs a carer sees rather than names, and leaves numb toes put down to a past taxane', () => {
    expect(alerts("He's been sat on the toilet, says he's desperate to go but nothing comes out, and his back is sore.")).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('Bladder distended, she is unaware of any need to void. Known thoracic spine mets.', 'professional')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('Every time he coughs he grabs the middle of his back.')).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts('He has been sick twice and keeps asking for another glass of water.')).toEqual(['symptomatic-hypercalcaemia:immediate']);
    expect(alerts("Her calcium on Monday's bloods was 3.2 and today she's muddled.")).toEqual(['symptomatic-hypercalcaemia:immediate']);
    expect(alerts("Her arm is just hanging by her side and she can't lift it.")).toEqual(['pathological-fracture:immediate']);
    expect(alerts("He still has numb toes from the paclitaxel he had three years ago.")).toEqual([]);
    expect(alerts('He keeps asking for the remote and has been sick twice.')).toEqual([]);
    // A temperature stated of a pet or a young child is theirs; the patient's own still counts beside them.
    expect(alerts("our dog has a temperature the vet says, 39.4. I'm having a rubbish week with my chemo tiredness")).toEqual([]);
    expect(alerts("My grandson's got a temperature of 38.5 and a cough, should I still look after him while I'm on my letrozole?")).toEqual([]);
    expect(alerts("I'm on chemo and my temperature is 38.5, my grandson has a cold")).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts("Had to cancel the grandchildren coming, I've got a fever of 101 on my chemo")).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts("My little girl wet the bed again last night, she's 5")).toEqual([]);
    expect(alerts('i feel hot and shivery today. i had my drip on thursday')).toEqual(['fever-during-cancer-treatment:immediate']);
  });

  it('reads signs told in passing in handover style, and leaves what befell someone else', () => {
    expect(alerts('Blister pack query from carer: pt has become acutely confused over the last 24 hours.', 'professional')).toEqual(['drowsiness-or-confusion:immediate']);
    expect(alerts("I'm confused over the bills")).toEqual([]);
    expect(alerts('Handover: Ca came back low at 1.86 mmol/L and she is complaining of tingling in her fingers and toes.', 'professional')).toEqual(['symptomatic-hypocalcaemia:immediate']);
    expect(alerts('Mentions new mid-thoracic pain for 5 days; tender on percussion over T6.', 'professional')).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts('abdomen tender to percussion', 'professional')).toEqual([]);
    // Asking whether a medicine can be taken for a temperature reports the temperature.
    expect(alerts('Pt asking if she can take paracetamol for a temp of 101.2F, on docetaxel, last dose 6 days ago.', 'professional')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('why does the cancer nurse keep asking if i feel confused or sleepy? what would that mean')).toEqual(['drowsiness-or-confusion:information']);
    expect(alerts("My neighbour's little boy fell off his bike and broke his arm, you could hear it crack.")).toEqual([]);
    expect(alerts('I fell off my bike and broke my arm, I heard it crack')).toEqual(['pathological-fracture:immediate']);
    expect(alerts("My husband, who's fit and well, has had flu with a temperature of 38.7 for two days. Should I keep away from him while I'm having chemo?")).toEqual([]);
    expect(alerts("I'm fit and well but I have a temperature of 38.5 on chemo")).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('tingling in my toes from the paclitaxel')).toEqual([]);
  });
  it('reads back pain told as what wakes someone as pain at night', () => {
    expect(alerts('its my back mostly, where the spine cancer is. wakes me up.')).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts('the baby wakes me up every night')).toEqual([]);
  });
  it('reads pain that has woken someone, and crisis words told as what others would be spared or how many tablets it would take', () => {
    expect(alerts("For the last four nights the pain in the middle of my back has woken me at 3am, and each night it's a bit worse.")).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts('Since the scan results on Monday I keep thinking everyone would be better off if I just ended it.')).toEqual(['suicidal-thoughts:immediate']);
    expect(alerts("I've been looking at my tablets wondering how many it would take.")).toEqual(['suicidal-thoughts:immediate']);
    expect(alerts('we ended it there, the meeting was better off short')).toEqual([]);
  });
});

describe('triage: the r88 batch and review 23', () => {
  it('reads a reading with its unit, a hip that will not bear weight after a fall, and pain worsening after months of calm (review 23, r88)', () => {
    expect(alerts('OOH handover: 101.2 F at home per husband, on weekly paclitaxel, last dose Thursday.', 'professional')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('on paclitaxel, 38.6°C overnight')).toEqual(['fever-during-cancer-treatment:immediate']);
    // The weather, or a reading without a decimal, is not a temperature.
    expect(alerts('on paclitaxel, it was 39°C in Spain')).toEqual([]);
    expect(alerts('mum slipped in the kitchen this morning, now says her hip really hurts and she can barely stand on it.')).toEqual(['pathological-fracture:immediate']);
    expect(alerts("she can't stand on her legs")).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('lumbar pain stable for months but escalating over the past week, now worst at night')).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts('lumbar pain, stable for months, no change')).toEqual([]);
    expect(alerts("GP to onc: husband reports she's passing urine constantly and nauseated, off her food 3 days.", 'professional')).toEqual(['symptomatic-hypercalcaemia:immediate']);
  });
  it('reads a temperature that rose over the day, fluid retention, a weakness that turned out to be nothing and a usual post-chemo slump (r89)', () => {
    expect(alerts("Temp was 37.6 last night, 37.9 at lunchtime and now it's 38.4. I'm on day 9 of my docetaxel cycle.")).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts("My ankles have been swollen since Friday. I'm on docetaxel and the nurse said it's fluid retention.")).toEqual([]);
    expect(alerts("I've had retention since this morning and my back is killing me")).toContain('spinal-cord-compression:immediate');
    expect(alerts('The leg weakness I told you about on Monday turned out to be from sitting awkwardly.')).toEqual([]);
    expect(alerts("Day 3 after chemo and I feel like I've been hit by a bus, same as every cycle.")).toEqual([]);
    expect(alerts("on chemo and I feel like I've been hit by a bus")).toEqual(['fever-during-cancer-treatment:immediate']);
  });
  it('reads not thinking straight from the shock of bad news as distress, and the reader alone raises no confusion or fever without their words', () => {
    expect(alerts('the doctor said stage 4 and i sort of stopped listening after that. sorry if this is a silly question i just cant think straight')).toEqual([]);
    expect(alerts('mum cant think straight since yesterday and keeps nodding off')).toEqual(['drowsiness-or-confusion:immediate']);
    expect(alerts("My sister's breast cancer has gone to her bones. How will they treat it?")).toEqual([]);
    expect(alerts("My best friend's wedding is next Saturday and I'm on chemo the Tuesday before. Is it OK to have a glass of champagne?")).toEqual([]);
  });
  it('reads agitation at night and more sleep by day as new confusion and drowsiness, for a professional too (review 25)', () => {
    const note = "Same resident (84, dementia, spine and pelvic mets, letrozole, denosumab). For the last 3 nights she's been really agitated, shouting out, pulling at her pad, not settling. Daytime she's sleepier than usual.";
    expect(alerts(note, 'professional')).toEqual(['drowsiness-or-confusion:immediate']);
    expect(alerts('the baby was agitated and shouting out all night')).toEqual([]);
    expect(alerts('I keep dribbling wee without feeling it coming, and my back has been sore for a fortnight')).toEqual(['spinal-cord-compression:immediate']);
  });
  it('keeps the learned reader alone from raising cord compression in a message with no word of the body its signs are in', () => {
    expect(alerts("She's had a toothache and a sore gum that won't heal since last week. What should we do?")).toEqual([]);
    expect(alerts("I've not been able to pass water since yesterday teatime even though I feel I need to, and my back's been bad.")).toEqual(['spinal-cord-compression:immediate']);
  });
  it('reads a sign asked about in general as a report when the next sentence claims it as the person\'s own now (r93)', () => {
    expect(alerts('Is new bilateral leg weakness an expected effect after single-fraction palliative RT to T8? She has noticed it since this morning.', 'professional')).toEqual([
      'spinal-cord-compression:immediate',
    ]);
    expect(alerts('How long does a fever usually last after chemo? Mine has been 38.6 since lunchtime.')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts("Does everyone on palbociclib get a high temperature? Mum's thermometer is reading 101.2 F tonight.")).toEqual(['fever-during-cancer-treatment:immediate']);
    // Asked in general, and claimed by no one, or said to be fine, the question stays a question.
    expect(alerts('How long does a fever usually last after chemo?')).toEqual(['fever-during-cancer-treatment:information']);
    expect(alerts('do bladder problems mean the spine is being squashed? asking generally, mine are fine')).toEqual(['spinal-cord-compression:information']);
  });
  it('leaves low mood to the phrases: the learned reader alone raises no confusion beside sadness or tears (review 28)', () => {
    expect(alerts("it's not me, it's her. she's not planning anything, she's just worn out and sad. who can we actually talk to about her mood? her oncologist only has 10 minutes")).toEqual([]);
    expect(alerts("Mum's tired and tearful all the time since they told her it's spread. Is there counselling we can get for her?")).toEqual([]);
    expect(alerts("Mum's tearful and she's been very drowsy and muddled since this afternoon")).toEqual(['drowsiness-or-confusion:immediate']);
  });
  it('reads the one sign present in a list of denials, and denies a whole list a clinician reads out (r94)', () => {
    expect(alerts('Had my denosumab jab last week. No pain, no temperature, just pins and needles in my fingertips since Sunday.')).toEqual(['symptomatic-hypocalcaemia:immediate']);
    expect(alerts("I'm not sick or anything, just really constipated and so thirsty I can't get enough water.")).toEqual(['symptomatic-hypercalcaemia:immediate']);
    expect(alerts('Day 10 of docetaxel: no rigors, no diarrhoea, no mucositis, but temp 38.1 twice an hour apart.', 'professional')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts("No fever and no pain to speak of, but I'm constantly thirsty and I'm up every hour to pass water.")).toEqual(['symptomatic-hypercalcaemia:immediate']);
    expect(alerts('Telephone triage: denies fever, rigors, new back pain, limb weakness, confusion, thirst, vomiting. Calling re repeat prescription of anastrozole.', 'professional')).toEqual([]);
    expect(alerts("My back pain is the same dull ache I've had for three years, not worse lying down, not worse at night, no pain down my legs.")).toEqual([]);
    expect(alerts('My back pain is worse at night and when I lie down.')).toEqual(['spinal-cord-compression:same-day']);
    expect(alerts('Asymptomatic, no neuro signs, no sphincter symptoms: which patients with spinal mets should have a routine MRI to look for early cord compression?', 'professional')).toEqual([
      'spinal-cord-compression:information',
    ]);
  });
  it('reads a new neck ache, a thought of taking every tablet, a painful chest after a slip, and not a sore gum at the back (r95, review 29)', () => {
    expect(alerts('sorry random question but is the hospital pharmacy open weekends? also my neck has started aching in a new way this week, stiff and sore at the back, i have bone mets')).toEqual([
      'spinal-cord-compression:same-day',
    ]);
    expect(alerts("I keep cancelling my appointments because honestly what's the point. I've been looking at the tablets in the cupboard and thinking about taking them all.")).toEqual(['suicidal-thoughts:immediate']);
    expect(alerts('Can I take them all together in the morning with breakfast?')).toEqual([]);
    expect(alerts('He slipped off the back step this afternoon and now the right side of his chest hurts a lot when he breathes in. He has the cancer in his ribs. A&E or just painkillers and rest?')).toEqual([
      'pathological-fracture:immediate',
    ]);
    expect(alerts('I get chest pain that hurts a lot when I breathe in, is that the cancer?')).toEqual([]);
    expect(alerts('His tooth at the back is wobbly and the gum around it is swollen and sore. He had his xgeva last week. Is this the jaw thing they warned us about? Can it wait?')).toEqual([]);
  });
});

describe('triage: the fresh batch of review 30', () => {
  it('reads legs that have felt heavy and a misspelt numbness as cord signs (f30b)', () => {
    expect(alerts('My legs have felt heavy. Can it wait?')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('Her legs have been feeling weak since Sunday')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('I cnat feel my leggs proprly')).toEqual(['spinal-cord-compression:immediate']);
    // …and what was so once and is over is still not a report.
    expect(alerts('my legs were weak after the op in 2021 but they are fine now')).toEqual([]);
  });

  it("leaves a child's fever told by someone asking to visit, a pet's at the vet and a neighbour's muddle, and keeps the person's own (f30b, r95)", () => {
    expect(alerts('my son has a fever, can I still visit my mum who is on chemo?')).toEqual([]);
    expect(alerts('my son has a temperature of 38.5, can I visit my mum on chemo?')).toEqual([]);
    expect(alerts('Mum has a fever and she is on chemo, can I visit her?')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('My husband has a fever, he had chemo on Monday')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts("Took the dog to the vet, his temperature was 39.2. Can I still have my chemo on Monday?")).toEqual([]);
    expect(alerts("I'm on chemo and shivering, temperature 38.6, and the dog is at the vet")).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts("My neighbour's 90 and has been confused since her water infection. I'm on chemo, can I pop in?")).toEqual([]);
    expect(alerts('Mum has been confused since yesterday and the neighbour noticed too')).toEqual(['drowsiness-or-confusion:immediate']);
  });
});

describe('triage: the fresh batches of review 31', () => {
  it('reads doubt about feeling the legs as losing it, and keeps feeling them as no sign (f31b)', () => {
    expect(alerts('not sure if I can feel my legs properly, they feel far away')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('I can feel my legs properly now, the numbness went after the op last year')).toEqual([]);
  });

  it('reads hands gone into a claw on denosumab as low calcium, but not a claw hand with no bone medicine or sign beside it (f31b)', () => {
    expect(alerts("my hands have gone into a claw and won't relax, I had denosumab on Monday")).toEqual(['symptomatic-hypocalcaemia:immediate']);
    expect(alerts('the crane game at the fair has a claw that never grabs anything')).toEqual([]);
  });

  it('reads goodbye letters and no one missing the writer as crisis language (f31b)', () => {
    expect(alerts("I've written letters to my kids in case I'm not here tomorrow")).toEqual(['suicidal-thoughts:immediate']);
    expect(alerts('no one would miss me if I was gone')).toEqual(['suicidal-thoughts:immediate']);
    expect(alerts("I've written letters to my kids' teachers about the school trip")).toEqual([]);
  });

  it("leaves a pet's confusion and feeling numb about news, and keeps a person's (f31b)", () => {
    expect(alerts("my mum's dog is confused and bumping into things")).toEqual([]);
    expect(alerts('my mum is confused and bumping into things since this morning')).toContain('drowsiness-or-confusion:immediate');
    expect(alerts("I feel numb about the whole thing, like it's not happening to me")).toEqual([]);
    expect(alerts('my legs feel numb and heavy since this morning')).toEqual(['spinal-cord-compression:immediate']);
  });
});

describe('triage: the fresh batches of review 32', () => {
  it('reads weak arms with neck or back pain as cord compression in the neck, not arms tired from lifting (f32)', () => {
    expect(alerts('new pain in my neck, and my arms are going weak and tingly, I have spine mets')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('my neck hurts and my hands feel weak')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('back ache from the gym and my arms feel like jelly after the weights')).toEqual([]);
    expect(alerts('my neck is sore and my arms feel heavy from carrying the shopping bags')).toEqual([]);
  });

  it('reads a leg that looks twisted, or screaming after a fall, as a possible break (f32)', () => {
    expect(alerts("mum fell in the garden and her leg looks twisted, she's screaming")).toEqual(['pathological-fracture:immediate']);
    expect(alerts("I twisted my ankle yesterday, it's fine now")).toEqual([]);
    expect(alerts('the kids were screaming in the garden all day')).toEqual([]);
  });

  it('answers "how will I know…" and "could that happen to me?" with the warning signs, not an alarm (f32)', () => {
    expect(alerts('how will I know if a bone has broken from the cancer?')).toEqual(['pathological-fracture:information']);
    expect(alerts("my friend's husband had a broken hip after a fall, could that happen to me with bone mets?")).toEqual(['pathological-fracture:information']);
  });

  it('leaves dying laughing and sleepiness after a sleepover or night shift, and keeps the real thing (f32, f32b)', () => {
    expect(alerts('the film we watched was so sad I wanted to die laughing at the ending')).toEqual([]);
    expect(alerts('I want to die')).toEqual(['suicidal-thoughts:immediate']);
    expect(alerts('my daughter is so sleepy today, she was at a sleepover last night')).toEqual([]);
    expect(alerts('mum is very drowsy and confused, she was fine after her night out last week')).toContain('drowsiness-or-confusion:immediate');
  });

  it('reads a temperature dictated in words, a worry about back pain and legs that "gave way" (f32c)', () => {
    expect(alerts('38 point 5 on the ear thermometer, chemo was last Tuesday')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('temp is 100 point 4 on palbociclib')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('temp 37 point 6 on chemo')).toEqual([]);
    expect(alerts('when should I worry about back pain?')).toEqual(['spinal-cord-compression:information']);
    expect(alerts('the physio says walking can make my legs stronger but today they gave way and I fell')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts('the shelves gave way and I fell off the ladder')).toEqual([]);
  });

  it('reads shaking uncontrollably after chemo as a fever, and a friend talking about cord compression as a question (f33)', () => {
    expect(alerts('been shaking uncontrollably under the duvet for half an hour, chemo was on thursday')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('shaking uncontrollably with laughter at the film')).toEqual([]);
    expect(alerts('my friend in the support group talked about cord compression, what is it exactly')).toEqual(['spinal-cord-compression:information']);
    expect(alerts('my back is agony and my legs have gone numb since this morning, my friend talked about cord compression')).toEqual(['spinal-cord-compression:immediate']);
  });

  it('reads crisis language without the usual words, "not himself", a temperature after "tonight" and text-speak (f34)', () => {
    for (const text of [
      'i keep thinking about jumping off the bridge near my house',
      'sometimes i cut myself to cope with it all and its getting worse',
      "My daughter just texted me 'goodbye, I love you all, sorry' and isn't answering her phone",
      'whats the most morphine i could take so i dont wake up',
    ]) {
      expect(alerts(text)).toContain('suicidal-thoughts:immediate');
    }
    expect(alerts('I cut myself chopping onions, is that ok on chemo?')).not.toContain('suicidal-thoughts:immediate');
    expect(alerts("Dad is not himself, thinks it's 1985 and keeps asking where his mother is. He has metastatic breast cancer.")).toEqual(['drowsiness-or-confusion:immediate']);
    expect(alerts('Had sacituzumab (Trodelvy) Thursday, tonight 38.7 and feel dreadful')).toEqual(['fever-during-cancer-treatment:immediate']);
    expect(alerts('Had sacituzumab on Thursday, tonight 37.1 and feel fine')).toEqual([]);
    expect(alerts('fell off the step not even far, leg is swolen n cant walk on it, got bone mets')).toContain('pathological-fracture:immediate');
    expect(alerts('broke my wrist at 12 falling off a horse, does that affect bone scans now?')).toEqual([]);
  });

  it('reads a report interrupted by an aside, clinicians\' and carers\' words for an emergency, and "hypothetically" after the sign (f35)', () => {
    // "Mum (MBC) is hard to wake": the "is" after the aside tells of Mum, it opens no question.
    expect(alerts('Mum (MBC) is hard to wake.')).toEqual(['drowsiness-or-confusion:immediate']);
    expect(alerts('Mum - spine mets - is weak in both legs')).toContain('spinal-cord-compression:immediate');
    expect(alerts('My sister (on chemo) is burning up and shivering.')).toEqual(['fever-during-cancer-treatment:immediate']);
    // A question still reads as one after an aside of its own.
    expect(alerts('General question (for a talk I am giving) - is confusion a sign of high calcium?')).not.toContain('symptomatic-hypercalcaemia:immediate');
    expect(alerts('Patient on MR morphine 60 mg bd is barely rousable with a respiratory rate of 7', 'professional')).toEqual(['drowsiness-or-confusion:immediate']);
    expect(alerts('respiratory rate 18, alert, on morphine - constipation management?', 'professional')).toEqual([]);
    expect(alerts('numb bum cheeks and down the back of my thighs since yesterday. I have spinal secondaries')).toEqual(['spinal-cord-compression:immediate']);
    expect(alerts("Can't tell if I need a wee anymore, no urge at all. Back is sore. Bone mets incl spine.")).toContain('spinal-cord-compression:immediate');
    expect(alerts('got a met in my neck bone. since friday both hands are clumsy, dropping cups, and my neck is killing me')).toContain('spinal-cord-compression:immediate');
    expect(alerts('I keep dropping things since starting paclitaxel, my fingers are numb')).toEqual([]);
    expect(alerts('my mums hands have gone into claws and wont open, she had denosumab recently')).toEqual(['symptomatic-hypocalcaemia:immediate']);
    expect(alerts("dad hasnt recognised me all morning, he has cancer that's spread to his bones")).toEqual(['drowsiness-or-confusion:immediate']);
    for (const text of ["i keep thinking everyone would be happier if i just wasn't around", 'Last night I stood on the edge of the motorway bridge for a long time.', "what's the easiest way to go when you've had enough? asking for me"]) {
      expect(alerts(text)).toContain('suicidal-thoughts:immediate');
    }
    expect(alerts('everyone would be happier if the rain stopped')).toEqual([]);
    // A numb jaw on a bone medicine is the jaw, not the spinal cord; "confuse things" is no confusion; "hypothetically" after the sign.
    expect(alerts('my jaw feels numb and heavy on zometa is that bad')).toEqual([]);
    expect(alerts('Old skiing injury - I snapped my ankle in 2003. Will that light up on the bone scan and confuse things?')).toEqual([]);
    expect(alerts('Is back pain at night something I should report, hypothetically? I have no pain now')).toEqual(['spinal-cord-compression:information']);
  });

  it('reads paraphrases of self-harm, falls and confusion, a foot turned out, and tells a reading below 38 asked about, a treated fracture and an unknown primary from a report (f36)', () => {
    for (const text of ['she said she has been taking a blade to herself again', 'I just want to stop existing', "he's been googling painless ways to die", 'my mum wishes she was dead, she told me last night']) {
      expect(alerts(text), text).toContain('suicidal-thoughts:immediate');
    }
    expect(alerts('Mum fell in the garden, her foot is pointing outwards and she cannot put it to the ground. She has bone mets.')).toContain('pathological-fracture:immediate');
    expect(alerts('my legs feel like spaghetti since this morning, got mets in my spine')).toContain('spinal-cord-compression:immediate');
    expect(alerts('Reduced perianal sensation and trouble voiding since last night, known L2 met', 'professional')).toContain('spinal-cord-compression:immediate');
    expect(alerts('Dad keeps thinking he is back at work today and is slurring, he has cancer in his bones')).toContain('drowsiness-or-confusion:immediate');
    // Asked whether a reading under 38 counts, nothing is reported; a reading told is.
    expect(alerts("On abemaciclib - is 37.8 a fever or do I wait till it's 38?")).not.toContain('fever-during-cancer-treatment:immediate');
    expect(alerts("I'm on abemaciclib and my temperature is 38.4")).toEqual(['fever-during-cancer-treatment:immediate']);
    // A fracture treated before going home, and a primary not found, are no emergency.
    expect(alerts('my mum is 80 and broke her hip, the hospital gave her a zoledronic acid drip before she went home. will she need another one next year?')).toEqual([]);
    expect(alerts("mum has cancer in her bones but they can't find where it started. will she get the same treatment as breast cancer patients?")).toEqual([]);
    expect(alerts('The film we watched had a man who couldn\'t walk after a fall. How long does a bone scan take?')).not.toContain('spinal-cord-compression:immediate');
    // Walking stopped by blistered soles on capecitabine is its hand-foot syndrome, not weak legs.
    expect(alerts('my feet are so sore and blistered from the capecitabine i can hardly walk')).toEqual([]);
    expect(alerts("my legs have gone weak and I can't walk, spine mets")).toContain('spinal-cord-compression:immediate');
  });
});

