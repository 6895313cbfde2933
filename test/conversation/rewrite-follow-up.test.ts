import { describe, expect, it, vi } from 'vitest';
import { standaloneQuestionFor } from '../../src/conversation/standalone-question.js';
import type { PriorQuestion } from '../../src/domain/types.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';

const { tools } = await servicesFor(PACK_KNOWLEDGE);
const { rewrite, entities, isElliptical } = tools.followUps;

const asked = (...questions: string[]): PriorQuestion[] => questions.map((question) => ({ question, standaloneQuestion: question }));

describe('deterministic follow-up rewrite over the knowledge vocabulary', () => {
  it('asks the question before again with a detail the person corrects', () => {
    const dose = asked('Patient starting zoledronic acid for breast cancer bone mets, CrCl 45 mL/min. What dose?');
    expect(rewrite(dose, 'sorry, I meant denosumab, not zoledronic acid')).toBe('Patient starting denosumab for breast cancer bone mets, CrCl 45 mL/min. What dose?');
    expect(rewrite(asked('Woman with bone mets, albumin-corrected calcium 3.9 mmol/L. How should it be treated?'), 'sorry, typo - it was 2.9 not 3.9')).toBe(
      'Woman with bone mets, albumin-corrected calcium 2.9 mmol/L. How should it be treated?',
    );
    expect(rewrite(asked("I'm on chemotherapy and my temperature is 37.5. Do I need to call anyone?"), "sorry, I misread it - it's 38.4 not 37.5")).toMatch(/temperature is 38\.4\. Do I need/);
    // A number written as a word, with what it counts; a question asked beside the correction is kept.
    expect(rewrite(asked("I'm booked for one session of radiotherapy to my hip. Will it be enough?"), "sorry, it's actually 5 sessions, not one. is that better?")).toBe(
      "I'm booked for 5 sessions of radiotherapy to my hip. Will it be enough? Is that better?",
    );
    expect(rewrite(asked('Lytic met in the femur, functional pain. Mirels score?'), "sorry, it's in the humerus, not the femur")).toBe('Lytic met in the humerus, functional pain. Mirels score?');
    // A way of giving corrected, for another way or for the medicine itself, the article agreeing.
    expect(rewrite(asked('my mum gets an injection every month for the cancer in her bones, is that ok for her kidneys?'), "sorry, it's actually a drip every month, not an injection")).toBe(
      'my mum gets a drip every month for the cancer in her bones, is that ok for her kidneys?',
    );
    expect(rewrite(asked('will my hormone injection affect my sugar levels?'), 'no sorry, I meant the new tablet, alpelisib, not the injection')).toBe('will my hormone alpelisib affect my sugar levels?');
    expect(rewrite(asked('do i need to take calcium tablets with my bone drip?'), "sorry, it's the injection every 4 weeks, not the drip")).toMatch(/with my bone injection/);
    // Not a correction: a detail the question before does not hold, or a question of its own.
    expect(rewrite(dose, 'it was 2.9 not 3.9')).not.toMatch(/2\.9 mmol/);
    expect(rewrite(asked('is the drip given every 4 weeks?'), 'should she take calcium, not the tablets?')).not.toMatch(/^is the drip/);
    expect(rewrite(asked('What is the denosumab dose?'), 'should she take calcium, not vitamin D?')).not.toMatch(/^What is the denosumab dose/);
  });

  it('sets the one value told before to a figure corrected without "not", keeping a question asked after it', () => {
    const graded = asked('Woman with breast cancer bone mets, albumin-corrected calcium 2.9 mmol/L. How would you grade that?');
    expect(rewrite(graded, "sorry, misread - it's 3.3. what does she need?")).toBe(
      'Woman with breast cancer bone mets, albumin-corrected calcium 3.3 mmol/L. How would you grade that? What does she need?',
    );
    expect(rewrite(asked('Palbociclib 125 mg with letrozole, day 1 of cycle 3, ANC 1,300/mm3. OK to go ahead?'), 'correction: the ANC is 850')).toBe(
      'Palbociclib 125 mg with letrozole, day 1 of cycle 3, ANC 850/mm3. OK to go ahead?',
    );
    // A number with another unit is no correction of the value, and two values leave nothing to correct.
    expect(rewrite(graded, 'no, it was 3 weeks ago')).toMatch(/2\.9 mmol/);
    expect(rewrite(asked('CrCl 45 mL/min and corrected calcium 2.9 mmol/L. Zoledronic acid dose?'), "sorry, it's 35")).not.toMatch(/CrCl 35|calcium 35/);
  });

  it('narrows the question before to the medicine, the side effects or the dose the person asks for', () => {
    const started = asked("I've started letrozole with palbociclib, and I have a bone injection as well. What side effects should I look out for?");
    expect(rewrite(started, "that's not what I asked, I meant the tablets - just the palbociclib")).toBe('What side effects should I look out for with palbociclib?');
    const told = asked('Tell me about trastuzumab deruxtecan for HER2-low metastatic breast cancer.');
    expect(rewrite(told, 'only the side effects please')).toBe('What are the side effects of trastuzumab deruxtecan?');
    expect(rewrite(told, 'just the dosing please - she weighs 45 kg')).toBe('What is the dose of trastuzumab deruxtecan? She weighs 45 kg.');
    // A medicine the question before did not name is no narrowing of it.
    expect(rewrite(asked('What painkillers can I take?'), 'just ibuprofen - is that ok?')).not.toMatch(/^What painkillers can I take with ibuprofen/);
  });

  it('tells a measure anew instead of carrying its old value', () => {
    const admitted = asked("she's now been admitted with a corrected calcium of 3.4 mmol/L - same reduced dose? CrCl 35 mL/min.");
    const repeat = rewrite(admitted, 'calcium still 3.3 on day 4 - can I repeat it now?');
    expect(repeat).not.toMatch(/3\.4/);
    expect(repeat).toMatch(/CrCl 35/);
    // A supplement's milligrams are no calcium level.
    expect(entities('should she take calcium 500 mg?').some((entity) => entity.slot === 'value')).toBe(false);
  });

  it('carries a corrected calcium told without a unit, and a thousands comma stays inside its number', () => {
    const hypercalcaemia = asked('corrected calcium 3.3, confused, known breast ca bone mets. what do I give in the next hour?');
    expect(rewrite(hypercalcaemia, 'creat 160 umol/L, eGFR 32. still 4 mg zol or do I reduce it?')).toMatch(/Corrected calcium 3\.3/);
    expect(rewrite(asked('Palbociclib 125 mg, ANC 1,300/mm3. OK to go ahead?'), 'and what about her liver tests?')).not.toMatch(/1, 300/);
  });

  it('reads "it" beside a form of giving ("her last injection") as the treatment given that way, not the tablets asked about last', () => {
    const history = asked('Xgeva 120 mg q4w for a patient on haemodialysis - any dose adjustment?', 'What calcium and vitamin D should she be on?');
    const missed = rewrite(history, "She missed her last injection - it's now 3 weeks overdue. Do we just give it today?");
    expect(missed).toMatch(/give Xgeva today/);
    // "Is it ok for husband to drive her in?": "it" is what someone does, not a treatment or a sign.
    expect(rewrite(asked('legs feel heavy since yesterday, spinal mets, on letrozole'), 'is it ok for husband to drive her in or ambulance?')).toMatch(/^Is it ok for husband/);
    // "…some morphine liquid… and it makes him constipated": "and it" opening a clause is the treatment the message just named.
    expect(
      rewrite(asked("the paracetamol doesn't seem to be enough any more. How can I help him with the pain?"), "The doctor gave him some morphine liquid, but he's frightened of becoming addicted and it makes him constipated."),
    ).not.toMatch(/paracetamol makes him/);
    // Without a form named, "it" is still what was asked about last.
    expect(rewrite(history, 'and how often should we check it?')).not.toMatch(/check Xgeva/);
  });

  it('adds a condition or a measurement told about the person to the question before, but reads a symptom on its own', () => {
    expect(rewrite(asked('Starting ribociclib with letrozole - what monitoring is needed?'), 'her baseline QTcF is 470 ms')).toBe(
      'Starting ribociclib with letrozole - what monitoring is needed? Her baseline QTcF is 470 ms.',
    );
    expect(rewrite(asked('Patient on Xgeva for 3 years, disease stable, wants to stop. Any issues?'), 'she also has osteoporosis with a previous vertebral fracture')).toMatch(
      /wants to stop\. Any issues\? She also has osteoporosis/,
    );
    expect(rewrite(asked('Should my wife take calcium and vitamin D tablets with her bone injections?'), "She's also been very thirsty")).not.toMatch(/^Should my wife/);
    // What an answer asked back ("which HER2 score?") is added to the question it answers.
    expect(rewrite(asked('Is trastuzumab deruxtecan an option for her?'), 'HER2 is 2+ with negative ISH, ER-positive, one line of chemo for metastatic disease')).toMatch(
      /^Is trastuzumab deruxtecan an option for her\? HER2 is 2\+/,
    );
    // "Does the dose need reducing?" asks about the medicine of the question before.
    expect(rewrite(asked('What denosumab schedule is used for bone metastases?'), 'her creatinine clearance is 25 mL/min - does the dose need reducing?')).toMatch(/denosumab/);
  });

  it('reads being "on it" as being on the treatment named a turn or two before, not the limb walked on', () => {
    const history = asked('They want to start me on trastuzumab deruxtecan. What is it meant to do?', 'How would I know if a cough was that lung problem?');
    expect(rewrite(history, 'and if i get a temperature on it?')).toMatch(/temperature on trastuzumab deruxtecan/);
    expect(rewrite(asked('She is on zoledronic acid and broke her hip, what now?', 'Will the hip heal?'), 'can she walk on it?')).not.toMatch(/walk on zoledronic acid/);
  });

  it('reads what is restarted as the treatment of a turn before, who restarts it as the care team, and what hurts as the sore place', () => {
    const history = asked('What is the CDK4/6 tablet they want to give me with hormone therapy?', 'My blood test shows low white cells. What happens now?');
    const restart = rewrite(history, 'How soon will they restart it?');
    expect(restart).toMatch(/they restart CDK4\/6/);
    expect(restart).not.toMatch(/low white cells restart/);
    // What "they" check is a reading, not the medicine: "how often will they be checking it?" after blood sugar on alpelisib.
    const checking = rewrite(asked('mums cancer has a PIK3CA change and shes starting alpelisib with fulvestrant. the nurse keeps going on about her blood sugar, why?'), 'how often will they be checking it?');
    expect(checking).toMatch(/they be checking it/);
    expect(checking).toMatch(/blood sugar/);
    const limp = rewrite(asked('I have a metastasis in my thigh bone. Will I need an operation?'), "Now it hurts much more when I walk and I've started limping.");
    expect(limp).toMatch(/^Now it hurts/);
  });

  it('reads a harm told with time on treatment as the treatment named in the last turns', () => {
    const history = asked('T-DXd or chemo next for HER2-ultralow disease?', 'How much more toxic was trastuzumab deruxtecan than chemotherapy?');
    expect(rewrite(history, "2 cycles in now and she's got a dry cough")).toMatch(/on trastuzumab deruxtecan/);
    // Without time on treatment, nothing is added.
    expect(rewrite(history, "she's got a dry cough from her grandson")).not.toMatch(/on trastuzumab deruxtecan/);
  });

  it('reads "what if she misses one?" as a question of its own about the treatment, and still swaps a subtype in "what if she was X?"', () => {
    expect(rewrite(asked('my mum takes palbociclib tablets for her breast cancer in the bones'), 'what if she misses one?')).toBe('What if she misses one with palbociclib for breast cancer in the bones?');
  });

  it('reads "them" after a question about warning signs as those signs', () => {
    const history = asked("What are the warning signs I should watch for with mum's cancer in her bones?");
    expect(rewrite(history, 'what do i do if she gets them at the weekend?')).toMatch(/gets those warning signs at the weekend/);
    // A question that named no signs keeps its pronoun.
    expect(rewrite(asked('What dose of denosumab for bone metastases?'), 'what do i do if she gets them at the weekend?')).not.toMatch(/warning signs/);
  });

  it('reads stopping a condition happening as preventing it', () => {
    expect(rewrite(asked('what is the jaw problem with the bone injections?'), 'how do we stop it happening?')).toMatch(/^How do we prevent jaw problem/);
    // Stopping the treatment itself is still stopping it.
    expect(rewrite(asked('what is the jaw problem with the bone injections?'), 'should she stop them?')).not.toMatch(/prevent/);
  });

  it('asks what to give for a condition about the treatment of the turn before, after stopping it when that was asked', () => {
    const stopping = asked('Patient on denosumab 120 mg for bone metastases wants to stop after 2 years. Is that safe?');
    expect(rewrite(stopping, 'What should I give to prevent rebound?')).toBe('What should I give to prevent rebound after stopping denosumab?');
    expect(rewrite(asked('Patient on denosumab 120 mg for bone metastases: dose?'), 'What should I give for hypocalcaemia?')).toBe('What should I give for hypocalcaemia with denosumab?');
    // A question that names its own treatment, or asks nothing to give, is left alone.
    expect(rewrite(stopping, 'What should I give instead of zoledronic acid for hypercalcaemia?')).not.toMatch(/denosumab/);
    expect(rewrite(stopping, 'What is rebound?')).not.toMatch(/after stopping/);
  });

  it('asks the question before again of someone else whose disease is told ("are the signs the same for her?")', () => {
    const history = asked('my breast cancer has spread to my lower back. the nurse said to watch for signs its pressing on my spinal cord. what are the early ones?');
    expect(rewrite(history, "my sister's has gone to the bones in her neck. are the signs the same for her?")).toMatch(/for metastatic spinal cord compression\?$/);
    // Without asking whether it is the same, the message is its own question.
    expect(rewrite(history, "my sister's cancer has gone to the bones in her neck and she is having radiotherapy. what does radiotherapy feel like?")).not.toMatch(/spinal cord compression/);
  });

  it('reads "the capi one" as capivasertib and "end up febrile" as febrile neutropenia', () => {
    expect(entities('and the capi one - would we use it any differently in him?').map((entity) => entity.canonical)).toContain('capivasertib');
    expect(entities('and how many end up febrile?').map((entity) => entity.canonical)).toContain('febrile neutropenia');
  });

  it('keeps the first message of a conversation as it is', () => {
    expect(rewrite([], '  and for premenopausal women? ')).toBe('and for premenopausal women?');
  });

  it('replaces a stated value by a bare bound, naming its measure, instead of carrying the old value', () => {
    const history = asked('What is the zoledronic acid dose for bone metastases at CrCl 35?');
    const standalone = rewrite(history, 'what about below 30 - switch to denosumab?');
    expect(standalone).toContain('CrCl below 30');
    expect(standalone).not.toContain('35');
    // Without a measured value before, a bound is left as the user wrote it.
    expect(rewrite(asked('What is the zoledronic acid dose?'), 'and below 30?')).not.toMatch(/CrCl/);
  });

  it('reads "which one" as a choice among the treatments asked about before', () => {
    const history = asked('whats the difference between Kisqali and Ibrance?');
    expect(rewrite(history, 'which one is easier on the heart?')).toBe('Which of Kisqali and Ibrance is easier on the heart?');
    // Without treatments named before, "which one" is left as written.
    expect(rewrite(asked('What is hypercalcaemia?'), 'which one is worse?')).not.toMatch(/which of/i);
  });

  it('reads "which of those two" as a choice among the treatments asked about before', () => {
    const standalone = rewrite(asked('dmab or zol - is there any real difference between them?'), 'which of those two is easier on the kidneys?');
    expect(standalone).toMatch(/^Which of dmab and zol is easier on the kidneys/);
    // The class they belong to, named beside them, is not a third choice.
    expect(rewrite(asked('ER+ MBC, about to start a BMA. dmab or zol?'), 'which of those two is easier on the kidneys?')).toMatch(/^Which of dmab and zol is easier/);
  });

  it('lets "it" stand for the treatment the last answer recommended when the question before named none', () => {
    const history: PriorQuestion[] = [
      {
        question: 'HER2+ MBC, progressed after THP. best 2L?',
        standaloneQuestion: 'HER2+ MBC, progressed after THP. best 2L?',
        answerLead: 'After trastuzumab and a taxane, trastuzumab deruxtecan is the standard second-line treatment.',
      },
    ];
    // The treatments given before ("after trastuzumab and a taxane") are not what is recommended.
    expect(rewrite(history, "dose and how's it given?")).toMatch(/^Dose and how's trastuzumab deruxtecan given/);
    // Only a question about how a treatment is given or taken: "is it serious?" is not about the medicine.
    expect(rewrite(history, 'is it serious?')).not.toMatch(/deruxtecan/);
    // Without the answer's bottom line, "it" is not given a treatment the conversation never named.
    expect(rewrite(asked('HER2+ MBC, progressed after THP. best 2L?'), "dose and how's it given?")).not.toMatch(/deruxtecan/);
  });

  it('reads "that" as the treatment the last answer recommended when it is taken, continued or stopped, not its bracketed examples', () => {
    const history: PriorQuestion[] = [
      {
        question: 'ER+ HER2- bone only mets, first line?',
        standaloneQuestion: 'ER+ HER2- bone only mets, first line?',
        answerLead: 'For HR-positive, HER2-negative metastatic breast cancer, endocrine therapy (an aromatase inhibitor or fulvestrant) plus a CDK4/6 inhibitor (palbociclib, ribociclib or abemaciclib) is the recommended first-line treatment.',
      },
    ];
    expect(rewrite(history, 'how long is that usually continued?')).toMatch(/^How long is endocrine therapy and CDK4\/6 inhibitor usually continued/);
    expect(rewrite(history, 'can she stop that?')).toMatch(/^Can she stop endocrine therapy and CDK4\/6 inhibitor/);
    // "That" as the situation is left alone.
    expect(rewrite(history, 'is that normal?')).toMatch(/^Is that normal/);
    expect(rewrite(history, 'that sounds scary, what next?')).not.toMatch(/CDK4\/6/);
  });

  it('reads "the second one" as the second thing named before, and a later "it" as that one', () => {
    expect(rewrite(asked('denosumab or zoledronic acid, which is better?'), 'the second one - how long does it take each time?')).toBe('Zoledronic acid - how long does zoledronic acid take each time?');
    // With only one thing named, "the second one" points at nothing known.
    expect(rewrite(asked('is denosumab safe?'), 'the second one?')).toMatch(/^The second one\b/);
  });

  it('reads what is caused or managed as the condition, the disease "in her spine" as the disease, and "they didn\'t" as the care team', () => {
    expect(rewrite(asked('pt on zol for 3 yrs, exposed bone in the lower jaw for 10 wks, no pain. what MRONJ stage is this?'), 'how do we manage that?')).toBe('How do we manage exposed bone with zol?');
    const sister = rewrite(asked('theyve offered me something called stereotatic radiotherapy for the cancer in my spine. what is it?'), 'my sister has it in her spine too but they didnt offer it to her. why not?');
    expect(sister).toMatch(/^My sister has it in her spine too but they didnt offer stereotatic radiotherapy to her/);
    expect(rewrite(asked('my husband takes olaparib and tonight his temp is 38.3'), 'hes not on chemo though, just the tablets. does it still count?')).not.toMatch(/does olaparib/);
  });

  it('asks whether a trial applies when told "does that apply to…" after it, and carries "if that stops working" as the later-line setting', () => {
    expect(rewrite(asked('stopeck trial - did dmab do anything for quality of life vs zol?'), "does that apply to someone who's already had a year of monthly zol?")).toBe(
      "Does stopeck trial apply to someone who's already had a year of monthly zol?",
    );
    // Without a trial before, it is the previous question for someone else.
    expect(rewrite(asked('what is the zol dose for CrCl 45?'), 'does that apply to men?')).toBe('What is the zol dose for CrCl 45 in men?');
    const later = rewrite(asked('she is on trastuzumab and pertuzumab with chemo. what happens if that stops working?'), 'is that the one that can cause lung problems?');
    expect(later).toMatch(/later-line/);
    expect(later).not.toMatch(/if that stops working/);
  });

  it('says what a treatment moved to "instead" replaces', () => {
    expect(rewrite(asked('pt on xgeva 4 yrs for bone mets, she wants to stop. any issue with just stopping it?'), 'could we move her onto zol instead?')).toBe('Could we move her onto zol instead of xgeva for bone mets?');
    // A bare swap is still the previous question about the new treatment.
    expect(rewrite(asked('whats the dose of palbociclib?'), 'what about abemaciclib instead?')).toBe('Whats the dose of abemaciclib?');
  });

  it('reads "those tablets" as medicines the last answer named, never as the condition', () => {
    const question = 'my sisters breast cancer has spread to her bones and a blood test found she was born with a BRCA2 change. does that change her treatment?';
    const history: PriorQuestion[] = [{ question, standaloneQuestion: question, answerLead: 'A PARP inhibitor such as olaparib may be an option.' }];
    expect(rewrite(history, 'what are those tablets called?')).toMatch(/PARP inhibitor/);
    expect(rewrite(asked('my sister has breast cancer in her bones'), 'what are those tablets called?')).toMatch(/^What are those tablets called/);
  });

  it('leans "you mentioned…" on the conversation, and a provider does not replace the treatment asked about', () => {
    const standalone = rewrite(asked('whats the difference between xgeva and zometa?'), 'you mentioned seeing a dentist first - why?');
    expect(standalone).toMatch(/xgeva and zometa/);
  });

  it('reads "its actually…" as "it\'s", and "the risk" as the risk spoken of before', () => {
    expect(rewrite(asked('I had radiotherapy for my hip and take morphine'), 'its actually a bit worse today. is that normal?')).toMatch(/^Its actually a bit worse today/);
    expect(rewrite(asked('What is an atypical femoral fracture on zoledronic acid?'), 'does the risk go away if we stop the zol?')).toMatch(/atypical femoral fracture/);
  });

  it('carries a calcium value written as "Ca" with its unit, and a clause by the name of what it describes', () => {
    expect(rewrite(asked('corrected Ca 13.2 mg/dL, breast ca with bone mets. management?'), 'what comes first then?')).toContain('corrected Ca 13.2 mg/dL');
    // "breast ca" is the cancer, not a calcium value.
    expect(entities('breast ca with bone mets').some((entity) => entity.slot === 'value')).toBe(false);
    const standalone = rewrite(asked("my dad's on palbociclib and his white cells are low"), 'should we be worried?');
    expect(standalone).toContain('neutropenia');
    expect(standalone).not.toContain('white cells are low');
  });

  it('does not carry a concept the previous question said was absent', () => {
    const history = asked('First-line for a premenopausal woman with de novo HR+/HER2- MBC, bone and liver mets, no visceral crisis?');
    const standalone = rewrite(history, 'does she need ovarian suppression as well?');
    expect(standalone).toMatch(/premenopausal/i);
    expect(standalone).not.toMatch(/visceral crisis/i);
  });

  it('keeps a message that stands on its own', () => {
    const history = asked('What is the zoledronic acid dose in renal impairment?');
    expect(rewrite(history, 'How is hypercalcaemia of malignancy treated?')).toBe('How is hypercalcaemia of malignancy treated?');
  });

  it.each([
    ['and for premenopausal women?', true],
    ['what about denosumab?', true],
    ['how about SBRT', true],
    ['how often is it given?', true],
    ['is it safe in kidney disease?', true],
    ['Does this drug cause jaw problems?', true],
    ['side effects?', true],
    ['who was in that trial?', true],
    ['does surgery help?', true],
    ['will she need to stay in hospital?', true],
    ['what side effects should I look out for?', true],
    ['Is there anything I can do to help myself feel less tired during the day at all?', false],
    ['How is hypercalcaemia of malignancy treated?', false],
    ['Which endocrine therapy for HR-positive metastatic breast cancer in postmenopausal women?', false],
  ])('"%s" leans on the question before: %s', (message, expected) => {
    expect(isElliptical(message)).toBe(expected);
  });

  it('reads synonyms, brand names and misspellings as the concept they name, in slots', () => {
    const found = entities('Is Xgeva or zolendronic acid better for HR+ bone mets in CKD?');
    expect(found.map((entity) => [entity.slot, entity.canonical])).toEqual([
      ['treatment', 'denosumab'],
      ['treatment', 'zoledronic acid'],
      ['subtype', 'hormone receptor-positive'],
      ['topic', 'bone metastases'],
      ['population', 'renal impairment'],
    ]);
  });

  it('takes the longest term: "trastuzumab deruxtecan" is not trastuzumab, "HER2-low" not HER2', () => {
    expect(entities('trastuzumab deruxtecan').map((entity) => entity.canonical)).toEqual(['trastuzumab deruxtecan']);
    expect(entities('HER2-low disease').map((entity) => entity.canonical)).toEqual(['HER2-low']);
  });

  it('keeps a stated value as written and in the value slot', () => {
    expect(entities('zoledronic acid at a creatinine clearance of 45 mL/min').map((entity) => [entity.slot, entity.surface])).toEqual([
      ['treatment', 'zoledronic acid'],
      ['value', 'creatinine clearance of 45 mL/min'],
    ]);
  });

  it('"what about X?" replaces the matching slot of the previous question', () => {
    expect(rewrite(asked('What is the zoledronic acid dose in renal impairment?'), 'what about denosumab?')).toBe('What is the denosumab dose in renal impairment?');
    expect(rewrite(asked('Which endocrine therapy for HR-positive metastatic breast cancer in postmenopausal women?'), 'and for premenopausal women?')).toBe(
      'Which endocrine therapy for HR-positive metastatic breast cancer in premenopausal women?',
    );
    expect(rewrite(asked('What is the first-line treatment for HER2-positive metastatic breast cancer?'), 'what about triple-negative?')).toBe(
      'What is the first-line treatment for triple-negative metastatic breast cancer?',
    );
  });

  it('adds a slot the previous question lacked', () => {
    expect(rewrite(asked('How often is zoledronic acid given for bone metastases?'), 'what about for patients with kidney problems?')).toBe(
      'How often is zoledronic acid given for bone metastases in kidney problems?',
    );
    expect(rewrite(asked('Is zoledronic acid every 12 weeks as effective as every 4 weeks?'), 'what about CALGB 70604?')).toBe(
      'Is zoledronic acid every 12 weeks as effective as every 4 weeks in CALGB 70604?',
    );
  });

  it('leaves the empty "it" of "it\'s just…" alone, typed with or without the apostrophe', () => {
    const history = asked('My husband has breast cancer that has spread to his spine. What signs should we watch for?');
    for (const message of ["what if it's just his back pain getting worse?", 'what if its just his back pain getting worse?']) {
      const standalone = rewrite(history, message);
      expect(standalone).toMatch(/^What if it'?s just his back pain getting worse/);
      expect(standalone).not.toMatch(/spine's just/);
    }
    // A possessive "its" still stands for what was asked about.
    expect(rewrite(asked('Is denosumab given for bone metastases?'), 'what are its side effects?')).toMatch(/denosumab's side effects/i);
  });

  it('leaves an "it" that points at nothing named: a reading, "that thigh bone thing", "can it wait?"', () => {
    const history = asked("I'm on chemo for breast cancer that's in my bones. Can I just take paracetamol?");
    expect(rewrite(history, "its 38.3 now but its 2am. should i wait for the clinic to open?")).toMatch(/^Its 38\.3 now but its 2am/);
    expect(rewrite(asked('I have had zometa for 2 years and my groin aches'), 'if it is that thigh bone thing, do they check the other leg too?')).toMatch(/^If it is that thigh bone thing, do they check/);
    expect(rewrite(asked('My wife is on enhertu. What should we look out for?'), 'can it wait till her next appointment?')).toMatch(/^Can it wait till/);
    // A reading told before is what comes down; with none told, "it" is left alone.
    expect(rewrite(asked("I'm on chemo and my temp is 37.9"), 'can i just take paracetamol and see if it comes down?')).toMatch(/see if the temperature comes down/);
    expect(rewrite(asked("I'm on chemo and I feel shivery"), 'can i just take paracetamol and see if it comes down?')).toMatch(/see if it comes down/);
    // Words that cannot stand alone as a name are carried by the concept's name.
    expect(rewrite(asked("I'm on chemo for breast cancer that's in my bones"), 'can i take paracetamol?')).not.toMatch(/for in my bones/);
    // What a treatment is still names it.
    expect(rewrite(asked('My mum is starting zoledronic acid.'), "its safe with her kidneys?")).toMatch(/^Zoledronic acid/);
  });

  it('leaves "it" of a test result or a situation, and "they"/"them" that are people or what the message just named', () => {
    expect(rewrite(asked('They want a blood test to look for gene changes after letrozole and palbociclib. Why?'), 'if it shows the ESR1 one what tablet would i get?')).toMatch(/^If it shows the ESR1 one/);
    expect(rewrite(asked("I'm on chemo and it burns when I pee"), 'if i end up going to A&E what should i tell them?')).toMatch(/tell them\b/);
    const calcium = rewrite(asked('I already have xgeva every 4 weeks for the cancer in my bones.'), 'and the calcium tablets they gave me, are they safe with it?');
    expect(calcium).toMatch(/calcium tablets they gave me, are they safe with xgeva/i);
    expect(rewrite(asked('I have xgeva for the cancer in my bones.'), 'does that make it riskier if i ever stop?')).toMatch(/make it riskier/);
    // After the message names a treatment of its own, "that one" and an "it" that does something are that one.
    expect(rewrite(asked('54F on abema + anastrozole, G3 diarrhoea. restart at the same dose or lower?'), "her sister's on ribo + letrozole. is it the gut we watch with that one too?")).toMatch(/^Her sister's on ribo \+ letrozole\. is it the gut we watch with that one too/);
    expect(rewrite(asked('patient on xgeva for bone mets'), 'is zol a fair alternative? how long does it run?')).toMatch(/how long does it run/);
    expect(rewrite(asked('patient on xgeva for bone mets'), 'how long does it run?')).toMatch(/^How long does xgeva run/i);
    // "Its" typed for "it's" before what the message names; a reading checked again is not a medicine.
    expect(rewrite(asked('my brother has breast cancer in his bones. they said its triple negative. what treatment?'), 'sorry, its hormone positive, HER2 negative. does that change things?')).toMatch(/^Sorry, its hormone positive/);
    expect(rewrite(asked('mums cancer has grown on letrozole and palbociclib. what happens now?'), 'shes just been told its in her liver now')).toMatch(/told its in her liver/);
    expect(rewrite(asked('mum is on palbociclib. her temperature is 37.8. do we ring?'), 'just done it again and its 38.1 now')).toMatch(/^Just done it again/);
    // A message that only tells a treatment adds it to the question before; a bare name still replaces one.
    expect(rewrite(asked('corrected calcium 3.2 mmol/L, breast ca bone mets, management?'), 'already on denosumab 120 mg monthly')).toBe('corrected calcium 3.2 mmol/L, breast ca bone mets, management? Already on denosumab 120 mg monthly.');
    expect(rewrite(asked('zoledronic acid dose?'), 'denosumab')).toBe('Denosumab dose?');
    expect(rewrite(asked('patient on xgeva for bone mets, how long for?'), 'switch to zol')).toMatch(/^Switch to zol instead of xgeva/);
    expect(rewrite(asked('Should my wife take calcium and vitamin D tablets with her bone injections?'), "she's also been very thirsty")).not.toMatch(/^Should my wife/);
    // A clearance told again, as a change or through "it", takes its new value and drops the old one.
    const renal = asked('zoledronic acid dose for bone mets, CrCl 45 mL/min?');
    for (const message of ['and if CrCl drops to 25?', 'and if it falls to 25?']) {
      const standalone = rewrite(renal, message);
      expect(standalone, message).toMatch(/CrCl (?:drops|falls) to 25/);
      expect(standalone, message).not.toMatch(/45/);
    }
    // A reading that goes over a figure, people who work a number out, and a problem someone sorts out.
    expect(rewrite(asked('my mum is on palbociclib and letrozole. what temperature should we ring about?'), 'and if it goes over that at 2 in the morning?')).toMatch(/^If the temperature goes over that/);
    expect(rewrite(asked('dad is having a metal rod put in his thigh bone because his mirels score is 9. why?'), 'how do they work that number out?')).toMatch(/^How do they work that number out/);
    expect(rewrite(asked('my dentist thinks i have ONJ from my xgeva. what happens now?'), 'who sorts it out - my dentist or the cancer team?')).toMatch(/^Who sorts ONJ out/);
    // "Is that the drug?" asks whether the drug causes what was told; "how is the drug given?" names it.
    expect(rewrite(asked('My wife started Enhertu for HER2-low cancer in her bones.'), "2 cycles in now and she's got a dry cough. Is that the drug?")).toMatch(/Is that caused by Enhertu/);
    expect(rewrite(asked('My wife started Enhertu for HER2-low cancer in her bones.'), 'how is the drug given?')).toMatch(/^How is Enhertu given/);
    // A "they" before anything is named still stands for the treatments asked about.
    expect(rewrite(asked('Are palbociclib and ribociclib given daily?'), 'are they taken with food?')).toMatch(/palbociclib and ribociclib taken with food/);
  });

  it('keeps what was said of the person (subtype, population, setting) for later turns, up to three back', () => {
    const history = asked('mTNBC progressing after 2 lines for metastatic dz incl a taxane. is sacituzumab the next step?', 'her disease is bone-only though - does ASCENT still apply?');
    const standalone = rewrite(history, "turns out she's gBRCA1+. any other option?");
    expect(standalone).toMatch(/mTNBC/);
    // Carried by its name: "progressing after" cannot stand alone.
    expect(standalone).toMatch(/later-line/);
    expect(standalone).not.toMatch(/in progressing after/);
    // A subtype the message states replaces the one before.
    expect(rewrite(history, 'what if she was HER2 positive instead?')).not.toMatch(/TNBC/);
    // More than three turns before the latest question is too far.
    const longer = asked('mTNBC: is sacituzumab the next step?', 'What does ASCENT show?', 'How is sacituzumab given?', 'What is the dose of denosumab?', 'what about zoledronic acid?');
    expect(rewrite([longer[0]!, ...longer.slice(2)], 'any side effects?')).toMatch(/TNBC/);
    expect(rewrite(longer, 'any side effects?')).not.toMatch(/TNBC/);
    // A question that stands on its own keeps the person's facts only when it speaks of the person.
    const man = asked('What endocrine therapy do men with HR-positive metastatic breast cancer get?');
    expect(rewrite(man, 'if he comes back gBRCA2+ can he have a PARP inhibitor?')).toMatch(/\bm[ae]n\b/);
    expect(rewrite(man, 'Can a PARP inhibitor be given for a gBRCA2 variant?')).toBe('Can a PARP inhibitor be given for a gBRCA2 variant?');
  });

  it('swaps a subtype in "what if she was X instead?" and leaves the old subtype\'s treatments behind', () => {
    const sister = asked("my sister's breast cancer is hormone positive and it has spread to her bones. what treatment do people usually get first?");
    expect(rewrite(sister, 'what if she was triple negative instead?')).toBe("My sister's breast cancer is triple negative and it has spread to her bones. what treatment do people usually get first?");
    const her2Low = asked('HR+ HER2-low MBC, progressed on palbo, no chemo yet. is T-DXd an option now?');
    const standalone = rewrite(her2Low, 'what if she was HER2 positive instead, already had THP first line?');
    expect(standalone).not.toMatch(/palbo|T-DXd/);
    expect(standalone).toMatch(/MBC/);
    // With the same subtype the treatments stay.
    expect(rewrite(her2Low, 'what about in a man?')).toMatch(/T-DXd/);
  });

  it('carries what was asked about, not the medicines the person is on beside it', () => {
    const history = asked('my cancer has stopped responding to letrozole and palbociclib. they want a blood test to look for gene changes. whats the point of that?');
    expect(rewrite(history, 'if it shows the ESR1 one what tablet would i get?')).not.toMatch(/letrozole|palbociclib/);
    // The domain told as the circumstance still is.
    expect(rewrite(asked('pt on xgeva 4 yrs for bone mets, disease stable, she wants to stop. any issue with just stopping it?'), 'could we move her onto zol instead?')).toMatch(/bone mets/);
    // Asked about, they are carried.
    expect(rewrite(asked('What are the side effects of letrozole and palbociclib?'), 'how long do they take to work?')).toMatch(/letrozole and palbociclib/);
  });

  it('ties a longer message naming only the domain to what the conversation is about', () => {
    const history = asked('new solitary sclerotic rib lesion on CT, 6 yrs after ER+ HER2- early BC. biopsy it or just treat as a met?');
    expect(rewrite(history, 'bone is the only site we can get to - anything the lab needs to know?')).toMatch(/biopsy/);
    // A question about the domain itself stands on its own.
    expect(rewrite(history, 'What is the outlook for metastatic breast cancer?')).toBe('What is the outlook for metastatic breast cancer?');
    // However long the telling, a bare question at its end leans on the conversation; a share is not a value to carry.
    const sins = asked('L1 lytic met, pain eased lying flat, no collapse, <50% of body involved. SINS?');
    const standalone = rewrite(sins, 'repeat CT 3 wks later: ~30% height loss now and tumour in the L pedicle, a lot has changed. new score?');
    expect(standalone).toMatch(/SINS/);
    expect(standalone).not.toMatch(/<50/);
  });

  it('reads a provider, a care team\'s "they\'ve" and a situation\'s "it" as what they are', () => {
    // "The dentist says" names a person: "it" is the medicine named before.
    const dentist = asked('my dentist wants to pull a back tooth and says i should stop my xgeva injections first.', 'should i just do what the dentist says?');
    expect(rewrite(dentist, 'is it safe to stop it for a bit?')).toMatch(/xgeva/);
    expect(rewrite(dentist, 'why does it matter if i stop it for a bit?')).toMatch(/^Why does it matter/);
    expect(rewrite(asked('my dad has radiotherapy for the pain in his spine'), "they've given him dexamethasone tablets, is that safe with his diabetes?")).toMatch(/^They've given him/);
    // What helps "it" is a symptom: with none named, "it" is left as written rather than read as the medicine.
    expect(rewrite(asked('will the zometa sort the pain out?'), 'so what will actually help it then?')).toMatch(/help it\b/);
  });

  it('reads "they" as the domain only when the domain is plural, and as the care team when they tell or keep doing', () => {
    expect(rewrite(asked('What are bone metastases?'), 'can they be cured?')).toBe('Can bone metastases be cured?');
    expect(rewrite(asked('My mum has breast cancer in her bones and carries a BRCA2 gene change. Does that change her treatment?'), 'are they tablets?')).toMatch(/^Are they tablets\b/);
    expect(rewrite(asked('My dad is in A&E with cord compression'), 'why do they keep telling him to lie flat?')).toMatch(/^Why do they keep telling him/);
  });

  it('carries a trial into a follow-up about it, not into one that names something new', () => {
    const history = asked('Does ASCENT apply to bone-only triple-negative disease?');
    expect(rewrite(history, "turns out she's gBRCA1+. any other option?")).not.toMatch(/ASCENT/);
    expect(rewrite(asked('What did ASCENT show?'), 'any side effects?')).toMatch(/ASCENT/);
    expect(rewrite(history, 'gBRCA1+ patients - were they included?')).toMatch(/ASCENT/);
  });

  it('reads the "it" of reducing or adjusting as the treatment, not the topic', () => {
    // "Gets worse" makes a bare "it" the condition; reducing or adjusting is done to a treatment.
    const history = asked('What is the zoledronic acid dose for hypercalcaemia?');
    expect(rewrite(history, 'if her kidney function gets worse, do I need to reduce it?')).toMatch(/reduce zoledronic acid/);
    expect(rewrite(history, 'if the calcium gets worse, should we adjust it?')).toMatch(/adjust zoledronic acid/);
  });

  it('"and how often?" changes the intent and keeps the subject', () => {
    expect(rewrite(asked('whats the dose of zoledronic acid for bone mets'), 'and how often?')).toBe('How often with zoledronic acid for bone mets?');
  });

  it('replaces every drug a "they" stands for, and a trial for "that trial"', () => {
    const history = asked('Do denosumab and zoledronic acid prevent skeletal-related events?');
    expect(rewrite(history, 'how long should they be continued?')).toBe('How long should denosumab and zoledronic acid be continued for skeletal-related events?');
    expect(rewrite(asked('What did SC-24 show for spinal metastases?'), 'who was in that trial?')).toBe('Who was in SC-24 for spinal metastases?');
  });

  it('does not carry the treatments asked about before into a question that names a trial', () => {
    expect(rewrite(asked('Which bone-modifying agent should I choose for bone metastases?'), 'what did the head-to-head trial show?')).toBe('What did the head-to-head trial show for bone metastases?');
    expect(rewrite(asked('How often is zoledronic acid given?'), 'and for how long?')).toBe('How long with zoledronic acid?');
  });

  it('reads "that trial" as the trial of what was asked about when no trial was named', () => {
    expect(rewrite(asked('Does surgery help for metastatic spinal cord compression?'), 'who was in that trial?')).toBe('Who was in the trial of surgery for metastatic spinal cord compression?');
  });

  it('carries the topic into a short question that names only a treatment', () => {
    expect(rewrite(asked('How is metastatic spinal cord compression managed?'), 'does surgery help?')).toBe('Does surgery help for metastatic spinal cord compression?');
  });

  it('ties a question naming nothing to what the conversation is about, looking past a turn that named nothing', () => {
    const history = asked("I've been started on palbociclib", 'will it make me feel sick?');
    expect(rewrite(history.slice(0, 1), 'will I need to stay in hospital?')).toBe('Will I need to stay in hospital with palbociclib?');
    // The message's own last word stays.
    expect(rewrite(history.slice(0, 1), 'what side effects should I look out for?')).toBe('What side effects should I look out for with palbociclib?');
    const noNames = [...history.slice(0, 1), { question: 'will I need to stay in hospital?', standaloneQuestion: 'will I need to stay in hospital?' }];
    expect(rewrite(noNames, 'how often will I need blood tests?')).toBe('How often will I need blood tests with palbociclib?');
    // A question that names something of its own stands alone.
    expect(rewrite(history.slice(0, 1), 'what is hypercalcaemia?')).toBe('what is hypercalcaemia?');
  });

  it('leaves an "it" that is no treatment: finding it hard, could it be…, if it breaks', () => {
    const history = asked('My dad has a lot of pain from the cancer in his bones and is on morphine tablets.');
    expect(rewrite(history, 'hes finding it really hard to swallow his tablets now')).not.toMatch(/finding morphine/);
    expect(rewrite(asked('Dad is on chemo and is very thirsty and confused'), 'could it be his calcium?')).not.toMatch(/could chemo/i);
    expect(rewrite(asked('She needs a metal rod and an operation on her thigh bone'), 'why not just wait and see if it breaks?')).not.toMatch(/if (?:metal rod|operation)/);
    // A treatment verb still takes the medicine.
    expect(rewrite(history, 'can he keep taking it?')).toMatch(/taking morphine/);
    // "Once its out", "does that mean its growing?", "does it change his treatment?": no treatment either.
    expect(rewrite(asked('She is on Zometa and needs a tooth out'), 'once its out, what should i look out for?')).toMatch(/^Once its out/);
    expect(rewrite(asked('Dad is having a BRCA gene test for the cancer in his bones'), 'if it comes back positive does it change his treatment?')).toMatch(/does it change/);
    expect(rewrite(asked('They want to biopsy the spot on my hip'), 'so it might not even be cancer?')).toMatch(/\bit might not even be cancer/i);
    expect(rewrite(asked('Xgeva pt with exposed bone in the jaw for 10 weeks'), 'who should be looking after it?')).toMatch(/looking after exposed bone/);
    // One thing among a medicine and a test named before is the medicine; "they" are both.
    const mriAndDex = asked('Suspected MSCC: MRI of the whole spine and dexamethasone 16 mg?');
    expect(rewrite(mriAndDex, 'and how long do we keep that going?')).toMatch(/keep dexamethasone going/);
    expect(rewrite(mriAndDex, 'and how long do we keep that going?')).not.toMatch(/MRI/);
    // After a switch, "it" is the medicine switched to, which the message names.
    expect(rewrite(asked('Is ribociclib safe in pregnancy?'), 'if we used palbo instead and she fell pregnant on it, any safer?')).toMatch(/pregnant on it\b/);
  });

  it('leaves the "it" of a person correcting their own question, and a typed "its her", unresolved', () => {
    const history = asked('mums xgeva injection got missed this month because she was in hospital with a chest infection. does that matter?');
    const corrected = rewrite(history, 'sorry ive muddled it - her jab was fine, its her ribociclib tablets she missed for 2 days. should she take extra to catch up?');
    expect(corrected).not.toMatch(/xgeva|denosumab/i);
    expect(corrected).toMatch(/muddled it - her jab was fine, its her ribociclib/);
    // An "it" that is the medicine is still resolved.
    expect(rewrite(history, 'how is it given?')).toMatch(/xgeva|denosumab/i);
  });

  it('carries only the test asked about, not the relative\'s disease, when the writer asks about their own case', () => {
    const mum = asked("my mum is 70 and her breast cancer has come back in her spine. theyve offered her a BRCA gene test. what would that show?");
    const own = rewrite(mum, "what about me? im 46 and was diagnosed with breast cancer in january, it hasnt spread. nobody has said anything to me about a gene test");
    expect(own).not.toMatch(/spine|come back/i);
    const sister = asked('my sister has breast cancer in her bones and a blood test found she was born with a BRCA2 change. what does that mean for her treatment?');
    const brother = rewrite(sister, 'im her brother and ive just been diagnosed with breast cancer myself. will they test me for the gene as well?');
    expect(brother).toMatch(/BRCA2/);
    expect(brother).not.toMatch(/in her bones/);
    // Asked about the relative, the relative's disease still carries.
    expect(rewrite(sister, 'will they test her for the gene again?')).toMatch(/bones/);
  });

  it('keeps "they" as the doctors when they are asked to get rid of something', () => {
    expect(rewrite(asked("mums letter says 'secondary breast cancer in the bone'. is that different from bone metastases?"), 'can they get rid of it?')).toMatch(/^Can they get rid of /);
  });

  it('works from the previous standalone question, so three turns chain', () => {
    const first = 'Which endocrine therapy for HR-positive metastatic breast cancer in postmenopausal women?';
    const second = rewrite(asked(first), 'and for premenopausal women?');
    const third = rewrite([...asked(first), { question: 'and for premenopausal women?', standaloneQuestion: second }], 'how long is it given?');
    expect(third).toBe('How long is endocrine therapy given for HR-positive metastatic breast cancer in premenopausal women?');
  });

  it('keeps a digression as it is asked, and goes back to the turn a message returns to', () => {
    const radiotherapy = "I'm having radiotherapy to my hip next week for the pain. Will one session be enough?";
    const digression = 'by the way, is it normal to be this constipated on morphine?';
    // "It" holds the place of what follows: no treatment stands in for it.
    expect(rewrite(asked(radiotherapy), digression)).toBe(digression);
    expect(rewrite(asked('My oncologist says I need Xgeva every month. What is it for?'), 'by the way, is it normal that my back hurts more at night? it wakes me up')).not.toMatch(/Xgeva/);
    // …but a digression that points back at what was said is read with it.
    expect(rewrite(asked('What is denosumab?'), 'by the way, can I drink alcohol with it?')).toMatch(/denosumab/);
    // "Back to the radiotherapy": the turn in between is not what the message is about.
    const history = [...asked(radiotherapy), { question: digression, standaloneQuestion: 'Is radiotherapy normal to be this constipated on morphine?' }];
    expect(rewrite(history, 'back to the radiotherapy - could the pain get worse afterwards?')).not.toMatch(/constipat|morphine/);
    expect(rewrite(history, 'and could the pain get worse afterwards?')).toMatch(/constipat|morphine/);
  });

  it('reads "my type" as the subtype named before, "the drip" as the medicine given that way, and a man as a man', () => {
    const subtype = asked("I've been told my cancer is HR-positive and HER2-negative and has spread to my bones. What does that mean for my treatment?");
    expect(rewrite(subtype, 'in plain words, why does hormone therapy work for my type?')).toMatch(/work for HR-positive/);
    // With no subtype named before, "my type" is left as it was written.
    expect(rewrite(asked('What is denosumab?'), 'does it work for my type?')).toMatch(/my type/);
    expect(rewrite(asked("My dentist wants to take a tooth out but I'm on zoledronic acid drips. Is that OK?"), 'why does the drip matter for a tooth?')).toBe('Why does zoledronic acid matter for a tooth?');
    // A medicine named in the message itself is what it asks about.
    expect(rewrite(asked("I'm on zoledronic acid drips."), 'is denosumab the drip or the injection?')).toMatch(/denosumab/);
    const husband = asked('My husband has just been told his breast cancer has spread to his bones. Is the treatment the same as for a woman?');
    expect(rewrite(husband, 'does he need a gene test?')).toBe('Does he need a gene test in men with breast cancer?');
    // "My breast cancer" is no man's.
    expect(rewrite(asked('my breast cancer has spread to my lower back, what happens now?'), 'does she need a gene test?')).not.toMatch(/\bmen\b/);
  });

  it('adds a detail a score is made of, or one more finding of a scan, to the question before', () => {
    const mirels = asked("Lytic metastasis in the peritrochanteric femur in a woman with breast cancer, pain only mild. What's the Mirels score?");
    expect(rewrite(mirels, "it's involving more than two thirds of the cortex")).toMatch(/Mirels score\? It's involving more than two thirds of the cortex\.$/);
    const her2 = asked("HER2+ MBC with bone and liver mets, progressed on first-line pertuzumab, trastuzumab and docetaxel. What's the next line?");
    expect(rewrite(her2, 'restaging MRI also shows a single 1.5 cm brain met, asymptomatic')).toMatch(/next line\? Restaging MRI also shows a single 1\.5 cm brain met/);
    // A detail with no score asked before is read on its own.
    expect(rewrite(asked('What is denosumab?'), 'the cortex is thin there')).not.toMatch(/denosumab\? /);
  });

  it('adds what was left out or asked back to the question before, and leaves thanks and a symptom told alone as they are', () => {
    const firstLine = asked('ER+ bone-only MBC, first line: letrozole plus which CDK4/6 inhibitor?');
    expect(rewrite(firstLine, 'forgot to say, the patient is a man')).toBe('ER+ bone-only MBC, first line: letrozole plus which CDK4/6 inhibitor? The patient is a man.');
    expect(rewrite(asked('What first-line treatment for ER+ HER2- bone-only metastatic breast cancer?'), "she's premenopausal, still cycling")).toMatch(/metastatic breast cancer\? She's premenopausal, still cycling\.$/);
    expect(rewrite(asked('ER+ HER2 IHC 1+ MBC after two lines of endocrine therapy. Is trastuzumab deruxtecan an option?'), "no, she hasn't had any chemo for metastatic disease")).toMatch(/an option\? No, she hasn't had any chemo/);
    expect(rewrite(asked('Mum wants to stop her Xgeva because she feels well. Is that safe?'), 'she did break a bone in her spine from thin bones a few years ago, before the cancer')).toMatch(/^Mum wants to stop her Xgeva.*Is that safe\? She did break a bone/);
    expect(rewrite(asked('What is denosumab?'), 'ok thanks!')).toBe('ok thanks!');
    expect(rewrite(asked('What is denosumab?'), 'my legs are weak')).toBe('my legs are weak');
  });

  it('swaps in a medicine "had been… instead", leaving the dental work beside it, and adds a score told', () => {
    const tooth = asked("I've had zoledronic acid drips for about a year and my dentist says a back tooth has to come out. Is that a problem?");
    expect(rewrite(tooth, 'and if it had been the denosumab injection instead?')).toMatch(/^I've had denosumab\b.*a back tooth has to come out\. Is that a problem\?$/);
    // Without "instead", an "if" asks what then.
    expect(rewrite(tooth, 'and if it gets infected?')).not.toMatch(/^I've had/);
    const back = asked('Woman with breast cancer, new mechanical back pain, no neuro deficit. What imaging and what next?');
    expect(rewrite(back, 'MRI done: lytic mets at L2 and L3, no cord compression. I make her SINS 9')).toMatch(/what next\? MRI done: .*SINS 9\.$/);
  });

  it('carries the measurements of a case told over turns, and reads "it\'ll be my fault" as no pronoun', () => {
    const calcium = asked("Ward calling about a patient with breast cancer bone mets: corrected calcium 3.4 mmol/L, she's drowsy and vomiting. What's the treatment plan?");
    expect(rewrite(calcium, 'Her CrCl is about 35. Do I reduce the zoledronic acid to 3 mg?')).toBe('Her CrCl is about 35. Do I reduce the zoledronic acid to 3 mg? Corrected calcium 3.4 mmol/L.');
    // A measure told again is not carried twice, and a message telling no measurement carries none.
    expect(rewrite(calcium, 'Corrected calcium is now 2.9. Is another dose needed?')).not.toMatch(/3\.4/);
    expect(rewrite(calcium, 'What about fluids?')).not.toMatch(/3\.4 mmol\/L\.$/);
    expect(rewrite(asked('My mum has breast cancer that has spread to her bones.'), "what should i watch out for? im scared it'll be my fault")).toMatch(/it'll be my fault/);
  });

  it('asks a dose with the condition of the turn before ("should she give dexamethasone, what dose?" after suspected cord compression)', () => {
    const cord = asked('Suspected MSCC: new leg weakness since this morning in a woman with spinal metastases. What should the ward do?');
    expect(rewrite(cord, 'She asks should she give dexamethasone, what dose?')).toMatch(/what dose for MSCC/);
    // Not when the message names its own condition, nor when it asks no dose.
    expect(rewrite(cord, 'Should she have dexamethasone for a pain flare, what dose?')).not.toMatch(/for MSCC/);
    expect(rewrite(cord, 'Can she have dexamethasone with her diabetes?')).not.toMatch(/for MSCC/);
  });

  it('reads what starts happening as the condition the message names, else the one named before', () => {
    const report = asked("My scan report says 'no evidence of cord compromise'. Is that bad?");
    expect(rewrite(report, "So 'no cord compromise' means it isn't pressing on my spine? What would I notice if that started happening?")).toMatch(/if cord compromise started happening/);
    expect(rewrite(asked('What is osteonecrosis of the jaw?'), 'what would I notice if it started happening?')).toMatch(/osteonecrosis of the jaw started happening/);
    // A treatment that "started" is still a treatment.
    expect(rewrite(asked('Is denosumab given as an injection?'), 'what checks are done before that is started?')).toMatch(/denosumab/);
  });

  it('asks the question before with a new figure told in its place, and reads what is brought down as the reading named', () => {
    const calcium = asked('Corrected calcium 2.8 mmol/L in a woman with breast cancer bone mets, no symptoms. How do I manage it?');
    expect(rewrite(calcium, "and if it's higher, say 3.6?")).toBe('Corrected calcium 3.6 mmol/L in a woman with breast cancer bone mets, no symptoms. How do I manage it?');
    expect(rewrite(asked('What dose of zoledronic acid for CrCl 45?'), 'what if it was 28?')).toBe('What dose of zoledronic acid for CrCl 28?');
    // Not when the question before gave two figures, or none: which one changed is not said.
    expect(rewrite(asked('CrCl 45 and corrected calcium 2.8 mmol/L: which bone agent?'), 'what if it was 28?')).not.toMatch(/CrCl 28/);
    expect(rewrite(asked("My dad has breast cancer in his bones and he's been really thirsty and muddled."), 'they say his calcium is high. how fast do they bring it down?')).toMatch(/bring the calcium down/);
  });

  it('reads "if it did" as what the message says may happen, and what a dentist pulls as a tooth', () => {
    const pain = asked("Her hip really hurts, especially at night. She's got paracetamol and some morphine liquid for when it's bad. How can I help her with the pain at home?");
    expect(rewrite(pain, 'Could her hip be about to break? What would I notice if it did?')).toBe('Could her hip be about to break? What would I notice if it did?');
    const morphine = asked("Since mum started the morphine she's really constipated, hasn't been for 4 days. Is that normal and what can I do?");
    expect(rewrite(morphine, "Different thing - she's got a wobbly tooth that hurts and the dentist wants to pull it. She's on the bone injection. Is that OK?")).not.toMatch(/pull morphine/);
    // A medicine asked about before is still what "it" stands for when nothing else could be.
    expect(rewrite(asked('Is denosumab given monthly?'), 'what happens if I miss it?')).toMatch(/denosumab/);
  });

  it('carries a setting told as a clause by its name ("tablets stop working" as later-line)', () => {
    const stopped = asked('What happens if his tablets stop working? The letrozole and palbociclib. Is that it then, are there other options?');
    const rewritten = rewrite(stopped, 'What sort of other treatment? Would he have chemo?');
    expect(rewritten).toMatch(/later-line/);
    expect(rewritten).not.toMatch(/in tablets stop working/);
  });

  it('reads a question about how long people live with it as the outlook, whatever was asked before', () => {
    const scan = asked('My mate said the bone scan can look worse even if the treatment is working. Is that right?');
    expect(rewrite(scan, 'Be honest with me. How long do people like me usually live with this?')).toBe('Be honest with me. How long do people like me usually live with this?');
    expect(rewrite(scan, 'how long does it take?')).toMatch(/bone scan/);
  });

  it('asks the question before again with one more fact told and asked whether it changes anything', () => {
    const morphine = asked('GP: typical starting dose of oral morphine for bone pain?');
    expect(rewrite(morphine, "she's 83 and her eGFR is 24 - same dose?")).toBe("She's 83 and her eGFR is 24. GP: typical starting dose of oral morphine for bone pain?");
    const stopping = asked('Patient on Xgeva for bone mets, the family want to stop the injections. How do we stop safely?');
    expect(rewrite(stopping, 'she also has osteoporosis and had a vertebral fracture 2 years ago, does that matter?')).toMatch(/^She also has osteoporosis.*How do we stop safely\?$/);
    // Asking something new beside a fact is not asking whether the fact changes the answer.
    expect(rewrite(morphine, "she's 83, what laxative should she have?")).not.toMatch(/starting dose/);
  });

  it('never carries a topic the knowledge does not cover as a lasting fact of the person', () => {
    const interactions = asked('Patient on ribociclib 600 mg and letrozole, can she have grapefruit juice and omeprazole?');
    expect(rewrite(interactions, "She was sick half an hour after this morning's ribociclib. Should she take another tablet?")).not.toMatch(/grapefruit|omeprazole/);
  });

  it('reads "how long has she got?" as the outlook too', () => {
    const flare = asked("Her letter says 'likely flare versus progression' on the bone scan. What does that mean?");
    expect(rewrite(flare, 'Just be honest with me. If it is spreading, how long has she got?')).toBe('Just be honest with me. If it is spreading, how long has she got?');
    expect(rewrite(flare, 'how long does it take?')).toMatch(/bone scan/);
  });
});

describe('standaloneQuestionFor (model hook)', () => {
  const history = asked('What is the zoledronic acid dose in renal impairment?');
  const deterministic = rewrite;

  it('uses the model rewrite when it is grounded in the conversation', async () => {
    const model = vi.fn(async () => 'How often is zoledronic acid given in renal impairment?');
    expect(await standaloneQuestionFor(history, 'how often is it given?', { rewrite: model, deterministic })).toBe('How often is zoledronic acid given in renal impairment?');
    expect(model).toHaveBeenCalledWith(history, 'how often is it given?', undefined);
  });

  it('does not call the model for the first message', async () => {
    const model = vi.fn(async () => 'never');
    expect(await standaloneQuestionFor([], 'What is SINS?', { rewrite: model, deterministic })).toBe('What is SINS?');
    expect(model).not.toHaveBeenCalled();
  });

  it.each([
    ['throws', async () => Promise.reject(new Error('model down'))],
    ['returns nothing', async () => '  '],
    ['returns an essay', async () => 'x'.repeat(5000)],
    ['adds content the conversation never said', async () => 'How often is zoledronic acid given in renal impairment, and should chemotherapy stop?'],
  ])('falls back to the deterministic rewrite when the model %s', async (_name, model) => {
    expect(await standaloneQuestionFor(history, 'how often is it given?', { rewrite: model, deterministic })).toBe('How often is zoledronic acid given in renal impairment?');
  });

  it('does not fall back when the request was aborted: the abort propagates', async () => {
    const controller = new AbortController();
    controller.abort();
    const model = async () => Promise.reject(new Error('aborted'));
    await expect(standaloneQuestionFor(history, 'how often is it given?', { rewrite: model, signal: controller.signal, deterministic })).rejects.toThrow('aborted');
  });

  it('without a deterministic rewrite, keeps the message as it is', async () => {
    expect(await standaloneQuestionFor(history, 'how often is it given?')).toBe('how often is it given?');
  });
});

describe('a medicine named after its form, and a tablet named by none', () => {
  it('reads "the injection, Xgeva" as Xgeva, and an unnamed tablet as the treatment before', () => {
    expect(rewrite(asked('Do I need to see a dentist before I start zoledronic acid?'), 'is it the same for the injection, Xgeva?')).toBe('Do I need to see a dentist before I start Xgeva?');
    expect(rewrite(asked('I take ribociclib and letrozole.'), 'sorry I mean I was sick after my tablet. Should I take another dose?')).toMatch(/ribociclib/);
    // A tablet named in the message is its own.
    expect(rewrite(asked('I take ribociclib and letrozole.'), 'can I take paracetamol tablets with them?')).not.toMatch(/on ribociclib/);
  });
});

describe('a kidney reading told as a change', () => {
  const first = 'GP. 58F HER2+ mets on trastuzumab/pertuzumab q3w + zol. eGFR drifted 70 -> 48 over 6 months. zol dose?';

  it('carries neither the head of an arrow nor a time as a bound', () => {
    const question = rewrite(asked(first), 'how often?');
    expect(question).toMatch(/eGFR drifted 70 -> 48\?$/);
    expect(question).not.toMatch(/(?<!-)> 48|over 6/);
  });

  it('drops the eGFR told before when the message tells a creatinine: both are kidney function', () => {
    const question = rewrite(asked(first), 'creat was 0.8 at start of zol, now 1.4 mg/dL. 68kg. due dose next wk. give it at reduced dose?');
    expect(question).toMatch(/^Creat was 0\.8 at start of zol, now 1\.4 mg\/dL/);
    expect(question).not.toMatch(/eGFR|48/i);
  });

  it('keeps an eGFR told before beside a calcium told now', () => {
    expect(rewrite(asked('eGFR 48, on zol. dose?'), 'corrected calcium 2.1 mmol/L now. still give it?')).toMatch(/\? eGFR 48\.$/);
  });
});

describe('a short question about what a named medicine is', () => {
  it.each(['what does letrozole do?', 'how does olaparib work?', "what's denosumab?"])('reads "%s" on its own', (message) => {
    expect(rewrite(asked('How often is zoledronic acid given in renal impairment?'), message)).toBe(message);
  });

  it('still carries the conversation into a short question about a dose', () => {
    expect(rewrite(asked('How often is zoledronic acid given in renal impairment?'), 'denosumab dose?')).toBe('Denosumab dose in renal impairment?');
  });
});

describe('a follow-up that tells after it asks', () => {
  it('ends a carried subtype as told, so the telling sentence does not become the question', () => {
    const question = rewrite(asked('58F HER2+ MBC on trastuzumab. Red flags to check?'), "analgesia meanwhile. naproxen ok? eGFR 48 and she's on ramipril");
    expect(question).toMatch(/naproxen ok\?/);
    expect(question).toMatch(/\.$/);
  });
});

describe('a carer who turns to another relative', () => {
  it('reads "it" as the medicine the message names and carries nothing said of the first relative', () => {
    const question = rewrite(
      asked('My mum has Xgeva injections for the cancer in her bones. Her GP wants to add Prolia for her thin bones - is that OK?'),
      'and my sister is on Prolia for osteoporosis - she wants to stop it. is that safe?',
    );
    expect(question).toMatch(/stop it/);
    expect(question).not.toMatch(/Xgeva|cancer in her bones/);
  });
});
