import { describe, expect, it } from 'vitest';
import { askingSentences } from '../../src/question/analyze-question.js';
import { compileCues } from '../../src/question/cue-pattern.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';

const { tools } = await servicesFor(PACK_KNOWLEDGE);
const analyze = (question: string) => tools.analyzer.analyze(question);

describe('intent', () => {
  it.each([
    ['What is the zoledronic acid dose in renal impairment?', 'dose'],
    ['How is denosumab given?', 'dose'],
    ['How often is it given?', 'dose'],
    ['How long should bone-modifying agents be continued?', 'duration'],
    ['What are the side effects of zoledronic acid?', 'adverse-effects'],
    ['Denosumab or zoledronic acid: which is better?', 'choice'],
    ['Who should receive a bone-modifying agent?', 'who'],
    ['What is the prognosis of bone-only metastatic breast cancer?', 'prognosis'],
    ['What is the treatment approach for breast cancer with bone metastasis?', 'management'],
    ['What is visceral crisis?', 'definition'],
    ["I read that people with secondary breast cancer live about 3 years on average. Is that how long I've got?", 'prognosis'],
    ['What are the warning signs of spinal cord compression?', 'when-to-seek-help'],
    ['when should we call the team?', 'when-to-seek-help'],
    ['how long will I live with cancer in my bones', 'prognosis'],
    ['how long on denosumab before a break?', 'duration'],
    ['Does he need to take anything with zoledronic acid?', 'taken-with'],
    ['Is it ok to take ibuprofen with my letrozole?', 'taken-with'],
    // Holding the next dose is what to do, not what the dose is.
    ['Patient on denosumab needs a molar extraction next week - should we hold the next dose?', 'management'],
    ['when is the next dose of zoledronic acid due?', 'dose'],
    ["I've just been told I need Zometa every 4 weeks. Will it make me feel ill?", 'adverse-effects'],
    // Shorthand for "what do we do": not a definition.
    ['mirels 8 what do', 'general'],
    ['and if she gets a temperature on it?', 'when-to-seek-help'],
    ['What did the Stopeck trial measure, and what did it show?', 'results'],
    ['What do you measure before each zoledronic acid infusion?', 'monitoring'],
    ['what do bisphosphonates do?', 'definition'],
    ['What is the role of surgery for bone metastases?', 'management'],
    // Being offered a treatment asks what it is; "is it offered to everyone?" asks who.
    ['What treatment is she likely to be offered first?', 'management'],
    ['Is SBRT offered to everyone with spinal metastases?', 'who'],
    ['What does the trial evidence show for denosumab?', 'results'],
    ['What did the head-to-head trial of denosumab and zoledronic acid show?', 'results'],
    ['how much did the pertuzumab actually add in the trial?', 'results'],
    ['How much calcium should I take?', 'dose'],
    ['Tell me about bone metastases', 'definition'],
    ['bone metastases', 'general'],
    // Naming how a drug is given is not asking its dose; naming a side effect is not asking its risk.
    ['Can the zometa infusions damage my kidneys?', 'adverse-effects'],
    ['Why do I need to see a dentist before starting denosumab injections?', 'reason'],
    ['What if osteonecrosis of the jaw develops with denosumab?', 'management'],
    ['How common is osteonecrosis of the jaw?', 'adverse-effects'],
    ['How many sessions of radiotherapy will I need?', 'dose'],
    ['Why is ribociclib 3 weeks on and 1 week off?', 'dose'],
    ['How long do people usually live with breast cancer in the bones?', 'prognosis'],
    ['How long do people in that group live?', 'prognosis'],
    ['how many trips would the course be?', 'dose'],
    ['My mum has been started on denosumab injections for cancer in her bones. What is it for?', 'reason'],
    ['My aunt has a big cancer spot in her thigh bone and the doctor says it could break. What can be done?', 'management'],
    // A regimen asked for is a treatment; "mx" is management; a scan told is not a monitoring question.
    ['HER2+ (IHC 3+) MBC bone-only, treatment naive in metastatic setting. 1L regimen?', 'management'],
    ['Exposed necrotic bone mandible 10 wks, on ZA 2 yrs. Stage and mx?', 'management'],
    ['my hip hurts when i walk and the scan showed a hole in the bone. could it break?', 'adverse-effects'],
    // "Which" alone makes a choice only when nothing else is asked.
    ['Which patients did ASCENT include?', 'who'],
    ['How can bone metastases affect me?', 'adverse-effects'],
    ['My wife has cancer in her spine. What could happen?', 'adverse-effects'],
    ['who was in the Patchell trial?', 'who'],
    ['which is better, denosumab or zoledronic acid?', 'choice'],
    ['Which bisphosphonate for bone metastases?', 'choice'],
    // Holding and restarting is management; reducing a named treatment asks its dose.
    ['When should zoledronic acid be withheld for a rise in creatinine, and when can it be restarted?', 'management'],
    ['Creatinine is 2.5 mg/dL, do I need to reduce zoledronic acid?', 'dose'],
    // Stopping something from happening is preventing it, not stopping a treatment.
    ['terrified of breaking a bone now the cancer is in my spine. what will the doctors do to stop that happening', 'management'],
    ['Pt on denosumab, corrected Ca 1.9 mmol/L, asymptomatic. What now?', 'management'],
  ])('"%s" asks about %s', (question, intent) => {
    expect(analyze(question).intent).toBe(intent);
  });

  it('keeps every intent of a compound question, and a definition only when nothing else is asked', () => {
    expect(analyze('How is hypercalcaemia of malignancy assessed and treated?').intents).toEqual(['monitoring', 'management']);
    expect(analyze('What is the dose of denosumab?').intents).not.toContain('definition');
  });

  it('reads a term in quotes as what is asked about, not as a cue: "what are \'rescue doses\'?" asks what they are', () => {
    expect(analyze("my friend on morphine keeps going on about 'rescue doses' - what are they?").intent).toBe('definition');
    expect(analyze('“Rescue doses” — what are they?').intent).toBe('definition');
    // An apostrophe is no quote, and a dose asked for unquoted is still a dose question.
    expect(analyze("I don't know what dose of morphine to take for rescue doses").intent).toBe('dose');
  });

  it('sees a question about mistakes to avoid, but not a purpose stated with "to avoid"', () => {
    expect(analyze('What are the common pitfalls with bone-modifying agents?').asksPitfalls).toBe(true);
    expect(analyze('What should I avoid while on denosumab?').asksPitfalls).toBe(true);
    expect(analyze('What is the denosumab dose?').asksPitfalls).toBe(false);
    expect(analyze('How is denosumab stopped to avoid rebound vertebral fractures?').asksPitfalls).toBe(false);
  });
});

describe('focus and scope', () => {
  it('reads clinical shorthand for the concepts it names: "zol", "dmab", "new vert fx", a rise in creatinine', () => {
    const names = (question: string) => analyze(question).focus.map((entry) => entry.concept.name);
    expect(names('zol dose?')).toContain('zoledronic acid');
    expect(names('pt stopped dmab 8 mo ago, now 3 new vert fx - mets progressing or rebound?')).toEqual(expect.arrayContaining(['denosumab', 'multiple vertebral fractures']));
    expect(names('When should zoledronic acid be withheld for a rise in creatinine?')).toContain('renal toxicity');
    expect(names('HER2+ MBC progressing after THP first line, next?')).toContain('later-line');
    expect(names('terrified of breaking a bone')).toContain('pathological fracture');
    // …and patients' everyday words.
    expect(names("I'm 44 and still having periods. Which hormone tablets can I take?")).toEqual(expect.arrayContaining(['premenopausal', 'endocrine therapy']));
    expect(names('mTNBC after 2 lines: is sacituzumab next?')).toEqual(expect.arrayContaining(['triple-negative breast cancer', 'sacituzumab govitecan']));
    expect(names('my mum is starting zometta, how is it given?')).toContain('zoledronic acid');
    expect(names('cape starting dose if CrCl is 35?')).toContain('capecitabine');
    expect(names("I'm diabetic, will the dexamethasone mess up my sugar?")).toEqual(expect.arrayContaining(['hyperglycaemia', 'dexamethasone']));
    // HER2 status as the pathology report gives it.
    expect(names('her bone bx came back HER2 IHC 1+')).toContain('HER2-low');
    expect(names('HER2 IHC 2+ ISH-negative MBC')).toContain('HER2-low');
    expect(names('HER2 IHC 3+ on the new biopsy')).toContain('HER2-positive');
  });

  it('reads another condition told beside metastatic disease as background, but not one asked about', () => {
    const notCovered = (question: string) => analyze(question).notCovered.map((entry) => entry.say);
    expect(notCovered('Zoledronic acid for breast cancer bone metastases, CrCl 52, and she takes naproxen every day for arthritis. What dose should she get?')).toEqual([]);
    expect(notCovered('Bone mets from breast cancer. Is arthritis pain treated with radiotherapy?')).toEqual(['arthritis']);
    expect(notCovered('I have arthritis. Can I take paracetamol?')).toEqual(['arthritis']);
  });

  it('reads a question told as a report as asking: "the surgeons ask whether…"', () => {
    expect(askingSentences('She had decompression yesterday. The spinal surgeons ask whether she still needs radiotherapy. Does she?')).toBe(
      'The spinal surgeons ask whether she still needs radiotherapy. Does she?',
    );
    expect(askingSentences('She had decompression yesterday. The surgeons asked her to rest. Does she need radiotherapy?')).toBe('Does she need radiotherapy?');
  });

  it('takes "no" one word before a concept as absence, but not a negated verb', () => {
    const names = (question: string) => analyze(question).focus.map((entry) => entry.concept.name);
    expect(names('Exposed bone in the mandible on denosumab, no jaw radiotherapy. What stage is this?')).not.toContain('radiotherapy');
    expect(names('Why can I not have denosumab?')).toContain('denosumab');
    expect(names('What mechanisms could be driving the hypercalcaemia?')).not.toContain('fitness to drive');
  });

  it('keeps a medicine the person is on as the subject when only its class is asked about', () => {
    const { focus } = analyze('Woman on denosumab 120 mg every 4 weeks. How long does the antiresorptive effect last after a dose?');
    expect(focus.find((entry) => entry.concept.name === 'denosumab')?.context).toBe(false);
    // Beside another medicine asked about, it stays the circumstance.
    expect(analyze('Woman on denosumab. Is zoledronic acid an option?').focus.find((entry) => entry.concept.name === 'denosumab')?.context).toBe(true);
  });

  it('reads every medicine on a list the person is on as the circumstance, not only the first', () => {
    const context = (question: string) => analyze(question).focus.filter((entry) => entry.context).map((entry) => entry.concept.name);
    expect(context('On letrozole, ribociclib and goserelin. Is denosumab an option?')).toEqual(['letrozole', 'ribociclib', 'goserelin']);
    expect(context('On letrozole + palbociclib, what about denosumab?')).toEqual(['letrozole', 'palbociclib']);
    // A medicine after the list is closed by other words is asked about.
    expect(context('On letrozole for a year, is ribociclib an option?')).toEqual(['letrozole']);
  });

  it('lists each concept once, in reading order, marking the knowledge\'s own domain as background', () => {
    const { focus } = analyze('zoledronic acid for bone mets in renal impairment, and zoledronic acid again');
    expect(focus.map((entry) => [entry.concept.name, entry.concept.type, entry.background])).toEqual([
      ['zoledronic acid', 'drug', false],
      ['bone metastases', 'condition', true],
      ['renal impairment', 'population', false],
    ]);
  });

  it('names what the knowledge declares it does not cover', () => {
    expect(analyze('Should adjuvant abemaciclib be given?').notCovered.map((entry) => entry.say)).toEqual(['adjuvant treatment of early breast cancer']);
    expect(analyze('prostate cancer with bone metastases').notCovered.map((entry) => entry.say)).toEqual(['prostate cancer']);
  });

  it('declines near-domain topics by name and keeps their neighbours in scope', () => {
    const declined = (question: string) => analyze(question).notCovered.map((entry) => entry.concept.name);
    expect(declined("I have a latex allergy. Does the Xgeva syringe or the needle cover have latex in it?")).toEqual(['latex allergy']);
    expect(declined("Mum's in bed most of the day now, how do we stop a bedsore?")).toEqual(['pressure sores']);
    expect(declined('I take levothyroxine. Can I take it at the same time as my calcium tablets?')).toEqual(['thyroid medicines']);
    expect(declined('i used to give blood every few months. can i still donate with cancer in my bones?')).toEqual(['blood donation']);
    // A rash on capivasertib is held; a pacemaker ruling out MRI in suspected cord compression is held.
    expect(declined('Rash on capivasertib - how common is it?')).toEqual([]);
    expect(declined('susp mscc, pt has a non MRI-conditional pacemaker. CT instead?')).toEqual([]);
  });

  it('asks about another cancer beside breast cancer as held, and about it alone as not covered', () => {
    expect(analyze('radium 223 for prostate cancer bone mets?').notCovered.map((entry) => entry.say)).toEqual(['prostate cancer']);
    expect(analyze("radium 223 for breast ca bone mets? I know it's used in prostate").notCovered).toEqual([]);
    expect(analyze('Is ONJ on zoledronic acid more common in myeloma than in breast cancer?').notCovered).toEqual([]);
    expect(analyze('Is ONJ on zoledronic acid common in myeloma?').notCovered.map((entry) => entry.say)).toEqual(['multiple myeloma']);
    // Lung cancer holds no such exception: the knowledge reports nothing on it.
    expect(analyze('Denosumab for lung cancer bone mets, as in breast cancer?').notCovered.map((entry) => entry.say)).toEqual(['lung cancer']);
  });

  it('reads a not-covered setting named as a metastatic patient\'s history as history', () => {
    expect(analyze('Relapsed 8 months after adjuvant chemotherapy, now with bone metastases: what next?').notCovered).toEqual([]);
    // Without metastatic disease in the question, the setting is its subject.
    expect(analyze('What chemotherapy is given after adjuvant treatment?').notCovered).not.toEqual([]);
    // Relapse while still on the adjuvant medicine is history too.
    expect(analyze('She has relapsed with bone metastases while still taking adjuvant letrozole. Which tests should I send?').notCovered).toEqual([]);
    expect(analyze('Is she still taking adjuvant letrozole for 5 years?').notCovered).not.toEqual([]);
  });

  it('asks about what follows a leading "before doing X," clause, not about X', () => {
    expect(analyze('Before choosing first-line treatment for metastatic disease, which biomarker tests should I send?').intent).not.toBe('choice');
    expect(analyze('Which first-line treatment should I choose for metastatic disease?').intent).toBe('choice');
  });

  it('takes what a question names beside "alongside" as the circumstance of what it asks about', () => {
    const focus = analyze('Alongside endocrine therapy plus a CDK4/6 inhibitor, what should her initial bone management include?').focus;
    expect(focus.filter((entry) => !entry.context).map((entry) => entry.concept.name)).toEqual(['bone-modifying agent']);
  });

  it('takes a result or symptom a case only tells around its question as the circumstance, unless told with its value', () => {
    const asked = (question: string) => analyze(question).focus.filter((entry) => !entry.context).map((entry) => entry.concept.name);
    const told = 'Newly diagnosed ER+/HER2- metastatic breast cancer in the spine. LFTs are normal and she has no symptoms apart from bone pain.';
    expect(asked(`${told} What first-line systemic therapy should she have?`)).not.toContain('liver function tests');
    // Asked about, the same result is the subject…
    expect(asked(`${told} Do her LFTs need checking on ribociclib?`)).toContain('liver function tests');
    // …so is what a question points back at…
    expect(asked("Lately she's pale, tired all the time and breathless on the stairs. Could that be the olaparib?")).toContain('fatigue');
    // …and a score told with its value decides the answer.
    expect(asked('Painful lytic T10 metastasis, SINS 9. Does she need a surgical opinion before radiotherapy?')).toContain('Spinal Instability Neoplastic Score');
  });

  it.each([
    ['sciatica down my left leg 3 weeks after lifting a sofa, MRI says L5/S1 disc bulge, will i need surgery', 'back problems not caused by cancer, such as a slipped disc'],
    ['Stress fracture of the 2nd metatarsal from marathon training, how long in the boot?', 'sports injuries and stress fractures'],
    ['My toddler has a temperature of 38.9, when should I take her to A&E?', 'illness in young children'],
    ['fingers and toes still numb months after paclitaxel, will it ever go away', 'nerve damage from chemotherapy (numb or tingling hands and feet)'],
    ['Gout flare on allopurinol - colchicine dose with eGFR 40?', 'gout'],
    ['Suspected MSCC on bed rest - LMWH thromboprophylaxis or just stockings?', 'preventing blood clots (heparin injections or stockings)'],
    ['They drew little tattoo dots on my skin for my radiotherapy. Are they permanent?', 'radiotherapy planning marks and tattoos'],
    ['Since the chemo started everything tastes like metal', 'taste changes'],
    ['Spine SBRT 24 Gy/2 - what cord Dmax constraints should we use?', 'radiotherapy dose limits for the spinal cord and other organs'],
    ['are antidepressants safe for my low mood on letrozole?', 'antidepressants for mood'],
    ["I've had hiccups for three days since starting the dexamethasone", 'hiccups'],
    ['ER+ MBC with liver mets, now Child-Pugh B - capecitabine dose?', 'dosing in liver impairment (Child-Pugh)'],
    ['is laparoscopic bilateral oophorectomy an alternative to monthly goserelin?', 'surgery or radiotherapy to stop the ovaries working'],
    ["Is it safe to dye my hair while I'm having Enhertu?", 'hair dye and hair care during treatment'],
    ['MSCC at L1, nursed flat - intermittent or indwelling catheter?', 'bladder and bowel care (catheters, bowel regimens)'],
  ])('names what is not covered in "%s"', (question, say) => {
    expect(analyze(question).notCovered.map((entry) => entry.say)).toContain(say);
  });

  it('keeps in scope what sits beside a declined topic', () => {
    // Liver tests on ribociclib are held; dosing in liver impairment is not.
    expect(analyze('Ribociclib LFTs - how often in the first cycles?').notCovered).toEqual([]);
    expect(analyze('Should I take my morphine at the same time every day?').notCovered).toEqual([]);
  });

  it('reads morphine by its brand names ("her MST")', () => {
    expect(analyze('and her MST - does she need anything else for breakthrough?').focus.map((entry) => entry.concept.name)).toContain('morphine');
  });

  it('reads everyday words for a BRCA change and PARP tablets', () => {
    const names = (question: string) => analyze(question).focus.map((entry) => entry.concept.name);
    expect(names('I carry a BRCA2 gene change. Is there a tablet for that?')).toContain('germline BRCA mutation');
    expect(names('Could I have one of those PARP tablets instead of chemo?')).toContain('PARP inhibitor');
    // Pain on coughing is a spinal warning sign, not a chest symptom; having a cough is.
    expect(names("My back is worse when I cough or sneeze")).not.toContain('cough or breathlessness');
    expect(names('why does the nurse keep asking if I have a cough?')).toContain('cough or breathlessness');
    // A change found only in the tumour is another thing.
    expect(names('a somatic BRCA2 mutation on tumour NGS')).not.toContain('germline BRCA mutation');
  });

  it('keeps tiredness beside a PARP inhibitor in scope (its anaemia is held), and reads a whole-spine scan as an MRI', () => {
    const olaparib = analyze("My wife has been on olaparib for a year. Lately she's pale and tired all the time. Could that be the olaparib?");
    expect(olaparib.notCovered).toEqual([]);
    expect(olaparib.intent).toBe('adverse-effects');
    expect(olaparib.focus.map((entry) => entry.concept.name)).toContain('anaemia');
    expect(analyze('I am tired all the time, what can I do?').notCovered.map((entry) => entry.say)).toContain('tiredness (fatigue)');
    expect(analyze("Why do they want to scan my whole spine when it's only my lower back that hurts?").focus.map((entry) => entry.concept.name)).toContain('magnetic resonance imaging');
  });

  it('keeps antidepressants and anticonvulsants for cancer pain in scope, speaking of their members through them', () => {
    const pain = analyze('neuropathic cancer pain - any evidence for gabapentin or amitriptyline?');
    expect(pain.notCovered).toEqual([]);
    expect(pain.unknownDrugs).toEqual([]);
  });

  it('names a medicine the knowledge never uses', () => {
    expect(analyze('Metformin is giving me awful diarrhoea, would the modified release be better?').unknownDrugs).toEqual(['metformin']);
  });

  it('reads past surgery or osteoporosis named before a recurrence in the bones as background, not the subject', () => {
    const recurrence = analyze('My cancer came back in my bones 9 years after mastectomy. Is it curable?');
    expect(recurrence.notCovered).toEqual([]);
    expect(recurrence.focus.find((entry) => entry.concept.name === 'mastectomy')?.background).toBe(true);
    expect(analyze('I was on Prolia for osteoporosis, now my breast cancer has spread to my hip. Why is the Xgeva dose higher?').notCovered).toEqual([]);
    // Named as the subject, or without metastatic disease, they are still not covered.
    expect(analyze('Is a mastectomy better than a lumpectomy?').notCovered.map((entry) => entry.say)).toEqual(['surgery of the breast and lymph nodes']);
    expect(analyze('Recovery 9 years after mastectomy: is lymphoedema likely?').notCovered).not.toEqual([]);
  });

  it('orders the intents of a compound question by the part that asks each, and the listed order within a part', () => {
    expect(analyze('How is HER2-positive disease treated, and how long does it go on for?').intents.slice(0, 2)).toEqual(['management', 'duration']);
    expect(analyze('How long does it go on for, and how is HER2-positive disease treated?').intents.slice(0, 2)).toEqual(['duration', 'management']);
    // "Which" alone places no choice: the dose is asked first.
    expect(analyze('Which bisphosphonate, at what dose, and how do you choose?').intents.slice(0, 2)).toEqual(['dose', 'choice']);
  });

  it('keeps a told finding the subject when a question names nothing ("Stage and mx?"), and a treatment one is stable on a circumstance', () => {
    const jaw = analyze('Exposed necrotic bone mandible 10 wks, pain + purulence, on ZA 2 yrs. Stage and mx? Hold ZA?');
    expect(jaw.focus.find((entry) => entry.concept.name === 'osteonecrosis of the jaw')?.context).toBe(false);
    const told = analyze('LFTs are normal and she has no symptoms apart from bone pain. What first-line systemic therapy should she have?');
    expect(told.focus.find((entry) => entry.concept.name === 'cancer pain')?.context).toBe(true);
    const stable = analyze('3 bone-only mets, HR+, stable on CDK4/6i. SBRT to all sites - evidence for OS benefit?');
    expect(stable.focus.find((entry) => entry.concept.name === 'CDK4/6 inhibitor')?.context).toBe(true);
    expect(stable.focus.map((entry) => entry.concept.name)).toContain('oligometastatic');
  });

  it('reads an option named by its dose as an option, not as a dose question', () => {
    expect(analyze('Zoledronic acid at a reduced dose or denosumab 120 mg: does the guideline prefer one for her, and why?').intent).toBe('choice');
    expect(analyze('What is the reduced dose of zoledronic acid at a CrCl of 36?').intent).toBe('dose');
  });

  it('reads what to watch for about a condition as its warning signs, and about a medicine as its side effects', () => {
    const condition = analyze("The MRI letter says Dad's cancer is 'close to the spinal cord but not compressing it'. What should we watch for at home, and when do we ring?");
    expect(condition.intents.slice(0, 2)).toEqual(['when-to-seek-help', 'adverse-effects']);
    expect(condition.focus.map((entry) => entry.concept.name)).toContain('metastatic spinal cord compression');
    expect(analyze('She starts denosumab today. What should we watch for at home, and when do we ring?').intent).toBe('adverse-effects');
  });

  it('reads where a word was read ("my biopsy letter says…") as background, and the words themselves as asked', () => {
    const letter = analyze("My biopsy letter says 'triple-negative, HER2-low'. How can it be both?");
    expect(letter.focus.find((entry) => entry.concept.name === 'clinic letter')?.background).toBe(true);
    expect(letter.focus.map((entry) => entry.concept.name)).not.toContain('biopsy');
    expect(analyze('Will I need a biopsy of the new spot?').focus.map((entry) => entry.concept.name)).toContain('biopsy');
    expect(analyze("The consultant said I'm 'de novo, bone-only'. How long do people in that group live?").focus.map((entry) => entry.concept.name)).toEqual(
      expect.arrayContaining(['de novo metastatic', 'bone metastases']),
    );
  });

  it('sets apart a topic not covered asked in a question of its own, and not one told beside the question or asked with it', () => {
    const trial = analyze("Can I still join a clinical trial if my cancer is only in my bones? The research nurse said I might not have 'measurable disease'. What does that mean?");
    expect(trial.notCovered).toEqual([]);
    expect(trial.setApart.map((entry) => entry.say)).toEqual(['how to join a clinical trial']);
    expect(trial.focus.map((entry) => entry.concept.name)).not.toContain('joining a clinical trial');
    expect(analyze('Can I drink alcohol? And how is denosumab given?').setApart.map((entry) => entry.concept.name)).toEqual(['alcohol']);
    for (const question of ['I drink wine every night. Is that OK with letrozole?', 'Can I drink alcohol on denosumab?', 'Can I drink alcohol? And is it safe?']) {
      const analysis = analyze(question);
      expect(analysis.setApart, question).toEqual([]);
      expect(analysis.notCovered.map((entry) => entry.concept.name), question).toEqual(['alcohol']);
    }
    // A topic that qualifies the rest (another cancer, early disease) is never set apart.
    expect(analyze('Is it lung cancer? And how is denosumab given?').setApart).toEqual([]);
  });

  it('reads the intent from the sentence that asks, when the message also tells what happened', () => {
    const asked = analyze('I had a lumpectomy years ago. A bone scan shows spots in my spine. What treatment will they likely offer first?');
    expect(asked.intent).toBe('management');
    // A message with no question mark, or only questions, is read whole.
    expect(analyze('A bone scan shows spots in my spine').intent).toBe('monitoring');
  });

  it('keeps an exception the scope declares: stopping denosumab given for osteoporosis is covered', () => {
    expect(analyze('How are rebound vertebral fractures after stopping denosumab for osteoporosis prevented?').notCovered).toEqual([]);
    expect(analyze('What is the best treatment for osteoporosis?').notCovered.map((entry) => entry.say)).toEqual(['osteoporosis']);
    // Prolia for thin bones beside Xgeva for bone metastases is covered (never both): Xgeva names the exception.
    expect(analyze('my GP wants me on prolia for thinning bones but i already have xgeva. can i have both?').notCovered).toEqual([]);
    expect(analyze('My doctor wants me to take Prolia for thin bones. What is it?').notCovered.map((entry) => entry.say)).toEqual(['osteoporosis']);
  });

  it('marks a concept named as the person\'s circumstance, and leaves out one said to be absent', () => {
    const context = (question: string) => analyze(question).focus.map((entry) => [entry.concept.name, entry.context]);
    expect(context('Can I take calcium supplements while I am taking letrozole?')).toEqual([
      ['calcium supplement', false],
      ['letrozole', true],
    ]);
    expect(context('Previously had a taxane: is olaparib an option?')).toEqual([
      ['taxane', true],
      ['olaparib', false],
    ]);
    expect(context('What is the letrozole dose?')).toEqual([['letrozole', false]]);
    // A clause opening with "on" states what the person takes; the evidence "on" a drug is not that.
    expect(context('Zoledronic acid dose for CrCl 42 mL/min? Bone-only MBC, on letrozole + ribociclib.').filter(([, isContext]) => isContext)).toEqual([
      ['letrozole', true],
      ['ribociclib', true],
    ]);
    expect(context('What is the evidence on palbociclib?')).toEqual([['palbociclib', false]]);
    // With no other medicine asked about, the medicine taken is the subject: the side effect is its.
    expect(context('on abemaciclib and the diarrhoea is getting me down. how do I manage it?')).toEqual([
      ['abemaciclib', false],
      ['diarrhoea', false],
    ]);
    // Beside a test asked about, the medicines it stopped responding to stay the circumstance.
    expect(context('It has stopped responding to letrozole and palbociclib. What is the blood test for gene changes for?')).toEqual([
      ['letrozole', true],
      ['palbociclib', true],
      ['circulating tumour DNA', false],
    ]);
    // A spaced hyphen ends the clause a context cue reaches over.
    expect(context('gBRCA2, progressing on endocrine tx - is olaparib an option?').filter(([name]) => name !== 'germline BRCA mutation')).toEqual([
      ['later-line', false],
      ['endocrine therapy', true],
      ['olaparib', false],
    ]);
    // A medicine given before the one asked about is its circumstance; alone, it is what is asked about.
    expect(context('elacestrant after palbociclib: what PFS?')).toEqual([
      ['elacestrant', false],
      ['palbociclib', true],
    ]);
    expect(context('what comes after palbociclib?')).toEqual([['palbociclib', false]]);
    // Only a medicine: a condition after "after" is not made a circumstance by it.
    expect(context('pain after radiotherapy - is a flare normal?').filter(([name]) => name === 'radiotherapy')).toEqual([['radiotherapy', false]]);
    const names = (question: string) => analyze(question).focus.map((entry) => entry.concept.name);
    expect(names('Palbociclib: ANC 0.9 on day 1, no fever. Delay or reduce?')).toEqual(['palbociclib', 'neutropenia']);
    expect(names('Palbociclib with fever: what to do?')).toEqual(['palbociclib', 'fever']);
  });

  it('flags a drug-like word the knowledge never uses, but not a known drug or a misspelling of one', () => {
    expect(analyze('ondansetron for the sickness').unknownDrugs).toEqual(['ondansetron']);
    expect(analyze('betrixaban with zoledronic acid').unknownDrugs).toEqual(['betrixaban']);
    expect(analyze('denosumub and zolendronic acid').unknownDrugs).toEqual([]);
    expect(analyze('starting alpelisib next week - prophylactic levocetirizine for the rash?').unknownDrugs).toEqual(['levocetirizine']);
  });

  it('finds trials the knowledge never names, and not scores, grades or the trials it holds', () => {
    const trials = (question: string) => analyze(question).unknownTrials;
    expect(trials('What did EMBER-3 show for imlunestrant?')).toEqual(['EMBER-3']);
    // "ASCENT" is held; ASCENT-04 is another trial.
    expect(trials('Has ASCENT-04 changed first line for PD-L1+ mTNBC?')).toEqual(['ASCENT-04']);
    for (const question of ['What did ASCENT show?', 'What did DESTINY-Breast04 show?', 'MONALEESA-7 results?', 'SINS 13 spine met - refer to surgeons?', 'ECOG 1, denosumab?', 'mTNBC, PD-L1 CPS 3: pembro?', 'ASCO 2023 advice on ESR1?']) {
      expect(trials(question), question).toEqual([]);
    }
  });
});

describe('cue patterns', () => {
  it('match whole words, a * word wildcard, word endings and quantities', () => {
    const pattern = compileCues(['how is * given', 'infus*', '{quantity}', '%'])!;
    expect(pattern.test('how is denosumab given')).toBe(true);
    expect(pattern.test('how is it usually given')).toBe(true);
    expect(pattern.test('infusion time')).toBe(true);
    expect(pattern.test('120 mg')).toBe(true);
    expect(pattern.test('29.5%')).toBe(true);
    expect(pattern.test('confusion')).toBe(false);
    expect(compileCues([])).toBeUndefined();
  });
});
