import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/domain/types.js';
import { fleschKincaidGrade } from '../../src/knowledge/readability.js';
import { splitSentences } from '../../src/text/sentences.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';

// What an answer must say, checked on the bundled pack: the answer a clinician or a patient expects.
const pack = await servicesFor(PACK_KNOWLEDGE);
const ask = (message: string, audience: 'professional' | 'patient' = 'professional') => pack.answer({ message, audience });
const SEED = 'What is the treatment approach for breast cancer with bone metastasis?';

const body = (answer: Answer) => answer.blocks.filter((block) => block.kind !== 'heading').map((block) => block.text).join('\n');
/** The answer's bottom line: its summary blocks. */
const leadOf = (answer: Answer) => answer.blocks.filter((block) => block.kind === 'summary').map((block) => block.text).join(' ');
/** The last answer of a conversation, each message asked with the turns before it. */
const chat = async (audience: 'patient' | 'professional', ...messages: string[]) => {
  const history: Array<{ question: string; standaloneQuestion: string }> = [];
  let answer: Answer | undefined;
  for (const message of messages) {
    answer = await pack.answer({ message, audience, history: [...history] });
    history.push({ question: message, standaloneQuestion: answer.standaloneQuestion ?? message });
  }
  return answer!;
};
/** The last answer of a conversation, each turn kept as a stored conversation keeps it (with its bottom line). */
const converse = async (audience: 'patient' | 'professional', ...messages: string[]) => {
  const history: Array<{ question: string; standaloneQuestion: string; answerLead?: string }> = [];
  let answer: Answer | undefined;
  for (const message of messages) {
    answer = await pack.answer({ message, audience, history: [...history] });
    const lead = leadOf(answer).replace(/\s*(?:\[\d+\])+/g, '').trim();
    history.push({ question: message, standaloneQuestion: answer.standaloneQuestion ?? message, ...(lead ? { answerLead: lead } : {}) });
  }
  return answer!;
};
const sentencesOf = (answer: Answer) =>
  answer.blocks.filter((block) => block.kind !== 'heading').flatMap((block) => splitSentences(block.text.replace(/\s*(?:\[\d+\])+/g, '')));
const cited = (answer: Answer) => new Set(answer.references.flatMap((reference) => reference.passages.map((passage) => passage.id)));
const noticeOf = (answer: Answer, kind: string) => answer.notices.find((notice) => notice.kind === kind)?.text;

function words(sentence: string): Set<string> {
  return new Set(sentence.toLowerCase().match(/[a-z]{3,}/g) ?? []);
}

/** Two sentences of one answer that say the same thing in nearly the same words. */
function nearDuplicates(answer: Answer): string[][] {
  const sentences = sentencesOf(answer);
  const pairs: string[][] = [];
  sentences.forEach((a, i) =>
    sentences.slice(i + 1).forEach((b) => {
      const left = words(a);
      const right = words(b);
      const shared = [...left].filter((word) => right.has(word)).length;
      if (shared / (left.size + right.size - shared) >= 0.8 && !/creatinine clearance of|Mirels|SINS/.test(a)) pairs.push([a, b]);
    }),
  );
  return pairs;
}

describe('the seed question', () => {
  it('answers a clinician with every facet of the treatment approach, once each, under a title naming the topic', async () => {
    const answer = await ask(SEED);
    const text = body(answer);
    expect(answer.title).toBe('Treatment of bone metastases from breast cancer');
    expect(text).toMatch(/Denosumab 120 mg[^.]*every 4 weeks/);
    expect(text).toMatch(/Zoledronic acid 4 mg[^.]*every 12 weeks/);
    expect(text).toMatch(/dental/i);
    expect(text).toMatch(/calcium[^.]*vitamin D/);
    expect(text).toMatch(/endocrine therapy[^.]*CDK4\/6 inhibitor/);
    expect(text).toMatch(/pertuzumab plus trastuzumab/);
    expect(text).toMatch(/[Cc]hemotherapy[^.]*triple-negative/);
    expect(text).toMatch(/single 8 Gy fraction/);
    expect(text).toMatch(/impending fracture|prophylactic (?:surgery|fixation)/);
    expect(text).toMatch(/spinal cord compression[^.]*emergency/i);
    expect(answer.blocks.some((block) => block.kind === 'pitfall')).toBe(true);
    // Subtypes commonest first: HR-positive before HER2-positive before triple-negative.
    expect(text.indexOf('HR-positive')).toBeLessThan(text.indexOf('HER2-positive'));
    expect(text.indexOf('HER2-positive')).toBeLessThan(text.indexOf('triple-negative'));
    expect(nearDuplicates(answer)).toEqual([]);
    expect(answer.references.length).toBeLessThanOrEqual(12);
    expect(answer.understood).toEqual({ intent: 'management', focus: [{ concept: 'bone metastases', type: 'condition', covered: true }] });
  });

  it('answers a patient differently, from patient documents, at reading grade 8 or below', async () => {
    const professional = await ask(SEED);
    const patient = await ask(SEED, 'patient');
    expect(patient.markdown).not.toBe(professional.markdown);
    const patientDocuments = patient.references.filter((reference) => reference.type === 'patient-information');
    expect(patientDocuments.length / patient.references.length).toBeGreaterThan(0.5);
    expect(fleschKincaidGrade(sentencesOf(patient))).toBeLessThanOrEqual(8);
    expect(fleschKincaidGrade(sentencesOf(professional))).toBeGreaterThan(8);
  });

  it.each(['Will radiotherapy help my bone pain?', 'Will I need radiotherapy after an operation on my bone?', 'Where is the denosumab injection given?'])(
    'reads at grade 8 or below with its "things to avoid" included: "%s"',
    async (question) => {
      const answer = await ask(question, 'patient');
      expect(answer.blocks.length).toBeGreaterThan(0);
      expect(fleschKincaidGrade(sentencesOf(answer))).toBeLessThanOrEqual(8);
    },
  );

  it('answers "what signs should make me call for help" with the warning signs', async () => {
    const answer = await ask('I have cancer in my spine. What signs should make me call for help?', 'patient');
    expect(answer.understood.intent).toBe('when-to-seek-help');
    expect(body(answer)).toMatch(/Get help now if you have numbness or pins and needles in your legs/);
    expect(body(answer)).toMatch(/cannot control your bladder or bowel/);
  });

  it('answers "she feels like she has got the flu" with the flu-like reaction to zoledronic acid', async () => {
    const answer = await ask('my mums on zometa and she feels like shes got the flu is that normal', 'patient');
    expect(body(answer)).toContain('Zoledronic acid can cause flu-like aches');
  });
});

describe('the bottom line', () => {
  it('of a dose question is a dose of what it asks about', async () => {
    const answer = await ask('T-DXd starting dose for HER2-low MBC?');
    expect(answer.blocks[0]?.text).toMatch(/5\.4 mg\/kg/);
  });

  it('of a results question is a result, even one stated for a population the question did not name', async () => {
    const answer = await ask('Which CDK4/6 inhibitor has an overall survival benefit?');
    expect(answer.understood.intent).toBe('results');
    expect(answer.blocks[0]?.text).toMatch(/MONALEESA-[27][^.]*overall survival/);
  });

  it('is not a statement of what the knowledge lacks unless a choice is asked', async () => {
    const monitoring = await ask('Ribociclib LFTs - how often in the first few cycles?');
    expect(monitoring.understood.intent).toBe('monitoring');
    expect(monitoring.blocks[0]?.text).toMatch(/Liver function tests/);
    const choice = await ask('palbociclib or ribociclib or abemaciclib, which is best?');
    expect(choice.blocks[0]?.text).toMatch(/does not include a trial comparing palbociclib, ribociclib and abemaciclib/);
  });
});

describe('whole sections', () => {
  it('reads the best section whole, passages the retrieval missed included, and titles a condition\'s harms as problems', async () => {
    const answer = await ask('What problems can cancer in my bones cause?', 'patient');
    expect(answer.title).toBe('Bone metastases: problems it can cause');
    const text = body(answer);
    expect(text).toMatch(/pain in the bone/);
    expect(text).toMatch(/bone may break more easily/);
    expect(text).toMatch(/press on the spinal cord/);
    expect(text).toMatch(/raise the level of calcium/);
  });
});

describe('patient text on treating a harm', () => {
  it('tells a patient how lung swelling on trastuzumab deruxtecan is treated, from patient text', async () => {
    const answer = await ask('How is lung inflammation from trastuzumab deruxtecan treated?', 'patient');
    expect(answer.blocks[0]?.text).toMatch(/pause or stop trastuzumab deruxtecan/);
    expect(noticeOf(answer, 'professional-source')).toBeUndefined();
  });
});

describe('a harm asked about in everyday words', () => {
  it('answers "will dexamethasone mess up my sugar?" with the hyperglycaemia the knowledge holds', async () => {
    const answer = await ask("I'm diabetic. They've given me dexamethasone tablets with my radiotherapy. Why do I need them? Will they mess up my sugar?", 'patient');
    expect(body(answer)).toMatch(/blood glucose deserves attention in patients with diabetes/);
  });
});

describe('things to avoid', () => {
  it('does not repeat as a pitfall what the answer already says in another leaflet\'s words', async () => {
    const answer = await ask("My bones don't hurt at all. Do I really need the bone medicine?", 'patient');
    const said = answer.markdown.match(/Do not stop your bone medicine on your own before dental work/g) ?? [];
    expect(said.length).toBeLessThanOrEqual(1);
    expect(nearDuplicates(answer)).toEqual([]);
  });
});

describe('a concept few sentences name', () => {
  it('finds the leaflet sentence that names it in other words: loperamide is "the anti-diarrhoea medicine"', async () => {
    const answer = await ask('should i take the loperamide every day anyway just in case', 'patient');
    expect([...cited(answer)]).toContain('patient-cancer-treatments#palbociclib-ribociclib-and-abemaciclib-what-to-look-out-for-7');
    // Nothing about another medicine's blood tests stands in for it.
    expect(body(answer)).not.toMatch(/blood test/);
  });
});

describe('holding a dose', () => {
  it('answers whether to hold denosumab before a tooth extraction with the dental advice, not the dose', async () => {
    const answer = await ask('Patient on denosumab needs a molar extraction next week - should we hold the next dose?');
    const lead = answer.blocks.filter((block) => block.kind === 'summary').map((block) => block.text).join(' ');
    expect(lead).toMatch(/interrupt denosumab|invasive dental procedures/);
    expect(lead).not.toMatch(/120 mg/);
  });
});

describe('asks about when a dose changes, a grade and a choice the knowledge cannot make', () => {

  it('answers when abemaciclib\'s dose changes with the diarrhoea advice instead of refusing for want of milligrams', async () => {
    const answer = await ask('on abema for bone-only ER+ MBC - what do we tell her to do at the first loose stool, and when do we actually change the dose?');
    expect(answer.notices.some((notice) => notice.kind === 'out-of-scope')).toBe(false);
    expect(body(answer)).toMatch(/dose changes are recommended for diarrhoea of grade 2 or higher/);
    // A medicine with no dose held at all is still said to be without one.
    const elacestrant = await ask('elacestrant dose?');
    expect(elacestrant.notices.map((notice) => notice.text).join(' ')).toMatch(/do not cover a dose of elacestrant/);
  });

  it('answers "will they lower the dose?" with whether it changes, a harm of the medicine being on its subject', async () => {
    const patient = leadOf(await ask("My kidneys don't work very well. Can I still have Xgeva injections, and will they lower the dose?", 'patient'));
    expect(patient).toMatch(/^Denosumab does not need a dose change for the kidneys/);
    // A compound dose and safety question is led by its dose part.
    const dialysis = leadOf(await ask('Does denosumab 120 mg need a dose change in a patient on haemodialysis with breast cancer bone metastases, and what is the main safety concern?'));
    expect(dialysis).toMatch(/no denosumab dose adjustment is required/);
  });

  it('says when nothing held gives how long a treatment goes on, and brings the sentence that does when one does', async () => {
    const history = [{ question: 'ER+ HER2- bone only mets, first line?', standaloneQuestion: 'ER+ HER2- bone only mets, first line?', answerLead: 'For HR-positive, HER2-negative metastatic breast cancer, endocrine therapy (an aromatase inhibitor or fulvestrant) plus a CDK4/6 inhibitor (palbociclib, ribociclib or abemaciclib) is the recommended first-line treatment.' }];
    const continued = await pack.answer({ message: 'how long is that usually continued?', audience: 'professional', history });
    expect(noticeOf(continued, 'not-covered')).toMatch(/do not cover how long endocrine therapy and CDK4\/6 inhibitor are continued/);
    // A trial's enrolment ("within 6 months of starting…") or survival figures do not say how long.
    expect(leadOf(continued)).not.toMatch(/enrolled|median/);
    const zometa = await ask('How long will I have to keep having my Zometa drips? Is it for the rest of my life?', 'patient');
    expect(leadOf(zometa)).toMatch(/optimal total duration of bone-modifying agent therapy .* has not been established/);
    expect(noticeOf(zometa, 'not-covered')).toBeUndefined();
  });

  it('brings in the sentence naming a harm the person reports with the medicine, when nothing quoted names it', async () => {
    // (The leaflet's olaparib section names both harms she reports and what to tell the team.)
    const answer = await ask("My wife has been on olaparib for about a year. Lately she's pale, tired all the time and gets breathless on the stairs. Could that be the olaparib?", 'patient');
    expect(leadOf(answer)).toMatch(/olaparib/);
    expect(body(answer)).toMatch(/Olaparib and talazoparib can also cause anaemia/);
    expect(body(answer)).toMatch(/Tell your team if you feel more tired or out of breath than usual, or look pale/);
  });

  it('answers whether to rechallenge after anaphylaxis with the permanent stop', async () => {
    const lead = leadOf(await ask('xgeva pt had anaphylaxis 10 min after her last dose - ok to rechallange next month w premeds? if not what for her bones'));
    expect(lead).toMatch(/anaphylaxis requires permanent discontinuation/);
  });

  it('reads "gr1" as grade 1', async () => {
    const lead = leadOf(await ask('asymptomatic gr1 ILD on enhertu (incidental on CT) - stop for good or just hold?'));
    expect(lead).toMatch(/grade 1\) interstitial lung disease, trastuzumab deruxtecan is interrupted/);
    expect(lead).not.toMatch(/stopped permanently/);
  });

  it('reads "after the last dose" as asking how long, not the dose', async () => {
    expect(leadOf(await ask('xgeva + pregnancy - how long after the last dose shd she avoid getting pregnant?'))).toMatch(/at least 5 months after the last dose/);
  });

  it('answers "which is better?" with the knowledge saying that neither is, when it says so of both', async () => {
    const lead = leadOf(await ask('my oncologist says i can have either a jab every 4 weeks or a drip every 12 weeks to protect my bones. which is better?', 'patient'));
    expect(lead).toMatch(/^Doctors have not found that one bone medicine is clearly better/);
    // A limitation about one of the two does not answer a question about both.
    expect(leadOf(await ask('How often did hypocalcaemia occur with denosumab versus zoledronic acid in the trials?'))).not.toMatch(/REDUSE/);
  });
});

describe('patient questions told in everyday words', () => {

  it('leads a side-effects question with the section that names them, not with what the treatment is for', async () => {
    const lead = leadOf(await ask('What side effects can radiotherapy for bone pain cause?', 'patient'));
    expect(lead).toMatch(/get worse for a short time/);
    // A heading that shares no word with the question does not lead ("is it normal that I need my extra morphine…").
    expect(leadOf(await ask('Is it normal that I need my extra morphine for breakthrough pain most days?', 'patient'))).not.toMatch(/treated bone/);
  });

  it('defines the concept the question asks about first, not another one it names', async () => {
    const lead = leadOf(await ask("What is 'visceral crisis'? My oncologist said I'm not in one, so I'm starting hormone tablets and a CDK4/6 tablet instead of chemo.", 'patient'));
    expect(lead).toMatch(/^A visceral crisis is/);
  });

  it('answers how long trastuzumab deruxtecan goes on in plain words', async () => {
    const lead = leadOf(await ask("I'm starting Enhertu next week. Is it a set number of drips like my first chemo was, or how long will I be on it?", 'patient'));
    expect(lead).toMatch(/no set number/);
  });

  it('answers why the lowest white cell count matters with the leaflet sentence that says so', async () => {
    const lead = leadOf(await ask('My mum starts chemotherapy next week. The nurse told us to ask when her white cells will be at their lowest. Why does that matter?', 'patient'));
    expect(lead).toMatch(/infection is most likely then/);
  });

  it('answers a new cough on trastuzumab deruxtecan with calling the team today', async () => {
    const answer = await ask("My wife is on Enhertu and for two days she's had a new dry cough and gets a bit short of breath. She wants to wait until her next drip next week. Is that OK?", 'patient');
    expect(leadOf(answer)).toMatch(/Call your care team today about a new cough or shortness of breath/);
  });

  it('answers whether a man is treated as a woman would be from the guidance on men', async () => {
    const answer = await ask("My husband has breast cancer that has spread to his bones. Will his treatment be the same as a woman's would be?", 'patient');
    expect(leadOf(answer)).toMatch(/same as (?:those used )?for women/);
  });

  it('answers how long a drip takes with its minutes, and a circumstance named ("in A&E") in the bottom line', async () => {
    expect(leadOf(await ask('How long does the Zometa drip take? I need to book someone to drive me.', 'patient'))).toMatch(/takes at least 15 minutes/);
    const emergency = leadOf(await ask("If I end up in A&E with a temperature while I'm on chemo, do I need to tell them anything?", 'patient'));
    expect(emergency).toMatch(/tell the staff straight away that you are having cancer treatment/);
    // Without the circumstance, the bottom line is the fever advice itself.
    expect(leadOf(await ask("What should I do if I get a temperature while I'm on chemo?", 'patient'))).not.toMatch(/tell the staff/);
  });

  it('answers "is X another word for Y?" with what X is, and "how much…?" for a patient with how often it is taken', async () => {
    expect(leadOf(await ask('Is a CDK4/6 inhibitor just another word for chemo? My doctor wants me to take one with letrozole.', 'patient'))).toMatch(/^A CDK4\/6 inhibitor is a tablet/);
    expect(leadOf(await ask('How much calcium and vitamin D should I take with my Zometa drips?', 'patient'))).toMatch(/take calcium and vitamin D every day/);
  });

  it('leads with a mistake to avoid when the question matches it far better than anything else', async () => {
    const lead = leadOf(await ask('My GP wants to start me on Prolia injections for thinning bones. I already have Xgeva every 4 weeks from the cancer clinic. Can I still have both?', 'patient'));
    expect(lead).toMatch(/^Do not take Prolia if you already have Xgeva/);
    // A question the pitfalls only touch keeps its own bottom line.
    expect(leadOf(await ask('How is Xgeva given?', 'patient'))).not.toMatch(/^Do not/);
  });

  it('answers a why-question from a section whose heading shares its words, not another why-section of the leaflet', async () => {
    const lead = leadOf(await ask('Why do I need a blood test before every single Zometa drip? I already had one before the first.', 'patient'));
    expect(lead).toMatch(/blood test/);
    expect(lead).not.toMatch(/^Low blood calcium is more common/);
  });

  it('answers why the type of breast cancer matters from the section on types, not from the bone medicines', async () => {
    const answer = await ask("Why does it matter which type of breast cancer I have? Isn't all breast cancer that has spread treated the same way?", 'patient');
    expect(answer.understood.focus.map((entry) => entry.concept)).toContain('breast cancer type');
    expect(body(answer)).toMatch(/test results show which medicines will work best/);
    expect(leadOf(answer)).not.toMatch(/bone medicine/);
    expect(answer.title).toBe('Breast cancer type: why it matters');
    expect((await ask('Why do I need a blood test before my Zometa drip?', 'patient')).title).toMatch(/: why it is done$/);
    // One subtype asked about still keeps the others out.
    expect(body(await ask('What is the first-line treatment for triple-negative metastatic breast cancer?'))).not.toContain('CLEOPATRA');
  });

  it('answers an injection told in a place by where it goes, a hygienist visit by dental care, and "is it normal to be put on…" by why', async () => {
    expect(leadOf(await ask('Is it normal that the nurse gives my Xgeva injection in my tummy? My friend has hers in her arm.', 'patient'))).toMatch(/upper arm, upper thigh or tummy/);
    const hygienist = await ask("Can I still go to the hygienist for a scale and polish while I'm on Zometa drips?", 'patient');
    expect(hygienist.understood.focus.map((entry) => entry.concept)).toContain('dental examination');
    expect(leadOf(hygienist)).toMatch(/dental/);
    expect((await ask("Is it normal to be put on morphine for my bone pain when I'm already booked in for radiotherapy?", 'patient')).understood.intent).toBe('reason');
    expect((await ask('Is it normal to feel sick on palbociclib?', 'patient')).understood.intent).toBe('adverse-effects');
  });

  it('tells a patient asking what they might feel after a drip of its harms, the flu-like reaction among them', async () => {
    const answer = await ask('Afterwards, what might I feel with Zometa?', 'patient');
    expect(answer.understood.intent).toBe('adverse-effects');
    expect(cited(answer)).toContain('patient-bone-medicines#what-side-effects-can-happen-1');
  });

  it('says when the effect of a medicine the person is on wears off when its class is what is asked about', async () => {
    const answer = await ask('Woman on denosumab 120 mg every 4 weeks for bone mets is going abroad and would miss two injections. How long does the antiresorptive effect last after a dose, and is there any risk from a gap like that?');
    expect(cited(answer)).toContain('stopping-denosumab#what-happens-when-denosumab-is-stopped-1');
  });
});

describe('trial populations', () => {
  it('answers who took part in a trial with its enrolment, under a title that says so', async () => {
    const answer = await ask('Which patients did ASCENT include?');
    expect(answer.title).toBe('ASCENT: who took part');
    expect(answer.blocks[0]?.text).toMatch(/^ASCENT enrolled patients/);
  });
});

describe('near-duplicates', () => {
  it('keeps a short sentence that shares only two words with a longer one', async () => {
    const text = body(await ask('Why do I need a bone medicine?', 'patient'));
    expect(text).toMatch(/A bone medicine does not treat the cancer itself/);
    expect(text).toMatch(/A bone medicine helps keep bones strong/);
  });

  it('drops a sentence whose words another one already says', async () => {
    const text = body(await ask('What is the treatment approach for breast cancer with bone metastasis?'));
    expect(text.match(/Denosumab[^.]*120 mg[^.]*every 4 weeks/g)?.length).toBe(1);
  });
});

describe('side effects', () => {
  it('are found for a medicine in sentences naming it or its class alone, or beside other medicines more than once', () => {
    const { bank } = pack.tools;
    expect(bank.sideEffectsOf('denosumab')).toEqual(expect.arrayContaining(['hypocalcaemia', 'osteonecrosis of the jaw', 'atypical femoral fracture']));
    // Named with zoledronic acid only in a sentence on switching from denosumab: a harm of denosumab.
    expect(bank.sideEffectsOf('zoledronic acid')).not.toContain('multiple vertebral fractures');
    expect(bank.sideEffectsOf('zoledronic acid')).toContain('renal toxicity');
    // Named with the other aromatase inhibitors, every member of their class: harms of each of them.
    expect(bank.sideEffectsOf('letrozole')).toEqual(expect.arrayContaining(['menopausal symptoms', 'fatigue']));
    // …but not harms said of two bone medicines of the three together.
    expect(bank.sideEffectsOf('pamidronate')).not.toContain('multiple vertebral fractures');
  });

  it('answers "what are the side effects of X?" with each harm held for X, one of them first', async () => {
    const answer = await ask('What are the main safety warnings for denosumab (Xgeva)?');
    const text = body(answer);
    expect(text).toMatch(/osteonecrosis of the jaw/i);
    expect(text).toMatch(/hypocalcaemia/i);
    expect(text).toMatch(/atypical femoral fracture/i);
    expect(text).toMatch(/vertebral fractures/i);
    expect(answer.blocks[0]?.text).toMatch(/osteonecrosis|hypocalcaemia|femoral fracture|vertebral fractures/i);
  });

  it('states each harm as happening, in professional text for a professional, rather than how it is prevented', async () => {
    const text = body(await ask('What are the side effects of Xgeva?'));
    expect(text).toMatch(/Denosumab can cause severe symptomatic hypocalcaemia/);
    expect(text).toMatch(/Osteonecrosis of the jaw has occurred in patients treated with denosumab/);
    expect(text).toMatch(/Atypical femoral fractures? ha(?:s|ve) been reported/);
  });

  it('leads with the harm, not the dose or a limitation of the knowledge', async () => {
    const answer = await ask('what are the side effects of palbociclib?');
    expect(answer.blocks[0]?.text).toMatch(/[Nn]eutropenia/);
    const ribociclib = await ask('side effects of ribociclib');
    // A harm of ribociclib leads (its commonest, or its QT prolongation), not a rule for dosing through one.
    expect(ribociclib.blocks[0]?.text).toMatch(/QT interval|most common adverse reactions to ribociclib/);
    expect(ribociclib.blocks[0]?.text).not.toMatch(/is interrupted|is resumed/);
  });

  it('gives a patient each harm from patient text, and says so only when professional text is quoted', async () => {
    const answer = await ask('What side effects can zoledronic acid cause?', 'patient');
    const text = body(answer);
    expect(text).toMatch(/flu-like/);
    expect(text).toMatch(/kidneys/);
    expect(text).toMatch(/jaw/);
    expect(text).toMatch(/thigh bone/);
    expect(noticeOf(answer, 'professional-source')).toBeUndefined();
    const lung = await ask('what should I look out for on trastuzumab deruxtecan?', 'patient');
    expect(lung.blocks[0]?.text).toMatch(/lung|cough|short of breath/);
  });

  it('does not list side effects when the question asks whether one thing is safe', async () => {
    const answer = await ask('Is it safe to skip my Xgeva shots for a few months?', 'patient');
    expect(answer.blocks[0]?.text).toMatch(/stop or skip denosumab|protects your bones only while/);
    expect(body(answer)).not.toMatch(/thigh bone/);
  });
});

describe('a condition a measured value shows', () => {
  it('is asked about as if named: low calcium on denosumab gets calcium and vitamin D, and monitoring', async () => {
    const answer = await ask('Pt on denosumab 120 mg q4w, corrected Ca 1.9 mmol/L, asymptomatic. What now?');
    expect(answer.understood.focus.map((entry) => entry.concept)).toContain('hypocalcaemia');
    expect(body(answer)).toMatch(/[Cc]alcium(?:, magnesium)? and vitamin D (?:should be )?given/);
    // At 1.9 mmol/L without symptoms it is not severe: no intravenous calcium.
    expect(body(answer)).not.toMatch(/calcium gluconate/);
    // A normal value shows nothing: the same question with a normal calcium is about denosumab alone.
    const normal = await ask('Pt on denosumab 120 mg q4w, corrected Ca 2.4 mmol/L, asymptomatic. What now?');
    expect(normal.understood.focus.map((entry) => entry.concept)).not.toContain('hypocalcaemia');
  });
});

describe('dose reduction steps', () => {
  it('answers how a dose is reduced with the reduction steps, which are not a starting dose', async () => {
    const reduce = await ask('When do we dose reduce abemaciclib?');
    expect(noticeOf(reduce, 'out-of-scope')).toBeUndefined();
    expect(body(reduce)).toMatch(/steps of 50 mg/);
    // A starting dose is answered by the starting dose, not by the reduction steps.
    const start = await ask('abemaciclib starting dose?');
    expect(start.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/starts at 150 mg twice daily/);
  });
});

describe('doses', () => {
  const BANDS = ['1', '2', '3', '4', '5'].map((n) => `zoledronic-acid-renal-dosing#zoledronic-acid-dose-by-creatinine-clearance-${n}`);
  it.each([
    'What is the zoledronic acid dose in renal impairment?',
    'zoledronic acid dose?',
    'whats the dose of zoledronic acid for bone mets and how often do you give it',
    'zolendronic acid kidneys',
    'What is the zoledronic acid dose for a creatinine clearance of 45 mL/min?',
    'Can zoledronic acid be given when the creatinine clearance is below 30?',
    'How is zoledronic acid given?',
    'Can zoledronate be given for bone metastases if creatinine clearance is 25 mL/min?',
    'What is the dose of zoledronic acid for a patient with creatinine clearance 45?',
  ])('"%s" shows every creatinine clearance band of zoledronic acid or none', async (question) => {
    // A band is shown when its row is quoted in the answer's text, not merely cited by a finding.
    const rowOf = (id: string) => pack.knowledge.passages.find((passage) => passage.id === id)!.text;
    for (const audience of ['professional', 'patient'] as const) {
      const answer = await ask(question, audience);
      const shown = BANDS.filter((id) => body(answer).includes(rowOf(id)));
      expect([0, BANDS.length], `${audience}: ${shown.join(', ')}`).toContain(shown.length);
    }
  });

  it('gives all the bands for the renal dose question, and the 4 mg schedule when asked how often', async () => {
    const renal = await ask('What is the zoledronic acid dose in renal impairment?');
    for (const id of BANDS) expect(cited(renal).has(id)).toBe(true);
    expect(renal.title).toBe('Zoledronic acid in renal impairment: dose and schedule');
    // The bottom line is about bone metastases, not the different dosing of hypercalcaemia.
    for (const block of renal.blocks.filter((item) => item.kind === 'summary')) expect(block.text).not.toMatch(/hypercalcaemia/i);
    const often = await ask('whats the dose of zoledronic acid for bone mets and how often do you give it');
    expect(often.notices.some((notice) => notice.kind === 'out-of-scope')).toBe(false);
    expect(often.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/every 12 weeks/);
  });

  it('keeps the whole dose table beside a finding that states one of its bands', async () => {
    const answer = await ask('What is the dose of zoledronic acid for a patient with creatinine clearance 45?');
    expect(answer.blocks[0]?.text).toMatch(/3\.3 mg/);
    for (const id of BANDS) expect(body(answer)).toContain(pack.knowledge.passages.find((passage) => passage.id === id)!.text);
  });

  it('leaves out, outside the dose table, what is said for other bands of kidney function than the case\'s', async () => {
    const outsideTable = (answer: Answer) =>
      sentencesOf(answer).filter((sentence) => !BANDS.some((id) => pack.knowledge.passages.find((passage) => passage.id === id)!.text.includes(sentence)));
    const at45 = outsideTable(await ask('zoledronic acid dose for CrCl 45?'));
    expect(at45.join('\n')).not.toMatch(/creatinine clearance (?:above 60|below 30)/);
    // The same question without a number keeps them: they are what it asks for.
    const unstated = outsideTable(await ask('zoledronic acid dose by creatinine clearance?')).concat(outsideTable(await ask('What is the zoledronic acid dose in renal impairment?')));
    expect(unstated.join('\n')).toMatch(/creatinine clearance (?:above 60|below 30)/);
  });

  it('answers the hypercalcaemia dose of zoledronic acid without the renal table of bone metastases', async () => {
    const answer = await ask('What is the zoledronic acid dose for hypercalcaemia of malignancy?');
    const text = body(answer);
    expect(text).toMatch(/maximum zoledronic acid dose is 4 mg/);
    expect(text).toContain('no zoledronic acid dose adjustment is needed for mild to moderate renal impairment');
    for (const id of BANDS) expect(text).not.toContain(pack.knowledge.passages.find((passage) => passage.id === id)!.text);
  });

  it('answers "denosumab dose?" with 120 mg every 4 weeks first', async () => {
    const answer = await ask('denosumab dose?');
    expect(answer.blocks[0]).toMatchObject({ kind: 'summary' });
    expect(answer.blocks[0]?.text).toMatch(/^Denosumab[^.]*120 mg[^.]*every 4 weeks/);
  });

  it('answers a question about one tumour subtype without another subtype\'s treatment', async () => {
    const answer = await ask('What is the first-line treatment for triple-negative metastatic breast cancer?');
    expect(answer.title).toBe('Triple-negative breast cancer, first-line: management');
    const text = body(answer);
    expect(text).toContain('KEYNOTE-355');
    expect(text).not.toContain('CLEOPATRA');
    expect(text).not.toMatch(/pertuzumab|CDK4\/6 inhibitor is the recommended/);
  });

  it('answers "what was the result" with the results, parallel figures each kept', async () => {
    const answer = await ask('What was the result of NRG-BR002?');
    expect(answer.understood.intent).toBe('results');
    expect(answer.title).toBe('NRG-BR002: results');
    const text = body(answer);
    expect(text).toContain('median progression-free survival was 23 months');
    expect(text).toContain('estimated overall survival at 36 months was 71.8%');
    expect(text).toContain('did not improve progression-free or overall survival');
    expect(nearDuplicates(answer)).toEqual([]);
  });

  it('reads "what did the … trial of X and Y show" as a question about results, and gives the primary result', async () => {
    const answer = await ask('What did the head-to-head trial of denosumab and zoledronic acid show?');
    expect(answer.understood.intent).toBe('results');
    expect(body(answer)).toContain('Denosumab was superior to zoledronic acid in delaying the time to first on-study skeletal-related event');
    // The trial named by its nickname: every sentence of its report is about it, and its endpoints are not off the subject.
    const named = await ask('What did the head-to-head trial show for bone metastases?');
    expect(body(named)).toContain('Denosumab was superior to zoledronic acid in delaying the time to first on-study skeletal-related event');
  });

  it('answers "anything to take with it" with what is given alongside the medicine', async () => {
    const professional = await ask('Does he need to take anything with zoledronic acid?');
    expect(professional.understood.intent).toBe('taken-with');
    expect(professional.blocks[0]!.text).toMatch(/calcium supplement of 500 mg and a multivitamin containing 400 IU of vitamin D/);
    const patient = await ask('Do I need to take anything with my denosumab injection?', 'patient');
    expect(patient.title).toBe('Denosumab: what to take with it');
    expect(patient.blocks[0]!.text).toMatch(/[Cc]alcium/);
    expect(body(patient)).toMatch(/Take calcium and vitamin D every day if your team asks you to/);
    // A question about the dose is still a dose question.
    expect((await ask('What dose of zoledronic acid is given?')).understood.intent).toBe('dose');
  });

  it('answers a question about mistakes with the pitfalls, including those of each drug of a class it names', async () => {
    const answer = await ask('What are the common pitfalls with bone-modifying agents?');
    expect(answer.title).toBe('Bone-modifying agent: common pitfalls');
    const pitfalls = answer.blocks.filter((block) => block.kind === 'pitfall');
    const others = answer.blocks.filter((block) => block.kind === 'summary' || block.kind === 'bullet');
    expect(pitfalls.length).toBeGreaterThan(others.length);
    // A pitfall of denosumab, from the document on stopping it, is a pitfall of bone-modifying agents.
    expect(pitfalls.some((block) => /denosumab/i.test(block.text))).toBe(true);
  });

  it('answers the role of surgery for bone metastases with each place surgery has', async () => {
    const answer = await ask('What is the role of orthopaedic surgery for bone metastases from breast cancer?');
    expect(answer.title).toBe('Surgery for bone metastases');
    const text = body(answer);
    expect(text).toMatch(/Mirels score of 9 or more/);
    expect(text).toMatch(/SINS/);
    expect(text).toMatch(/Patchell/);
    // A question about one operation is a specific question, not this broad one.
    expect((await ask('Does surgery of the primary tumour improve survival in de novo stage IV breast cancer?')).title).not.toBe('Surgery for bone metastases');
  });

  it('gives the pitfalls of the main document, up to three for a clinician and two for a patient', async () => {
    const answer = await ask('What is the zoledronic acid dose in renal impairment?');
    const pitfalls = answer.blocks.filter((block) => block.kind === 'pitfall');
    expect(pitfalls).toHaveLength(3);
    const renal = answer.references.find((reference) => reference.docId === 'zoledronic-acid-renal-dosing')!;
    for (const pitfall of pitfalls) expect(pitfall.text).toContain(`[${renal.n}]`);
    const patient = await ask('Can I have a tooth out while I am on denosumab?', 'patient');
    expect(patient.blocks.filter((block) => block.kind === 'pitfall').length).toBeLessThanOrEqual(2);
  });

  it('answers how hypercalcaemia is assessed and treated: correction, every severity band, then treatment', async () => {
    const answer = await ask('How is hypercalcaemia of malignancy assessed and treated?');
    expect(answer.title).toBe('Hypercalcaemia of malignancy');
    const text = body(answer);
    expect(text).toMatch(/plus 0\.8 × \(4\.0 − serum albumin/);
    for (const band of ['mild hypercalcaemia', 'moderate hypercalcaemia', 'severe hypercalcaemia of malignancy is an albumin-corrected calcium above 14']) expect(text).toContain(band);
    expect(text).toMatch(/saline hydration/);
    expect(text).toMatch(/calcitonin combined with/);
    // The plan's facets are professional text: a patient asking is answered from the patient leaflets.
    const patient = await ask('How is high calcium treated?', 'patient');
    expect(patient.title).not.toBe('High calcium in the blood');
    expect(noticeOf(patient, 'professional-source')).toBeUndefined();
  });

  it('answers a clinician in clinical words, and from a leaflet only where nothing else says it', async () => {
    const answer = await ask('GP here. How is moderate hypercalcaemia of malignancy (adjusted Ca around 3.0-3.4) usually managed in a woman with known bone metastases, and at what point should she be admitted?');
    expect(sentencesOf(answer).some((sentence) => sentence.startsWith('Get help now'))).toBe(false);
    expect(body(answer)).toMatch(/intravenous hydration/);
    // No professional document says what counts as a fever: the leaflet does.
    const fever = await ask('What temperature counts as a fever during chemotherapy?');
    expect(body(fever)).toMatch(/38 °C/);
    expect(fever.references.some((reference) => reference.docId.startsWith('patient-'))).toBe(true);
  });

  it('reads "chemo nurse" as who is asking, not as a question about a dose of chemotherapy', async () => {
    const answer = await ask('Chemo nurse question: patient on palbociclib 125 mg, day 1 of cycle 3 neutrophils are 0.9. Do we delay, and does the dose come down?');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(body(answer)).toMatch(/interrupted, reduced or delayed for grade 3 or 4 neutropenia/);
  });

  it('adds what professional text says when the patient text names the subject but does not answer what is asked', async () => {
    const answer = await ask('How often do I need blood sugar tests on alpelisib?', 'patient');
    expect(noticeOf(answer, 'professional-source')).toBeDefined();
    expect(body(answer)).toMatch(/fasting glucose is checked at weeks 1, 2, 4, 6 and 8/);
  });

  it('answers a patient from the leaflet once one covers the question, without the professional-source notice', async () => {
    const answer = await ask('on abemaciclib and the diarrhoea is getting me down. how do I manage it?', 'patient');
    expect(answer.blocks[0]?.text).toMatch(/first loose stool on abemaciclib/);
    expect(noticeOf(answer, 'professional-source')).toBeUndefined();
  });

  it('never answers a question about one drug with another drug\'s dose table', async () => {
    const answer = await ask('How often is denosumab given in renal impairment?');
    expect([...cited(answer)].some((id) => id.startsWith('zoledronic-acid-renal-dosing#zoledronic-acid-dose-by-creatinine-clearance'))).toBe(false);
    expect(body(answer)).toMatch(/no denosumab dose adjustment/);
  });

  it('says a dose is not covered rather than quoting a dose bound to another drug', async () => {
    // The only "eribulin" sentence held gives sacituzumab govitecan's dose, with eribulin as a comparator.
    const answer = await ask('What is the eribulin dose?');
    expect(answer.blocks).toEqual([]);
    expect(noticeOf(answer, 'out-of-scope')).toContain('a dose of eribulin');
  });

  it('never quotes a sentence that only points to another text', async () => {
    const answer = await ask('What are the zoledronic acid doses for reduced creatinine clearance and the denosumab low calcium warnings?');
    expect(body(answer)).not.toMatch(/are covered in the/);
  });
});

describe('scope', () => {
  it('answers for a medicine the knowledge names only by its class, saying so', async () => {
    const answer = await ask('male pt ER+ HER2- mbc bone only - letrozole on its own ok or does he need a GnRH agonist?');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(answer, 'not-covered')).toMatch(/letrozole only as an aromatase inhibitor/);
    expect(cited(answer)).toContain('men-with-breast-cancer#endocrine-therapy-for-metastatic-disease-in-men-2');
  });

  it('declines by name what is near the domain but held nowhere, and still answers its in-scope neighbours', async () => {
    const declined: Array<[string, 'patient' | 'professional', RegExp]> = [
      ['Xgeva vials got left out of the fridge overnight on the ward - still usable?', 'professional', /storing medicines/],
      ["Ward only stocks Hartmann's - can zoledronic acid 4 mg be diluted in that?", 'professional', /diluted/],
      ["I've got a stinking cold. Can I take Lemsip while I'm on my morphine tablets?", 'patient', /cold and flu remedies/],
      ["mum's tummy has swelled right up, the nurse thinks its fluid from the cancer. can they drain it off?", 'patient', /abdomen/],
      ['Since I started the dexamethasone tablets my tongue has a thick white coating. Is that thrush?', 'patient', /thrush/],
      ['First zol infusion next week - any evidence that a paracetamol or ibuprofen premed cuts the acute-phase reaction?', 'professional', /premedication/],
      ['My fingertips and toes have gone numb and tingly since I started paclitaxel. Will it go away?', 'patient', /nerve damage/],
    ];
    for (const [question, audience, say] of declined) expect(noticeOf(await ask(question, audience), 'out-of-scope'), question).toMatch(say);
    expect(noticeOf(await ask('xgeva pt had anaphylaxis after her last dose - ok to rechallenge w premeds?'), 'out-of-scope')).toBeUndefined();
    for (const question of ['How long can I stay on Xgeva?', 'How is zoledronic acid given?', 'Is morphine safe with my bone pain tablets?']) {
      expect(noticeOf(await ask(question, 'patient'), 'out-of-scope'), question).toBeUndefined();
    }
  });

  it('answers ibuprofen beside morphine from what the knowledge says of NSAIDs', async () => {
    const answer = await ask("Can I still take paracetamol or ibuprofen for aches now that I'm on slow-release morphine for the cancer in my bones?", 'patient');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(answer.understood.intent).toBe('taken-with');
    expect(cited(answer)).toContain('cancer-pain#starting-pain-relief-1');
    // A drug-like word the knowledge never uses is still declined by name.
    expect(noticeOf(await ask('Can I take atorvastatin with my palbociclib?', 'patient'), 'out-of-scope')).toMatch(/atorvastatin/);
    // An acid blocker beside it is declined as an interaction between medicines.
    expect(noticeOf(await ask('Can I take omeprazole with my palbociclib?', 'patient'), 'out-of-scope')).toMatch(/interactions between medicines/);
  });

  it('answers a zoledronic acid dose for a woman who takes naproxen for arthritis', async () => {
    const answer = await ask('Starting zoledronic acid for breast cancer bone metastases in a 74-year-old woman: creatinine clearance 52 mL/min, and she takes naproxen every day for arthritis. What dose should she get?');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(body(answer)).toMatch(/3\.5 mg/);
  });

  it('answers what a trial has shown when the person was invited to join one', async () => {
    const answer = await ask("I've been invited to join a trial giving Xgeva every 12 weeks instead of every 4 weeks. Has it been shown yet that every 12 weeks works as well?");
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(answer.understood.intent).toBe('results');
    expect(cited(answer)).toContain('bone-modifying-agent-duration#can-denosumab-be-given-less-often-3');
  });

  it('refuses what nothing held states, in everyday words: alcohol, giving an injection yourself', async () => {
    for (const question of ['Is it ok to have a glass of wine now and then while I am taking palbociclib?', 'Can I give myself my Xgeva injection at home?']) {
      expect(noticeOf(await ask(question, 'patient'), 'out-of-scope')).toBeDefined();
    }
  });

  it.each([
    ['Should adjuvant abemaciclib be given?', 'adjuvant treatment of early breast cancer'],
    ['Is sentinel node biopsy needed in breast cancer?', 'surgery of the breast and lymph nodes'],
    ['PD-L1 testing in oesophageal cancer', 'oesophageal or gastric cancer'],
    ['How is EGFR-mutant NSCLC with bone metastases treated?', 'lung cancer'],
    ['What is the KEYNOTE-522 regimen?', 'the trials of early breast cancer'],
    ['Is it safe to fly with bone metastases?', 'air travel'],
    ['Can I drive after radiotherapy?', 'fitness to drive'],
    ['What vaccines should I have during chemotherapy?', 'vaccination'],
    ['I need a yellow fever jab for a trip. Is it safe while I am taking ribociclib?', 'vaccination'],
    ['HER2+ MBC on maintenance trastuzumab: how often an echo or MUGA?', 'heart monitoring (echocardiogram or MUGA) on HER2-targeted treatment'],
    ['MBC on palbociclib with a new proximal DVT - DOAC or LMWH?', 'blood clots and their treatment'],
    ['Since starting morphine I am constipated. Which laxative should I take?', 'choosing a laxative'],
    ['What dose of denosumab is used for giant cell tumour of bone?', 'primary bone cancers'],
    ['What does an Oncotype DX recurrence score of 30 mean for chemotherapy?', 'gene-expression tests for early breast cancer'],
    ['Any tips for hot flushes? I had my last period two years ago.', 'menopausal symptoms such as hot flushes'],
    ['Which sunscreen is best during radiotherapy?', 'skin care during radiotherapy'],
    ['can i get life insurance or a mortgage now i have secondary breast cancer in my bones', 'legal, financial and insurance matters'],
    ['radium-223 in mCRPC with bone mets only, can it be given with abiraterone?', 'prostate cancer'],
    ['had my thyroid out last week and now my calcium is low, how long do i need the calcium tabs', 'low calcium after thyroid or parathyroid surgery'],
    ['osteoradionecrosis of the mandible after H&N radiotherapy: hyperbaric oxygen?', 'head and neck cancer'],
    ['Can she still go to the gym with secondaries in her spine?', 'exercise and physical activity'],
    ['She carries a BRCA2 variant: should her daughters get tested?', 'genetic testing of relatives who do not have cancer'],
    ['Is the copper coil or the Mirena better after hormone receptor-positive breast cancer?', 'choosing a method of contraception'],
    ['Does long covid cause aching bones?', 'COVID-19'],
    ['12 year old with fibrous dysplasia and bone pain: is IV pamidronate reasonable?', 'illness in young children or benign bone diseases'],
    ['Healthy 30 year old with low vitamin D: what loading regimen do you use?', 'treating vitamin D deficiency'],
    ['Will her hair fall out on sacituzumab govitecan?', 'hair loss'],
    ['CT shows increased sclerosis in the previously lytic lesions at L2: is that response or progression?', 'reading how bone metastases look on a scan after treatment'],
    ['Are there foods to avoid on a ketogenic diet during radiotherapy?', 'diet, fasting and foods to avoid'],
  ])('"%s" is out of scope, naming what was recognised', async (question, said) => {
    const answer = await ask(question);
    expect(answer.blocks).toEqual([]);
    expect(answer.references).toEqual([]);
    expect(noticeOf(answer, 'out-of-scope')).toContain(`they do not cover ${said}`);
    expect(noticeOf(answer, 'out-of-scope')).toContain('metastatic breast cancer');
  });

  it('names a biomarker the knowledge never covers instead of quoting what it says of the drug', async () => {
    const answer = await ask('sacituzumab govitecan in a UGT1A1*28 homozygous patient - reduce the starting dose?');
    expect(answer.blocks).toEqual([]);
    expect(noticeOf(answer, 'out-of-scope')).toContain('UGT1A1');
  });

  it('does not call a medicine the person is on "not covered" when the answer draws on text about it', async () => {
    const answer = await ask("I need a tooth out and I'm on the denosumab injection every month. What should I tell my dentist?", 'patient');
    expect(answer.understood.focus.find((entry) => entry.concept === 'denosumab')?.covered).toBe(true);
    expect(noticeOf(answer, 'not-covered') ?? '').not.toMatch(/denosumab/);
    // A medicine named only as what the person is on is not asked a dose of.
    const dosed = await ask('Zoledronic acid dose for CrCl 42 mL/min? Bone-only MBC, on letrozole + ribociclib.');
    expect(noticeOf(dosed, 'not-covered') ?? '').not.toMatch(/a dose of (letrozole|ribociclib)/);
    // Ribociclib is held elsewhere: the answer says it does not address it, not that nothing held covers it.
    expect(noticeOf(dosed, 'not-covered') ?? '').not.toMatch(/do not cover/);
    expect(body(dosed)).toMatch(/3\.3 mg/);
  });

  it('names a medicine the knowledge never mentions instead of padding the answer', async () => {
    const answer = await ask('What is the gabapentin dose for nerve pain from bone metastases?');
    expect(answer.blocks).toEqual([]);
    expect(noticeOf(answer, 'out-of-scope')).toContain('gabapentin');
  });

  it('names a trial the knowledge never mentions instead of answering with another trial', async () => {
    const answer = await ask('Has ASCENT-04 changed first line for PD-L1+ mTNBC? What PFS did it show?');
    expect(answer.blocks).toEqual([]);
    expect(noticeOf(answer, 'out-of-scope')).toContain('ASCENT-04 trial');
    // The trial held is answered.
    expect(noticeOf(await ask('What did the ASCENT trial show?'), 'out-of-scope')).toBeUndefined();
  });

  it('answers a case whose question names its own subject, without calling what the case only tells not covered', async () => {
    const answer = await ask(
      '41-year-old, still having periods, newly diagnosed ER+/HER2-negative metastatic breast cancer in the spine. LFTs are normal and she has no symptoms apart from bone pain. What first-line systemic therapy should she have?',
    );
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(answer, 'not-covered') ?? '').not.toMatch(/do not cover/);
    expect(answer.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/CDK4\/6 inhibitor/);
  });

  it('answers what bone management goes alongside systemic therapy with the bone-modifying agent', async () => {
    const answer = await ask('48-year-old just diagnosed with ER+/HER2- breast cancer with painful metastases in the thoracic spine and pelvis. Alongside endocrine therapy plus a CDK4/6 inhibitor, what should her initial bone management include?');
    expect(body(answer)).toMatch(/denosumab 120 mg/);
    expect(body(answer)).toMatch(/dental examination/);
  });

  it('does not lead a case with a rule finding that says nothing of the condition it reports with a medicine', async () => {
    const answer = await ask('Corrected calcium 13.2 mg/dL in a woman with breast cancer bone mets, serum creatinine 3.2 mg/dL. Should I cut the zoledronic acid dose for her kidneys as I would for bone mets?');
    expect(answer.blocks[0]?.kind).toBe('summary');
    const lead = answer.blocks.filter((block) => block.kind === 'summary').map((block) => block.text).join(' ');
    expect(lead).toMatch(/no zoledronic acid dose adjustment is needed/);
    expect(lead).not.toMatch(/\b3(?:\.3|\.5)? mg\b/);
  });

  it('does not lead a question about what a trial showed with a rule finding on the case', async () => {
    const answer = await ask('A woman with newly diagnosed breast cancer bone mets has read that denosumab beat zoledronic acid in the Stopeck trial. What did the trial measure, and what did it show?');
    expect(answer.blocks[0]?.kind).toBe('summary');
    expect(answer.blocks[0]?.text).toMatch(/Stopeck/);
  });

  it('answers at what dose abemaciclib restarts after diarrhoea, instead of refusing for want of a dose', async () => {
    const answer = await ask('abema 150 bd, gr2 diarrhoea not settling on loperamide so we held it. once its back to gr1 - restart at what dose?');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(body(answer)).toMatch(/resumed at the next lower dose/);
    expect(body(answer)).toMatch(/150 mg twice daily to 100 mg and then 50 mg twice daily/);
    // The loperamide she is on is her circumstance, not a dose asked for.
    expect(noticeOf(answer, 'not-covered')).toBeUndefined();
  });

  it('answers how long to use contraception on a drug, which choosing a method does not cover', async () => {
    const answer = await ask('How long should contraception be used after trastuzumab deruxtecan?');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(body(answer)).toMatch(/7 months/);
  });

  it('answers what was asked when only the person\'s circumstance is not covered, and says so', async () => {
    const answer = await ask('Is it OK to buy calcium and vitamin D from the chemist while I am taking letrozole and getting bone injections?', 'patient');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(answer, 'not-covered')).toContain('letrozole');
    expect(body(answer)).toMatch(/calcium and vitamin D every day/);
    expect(answer.title).not.toMatch(/letrozole/i);
    // Asked about itself, a medicine nothing held covers is still not answered.
    expect((await ask('What is the letrozole dose?', 'patient')).blocks).toEqual([]);
  });

  it('says a treatment is not covered for a subtype it is never given for, and answers what is held on it', async () => {
    const answer = await ask('Can pembrolizumab be used for HER2-positive disease?');
    expect(noticeOf(answer, 'not-covered')).toContain('pembrolizumab for HER2-positive disease');
    expect(answer.understood.focus).toContainEqual({ concept: 'HER2-positive', type: 'subtype', covered: false });
    // What the knowledge gives pembrolizumab for leads; the HER2-positive treatments do not fill the answer.
    expect(answer.blocks[0]!.text).toMatch(/pembrolizumab/i);
    expect(body(answer)).toMatch(/KEYNOTE-355/);
    expect(body(answer)).not.toMatch(/HER2CLIMB|DESTINY-Breast03|brain metastases/);
  });

  it('does not call a treatment not covered for a subtype when it is given whatever the subtype', async () => {
    const answer = await ask('What is the denosumab dose in HER2-positive breast cancer with bone metastases?');
    expect(noticeOf(answer, 'not-covered')).toBeUndefined();
    expect(body(answer)).toMatch(/120 mg/);
  });

  it('answers a question about men with breast cancer from the document on men', async () => {
    const answer = await ask('Can a man get breast cancer and how is it treated?');
    expect(answer.title).toBe('Men with breast cancer: management');
    expect(answer.references[0]?.docId).toBe('men-with-breast-cancer');
  });

  it('answers when an out-of-scope setting is only the history of a metastatic patient', async () => {
    const answer = await ask('Relapsed 8 months after adjuvant chemotherapy, triple-negative breast cancer with bone metastases: what next?');
    expect(answer.notices.some((notice) => notice.kind === 'out-of-scope')).toBe(false);
    expect(answer.references.some((reference) => reference.docId === 'systemic-therapy-triple-negative')).toBe(true);
  });

  it('answers an everyday topic when the question ties it to something the knowledge says about it', async () => {
    for (const [question, docId] of [
      ['Can I fly abroad while I am on denosumab injections?', 'patient-stopping-denosumab'],
      ['Should I drive to hospital if my legs feel weak from pressure on the spinal cord?', 'patient-spinal-cord-warning-signs'],
    ] as const) {
      const answer = await ask(question, docId.startsWith('patient') ? 'patient' : 'professional');
      expect(answer.notices.some((notice) => notice.kind === 'out-of-scope'), question).toBe(false);
      expect(answer.references.map((reference) => reference.docId), question).toContain(docId);
    }
  });

  it('does not read a word as a near-domain topic it only resembles ("how fast" is not fasting)', async () => {
    const answer = await ask('mscc mri how fast');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(body(answer)).toMatch(/24 hours/);
  });

  it('answers informal, misspelled and carer wording in scope', async () => {
    for (const [question, audience] of [
      ['zolendronic acid kidneys', 'professional'],
      ['hr+ her2- mbc 1st line?', 'professional'],
      ["My sister's breast cancer has gone to her bones. How will they treat it?", 'patient'],
    ] as const) {
      const answer = await ask(question, audience);
      expect(answer.notices.some((notice) => notice.kind === 'out-of-scope'), question).toBe(false);
      expect(answer.blocks.length, question).toBeGreaterThan(0);
    }
  });
});

describe('rule findings', () => {
  it('do not lead a general question, and appear only where they bear on what it asks', async () => {
    const answer = await ask('Is there a role for SBRT or surgery in oligometastatic breast cancer with 2 bone lesions?');
    expect(answer.blocks[0]?.kind).toBe('summary');
    expect(answer.blocks[0]?.text).not.toMatch(/dental/i);
    expect(answer.findings.map((finding) => finding.id)).toEqual(['oligometastatic-multidisciplinary-discussion']);
  });

  it('are not run on who a question is about ("my mum", read as female) when nothing else is stated', async () => {
    const answer = await ask('my mum has just been told her breast cancer has spread to her bones. does that mean she has bone cancer now?', 'patient');
    expect(answer.findings).toEqual([]);
    expect(body(answer)).toMatch(/still breast cancer, not bone cancer/);
    // A stated value is a case.
    expect((await ask('my mum has bone metastases and her creatinine clearance is 35 mL/min: which zoledronic acid dose?')).findings.length).toBeGreaterThan(0);
  });

  it('bring the findings on a condition a stated value is found to be', async () => {
    const answer = await ask('GP here. ER+ MBC with bone mets, adjusted calcium 3.1 mmol/L, eGFR 55. What is the initial management?');
    expect(answer.blocks[0]?.text).toMatch(/moderate hypercalcaemia/);
    expect(answer.findings.map((finding) => finding.id)).toContain('hypercalcaemia-treatment');
  });

  it('are not shown to a patient telling their own story unless they bear on what was asked', async () => {
    const story = 'my scan shows new lytic lesions in my spine and pelvis from my breast cancer. what happens now?';
    expect((await ask(story, 'patient')).findings).toEqual([]);
    expect((await ask(story, 'professional')).findings.length).toBeGreaterThan(0);
  });

  it('read a number after a score as the score, not as a count of lesions', async () => {
    const answer = await ask('Mirels score 9 lytic lesion in the femur');
    expect(answer.understoodFacts).toContain('Mirels score (as given): 9');
    expect(answer.understoodFacts.some((fact) => fact.startsWith('Number of metastatic lesions'))).toBe(false);
    expect(answer.findings.map((finding) => finding.id)).toContain('mirels-prophylactic-fixation');
  });
});

describe('answers that stay on the question asked', () => {
  it('read a measure beside a treatment as what the answer depends on, not a second subject to fill', async () => {
    const answer = await ask('zoledronic acid dose for a creatinine clearance of 45 mL/min?');
    expect(body(answer)).toMatch(/3\.3 mg/);
    // Trial designs of de-escalation and denosumab's hypercalcaemia dosing answer other questions.
    expect(body(answer)).not.toMatch(/OPTIMIZE-2|ZOOM/);
    expect(body(answer)).not.toMatch(/days 8 and 15/);
    // Two treatments asked about still get room for each.
    const both = await ask('denosumab and zoledronic acid: dose and schedule of each?');
    expect(body(both)).toMatch(/120 mg/);
    expect(body(both)).toMatch(/4 mg/);
  });

  it('lead a dose question with the dose to give, not the doses a trial randomised patients to', async () => {
    const answer = await ask("Dose and how's trastuzumab deruxtecan given for HER2+ MBC in later-line?");
    const lead = answer.blocks.find((block) => block.kind === 'summary')?.text ?? '';
    expect(lead).toMatch(/5\.4 mg\/kg/);
    expect(lead).not.toMatch(/randomi[sz]ed/);
  });

  it('answer a why-question with the reason, from the section that says why', async () => {
    const dentist = await ask('The nurse says I have to see a dentist before my first Zometa drip, but my teeth are fine. Why do I need to go?', 'patient');
    expect(dentist.understood.intent).toBe('reason');
    expect(dentist.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/harm the jaw bone/);
    const calcium = await ask('Why do I need a blood test for calcium before my first Xgeva injection?', 'patient');
    expect(calcium.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/calcium in your blood drop too low/);
    // "Why" asks one thing: the answer is not given a compound question's room.
    expect(sentencesOf(dentist).length).toBeLessThan(20);
    // The reason is about the dentist, not the medicine: "Why not stop denosumab on your own?" does not lead.
    const everyVisit = await ask('Why do I have to tell my dentist about my Xgeva injections every single time I go?', 'patient');
    expect(everyVisit.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/harm the jaw bone/);
    // Tingling lips on denosumab is low calcium.
    const lips = await ask('Is it normal to get tingling around my lips and in my fingers a few weeks after starting denosumab injections?', 'patient');
    expect(lips.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/low calcium/);
  });

  it('answer "what should I watch for with it?" with its harms, not the finding that chose it', async () => {
    const answer = await ask('What should I watch for with trastuzumab deruxtecan for HER2+ MBC in later-line?');
    expect(answer.understood.intent).toBe('adverse-effects');
    expect(answer.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/interstitial lung disease/);
    // The finding is still given, after the bottom line: later-line is read as treated before.
    expect(answer.findings.map((finding) => finding.id)).toContain('her2-positive-second-line');
  });

  it('answer "where do they put it?" with the place a medicine is given, "what route?" with the route, and "a dose change?" with whether the dose changes', async () => {
    const answer = await ask('Where do they put xgeva for cancer in my bones?', 'patient');
    expect(answer.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/upper arm, upper thigh or tummy/);
    const route = await ask('Pain controlled on oral morphine, but she can no longer swallow and the ward wants to give IM morphine. What route does WHO recommend instead?');
    expect(route.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/subcutaneous route/);
    const dialysis = await ask('Does denosumab 120 mg need a dose change in a patient on haemodialysis with breast cancer bone metastases?');
    expect(dialysis.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/no denosumab dose adjustment/);
  });

  it('lead a question whether to hold or restart with what is done, for the grade stated', async () => {
    const answer = await ask('Grade 2 pneumonitis on trastuzumab deruxtecan has now resolved on prednisolone. Can T-DXd be restarted, perhaps at a reduced dose?');
    const lead = answer.blocks.find((block) => block.kind === 'summary')?.text ?? '';
    expect(lead).toMatch(/grade 2 or higher/);
    expect(lead).toMatch(/stopped permanently/);
    // Grade 1 is restarted: the grade stated decides which rule leads.
    const mild = await ask('Grade 1 interstitial lung disease on trastuzumab deruxtecan has resolved within 3 weeks. Can T-DXd be restarted?');
    expect(mild.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/grade 1/);
  });

  it('lead a case with the findings on what it asks first, below anything critical', async () => {
    const answer = await ask(
      'HER2-positive metastatic breast cancer presenting with bone-only mets in the spine and pelvis, no previous treatment for metastatic disease. What is the first-line systemic regimen, and which bone-modifying agent and schedule should run alongside?',
    );
    expect(answer.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/pertuzumab plus trastuzumab plus a taxane/);
    const biopsy = await ask('The only biopsiable lesion is a lytic iliac bone metastasis and we want to re-check ER, PR and HER2. How should the bone specimen be processed so the receptor results are reliable?');
    const bottomLine = biopsy.blocks.filter((block) => block.kind === 'summary').map((block) => block.text).join(' ');
    expect(bottomLine).toMatch(/EDTA/);
    expect(bottomLine).not.toMatch(/dental/i);
  });

  it('let a case\'s findings lead only when they bear on what it asks', async () => {
    const answer = await ask('73-year-old with newly diagnosed de novo HR+/HER2- metastatic breast cancer to bone, no family history of cancer. Should she be offered germline BRCA1/2 testing?');
    const bottomLine = answer.blocks.filter((block) => block.kind === 'summary').map((block) => block.text).join(' ');
    expect(bottomLine).toMatch(/BRCA/);
    expect(bottomLine).not.toMatch(/CDK4\/6 inhibitor \(palbociclib/);
    // The findings are still given, after the bottom line.
    expect(answer.findings.length).toBeGreaterThan(0);
  });

  it('answer "what is X?" with the sentence that defines it, and a circumstance asked about with the mistake that answers it', async () => {
    const onj = await ask("What is ONJ? It's in the leaflet for my bone injections and it sounds frightening.", 'patient');
    const lead = onj.blocks.filter((block) => block.kind === 'summary').map((block) => block.text);
    expect(lead[0]).toMatch(/harm the jaw bone/);
    expect(lead[1]).toMatch(/osteonecrosis of the jaw, or ONJ/);
    const driving = await ask('My legs have gone weak and heavy today. Can I still drive myself to the hospital?', 'patient');
    expect(driving.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/Do not drive yourself to hospital/);
  });

  it('say plainly what is not held, and do not mistake being driven for driving', async () => {
    expect(noticeOf(await ask('Can urinary NTX or serum CTX be used to decide whether to space zol out to 12-weekly?'), 'out-of-scope')).toMatch(/bone turnover markers/);
    expect(noticeOf(await ask('Any evidence for pentoxifylline plus tocopherol for stage 2 MRONJ?'), 'out-of-scope')).toMatch(/pentoxifylline/);
    const driven = await ask('How long does the Zometa drip take? I need to book someone to drive me.', 'patient');
    expect(noticeOf(driven, 'out-of-scope')).toBeUndefined();
    expect(body(driven)).toMatch(/15 minutes/);
    // The CDK4/6 inhibitor labels say what to do about a missed dose; nothing held says it of letrozole.
    const missedPalbociclib = await ask('I forgot to take my palbociclib yesterday. Should I take two today to catch up?', 'patient');
    expect(noticeOf(missedPalbociclib, 'out-of-scope')).toBeUndefined();
    expect(missedPalbociclib.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/do not take an extra dose/);
    expect(noticeOf(await ask('I forgot to take my letrozole yesterday. Should I take two today to catch up?', 'patient'), 'out-of-scope')).toMatch(/missed dose/);
    // A support group mentioned in passing is not what is asked about.
    expect(noticeOf(await ask("My friend from my support group takes Kisqali but I've been given Ibrance. Is hers a better drug?", 'patient'), 'out-of-scope')).toBeUndefined();
    // A crush fracture is not crushing tablets.
    expect(noticeOf(await ask('Vertebral crush fracture at T8 from a breast cancer metastasis: is vertebroplasty an option?'), 'out-of-scope')).toBeUndefined();
    // A carer's own exhaustion beside a question on palliative care is asked about the care, which is held.
    const carer = await ask("I look after my wife, who has breast cancer in her bones, and I'm exhausted. Can the palliative care team help me too?", 'patient');
    expect(noticeOf(carer, 'out-of-scope')).toBeUndefined();
  });
});

describe('a creatinine rise on zoledronic acid', () => {
  it('is answered by the renal deterioration finding: withhold, when to restart, at what dose', async () => {
    const answer = await ask("Baseline creat 0.9, on zol 4 mg q4w, creat 1.5 mg/dL on today's pre-dose bloods. Hold it? When do we restart, and at what dose?");
    const lead = answer.blocks.find((block) => block.kind === 'summary')?.text ?? '';
    expect(lead).toMatch(/rise of 0\.6 mg\/dL/);
    expect(lead).toMatch(/withheld/);
    expect(lead).toMatch(/0\.99 mg\/dL/);
    expect(lead).toMatch(/same dose/);
    // A rise below the label's threshold is said not to meet it.
    const small = await ask('Baseline creat 0.9, on zol 4 mg q4w, creat 1.2 mg/dL today. Hold it?');
    expect(body(small)).toMatch(/does not meet the label's definition of renal deterioration/);
  });

  it('reads the baseline told after the value, and asks for no clearance inputs when the rise is what is judged', async () => {
    const answer = await ask("On zoledronic acid 4 mg: creatinine before her 3rd dose is 1.7 mg/dL, it was 1.1 at baseline. Do we give today's dose or hold it, and when can she restart?");
    const lead = answer.blocks.find((block) => block.kind === 'summary')?.text ?? '';
    expect(lead).toMatch(/normal baseline of 1\.1 mg\/dL/);
    expect(lead).toMatch(/rise of 0\.6 mg\/dL/);
    expect(lead).toMatch(/withheld/);
    expect(body(answer)).not.toMatch(/also needs the patient's age, weight and sex/);
    // With no baseline, the clearance inputs are still asked for.
    expect(body(await ask('On zoledronic acid 4 mg, creatinine 1.7 mg/dL. What dose?'))).toMatch(/also needs the patient's age, weight and sex/);
  });
});

describe('what a GP and a carer asked (third review)', () => {
  it('answers more morphine for someone already sleepy with the sign of too much of it, and when to tell the team', async () => {
    const answer = await ask("Mum's painkillers make her constipated and sleepy. is it safe to give her extra morphine when the pain gets bad?", 'patient');
    expect(answer.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/very sleepy or hard to wake on morphine/);
    expect(body(answer)).toMatch(/tell your care team: they may lower the dose/);
  });

  it('leads a day-1 neutrophil count with the day-1 rule, not the day-15 one', async () => {
    const answer = await ask('Patient on palbociclib 125 mg, neutrophils 0.9 x10^9/L on day 1 of the new cycle, no fever. Do I need to stop it, and who should adjust the dose?');
    const lead = answer.blocks.find((block) => block.kind === 'summary')?.text;
    expect(lead).toMatch(/on day 1 of a cycle, palbociclib is withheld/);
    expect(lead).not.toMatch(/day 15/);
    expect(answer.understood.intent).toBe('management');
  });

  it('keeps a leaflet speaking to its reader out of a professional answer', async () => {
    const answer = await ask('Can I arrange a tooth extraction for a woman who has been on zoledronic acid for two years for bone metastases, or does she need to stop it first?');
    expect(body(answer)).not.toMatch(/^(?:- )?(?:Do not|Get help now)|\byou\b/im);
    // …which a patient still reads.
    expect(body(await ask('Mum is on zoledronic acid and the dentist wants to take a tooth out. Should she stop it first?', 'patient'))).toMatch(/Do not stop your bone medicine on your own/);
  });

  it('leads with the dose asked about and the risk of stopping, not another product of the drug', async () => {
    const answer = await ask('Patient on denosumab 120 mg for bone metastases wants to stop after 2 years. Is that safe?');
    const lead = answer.blocks.find((block) => block.kind === 'summary')?.text ?? '';
    expect(lead).toMatch(/after denosumab 120 mg \(Xgeva\) was stopped/);
    expect(lead).not.toMatch(/60 mg/);
  });

  it('keeps another dose of the drug when the question asks a dose or a choice', async () => {
    const answer = await ask('Hypercalcaemia of malignancy treated with IV saline and zoledronic acid 4 mg five weeks ago; calcium normalised. Today corrected calcium is back up at 12.9 mg/dL, creatinine 1.1 mg/dL. Repeat the zoledronic acid or switch to denosumab, and if denosumab, what schedule?');
    expect(answer.blocks.filter((block) => block.kind === 'summary').map((block) => block.text).join(' ')).toMatch(/denosumab \(Xgeva\) 120 mg is given every 4 weeks with additional 120 mg doses/);
  });

  it('answers what to give after stopping denosumab with what is advised, not with what can happen', async () => {
    const history = [{ question: 'Patient on denosumab 120 mg for bone metastases wants to stop after 2 years. Is that safe?', standaloneQuestion: 'Patient on denosumab 120 mg for bone metastases wants to stop after 2 years. Is that safe?' }];
    const answer = await pack.answer({ message: 'What should I give to prevent rebound?', audience: 'professional', history });
    expect(answer.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/switch to another antiresorptive/);
  });

  it('answers a named trial\'s results with its own result, and a mastectomy asked beside it as held', async () => {
    const answer = await ask("pt w de novo bony MBC + intact primary, doing well on AI + ribo, now asking for a mastectomy so she 'feels better'. did EA2108 show any QoL gain, or just local control? any OS diff");
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(answer.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/^In EA2108/);
    // A mastectomy after early breast cancer is still not covered.
    expect(noticeOf(await ask('What are the side effects of a mastectomy for early breast cancer?'), 'out-of-scope')).toBeDefined();
  });

  it('reads "pros and cons" as words, and "PD-L1" as no spinal lesion', async () => {
    const answer = await ask('Denosumab 120 mg q4w versus zoledronic acid every 12 weeks: what are the pros and cons of each?');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(answer.understood.focus.map((entry) => entry.concept)).not.toContain('PIK3CA-related overgrowth spectrum');
    const tnbc = await ask('Triple-negative breast cancer with new bone metastases, PD-L1 CPS 10 or more. What first-line treatment is recommended?');
    expect(tnbc.understoodFacts.join(' ')).not.toMatch(/Bone lesion/);
  });

  it('answers how many become febrile on palbociclib with the febrile neutropenia rate, and raises no alarm for the question', async () => {
    const history = [{ question: "starting palbo 125 + letrozole next wk for ER+ bone mets. how often does neutropenia actually happen?", standaloneQuestion: "starting palbo 125 + letrozole next wk for ER+ bone mets. how often does neutropenia actually happen?" }];
    const answer = await pack.answer({ message: 'and how many end up febrile?', audience: 'professional', history });
    expect(answer.notices.some((notice) => notice.kind === 'urgent')).toBe(false);
    expect(answer.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/Febrile neutropenia occurred in 1\.8%/);
  });

  it('does not answer a named medicine\'s side effects with another medicine\'s of its class', async () => {
    const answer = await ask('mum is starting hormone tablets, letrozole I think. what side effects might she get?', 'patient');
    expect(body(answer)).not.toMatch(/elacestrant|EMERALD/);
    // The leaflet names the aromatase inhibitors' own side effects.
    expect(leadOf(answer)).toMatch(/letrozole, anastrozole and exemestane often cause hot flushes, joint pain or stiffness, and tiredness/);
  });

  it('answers a GP asking whether a febrile patient on chemotherapy must come in with the urgent guidance, not the trials of her drug', async () => {
    const answer = await ask('A patient on paclitaxel for metastatic breast cancer phoned with a temperature of 38.3. Can I start oral antibiotics at home or does she need to go in?');
    expect(answer.notices[0]?.kind).toBe('urgent');
    expect(body(answer)).not.toMatch(/KEYNOTE|DESTINY|OlympiAD|TROPiCS/);
    expect(body(answer)).toMatch(/38 °C/);
  });

  it('grades a corrected calcium a clinician states beside the high-calcium alert, in the units given too', async () => {
    const answer = await ask('Known bone metastases, corrected calcium 3.2 mmol/L, she is confused and thirsty. How should hypercalcaemia be managed?');
    expect(answer.notices[0]?.kind).toBe('urgent');
    expect(body(answer)).toMatch(/12\.8 mg\/dL \(3\.20 mmol\/L\), which is moderate hypercalcaemia/);
    // A patient telling the same gets the urgent guidance without the clinician's grading.
    expect(body(await ask('My corrected calcium is 3.2 mmol/L and I am confused and thirsty. What should I do?', 'patient'))).not.toMatch(/moderate hypercalcaemia/);
  });

  it('answers "how many sessions?" with the count of sessions, even beside another question', async () => {
    for (const question of ['how many sessions of radiotherapy will i need for my painful hip?', 'is radiotherapy going to hurt her and how many sessions will she need for the pain in her hip']) {
      expect((await ask(question, 'patient')).blocks.find((block) => block.kind === 'summary')?.text).toMatch(/is often 1 session, or 5, 6 or 10 smaller ones/);
    }
    // A question asking no count keeps its own bottom line.
    expect((await ask('will radiotherapy to my hip hurt?', 'patient')).blocks.find((block) => block.kind === 'summary')?.text).not.toMatch(/is often 1 session, or 5, 6 or 10 smaller ones/);
  });

  it('answers a missed CDK4/6 inhibitor dose from the labels, titled for it', async () => {
    const answer = await ask('missed dose of abemaciclib - what to do?');
    expect(answer.title).toBe('Abemaciclib, missed dose: management');
    expect(answer.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/not made up with an extra dose/);
  });

  it('reads spots on her spine as the bone metastases a past lumpectomy came before', async () => {
    const answer = await ask(
      'Mum had a lumpectomy and radiotherapy 3 years ago. Now a scan has shown spots on her spine and hip and the oncologist mentioned ribociclib with letrozole. What blood tests will she need on these tablets?',
      'patient',
    );
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(body(answer)).toMatch(/liver blood tests/);
  });
});

describe('what a pharmacist and a patient with little English asked (fourth review)', () => {
  it('answers the rebound half of a question whose other half, a missed denosumab dose, is not held', async () => {
    const answer = await ask('Patient on denosumab 120 mg every 4 weeks missed her dose by 3 weeks. How do we restart, and is there any rebound risk if we stop denosumab altogether?');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(answer, 'not-covered')).toMatch(/missed dose/);
    expect(body(answer)).toMatch(/vertebral fractures/);
    // A topic told of no medicine and asked about is still declined whole.
    expect(noticeOf(await ask('I drink wine every night. Is that OK with letrozole?', 'patient'), 'out-of-scope')).toMatch(/alcohol/);
  });

  it('answers denosumab with an eGFR below 30 with its kidney advice, offering no 4 mg zoledronic acid', async () => {
    const answer = await ask('Can a patient with bone metastases and eGFR 25 receive denosumab instead of zoledronic acid?');
    expect(answer.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/^Denosumab needs no dose adjustment for kidney function/);
    expect(body(answer)).not.toMatch(/4 mg, reduced for lower creatinine clearance/);
  });

  it('answers what to do before starting a bone medicine with what is done before starting', async () => {
    const professional = await ask('Starting denosumab next week for bone mets - what needs doing before the first dose?');
    expect(professional.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/dental examination[^.]*before denosumab is started/);
    const patient = await ask('I start zoledronic acid drip next week. What I must do before?', 'patient');
    expect(patient.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/before you start a bone medicine/);
  });

  it('answers "and if she is not fit for surgery?" with what is done for those who are not candidates for it', async () => {
    const history = [
      { question: 'What is the management of suspected metastatic spinal cord compression?', standaloneQuestion: 'What is the management of suspected metastatic spinal cord compression?' },
      { question: 'What dexamethasone dose?', standaloneQuestion: 'What dexamethasone dose for metastatic spinal cord compression?' },
    ];
    const answer = await pack.answer({ message: 'And if she is not fit for surgery?', audience: 'professional', history });
    expect(answer.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/not candidates for initial surgical decompression, ASTRO 2024 recommends 8 Gy in 1 fraction/);
  });

  it('says interactions are not held: apart beside a covered question in the same sentence, and declined alone', async () => {
    const both = await ask('Ribociclib: which ECG and liver tests are needed, and which interacting drugs should be avoided?');
    expect(noticeOf(both, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(both, 'not-covered')).toMatch(/interactions between medicines/);
    expect(body(both)).toMatch(/ECG/);
    expect(noticeOf(await ask('does palbociclib have drug interactions?'), 'out-of-scope')).toMatch(/interactions between medicines/);
  });

  it('gives ribociclib\'s liver test and blood count schedule when asked for its blood monitoring', async () => {
    expect(body(await ask('What blood monitoring does ribociclib need?'))).toMatch(/Liver function tests and complete blood counts are both done before ribociclib is started, every 2 weeks/);
  });

  it('declines finding a clinical trial by name, and reads "enough, or does she need" as a choice', async () => {
    expect(noticeOf(await ask('Is there clinical trial for me? How I find?', 'patient'), 'out-of-scope')).toMatch(/how to join a clinical trial/);
    const rib = await ask('Single painful rib metastasis. Is a single fraction of radiotherapy enough, or does she need SBRT?');
    expect(rib.understood.intent).toBe('choice');
    expect(rib.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/single 8 Gy fraction relieves pain as well as/);
  });
});

describe('what an acute oncology nurse and a man with breast cancer asked (fifth review)', () => {
  const lead = (answer: Answer) => answer.blocks.find((block) => block.kind === 'summary')?.text ?? '';

  it('raises the urgent notice for lost bladder control told to a clinician, and answers the MRI timing', async () => {
    const answer = await ask('Patient with spinal metastases has already lost bladder control. How quickly does he need an MRI?');
    expect(noticeOf(answer, 'urgent')).toMatch(/MRI of the whole spine/);
    expect(body(answer)).toMatch(/within 24 hours/);
  });

  it('lists the symptoms and signs of cord compression a clinician should ask about', async () => {
    const answer = await ask('What are the features of malignant spinal cord compression I should ask about on the phone?');
    expect(lead(answer)).toMatch(/symptoms and signs that suggest metastatic spinal cord compression: limb weakness/);
    expect(noticeOf(answer, 'urgent')).toBeUndefined();
  });

  it('manages cord compression in a patient not fit for surgery with radiotherapy, not a surgical opinion', async () => {
    const answer = await ask('Known spinal mets, MSCC confirmed on MRI, not fit for surgery. What is the management?');
    const summaries = answer.blocks.filter((block) => block.kind === 'summary').map((block) => block.text).join('\n');
    expect(summaries).toMatch(/not a candidate for initial surgical decompression, ASTRO 2024 recommends radiotherapy/);
    expect(summaries).not.toMatch(/surgical opinion should be sought/);
    // New leg weakness is a sign of cord compression: SC-24's SBRT (no neurological symptoms) is not offered.
    const weak = await ask('Patient with new back pain and leg weakness, known spinal mets, not fit for surgery. What is the management?');
    expect(lead(weak)).not.toMatch(/SC-24/);
    expect(weak.blocks.some((block) => /stereotactic body radiotherapy 24 Gy in 2 fractions gave more complete pain responses/.test(block.text))).toBe(false);
  });

  it('gives the palbociclib blood count schedule first, and the 3-monthly checks only to a course that earns them', async () => {
    expect(lead(await ask('Which blood tests do I need to check before each cycle of palbociclib and how often in the first months?'))).toMatch(/^Complete blood counts should be checked before palbociclib is started/);
    expect(lead(await ask('Her neutropenia stayed grade 2 for 6 cycles on palbociclib, how often are counts needed now?'))).toMatch(/every 3 months/);
  });

  it('answers what comes after progression on a CDK4/6 inhibitor, and a follow-up leaves the first line behind', async () => {
    expect(lead(await ask('What are the treatment options after progression on a CDK4/6 inhibitor for HR-positive HER2-negative disease?'))).toMatch(/^After progression on a CDK4\/6 inhibitor, the next treatment is chosen by the mutations found/);
    const history = [{ question: 'HR-positive HER2-negative metastatic breast cancer with bone-only disease, first line treatment?', standaloneQuestion: 'HR-positive HER2-negative metastatic breast cancer with bone-only disease, first line treatment?' }];
    const next = await pack.answer({ message: 'What if she progresses on the CDK4/6 inhibitor?', audience: 'professional', history });
    expect(next.standaloneQuestion).not.toMatch(/first line/);
    expect(lead(next)).toMatch(/^After progression on a CDK4\/6 inhibitor/);
  });

  it('names the painkillers a patient can take, and answers whether the bone injection can hurt the jaw', async () => {
    expect(lead(await ask('What painkillers can I take for my bone pain?', 'patient'))).toMatch(/include paracetamol, anti-inflammatory medicines such as ibuprofen, and strong medicines such as morphine/);
    expect(lead(await ask('my dad is having radiotherapy for the cancer in his hip next week. how many times will he have to go in?', 'patient'))).toMatch(/often 1 session, or 5, 6 or 10/);
    const jaw = await ask('Will the bone injection hurt my jaw?', 'patient');
    expect(jaw.understood.focus.map((entry) => entry.concept)).toContain('osteonecrosis of the jaw');
    expect(body(jaw)).toMatch(/harm the jaw bone/);
  });

  it('tells a man why hormone tablets and the same treatments suit him, and a carer why the steroid is given', async () => {
    expect(lead(await ask('Why would a man be given hormone tablets like tamoxifen? I thought that was for women.', 'patient'))).toMatch(/most breast cancers in men grow with the help of hormones/);
    expect(lead(await ask("I'm a man with breast cancer that has spread to my bones. Is my treatment the same as for women?", 'patient'))).toMatch(/same as for women/);
    const steroid = await ask("Mum's discharge letter says 'MSCC at T10 - dexamethasone 16 mg daily, for radiotherapy'. What is MSCC, and why does she need the steroid?", 'patient');
    expect(lead(steroid)).toMatch(/reduce swelling around the spinal cord/);
    expect(noticeOf(steroid, 'urgent')).toBeUndefined();
  });

  it('reads a Mirels score from a report and a pain told apart, and answers missing and vomiting a CDK4/6 dose', async () => {
    const report = await ask("CT report: 'predominantly sclerotic metastasis in the left peritrochanteric femur, involving about half of the cortical thickness'. She has moderate pain that is not worse on walking. What is her Mirels score, and does she need prophylactic fixation?");
    expect(lead(report)).toMatch(/Mirels score for the peritrochanteric femur lesion is 8/);
    expect(lead(await ask('she missed her ribociclib for 2 days. should she take extra to catch up?', 'patient'))).toMatch(/do not take an extra dose: just take the next dose at the usual time/);
    expect(lead(await ask('I was sick half an hour after my Kisqali. Should I take it again?', 'patient'))).toMatch(/sick soon after taking it, do not take an extra dose/);
  });
});

describe('what a palliative care consultant and a woman with HER2-positive disease asked (sixth review)', () => {
  const lead = (answer: Answer) => answer.blocks.find((block) => block.kind === 'summary')?.text ?? '';
  const asked = (...questions: string[]) => questions.map((question) => ({ question, standaloneQuestion: question }));

  it('keeps high calcium in a follow-up about denosumab, and gives no calcium supplement advice there', async () => {
    const history = asked('How do I manage hypercalcaemia of malignancy in breast cancer?', 'Her calcium is still raised seven days after zoledronic acid. What next?');
    const answer = await pack.answer({ message: 'What if she has been on denosumab for the last year?', audience: 'professional', history });
    expect(answer.standaloneQuestion).toMatch(/hypercalcaemia/);
    expect(body(answer)).not.toMatch(/calcium and vitamin D should be given|Stopping calcium and vitamin D supplements/i);
  });

  it('keeps the urgent notice when a person with a fever on treatment says they otherwise feel fine', async () => {
    const history = asked("I'm on Herceptin and pertuzumab and I have a temperature of 38.5. What should I do?");
    const answer = await pack.answer({ message: 'What if I feel fine apart from the temperature?', audience: 'patient', history });
    expect(noticeOf(answer, 'urgent')).toMatch(/38 °C/);
    // Feeling fine with nothing reported before raises nothing.
    expect(noticeOf(await pack.answer({ message: 'What if I feel fine?', audience: 'patient', history: asked('What does zoledronic acid do?') }), 'urgent')).toBeUndefined();
  });

  it('answers the held half of a question whose other half is not held, instead of refusing it whole', async () => {
    const morphine = await ask('My patient is on modified-release morphine 60 mg twice daily. What breakthrough dose should I prescribe, and how should I manage opioid-induced constipation?');
    expect(noticeOf(morphine, 'out-of-scope')).toBeUndefined();
    // Both halves are held: the BNF's rescue dose on regular morphine, and NICE's regular laxative.
    expect(noticeOf(morphine, 'not-covered')).toBeUndefined();
    expect(body(morphine)).toMatch(/one-tenth to one-sixth of the total 24-hour morphine dose/);
    expect(body(morphine)).toMatch(/prescribing a laxative, taken regularly/);
    const lastWeeks = await ask('A woman in her last weeks of life with bone metastases from breast cancer is still on monthly denosumab. Should we stop it?');
    expect(noticeOf(lastWeeks, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(lastWeeks, 'not-covered')).toMatch(/last weeks of life/);
    expect(body(lastWeeks)).toMatch(/denosumab/i);
  });

  it('reads watery stools as diarrhoea', async () => {
    const stools = await ask('Man on abemaciclib rang with 6 watery stools a day since yesterday. What do I advise now?');
    expect(stools.understood.focus.map((entry) => entry.concept)).toContain('diarrhoea');
    expect(lead(stools)).toMatch(/loperamide/);
  });

  it('declines a break from a cancer treatment and how often scans are done, which are not held, instead of answering from nearby text', async () => {
    expect(noticeOf(await ask('Can I take a break from my Herceptin infusions for a three-week family holiday?', 'patient'), 'out-of-scope')).toMatch(/breaks from cancer treatment/);
    // A break from a bone medicine is held.
    expect(noticeOf(await ask('Can I take a break from my denosumab injections?', 'patient'), 'out-of-scope')).toBeUndefined();
    const scans = await ask('How often will I have scans, and what will they show?', 'patient');
    expect(noticeOf(scans, 'out-of-scope')).toMatch(/how often routine scans are done/);
    expect(body(scans)).not.toMatch(/MRI within 24 hours/);
  });

  it('answers "will it hurt or make me feel sick?" about radiotherapy with its side effects', async () => {
    const history = asked('What is radiotherapy for bone pain like?');
    const answer = await pack.answer({ message: "It's for my spine. Will it hurt or make me feel sick?", audience: 'patient', history });
    expect(answer.understood.focus.map((entry) => entry.concept)).toContain('nausea and vomiting');
    expect(body(answer)).toMatch(/Pain in the treated bone can get worse/);
  });

  it('tells a carer what low calcium on denosumab feels like when asked what to look out for', async () => {
    expect(lead(await ask('My husband is starting denosumab injections. What side effects should we look out for?', 'patient'))).toMatch(/low calcium[^.]*look out for tingling around the mouth or in the fingers, and muscle cramps/);
  });

  it('answers high calcium that a treatment has not brought down with what is done then, not the first treatment again', async () => {
    const history = asked('How do I manage hypercalcaemia of malignancy in breast cancer?');
    const answer = await pack.answer({ message: 'Her calcium is still raised seven days after zoledronic acid. What next?', audience: 'professional', history });
    expect(lead(answer)).toMatch(/Retreatment with zoledronic acid 4 mg may be considered if calcium does not return to or stay normal/);
    expect(lead(await ask('How do I manage hypercalcaemia of malignancy in breast cancer?'))).toMatch(/intravenous hydration plus treatment with denosumab or an intravenous bisphosphonate/);
  });
});


describe('what a GP and a daughter caring for her mother asked (seventh review)', () => {
  const lead = (answer: Answer) => answer.blocks.find((block) => block.kind === 'summary')?.text ?? '';
  const asked = (...questions: string[]) => questions.map((question) => ({ question, standaloneQuestion: question }));

  it('answers "what if her legs start to feel weak?" with when to get help and a warning-signs notice', async () => {
    const history = asked("Will radiotherapy help mum's painful back?");
    const answer = await pack.answer({ message: 'What if her legs start to feel weak?', audience: 'patient', history });
    expect(noticeOf(answer, 'warning-signs')).toBeDefined();
    expect(lead(answer)).toMatch(/^Get help now if you have new back pain with weak legs/);
    // Asked as a report, not a possibility, the same words are an emergency.
    expect(noticeOf(await ask('Her legs are starting to feel weak and her back hurts.', 'patient'), 'urgent')).toBeDefined();
  });

  it('keeps what-if questions that name no warning sign as they were asked', async () => {
    const answer = await ask('What if she cannot have radiotherapy?', 'patient');
    expect(answer.understood.intent).not.toBe('when-to-seek-help');
  });

  it("answers a relative's outlook asked in no other words, and refuses an outlook that is not a person's", async () => {
    const outlook = await ask('How long does mum have left?', 'patient');
    expect(noticeOf(outlook, 'out-of-scope')).toBeUndefined();
    expect(lead(outlook)).toMatch(/No one can say exactly how long one person will live/);
    expect(noticeOf(await ask('How long do tortoises live?', 'patient'), 'out-of-scope')).toBeDefined();
  });

  it('answers "what are the options now?" after the tablets stop working from the leaflet, not with HER2-positive second line', async () => {
    const answer = await ask('The scan shows the cancer is growing again despite the tablets. What are the options now?', 'patient');
    expect(lead(answer)).toMatch(/your team will talk with you about a different treatment/);
    expect(body(answer)).not.toMatch(/standard second-line treatment for HER2-positive/);
  });

  it('answers whether removing the breast tumour helps, and does not title it by the class beside its member', async () => {
    const answer = await ask('I read that women whose cancer had spread only to their bones lived longer if they had the lump in the breast removed. Should I ask for an operation?', 'patient');
    expect(lead(answer)).toMatch(/an operation on the breast did not help women live longer/);
    expect(answer.title).not.toMatch(/and surgery/i);
    const professional = await ask('Surgery of the primary tumour in de novo stage IV breast cancer - does it improve survival?');
    expect(professional.understood.intent).toBe('results');
    expect(lead(professional)).toMatch(/EA2108/);
  });

  it("answers a GP's 'which symptoms need the team the same day?' with the warning signs from their own documents", async () => {
    const answer = await ask('Which symptoms in a patient with bone metastases from breast cancer need same-day contact with the oncology team?');
    expect(lead(answer)).toMatch(/symptoms and signs that suggest metastatic spinal cord compression/);
    expect(body(answer)).toMatch(/NICE CG151 asks for neutropenic sepsis to be suspected/);
    expect(body(answer)).toMatch(/thigh, hip or groin pain/);
    expect(body(answer)).not.toMatch(/MD Anderson bone response criteria/);
    // A named warning sign is a specific question, answered from its own document.
    expect(lead(await ask('Which symptoms of spinal cord compression need an MRI within 24 hours?'))).not.toMatch(/neutropenic sepsis/);
  });

  it('keeps the urgent notice when the 24-hour line cannot be reached, and says to call an ambulance', async () => {
    const history = asked('my mum is on chemo for breast cancer in her bones and has a temperature of 38.3 tonight');
    const answer = await pack.answer({ message: 'weve rung the 24 hour number twice and its just ringing out', audience: 'patient', history });
    expect(noticeOf(answer, 'urgent')).toBeDefined();
    expect(body(answer)).toMatch(/calling an ambulance if you cannot reach them/);
    // With no warning sign in the conversation, an unanswered phone is no emergency.
    const calm = await pack.answer({ message: 'the clinic phone just rings out, how else can I ask about my appointment?', audience: 'patient', history: asked('When is my next Zometa drip due?') });
    expect(noticeOf(calm, 'urgent')).toBeUndefined();
  });

  it('answers "what if her calcium comes back high?" after a supplement question with high calcium, not with advice to keep taking calcium', async () => {
    const history = asked('Does she need calcium and vitamin D with the bone injection?');
    const answer = await pack.answer({ message: 'What if her calcium blood test comes back high?', audience: 'patient', history });
    // (The bottom line: "Cancer in the bones can raise the calcium…" no longer leads on the strength of "doctors call this".)
    expect(leadOf(answer)).toMatch(/Get help now if you feel very thirsty/);
    expect(body(answer)).toMatch(/Get help now if you feel very thirsty/);
    expect(body(answer)).not.toMatch(/Take calcium and vitamin D every day|Do not stop calcium and vitamin D/);
    // Asked about the supplements themselves, the answer still gives them.
    expect(body(await ask('Does she need calcium and vitamin D with the bone injection?', 'patient'))).toMatch(/calcium and vitamin D/i);
  });

  it("answers a patient's 'what should I watch for at home?' with every sign that needs help now, cord compression first", async () => {
    for (const question of ['What should I watch for at home that means I need to call the cancer team straight away?', 'what symptoms should make me call for help']) {
      const answer = await ask(question, 'patient');
      expect(lead(answer)).toMatch(/weak or heavy legs/);
      expect(body(answer)).toMatch(/temperature of 38 °C or higher/);
      expect(body(answer)).toMatch(/very thirsty/);
      expect(body(answer)).toMatch(/cannot put weight on a leg/);
      expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    }
    // A question about something else in the same words is not answered with the list.
    expect(noticeOf(await ask('what signs mean I should call the vet about my dog', 'patient'), 'out-of-scope')).toBeDefined();
  });

  it('answers whether to drive after a morphine increase from the leaflet on drowsiness and driving', async () => {
    const answer = await ask("Mum's slow-release morphine went up yesterday. She wants to drive herself to her radiotherapy tomorrow and says she feels fine, just a bit dozy. Should she?", 'patient');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(lead(answer)).toMatch(/can affect your driving/);
    expect(body(answer)).not.toMatch(/stereotactic/i);
  });

  it('answers "drop the dose or switch opioid?" with the sentence that weighs both, for the drowsiness told', async () => {
    const answer = await ask('MST upped to 30mg bd 3 days ago for pelvic mets, pain finally ok but shes drowsy n a bit muddled. drop the dose or switch opioid?');
    expect(body(answer)).toMatch(/reducing the opioid dose if pain is controlled, or switching opioid if it is not/);
  });

  it('answers "what comes next?" after the cancer grew on a treatment with what comes after it, not the first treatment again', async () => {
    const answer = await ask("My oncologist rang to say my scan shows the cancer growing on letrozole and Ibrance. My cancer is hormone positive. What are the next treatments likely to be?", 'patient');
    expect(lead(answer)).toMatch(/next treatment/);
    expect(lead(answer)).not.toMatch(/first get hormone therapy plus a CDK4\/6 inhibitor/);
  });

  it('answers "how many radiotherapy sessions?" with the count of sessions', async () => {
    expect(lead(await ask('How many radiotherapy sessions will I need for my painful hip?', 'patient'))).toMatch(/1 session, or 5, 6 or 10/);
  });

  it('reads pain worst at night as pain to treat, and a fall in clearance on denosumab as no reason to change its dose', async () => {
    const pain = await ask("Mum's pain is worst at night and stops her sleeping. What can help?", 'patient');
    expect(noticeOf(pain, 'out-of-scope')).toBeUndefined();
    expect(body(pain)).toMatch(/pain medicines?\b/);
    const renal = await ask('her CrCl has drifted down to 27 over the last few months. do i need to cut the dmab dose?');
    expect(body(renal)).toMatch(/denosumab needs no dose adjustment/);
  });

  it('declines cardiac monitoring on HER2 treatment as not covered, and answers ECG monitoring on ribociclib', async () => {
    const her2 = await ask('What cardiac monitoring is needed on trastuzumab and pertuzumab?');
    expect(noticeOf(her2, 'out-of-scope')).toMatch(/heart monitoring/);
    const ribociclib = await ask('What cardiac monitoring does ribociclib need?');
    expect(noticeOf(ribociclib, 'out-of-scope')).toBeUndefined();
    expect(body(ribociclib)).toMatch(/QTcF/);
  });

  it('reads walking the dog as exercise, not as cancer in animals', async () => {
    const answer = await ask('Can my wife still walk the dog with cancer in her hip and spine, or is it dangerous?', 'patient');
    expect(noticeOf(answer, 'out-of-scope')).toMatch(/exercise/);
    expect(noticeOf(answer, 'out-of-scope')).not.toMatch(/animals/);
  });

  it('answers a GP proposing to wait with a fever on treatment by when to act, and "what happens when she gets there?" from NICE CG151', async () => {
    const told = 'GP here. 63F on palbo + letrozole for ER+ bone mets rang the surgery with a temp of 38.3 and rigors, says she feels fine otherwise. ok to do an FBC in the morning and review then?';
    const first = await ask(told);
    expect(noticeOf(first, 'urgent')).toMatch(/NICE CG151/);
    expect(first.understood.intent).toBe('when-to-seek-help');
    // "The surgery" a patient rings is her GP practice, not an operation.
    expect(first.understood.focus.map((entry) => entry.concept)).not.toContain('surgery');
    const next = await pack.answer({ message: 'fair enough, will send her in. what actually happens when she gets there?', audience: 'professional', history: asked(told) });
    expect(noticeOf(next, 'urgent')).toBeDefined();
    expect(body(next)).toMatch(/initial assessment of suspected neutropenic sepsis/);
    expect(body(next)).not.toMatch(/Most people with HR-positive cancer|hormone therapy plus a CDK4\/6 inhibitor/);
  });

  it('reads a sore gum that will not heal on a bone medicine as the jaw problem, and a new limp in a thigh bone with its warning signs', async () => {
    const jaw = await pack.answer({ message: "She's had a toothache and a sore gum that won't heal since last week. What should we do?", audience: 'patient', history: asked('My wife is having zoledronic acid drips. What side effects should we watch for?') });
    expect(noticeOf(jaw, 'out-of-scope')).toBeUndefined();
    expect(body(jaw)).toMatch(/Call your care team today if you have jaw pain/);
    const limp = await pack.answer({ message: "Now it hurts much more when I walk and I've started limping.", audience: 'patient', history: asked('I have a metastasis in my thigh bone. Will I need an operation?') });
    expect(noticeOf(limp, 'warning-signs')).toMatch(/weak thigh bone can break/);
    expect(limp.standaloneQuestion).not.toMatch(/operation hurts/);
  });

  it('declines lifting children as not covered, and a salon owner asking about work after radiotherapy is answered about radiotherapy', async () => {
    expect(noticeOf(await ask('Can I still lift my two young children and carry them with cancer in my bones?', 'patient'), 'out-of-scope')).toBeDefined();
    const work = await pack.answer({ message: 'i run my own hair salon and cant really afford days off. will i be ok to work the day after?', audience: 'patient', history: asked('my oncologist wants me to have radiotherapy for a painful spot in my hip. what is it and will it actually help?') });
    expect(noticeOf(work, 'out-of-scope')).toBeUndefined();
    expect(body(work)).toMatch(/Pain in the treated bone can get worse for a few days after radiotherapy/);
  });

  it('keeps the urgent notice when a corrected detail leaves the sign told, and asks whether it still matters', async () => {
    const history = asked('my mum is on chemo for the cancer in her bones and her temperature is 38.2 tonight. she says she feels fine');
    const answer = await pack.answer({ message: 'sorry i got that wrong, shes not on chemo, she just takes letrozole tablets and has xgeva jabs. does the temperature still matter?', audience: 'patient', history });
    expect(noticeOf(answer, 'urgent')).toMatch(/on any cancer medicine/);
    // Without a sign told before, the same words raise nothing.
    const calm = await pack.answer({ message: 'does the temperature still matter?', audience: 'patient', history: asked('When is my next Xgeva injection due?') });
    expect(noticeOf(calm, 'urgent')).toBeUndefined();
  });

  it('answers "will it work on its own?" by what the knowledge says of it alone', async () => {
    const answer = await ask("My hip really hurts. The doctor offered radiotherapy, but I'd rather wait for the Xgeva injections I'm starting next week to kick in. Will the Xgeva take the pain away on its own?", 'patient');
    expect(lead(answer)).toMatch(/A bone medicine alone is not enough for bone pain/);
  });

  it('declines an acid blocker beside palbociclib as an interaction, and reads relapse during adjuvant tamoxifen as history', async () => {
    expect(noticeOf(await ask('pt on palbo caps + letrozole, GI have started omeprazol 40 - does the ppi knock the palbo levels down?'), 'out-of-scope')).toMatch(/interactions between medicines/);
    const man = await ask('62-year-old man, ER+/HER2- breast cancer, now has bone metastases 3 years into adjuvant tamoxifen; no visceral crisis. Which endocrine therapy should he move to?');
    expect(noticeOf(man, 'out-of-scope')).toBeUndefined();
    expect(body(man)).toMatch(/men/i);
  });

  it('keeps the urgent notice when a follow-up asks how soon to act on the emergency just told', async () => {
    const history = asked("My wife's back pain has got worse this week.", "Now she says her legs feel weak and she's stumbling.");
    const answer = await pack.answer({ message: 'How soon does she need to be seen?', audience: 'patient', history });
    expect(noticeOf(answer, 'urgent')).toBeDefined();
    // After a question about warning signs in general, "how soon" raises nothing.
    const calm = await pack.answer({ message: 'How soon would she need to be seen?', audience: 'patient', history: asked('What are the signs of cord compression?') });
    expect(noticeOf(calm, 'urgent')).toBeUndefined();
  });

  it("gives a clinician NICE CG151's words on a fever during treatment, not the leaflet's", async () => {
    const answer = await ask('Temperature 38.4 in a woman taking ribociclib and letrozole. How should I manage her?');
    expect(noticeOf(answer, 'urgent')).toMatch(/NICE CG151/);
    expect(body(answer)).toMatch(/empiric antibiotic therapy to be offered immediately/);
    expect(body(answer)).not.toMatch(/Get help now if you have/);
  });

  it('answers a fall in kidney function on zoledronic acid with withholding, not the baseline dose table first', async () => {
    const fallen = await ask('Her eGFR has fallen from 55 to 38. She gets zoledronic acid every 4 weeks for bone metastases. Does the dose need changing?');
    expect(lead(fallen)).toMatch(/treatment should be withheld if kidney function has deteriorated/);
    // A clearance told once, with no decline, is answered from the table by its band.
    expect(lead(await ask('zoledronic acid dose for bone mets, CrCl 38 mL/min?'))).not.toMatch(/withheld/);
  });

  it('leads "when is prophylactic fixation indicated?" with fixation, not with SBRT for patients with no indication for surgery', async () => {
    const answer = await ask('when is prophylactic fixation indicated?');
    expect(lead(answer)).not.toMatch(/SBRT/);
    expect(lead(answer)).toMatch(/prophylactic surgery for an impending fracture/);
  });
});

describe('what an oncology pharmacist and a woman with triple-negative disease asked (eighth review)', () => {
  const lead = (answer: Answer) => answer.blocks.find((block) => block.kind === 'summary')?.text ?? '';

  it('answers breathlessness on the stairs with calling the team today, not with a cord-compression alert', async () => {
    const answer = await ask("I've got more breathless over the last week walking up the stairs. Is that the cancer in my lungs, and should I call someone?", 'patient');
    expect(answer.notices.some((notice) => notice.kind === 'urgent')).toBe(false);
    expect(lead(answer)).toMatch(/Call your care team today about a new cough or shortness of breath/);
    // Weak legs told beside breathlessness are still a sign of cord compression.
    expect(noticeOf(await ask("my back is agony and my legs have gone weak, and I'm breathless too", 'patient'), 'urgent')).toMatch(/spinal cord/);
  });

  it('answers the sacituzumab govitecan dose beside a premedication question, saying premedication is not covered', async () => {
    const answer = await ask('What is the dose of sacituzumab govitecan? What premedication does it need?');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(answer, 'not-covered')).toMatch(/premedication/);
    expect(body(answer)).toMatch(/10 mg\/kg was given on days 1 and 8 of a 21-day cycle/);
  });

  it('says when no side effect of a medicine is held, and answers why hormone tablets do not suit triple-negative cancer', async () => {
    const sacituzumab = await ask("I've been started on sacituzumab (Trodelvy). What does it do and what side effects should I look out for?", 'patient');
    expect(noticeOf(sacituzumab, 'not-covered')).toMatch(/the side effects of sacituzumab govitecan/);
    // A medicine whose harms are held gets them, and no such notice.
    expect(noticeOf(await ask('what are the side effects of denosumab?', 'patient'), 'not-covered') ?? '').not.toMatch(/side effects/);
    const triple = await ask("What does triple-negative mean, and why can't I have the hormone tablets other women get?", 'patient');
    expect(lead(triple)).toMatch(/no hormone receptors/);
    expect(noticeOf(triple, 'not-covered')).toBeUndefined();
  });

  it('explains a flare on a bone scan from the leaflet, and answers what happens if the cancer spreads beside a trial question', async () => {
    const flare = await ask('My bone scan report says the spots look brighter and mentions a flare. Does that mean the cancer is getting worse?', 'patient');
    expect(noticeOf(flare, 'out-of-scope')).toBeUndefined();
    expect(body(flare)).toMatch(/a bone scan can look worse for a while as the bone heals/);
    const spread = await ask('What happens if the cancer spreads further, like to my liver or brain? Could I join a clinical trial?', 'patient');
    expect(noticeOf(spread, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(spread, 'not-covered')).toMatch(/how to join a clinical trial/);
    // Asked alone, joining a trial is still declined.
    expect(noticeOf(await ask('How do I join a clinical trial?', 'patient'), 'out-of-scope')).toMatch(/how to join a clinical trial/);
  });

  it('answers pain that gets bad between morphine doses with the extra fast-acting doses, not as a dose question', async () => {
    const history = [{ question: "I've been started on morphine for the pain in my hip. How should I take it?", standaloneQuestion: "I've been started on morphine for the pain in my hip. How should I take it?" }];
    const answer = await pack.answer({ message: 'What if the pain suddenly gets bad between doses?', audience: 'patient', history });
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(answer.understood.intent).not.toBe('dose');
    expect(lead(answer)).toMatch(/extra doses of a fast-acting medicine/);
  });

  it('reads "how do I switch… and when should the first dose be given?" as how to switch, not as a dose question', async () => {
    const answer = await ask('How do I switch a patient from denosumab to zoledronic acid, and when should the first zoledronic acid dose be given after the last denosumab injection?');
    expect(answer.understood.intent).toBe('management');
    expect(body(answer)).toMatch(/No trial held here tests the best way to switch from denosumab 120 mg to a bisphosphonate/);
    // Asked for the dose alone, it stays a dose question.
    expect((await ask('What is the first zoledronic acid dose after denosumab?')).understood.intent).toBe('dose');
  });

  it('answers the choice of opioid in kidney failure with what is held of opioids there, not with another medicine spoken of with poor kidneys', async () => {
    // NICE CG140's advice to seek specialist advice before strong opioids in moderate to severe renal impairment is what is held.
    const answer = await ask('Which opioid is preferred for metastatic bone pain when eGFR is below 30 mL/min?');
    expect(body(answer)).toMatch(/seeking specialist advice before prescribing strong opioids/);
    expect(body(answer)).not.toMatch(/zoledronic|denosumab/);
    // A medicine whose kidney advice is held keeps its answer, with no such notice.
    const held = await ask('zoledronic acid dose if CrCl is 35?');
    expect(noticeOf(held, 'not-covered')).toBeUndefined();
    expect(lead(held)).toMatch(/3 mg/);
  });
});

describe('fresh conversations: corrections, the treatment just named, and what if it does not work', () => {
  const lead = (answer: Answer) => answer.blocks.find((block) => block.kind === 'summary')?.text ?? '';

  it("reads 'does it affect her immune system?' on palbociclib as its low white cells, not as vaccination", async () => {
    const answer = await ask('does palbociclib affect my immune system?', 'patient');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(lead(answer)).toMatch(/low number of white blood cells/);
    expect(answer.understood.focus.map((entry) => entry.concept)).not.toContain('vaccination');
  });
});

describe('amounts asked for', () => {

  it('answers "how much calcium should I take?" with the amount, and "how much water?" with no supplement amount', async () => {
    expect(leadOf(await ask('How much calcium should I take with denosumab?', 'patient'))).toMatch(/500 mg of calcium and 400 units of vitamin D/);
    expect(leadOf(await ask('how much vitamin d do i need with zometa', 'patient'))).toMatch(/400 units of vitamin D/);
    expect(leadOf(await ask('How much water should I drink before my zometa drip?', 'patient'))).not.toMatch(/500 mg of calcium/);
  });

  it('gives a clinician NICE CG140\'s starting and rescue doses of oral morphine, and a patient the team\'s dose', async () => {
    const starting = leadOf(await ask('What starting dose of morphine for an opioid-naive patient with bone pain?'));
    expect(starting).toMatch(/20–30 mg of oral morphine a day/);
    expect(leadOf(await ask('how much morphine can she take for breakthrough pain?'))).toMatch(/5 mg of oral immediate-release morphine/);
    expect(leadOf(await ask('how much oramorph can I take when the pain breaks through?', 'patient'))).toMatch(/^Your team will tell you how much/);
  });

  it('answers a hypercalcaemia dose with 4 mg and offers no dose reduced for the kidneys', async () => {
    const answer = await ask('Corrected calcium 3.4 mmol/L, CrCl 35 mL/min, breast cancer with bone mets. What zoledronic acid dose for the hypercalcaemia?');
    expect(leadOf(answer)).toMatch(/4 mg/);
    expect(body(answer)).not.toMatch(/\b3 mg\b/);
  });
});

describe('what an oncology pharmacist, a woman writing in her second language and her son asked (a later review)', () => {

  it('answers "what should I be listening out for?" with the warning signs, the subtype told being her circumstance', async () => {
    const answer = await ask(
      'My mum has triple negative breast cancer that has spread to her spine and pelvis. I live abroad and only talk to her by phone. What should I be listening out for when we talk?',
      'patient',
    );
    expect(answer.title).toBe('Warning signs that need help straight away');
    expect(body(answer)).toMatch(/weak or heavy legs/);
    expect(body(answer)).not.toMatch(/no hormone receptors/);
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(answer, 'not-covered')).toBeUndefined();
    // A question about the subtype itself is still about it.
    expect(body(await ask('My mum has triple negative breast cancer. What does triple negative mean?', 'patient'))).toMatch(/no hormone receptors/);
  });

  it('answers a fever told with a plan to wait for the morning with getting help, not another sentence on the medicine named', async () => {
    const answer = await ask('I feel hot, the thermometer say 38.4 and I am shaking. I take paracetamol and wait for morning?', 'patient');
    expect(answer.understood.intent).toBe('when-to-seek-help');
    expect(body(answer)).toMatch(/Do not wait until the morning/);
    expect(leadOf(answer)).not.toMatch(/pain relief/);
  });

  it('answers whether a bone medicine kills the cancer with what it does not do', async () => {
    expect(leadOf(await ask('The injection denosumab, what it do? It kill the cancer?', 'patient'))).toMatch(/does not treat the cancer itself/);
  });

  it('leads a clinician with withholding zoledronic acid for a creatinine rise, and a QTcF told with the threshold for it', async () => {
    expect(leadOf(await ask('zol due today - baseline creat 0.8, today 1.4 mg/dL. just drop her to 3.3mg?'))).toMatch(/^Serum creatinine has risen .* withheld/);
    expect(leadOf(await ask('What if her baseline QTcF is 465 ms with ribociclib?'))).toMatch(/^Ribociclib should be started only in patients with a QTcF below 450 ms/);
  });

  it('says nothing is missing about the place a person with an emergency has come to', async () => {
    const answer = await ask('A woman with breast cancer bone metastases comes to the emergency department with 2 days of progressive leg weakness, T10 back pain and new difficulty passing urine. What should happen in the next 24 hours?');
    expect(answer.notices[0]?.kind).toBe('urgent');
    expect(noticeOf(answer, 'not-covered')).toBeUndefined();
  });
});

describe('fresh questions at a moment of change', () => {

  it('answers pain worse after a single fraction with the pain flare, raising no cord alert for a hip', async () => {
    const answer = await ask('had a single radiotherapy on my hip on friday (8 gy) and the pain is worse now not better. did it not work?? should i stop my painkillers seeing as theyre not helping', 'patient');
    expect(answer.notices.some((notice) => notice.kind === 'urgent' || notice.kind === 'warning-signs')).toBe(false);
    expect(leadOf(answer)).toMatch(/can get worse for a few days after radiotherapy/);
    expect(noticeOf(answer, 'not-covered')).toBeUndefined();
  });

  it('answers a socket that has not healed on denosumab with when to call', async () => {
    const answer = await ask(
      "I had a tooth out 6 weeks ago (my cancer team and dentist agreed it) and the hole still hasn't healed, I think I can see something white and hard in it. I'm on denosumab. Is this what they warned me about?",
      'patient',
    );
    expect(answer.understood.focus.map((entry) => entry.concept)).toContain('osteonecrosis of the jaw');
    expect(leadOf(answer)).toMatch(/^Call your care team today/);
    expect(leadOf(answer)).not.toMatch(/zoledronic acid/);
  });

  it('answers whether trastuzumab deruxtecan restarts after lung changes with symptoms by stopping it for good, and without by the grade 1 rule', async () => {
    const symptomatic = await ask(
      'Five months into trastuzumab deruxtecan for HER2-low metastatic breast cancer, she has a new dry cough and breathlessness on the stairs, and high-resolution CT shows new ground-glass change. Can trastuzumab deruxtecan be restarted once steroids have settled it?',
    );
    expect(leadOf(symptomatic)).toMatch(/symptomatic \(grade 2 or higher\) interstitial lung disease.*stopped permanently/);
    expect(leadOf(await ask('asymptomatic gr1 ILD on enhertu (incidental on CT) - stop for good or just hold?'))).toMatch(/asymptomatic \(grade 1\)/);
  });

  it('settles two doses argued over for hypercalcaemia with the finding that gives the dose', async () => {
    const answer = await ask(
      'Two registrars disagree: one wants to give zoledronic acid 4 mg over 15 minutes for a corrected calcium of 3.3 mmol/L in a woman whose creatinine clearance is 40 mL/min; the other says the renal table means 3.3 mg. Who is right, and is there anything to do first?',
    );
    expect(answer.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/^The creatinine clearance dose reductions of zoledronic acid apply to bone metastases, not to hypercalcaemia/);
  });

  it('leads a clearance fallen on zoledronic acid, baseline in brackets, with what that fall means, not the baseline band', async () => {
    const answer = await ask('zol due today, CrCl 28 on todays bloods (65 at baseline) - give or hold? dmab instead?');
    expect(answer.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/^A creatinine clearance of 28 mL\/min measured on zoledronic acid sets no new dose/);
  });

  it('declines a condition told and then asked about ("…is \'lymphoedema\'. What is it?"), and explains "palliative" instead of refusing it', async () => {
    const lymph = await ask("The breast care nurse said the swelling in my arm is 'lymphoedema'. What is it and how is it treated?", 'patient');
    expect(noticeOf(lymph, 'out-of-scope')).toMatch(/lymphoedema/);
    const palliative = await ask("The doctor used the word 'palliative' about my mum's treatment and the whole family is devastated. Does that mean she's dying and they've stopped treating the cancer?", 'patient');
    expect(noticeOf(palliative, 'out-of-scope')).toBeUndefined();
    expect(body(palliative)).toMatch(/palliative care at the same time as cancer treatment/);
  });

  it('leads a dose question about denosumab with its dose, not the zoledronic acid band the clearance gives', async () => {
    const denosumab = await ask('Patient starting denosumab for breast cancer bone mets, CrCl 45 mL/min. What dose?');
    expect(denosumab.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/denosumab 120 mg/);
    const zoledronic = await ask('Patient starting zoledronic acid for breast cancer bone mets, CrCl 45 mL/min. What dose?');
    expect(zoledronic.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/^Creatinine clearance as given is 45 .* 3\.3 mg/);
  });

  it('names an atypical femoral fracture for groin and thigh aching on a bisphosphonate', async () => {
    const answer = await ask('GP query: a patient who has had zoledronic acid for bone metastases for 5 years now has 6 weeks of aching in the left groin and thigh. What should I be thinking of?');
    expect(answer.understood.focus.map((entry) => entry.concept)).toContain('atypical femoral fracture');
  });
});

describe('what a telephone advice nurse, a man of 76 and his wife asked (a later review)', () => {
  it('answers a wife asking what to watch for at night with the warning signs, his being a man being no part of them', async () => {
    const answer = await ask(
      "My husband is 76 and has breast cancer that has spread to his bones, which I know is unusual for a man. I lie awake worrying about the nights. What should I be watching for when he's asleep or when he gets up in the night to use the toilet?",
      'patient',
    );
    expect(answer.title).toBe('Warning signs that need help straight away');
    expect(noticeOf(answer, 'not-covered')).toBeUndefined();
  });

  it('answers a carer asking for help for herself, and what questions to take to an appointment, instead of refusing them', async () => {
    const help = await ask("Is there any help for me? I'm looking after him on my own and I'm worn out.", 'patient');
    expect(noticeOf(help, 'out-of-scope')).toBeUndefined();
    expect(body(help)).toMatch(/palliative care/i);
    const questions = await ask('We have his next appointment on Thursday and I always come out having forgotten half of what I meant to ask. What questions should we take with us?', 'patient');
    expect(noticeOf(questions, 'out-of-scope')).toBeUndefined();
    expect(questions.understood.intent).not.toBe('taken-with');
    expect(body(questions)).toMatch(/questions/i);
  });
});

describe('what a GP, a woman of 41 with cancer in her spine and her husband asked (a later review)', () => {
  it('keeps the low-calcium alert when the person plans to take calcium tablets and wait till morning', async () => {
    const first = 'I had my first Xgeva injection 10 days ago and tonight my fingers keep going tingly, my lips feel numb and I had a cramp in my foot. Is that connected?';
    const history = [{ question: first, standaloneQuestion: first }];
    const waiting = await pack.answer({ message: "Can I just take two of my calcium tablets now and see if it goes off by the morning? I don't want to wake the kids.", audience: 'patient', history });
    expect(noticeOf(waiting, 'urgent')).toMatch(/get help now/i);
    // Asking what the tablets are for, not proposing to wait, is no emergency of its own.
    const asking = await pack.answer({ message: 'What are the calcium tablets for?', audience: 'patient', history: [{ question: 'What is Xgeva?', standaloneQuestion: 'What is Xgeva?' }] });
    expect(noticeOf(asking, 'urgent')).toBeUndefined();
  });

  it('answers "what would I notice if that started happening?" after "no cord compromise" with the cord warning signs', async () => {
    const first = "My scan report says 'no evidence of cord compromise'. Is cord compromise bad?";
    const answer = await pack.answer({
      message: "So 'no cord compromise' means the cancer isn't pressing on my spine? What would I notice if that started happening?",
      audience: 'patient',
      history: [{ question: first, standaloneQuestion: first }],
    });
    expect(answer.understood.intent).toBe('when-to-seek-help');
    expect(answer.understood.focus.map((entry) => entry.concept)).toContain('metastatic spinal cord compression');
    expect(body(answer)).toMatch(/weak or heavy legs/);
    expect(body(answer)).not.toMatch(/dentist/i);
  });

  it('answers a list of warning signs for the fridge, and still declines storing a medicine in one', async () => {
    const list = await ask('What are the things that mean I should ring someone straight away in the middle of the night rather than wait till morning? I need a list I can stick on the fridge.', 'patient');
    expect(noticeOf(list, 'out-of-scope')).toBeUndefined();
    expect(list.title).toBe('Warning signs that need help straight away');
    expect(noticeOf(await ask('Xgeva vials got left out of the fridge overnight on the ward - still usable?'), 'out-of-scope')).toMatch(/storing medicines/);
    // Asked for the other signs besides the one named, the list is whole, the one named included.
    const others = await ask("can you list the other 'get help now' signs besides fever, in one place, so I can put them on the fridge?", 'patient');
    expect(others.title).toBe('Warning signs that need help straight away');
    expect(body(others)).toMatch(/weak or heavy legs/);
    expect(body(others)).toMatch(/very thirsty/);
    expect(body(others)).toMatch(/temperature of 38/);
    // Naming the sign without asking for the whole list is still about that sign.
    expect((await ask('what should she do if she gets a fever at the weekend?', 'patient')).title).not.toBe('Warning signs that need help straight away');
  });

  it('tells a patient with a high calcium to ask about stopping calcium and vitamin D, and a clinician that it is a contraindication', async () => {
    const patient = await ask('my calcium came back high, should I keep taking my calcium and vitamin D tablets?', 'patient');
    expect(patient.blocks[0]?.text).toMatch(/not for people whose blood calcium is too high/);
    const gp = await ask('Calcium 2.9 mmol/L corrected on routine bloods, asymptomatic. Should calcium and vitamin D supplements be continued in a patient with hypercalcaemia?');
    expect(body(gp)).toMatch(/absolute contraindication/);
    expect(body(gp)).not.toMatch(/Stopping calcium and vitamin D supplements during denosumab treatment raises/);
  });

  it('answers a harm of a covered medicine with what is not covered said beside it, and declines what is asked about it', async () => {
    const gp = await ask(
      'GP: a patient on trastuzumab deruxtecan has had a dry cough and breathlessness on stairs for 5 days. I was going to start amoxicillin for a chest infection. Is that enough?',
    );
    expect(noticeOf(gp, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(gp, 'not-covered')).toMatch(/amoxicillin/);
    expect(body(gp)).toMatch(/trastuzumab deruxtecan/);
    // The premedication asked about in the same breath as a harm is still declined.
    expect(noticeOf(await ask('First zol infusion next week - any evidence that a paracetamol or ibuprofen premed cuts the acute-phase reaction?'), 'out-of-scope')).toMatch(/premedication/);
  });

  it('says a medicine told only as a circumstance is not covered beside the answer, and declines one asked about', async () => {
    const told = await ask(
      'Postmenopausal woman, HR-positive HER2-negative, progression after letrozole plus ribociclib. ctDNA shows a PIK3CA mutation. She has type 2 diabetes on metformin. What are the targeted options now?',
    );
    expect(noticeOf(told, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(told, 'not-covered')).toMatch(/metformin/);
    expect(noticeOf(await ask('she is on sertraline, can she have tamoxifen?'), 'out-of-scope')).toMatch(/sertraline/);
  });

  it('reads "eGFR normal" and "normal kidneys" as no kidney problem, and a reduced clearance as one', async () => {
    const normal = await ask('What oral morphine dose should I start her on? eGFR normal, LFTs normal.');
    expect(normal.understood.focus.map((entry) => entry.concept)).not.toContain('renal impairment');
    expect(noticeOf(normal, 'not-covered')).toBeUndefined();
    expect(body(normal)).toMatch(/20–30 mg of oral morphine a day/);
    const impaired = await ask('What zoledronic acid dose with poor kidney function?');
    expect(impaired.understood.focus.map((entry) => entry.concept)).toContain('renal impairment');
  });

  it('answers how long the treatment goes on, and defines triple negative by what it lacks', async () => {
    const howLong = await ask('How long will I be on all this treatment? Is it forever?', 'patient');
    expect(noticeOf(howLong, 'out-of-scope')).toBeUndefined();
    expect(howLong.blocks[0]?.text).toMatch(/for as long as they keep the cancer under control/);
    expect((await ask('what does triple negative mean?', 'patient')).blocks[0]?.text).toMatch(/^Triple-negative cancer has no hormone receptors/);
  });

  it('answers a worry about addiction to morphine, and still declines how likely addiction is', async () => {
    const worry = await ask("I'm scared of getting addicted to morphine", 'patient');
    expect(noticeOf(worry, 'out-of-scope')).toBeUndefined();
    expect(worry.blocks[0]?.text).toMatch(/worry about becoming addicted to morphine, tell your team/);
    expect(noticeOf(await ask('how likely am I to get addicted to morphine?', 'patient'), 'out-of-scope')).toMatch(/addiction/);
  });

  it('leads with what the asking sentence names when the message tells other things first', async () => {
    const answer = await ask(
      "Mum's blood test came back with calcium 2.71 and the normal range on the sheet says 2.20 to 2.60, so it's flagged high. She takes Adcal-D3 calcium tablets every day because she has the Xgeva injection for the cancer in her bones. Should she keep taking the calcium tablets?",
      'patient',
    );
    expect(answer.blocks[0]?.text).toMatch(/^Calcium and vitamin D tablets are not for people whose blood calcium is too high/);
  });

  it('declines blood pressure and a baby\'s fever, and reads a chemotherapy day unit as a place, not a medicine asked about', async () => {
    expect(noticeOf(await ask('A 52-year-old man has clinic blood pressures of 152/94 over three visits. Does that count as hypertension?'), 'out-of-scope')).toMatch(/high blood pressure/);
    expect(noticeOf(await ask('My 14-month-old had his jabs this morning and now his temperature is 38.4. How much Calpol can I give him?', 'patient'), 'out-of-scope')).toMatch(/young children/);
    const unit = await ask('Chemotherapy day unit nurse: a prescription for trastuzumab deruxtecan for HER2-low disease reads 3.6 mg/kg. What is the right dose?');
    expect(noticeOf(unit, 'out-of-scope')).toBeUndefined();
    expect(body(unit)).toMatch(/5\.4 mg\/kg/);
  });

  it('answers diarrhoea told as "the runs" on abemaciclib with what to do', async () => {
    const answer = await ask('been on abemaciclib 10 days and ive had the runs 4 times today, should i just stop the tablets', 'patient');
    expect(answer.understood.focus.map((entry) => entry.concept)).toContain('diarrhoea');
    expect(body(answer)).toMatch(/anti-diarrhoea medicine/);
  });

  it('raises the fever alert for a reading given five words after "temperature", and says immediate referral', async () => {
    const answer = await ask('Pharmacist: customer on palbociclib has a sore throat and her temperature at home this morning was 38.3. She will mention it at clinic next week. What should I advise?');
    expect(noticeOf(answer, 'urgent')).toMatch(/immediate referral to hospital/);
    expect(noticeOf(await ask('Her temperature at home this morning was 37.4, on palbociclib. Anything to do?'), 'urgent')).toBeUndefined();
  });
});

describe('what a hospital pharmacist, a woman of 63 with HER2-positive disease and her daughter asked (a later review)', () => {

  it('keeps the calcium of a hypercalcaemia conversation when a clearance is told next: 4 mg, not the 3 mg band', async () => {
    const answer = await chat(
      'professional',
      "Ward calling about a patient with breast cancer bone mets: corrected calcium 3.4 mmol/L, she's drowsy and vomiting. What's the treatment plan?",
      'Her CrCl is about 35. Do I reduce the zoledronic acid to 3 mg?',
    );
    expect(answer.standaloneQuestion).toMatch(/calcium 3\.4 mmol\/L/);
    expect(answer.blocks[0]?.text).toMatch(/apply to bone metastases, not to hypercalcaemia of malignancy/);
    expect(answer.blocks[0]?.text).not.toMatch(/is 3 mg/);
    // A clearance told alone, with no calcium before, is dosed from the band.
    const alone = await chat('professional', 'Starting zoledronic acid for bone metastases.', 'Her CrCl is about 35. What dose?');
    expect(body(alone)).toMatch(/3 mg/);
  });

  it('keeps the high-calcium alert when calcium tablets are asked about right after its signs', async () => {
    const answer = await chat('patient', "I've been so thirsty for days, I'm up all night weeing and I feel muddled and sick. I have cancer in my bones.", "I take my Adcal calcium tablets at night. Should I take tonight's?");
    expect(noticeOf(answer, 'urgent')).toMatch(/high calcium/);
    expect(body(answer)).not.toMatch(/take calcium and vitamin D every day/);
    expect(noticeOf(await chat('patient', 'What is Xgeva?', "I take my Adcal calcium tablets at night. Should I take tonight's?"), 'urgent')).toBeUndefined();
  });

  it('never leads with another medicine\'s side effect, and declines heart checks on HER2 treatment', async () => {
    const diarrhoea = await chat('patient', "I'm on trastuzumab and pertuzumab every three weeks.", "I've had diarrhoea for three days, five or six times a day. Is that just the pertuzumab?");
    expect(diarrhoea.blocks[0]?.text ?? '').not.toMatch(/abemaciclib/);
    const heart = await chat('patient', "I'm on trastuzumab and pertuzumab every three weeks.", 'How often will they check my heart?');
    expect(noticeOf(heart, 'out-of-scope')).toMatch(/heart monitoring/);
  });

  it('tells a worried daughter about palliative care without a trial\'s survival figures', async () => {
    const answer = await chat('patient', 'My mum has HER2-positive breast cancer in her bones and the treatment has stopped working.', 'they mentioned palliative care. does that mean shes dying?');
    expect(answer.blocks[0]?.text).toMatch(/^Palliative care is extra support/);
    expect(body(answer)).not.toMatch(/median overall survival|months versus/);
  });

  it('leads a follow-up with what the person\'s own words name: the laxative to go with morphine', async () => {
    const answer = await chat('professional', 'Starting dose of oral morphine for spinal mets pain, paracetamol not enough?', 'and the laxative to go with it?');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(answer.blocks[0]?.text).toMatch(/prescribing a laxative/);
  });

  it('answers a neutrophil count with the rule for its grade, never the no-change rule of a milder one', async () => {
    const grade3 = await ask('Patient on ribociclib 600 mg, neutrophils 0.7 today. What do I do?');
    expect(grade3.understood.intent).toBe('management');
    expect(grade3.understoodFacts).toContain('Absolute neutrophil count: 0.7 ×10⁹/L (grade 3 neutropenia)');
    expect(grade3.blocks[0]?.text).toMatch(/^For grade 3 neutropenia[^.]*ribociclib is interrupted/);
    expect(body(grade3)).not.toMatch(/Grade 1 or 2 neutropenia/);
    const day1 = await ask('Palbociclib 125 mg, day 1 of cycle 3, neutrophils 0.8. Do I give the next cycle?');
    expect(day1.blocks[0]?.text).toMatch(/on day 1 of a cycle, palbociclib is withheld/);
    expect(body(day1)).not.toMatch(/needs no change/);
    const grade4 = await ask('neuts 0.3 on palbo, no fever');
    expect(grade4.blocks[0]?.text).toMatch(/grade 4 neutropenia[^.]*withheld/);
    // A count of grade 2 is told the no-change rule, not the grade 3 one.
    const grade2 = await ask('ANC 1.2 on ribociclib day 1, proceed?');
    expect(grade2.blocks[0]?.text).toMatch(/^Grade 1 or 2 neutropenia[^.]*no change to the ribociclib dose/);
    expect(body(grade2)).not.toMatch(/For grade 3 neutropenia \(/);
  });
});

describe('what a palliative care nurse, a man of 58 with breast cancer and his wife asked (a later review)', () => {

  it('answers what is held beside a lifestyle topic told after the questions, instead of refusing it all', async () => {
    const cheese = await ask("So it doesn't treat the cancer? And do I need to take anything with my Xgeva? The nurse mentioned calcium but I already eat a lot of cheese", 'patient');
    expect(noticeOf(cheese, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(cheese, 'not-covered')).toMatch(/calcium from food/);
    expect(body(cheese)).toMatch(/does not treat the cancer itself/);
    expect(body(cheese)).toMatch(/calcium and vitamin D/);
    const hair = await ask("Would he end up having chemo? He's dreading losing his hair.", 'patient');
    expect(noticeOf(hair, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(hair, 'not-covered')).toMatch(/hair loss/);
    // Asked about in a question of its own, the topic is still refused.
    expect(noticeOf(await ask('I eat a lot of cheese. Is that enough calcium with Xgeva?', 'patient'), 'out-of-scope')).toMatch(/calcium from food/);
  });

  it('gives the warning signs asked in plain words, and how the team checks a treatment is working', async () => {
    const signs = await ask('Straight question. What are the one or two things that mean I should stop being stubborn and get on the phone to the hospital right away?', 'patient');
    expect(noticeOf(signs, 'out-of-scope')).toBeUndefined();
    expect(body(signs)).toMatch(/Get help now/);
    const working = await ask("How will I know if the treatment is working? I've got a scan in 3 months.", 'patient');
    expect(leadOf(working)).toMatch(/scans and tests to check that the treatment is still working/);
    // A clinician is told how response is assessed, not first how often readers disagree.
    expect(leadOf(await ask('How is response to treatment assessed in bone-only disease?'))).toMatch(/RECIST/);
  });

  it('gives the rescue dose for someone on regular morphine, never the starting dose as the answer', async () => {
    const rescue = await ask('Home visit today. Lady with bone mets from breast, on MST 30mg bd, pain creeping up over the last week especially in her hip. What should her breakthrough dose be?');
    expect(noticeOf(rescue, 'out-of-scope')).toBeUndefined();
    expect(leadOf(rescue)).toMatch(/one-tenth to one-sixth of the total 24-hour morphine dose/);
    expect(leadOf(rescue)).not.toMatch(/starting dose/);
    const laxative = await ask("Calcium was normal last week (2.41 corrected). I'm thinking it's the oxycodone. She isn't on a laxative. What does NICE say?");
    expect(noticeOf(laxative, 'out-of-scope')).toBeUndefined();
    expect(body(laxative)).toMatch(/prescribing a laxative, taken regularly/);
    // A starting dose is still what a question about starting is answered with.
    expect(leadOf(await ask('What dose of morphine to start for bone pain in a patient new to opioids?'))).toMatch(/typical total starting dose of 20–30 mg/);
  });

  it('tells a patient asking whether to stop a medicine not to stop it alone, the leaflet line that fits first', async () => {
    const palbociclib = await ask('My neutrophils are 0.9 - do I stop the palbociclib?', 'patient');
    expect(leadOf(palbociclib)).toMatch(/^Do not stop hormone tablets or targeted tablets without talking to your team/);
    const dentist = await ask('Should I stop my Xgeva before the dentist?', 'patient');
    expect(leadOf(dentist)).toMatch(/^Do not stop your bone medicine on your own before dental work/);
    expect(dentist.title).toMatch(/whether to stop$/);
    // Tablets that stop working are no question whether to stop them.
    expect((await ask('What happens if his tablets stop working? The letrozole and palbociclib. Are there other options?', 'patient')).title).not.toMatch(/whether to stop/);
    // A clinician asking the same is answered by the rule, not the leaflet's line.
    expect(leadOf(await ask('Neutrophils 0.9 on palbociclib day 1 - do I stop it?'))).not.toMatch(/^Do not stop/);
    // "Stop them" after the calcium asks about the calcium tablets, not the injection told before.
    const tablets = await ask('i have the denosumab injection every month. do i need the calcium with that? can i just stop them', 'patient');
    expect(leadOf(tablets)).toMatch(/^Do not stop calcium and vitamin D unless your team tells you to/);
    expect(leadOf(tablets)).not.toMatch(/Do not stop denosumab/);
    expect(leadOf(await ask('i take calcium tablets every day. can i just stop the denosumab?', 'patient'))).toMatch(/^Do not stop (?:denosumab|your bone medicine|or skip denosumab)/);
  });

  it('reads a person\'s own blood results as their results, and a question about living with it as the outlook', async () => {
    const results = await ask("Got my blood results on the app. Neutrophils 0.9, says it's flagged low. Calcium 2.18. Should I be worried? I feel fine.", 'patient');
    expect(results.understood.intent).toBe('when-to-seek-help');
    expect(results.title).not.toMatch(/what the studies found/);
    const outlook = await chat('patient', 'My mate said the bone scan can look worse even if the treatment is working. Is that right?', 'Be honest with me. How long do people like me usually live with this?');
    expect(outlook.standaloneQuestion).not.toMatch(/bone scan/);
    expect(outlook.understood.intent).toBe('prognosis');
    expect(outlook.title).toBe('What to expect: how long people live');
    expect(leadOf(outlook)).toMatch(/How long people live depends on/);
  });

  it('tells a friend worried that radiotherapy failed about the pain flare, without calling it a question of how long it is given', async () => {
    const answer = await ask('My friend had a single radiotherapy treatment on her hip 3 days ago for breast cancer in the bone and her pain is actually worse. How long does it take to work? Has it failed?', 'patient');
    expect(leadOf(answer)).toMatch(/Do not think a pain flare after radiotherapy means the treatment has failed/);
    expect(noticeOf(answer, 'not-covered')).toBeUndefined();
    expect(answer.understoodFacts.join(' ')).not.toMatch(/Prior lines/);
  });

  it('answers whether a bone medicine is worth giving near the end of life with the decision that weighs its burden', async () => {
    const answer = await ask("Patient deteriorating, probably last few weeks of life, mostly in bed now. She's due her denosumab next week. Is there any point giving it or can we stop?");
    expect(leadOf(answer)).toMatch(/individual decision that weighs skeletal-related events against/);
    expect(noticeOf(answer, 'not-covered')).toMatch(/last few weeks of life/);
    // A question not weighing whether to go on is not answered with it.
    expect(leadOf(await ask('How is denosumab given for bone metastases?'))).not.toMatch(/individual decision/);
  });

  it('answers the part a message asks about beside what it tells: killing the cancer, driving, carrying on with Adcal', async () => {
    expect(leadOf(await ask("There's another injection as well, in the arm every 4 weeks, Xgeva. Is that killing the cancer in my bones or what is it doing?", 'patient'))).toMatch(/does not treat the cancer itself/);
    expect(leadOf(await ask("Fair enough. What about driving? They've just started me on morphine tablets for the pelvis pain as well.", 'patient'))).toMatch(/can affect your driving/);
    expect(leadOf(await ask('If his blood test comes back with high calcium, should he carry on with the Adcal?', 'patient'))).toMatch(/not for people whose blood calcium is too high/);
    // What it is, asked alone, is still a definition.
    expect(leadOf(await ask('What is Xgeva?', 'patient'))).not.toMatch(/does not treat the cancer/);
  });

  it('declines what no source held gives: a vitamin D loading regimen, and weight bearing after surgery', async () => {
    expect(noticeOf(await ask('Community pharmacist: what colecalciferol loading dose (how many units, over how many weeks) should be used to correct vitamin D deficiency before denosumab is started?'), 'out-of-scope')).toMatch(/loading regimen of vitamin D/);
    expect(noticeOf(await ask('Physiotherapist here: after intramedullary nailing of a pathological femoral fracture from breast cancer, how many weeks until the patient can fully weight-bear?'), 'out-of-scope')).toMatch(/weight bearing after orthopaedic surgery/);
    // The maintenance amounts held are still given.
    expect(noticeOf(await ask('How much calcium and vitamin D should I take with denosumab?', 'patient'), 'out-of-scope')).toBeUndefined();
  });

  it('raises the high-calcium alert for thirst now after a night when he did not know where he was', async () => {
    const answer = await chat(
      'patient',
      "Last night he woke up and didn't seem to know where he was for a few minutes, then he was fine. He's on morphine now too. What should I do if he gets confused like that again?",
      "Should I ring about last night's episode even though he seems alright this morning? He has been very thirsty lately, I keep refilling his water jug.",
    );
    expect(noticeOf(answer, 'urgent')).toMatch(/high calcium/);
  });

});

describe('what an acute oncology nurse, a woman of 50 with triple-negative disease and her son asked (a later review)', () => {
  const SIGNS = "Mum's been really sleepy today and a bit muddled, she keeps asking me the same thing. She's been drinking loads of water. Is this just the chemo making her tired?";

  it('keeps the urgent alert when the line is not answering or she will not go in, and says to call an ambulance', async () => {
    const answer = await chat('patient', SIGNS, "She says she doesn't want to go to hospital and just wants to go to bed. The 24 hour line isn't answering. What do I do?");
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(answer, 'urgent')).toMatch(/high calcium/);
    expect(body(answer)).toMatch(/calling an ambulance if you cannot reach them/);
    // A follow-up about something else after the same signs carries no alert of its own making.
    expect(noticeOf(await chat('patient', SIGNS, 'What is a bone scan?'), 'urgent')).toBeUndefined();
  });

  it('answers "should I ring now even though it is not 38?" with the signs that mean ringing', async () => {
    const answer = await chat(
      'patient',
      "Last night I felt shivery and my temperature was 37.8, so I didn't ring because it's under 38. I still feel a bit rough this morning. Was that right?",
      "So should I ring them now even though it's not 38?",
    );
    expect(answer.understood.intent).toBe('when-to-seek-help');
    expect(noticeOf(answer, 'warning-signs') ?? noticeOf(answer, 'urgent')).toMatch(/shivers/);
  });

  it('answers "stop her Adcal?" in high calcium with the contraindication, beside the alert too', async () => {
    const single = await ask('Adjusted calcium 3.1, she takes Adcal-D3 twice a day. Stop it?');
    expect(leadOf(single)).toMatch(/absolute contraindication to the supplement/);
    expect(noticeOf(single, 'not-covered')).toBeUndefined();
    const beside = await chat('professional', 'Caller 64F, bone mets, vomiting since yesterday, constipated 4 days, very thirsty. GP did bloods this morning: adjusted calcium 3.1. Admit tonight?', 'She takes Adcal-D3 twice a day. Tell her to stop it?');
    expect(noticeOf(beside, 'urgent')).toBeDefined();
    expect(body(beside)).toMatch(/absolute contraindication to the supplement/);
    const patient = await chat('patient', "I've been so thirsty for days, I'm up all night weeing and I feel muddled and sick. I have cancer in my bones.", "I take my Adcal calcium tablets at night. Should I take tonight's?");
    expect(body(patient)).toMatch(/not for people whose blood calcium is too high/);
    expect(body(patient)).not.toMatch(/take calcium and vitamin D every day/);
  });

  it('puts the rule that stops trastuzumab deruxtecan for good before the restart rule when the grade is not told', async () => {
    const restart = await ask('If the CT shows pneumonitis on Enhertu, can she restart later?');
    expect(leadOf(restart)).toMatch(/stopped permanently/);
    // Told it is asymptomatic, the restart rule for grade 1 leads.
    expect(leadOf(await ask('Asymptomatic pneumonitis found on CT on Enhertu. Can she restart later?'))).toMatch(/^For asymptomatic \(grade 1\)/);
  });
});

describe('what a community pharmacist, a woman of 67 living alone and her daughter asked (a later review)', () => {
  it('keeps the cord compression alert when asked who to ring and whether she can drive home', async () => {
    const SIGNS =
      'Regular customer with known spinal mets asking for stronger painkillers. Her back pain is much worse over a week, worse lying down at night, and her legs feel a bit heavy on the stairs. She wants to wait for her GP on Monday. Is that reasonable?';
    const answer = await chat('professional', SIGNS, 'She drove herself here. Who do I tell her to ring - her oncology hotline, 111, or 999 - and is she OK to drive home?');
    expect(noticeOf(answer, 'urgent')).toMatch(/spinal cord compression/);
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
  });

  it('keeps the high-calcium alert when asked whether bloods next week are soon enough', async () => {
    const SIGNS = 'Daughter buying Movicol for her mum who has bone mets. Mum is constipated, drinking loads, and has been muddled for two days. Anything else I should be thinking of?';
    const answer = await chat('professional', SIGNS, 'The GP can do bloods next Thursday. Is that soon enough or should mum go in today?');
    expect(noticeOf(answer, 'urgent')).toMatch(/calcium/);
    // Without the signs before, the same question raises no alert of its own.
    expect(noticeOf(await ask('The GP can do bloods next Thursday. Is that soon enough or should mum go in today?'), 'urgent')).toBeUndefined();
  });

  it('lists the warning signs for a carer who asks what to look or listen for, whatever else she tells', async () => {
    const signs = /Get help now if you have new or worse back or neck pain together with weak or heavy legs/;
    const first = await ask('I live two hours away from my mum who has breast cancer in her spine. What signs mean I should drop everything and drive over, and what means call 999?', 'patient');
    expect(leadOf(first)).toMatch(signs);
    expect(body(first)).toMatch(/very thirsty and pass a lot of urine/);
    const waiting = await chat(
      'patient',
      "A letter says 'SINS 9, potentially unstable, refer to spinal surgeons'. What does that mean?",
      'While she waits to see the surgeons, what should we watch out for, and when do I call 999?',
    );
    expect(leadOf(waiting)).toMatch(signs);
    // A question about one medicine's side effects is not a question about the warning signs.
    expect(leadOf(await ask('What side effects should I look out for with letrozole?', 'patient'))).not.toMatch(signs);
  });

  it('raises the broken-bone alert for a fall with bad rib pain, cancer unnamed', async () => {
    const answer = await ask('I had a fall at home this morning. I slipped in the kitchen. My ribs on the left side hurt a lot when I breathe in. I can walk. Do I need to do anything?', 'patient');
    expect(noticeOf(answer, 'urgent')).toMatch(/broken bone/);
  });

  it('says zoledronic acid is withheld when the creatinine and its baseline are told in two sentences', async () => {
    const answer = await ask('Her creatinine today is 160. Baseline was 112. Should the zoledronic acid infusion go ahead?');
    expect(leadOf(answer)).toMatch(/so zoledronic acid is withheld/);
  });

  it('answers a breakthrough dose for a woman already on regular morphine, asked by her husband, with the share of the daily dose', async () => {
    const answer = await ask('A man at the counter is asking what breakthrough dose his wife can take. She is on 30 mg modified-release morphine twice a day.');
    expect(leadOf(answer)).toMatch(/one-tenth to one-sixth of the total 24-hour morphine dose/);
    expect(answer.title).not.toMatch(/men with breast cancer/i);
    expect(answer.understoodFacts.join(' ')).toMatch(/Sex: female/);
    // Asked how to start, the starting rescue dose still leads.
    expect(leadOf(await ask('What breakthrough dose of morphine when starting morphine for the first time?'))).not.toMatch(/one-tenth to one-sixth/);
  });

  it('answers dexamethasone for back pain without neurological signs with NICE advising against routine steroids, and with them, 16 mg at once', async () => {
    const without = await ask('Known T10 vertebral metastasis, new back pain for a week, no leg weakness, no sensory change. Should I start dexamethasone 16 mg?');
    expect(leadOf(without)).toMatch(/does not advise routine corticosteroids for people without neurological symptoms or signs/);
    const withSigns = await ask('T10 met, new weakness in both legs since this morning, should I start dexamethasone?');
    expect(leadOf(withSigns)).toMatch(/as soon as possible to people with neurological symptoms or signs/);
  });
});

describe('questions from people with other conditions alongside the cancer', () => {
  it('answers what is asked when a condition the knowledge does not hold is told beside it, and says so', async () => {
    const answer = await ask(
      'my wife has had a heart condition for years (an irregular heartbeat) and they want to start her on ribociclib for her breast cancer in the bones. what checks will they do on her heart',
      'patient',
    );
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(body(answer)).toMatch(/heart tracings \(ECGs\)/);
    expect(answer.title).not.toMatch(/atrial fibrillation/i);
    const failing = await ask('A 74-year-old with breast cancer metastatic to bone also has heart failure. Her corrected calcium is 13.1 mg/dL. Which calcium-lowering drug does the guideline favour?');
    expect(noticeOf(failing, 'out-of-scope')).toBeUndefined();
    expect(leadOf(failing)).toMatch(/denosumab/);
    // Asked about itself, the condition is still declined.
    expect(noticeOf(await ask('How is atrial fibrillation treated in someone with bone metastases?'), 'out-of-scope')).toMatch(/atrial fibrillation/);
    expect(noticeOf(await ask('What HbA1c target is appropriate for a frail 85-year-old with type 2 diabetes?'), 'out-of-scope')).toMatch(/treatment of diabetes/);
    // What the person is on for that condition is a circumstance too, told in the asking sentence or not.
    const onInsulin = await ask('they mentioned a tablet called alpelisib, but ive had type 2 diabetes for 10 years and im on insulin, will it make my diabetes worse', 'patient');
    expect(noticeOf(onInsulin, 'out-of-scope')).toBeUndefined();
    expect(body(onInsulin)).toMatch(/alpelisib/i);
  });

  it('reads PPI cover with dexamethasone as the stomach protection the pathway gives', async () => {
    const answer = await ask('dex 16mg for ?MSCC in T2DM - needs PPI cover? how long do we continue it');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(body(answer)).toMatch(/gastric protection/);
  });

  it('reads a pharmacist counselling a patient as advice, not psychological therapy', async () => {
    const answer = await ask('Dexamethasone 8 mg for 5 days around her single-fraction radiotherapy. She is diabetic. What do I counsel on her sugars?');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(body(answer)).toMatch(/hyperglycaemic/);
    expect(noticeOf(await ask('Can I get some counselling? I cannot stop worrying about the cancer coming back.', 'patient'), 'out-of-scope')).toMatch(/counselling/);
  });

  it('leaves out what the person says they are not on or did not ask about', async () => {
    const answer = await ask('I am not on alpelisib. Will they give me less of the drip if my kidneys are low?', 'patient');
    expect(answer.understood.focus.map((entry) => entry.concept)).not.toContain('alpelisib');
  });

  it('answers a kidney concern with zoledronic acid beside an anti-inflammatory painkiller, and a patient asking about ibuprofen', async () => {
    const professional = await ask('A customer with bone metastases has zoledronic acid infusions and is buying ibuprofen 400 mg three times a day. Is there a kidney concern with her zoledronic acid?');
    expect(professional.understood.intent).toBe('adverse-effects');
    expect(noticeOf(professional, 'out-of-scope')).toBeUndefined();
    const patient = await ask('I have zoledronic acid drips and my kidneys are a bit weak. Can I take ibuprofen for my back?', 'patient');
    expect(leadOf(patient)).toMatch(/ask your doctor or pharmacist before you take ibuprofen/);
  });

  it('answers a dose missed or vomited with the rule that it is not made up', async () => {
    const rule = /not made up with an extra dose/;
    expect(leadOf(await ask("She was sick about half an hour after this morning's ribociclib. Should she take another tablet?"))).toMatch(rule);
    expect(leadOf(await ask("She missed this morning's ribociclib dose. Should she take it now?"))).toMatch(rule);
    expect(leadOf(await ask('What is the ribociclib dose?'))).not.toMatch(rule);
  });
});

describe('what a radiotherapy team, a man of 72 and his daughter-in-law asked (a later review)', () => {
  it('gives the re-irradiation schedules for a rib, not those for the spine, and for the spine the spinal ones', async () => {
    const rib = await ask('if the rib pain comes back after the 8 Gy, how soon can we re-treat and what dose?');
    expect(noticeOf(rib, 'out-of-scope')).toBeUndefined();
    expect(leadOf(rib)).toMatch(/non-spinal bone metastases/);
    expect(body(rib)).not.toMatch(/20 Gy in 8 fractions for conventional re-irradiation of spinal/);
    const spine = await ask('Re-irradiation of a T10 vertebral metastasis that already had 8 Gy: what schedule?');
    expect(body(spine)).not.toMatch(/for conventional re-irradiation of non-spinal bone metastases/);
  });

  it('says diarrhoea on pertuzumab is not covered rather than answering with abemaciclib', async () => {
    const answer = await ask('she has the runs a lot since the pertuzumab started. 5 or 6 times some days. is that normal and what can we do', 'patient');
    expect(noticeOf(answer, 'not-covered')).toMatch(/diarrhoea on pertuzumab/);
    expect(leadOf(answer)).not.toMatch(/abemaciclib/);
    // Where the pairing is held, no such notice.
    expect(noticeOf(await ask('I have diarrhoea on abemaciclib, what should I do?', 'patient'), 'not-covered')).toBeUndefined();
  });

  it('answers a family asking for the signs to ring about, and whether she is dying, in the leaflet words', async () => {
    const signs = await ask('As her family, what are the signs that mean we should ring the hospital straight away rather than wait for clinic? I want to write a list for the fridge.', 'patient');
    expect(leadOf(signs)).toMatch(/Get help now if/);
    const dying = await ask('She asked me last night if she is dying. I didn\'t know what to say. What is the honest picture with cancer in her bones and liver?', 'patient');
    expect(dying.understood.intent).toBe('prognosis');
    expect(noticeOf(dying, 'urgent')).toBeUndefined();
    expect(body(dying)).not.toMatch(/ibuprofen/);
  });

  it('answers what comes after a treatment with the next one, though it is another medicine', async () => {
    const her2 = await ask('the drips are trastuzumab and pertuzumab, her cancer is HER2 positive. what comes after those if they stop working', 'patient');
    expect(leadOf(her2)).toMatch(/trastuzumab deruxtecan is often the next treatment/);
    expect(leadOf(await ask('what happens when my letrozole and palbociclib stop working?', 'patient'))).toMatch(/different treatment/);
    // Asked what the treatment itself is, another medicine does not lead.
    expect(leadOf(await ask('what are trastuzumab and pertuzumab?', 'patient'))).not.toMatch(/deruxtecan/);
  });

  it('leads "should she still be on the Adcal-D3?" at a raised calcium with the contraindication', async () => {
    const answer = await ask('A month ago her adjusted calcium was high, 2.78. Should she still be on the Adcal-D3?');
    expect(leadOf(answer)).toMatch(/absolute contraindication/);
  });

  it('raises the low-calcium alert for tingling with an adjusted calcium just below the range, and the fracture signs for a limp', async () => {
    const low = await ask('Her adjusted calcium last week was 2.02 mmol/L and she mentioned tingling in her fingers. Injection due Friday - what should happen?');
    expect(noticeOf(low, 'urgent')).toMatch(/hypocalcaemia/);
    const limp = await chat('professional', 'She had 8 Gy to her right hip 4 days ago and the pain is worse now.', "It hurts more when she walks on it, and she's limping now. Anything I should be worried about beyond a flare?");
    expect(noticeOf(limp, 'warning-signs') ?? noticeOf(limp, 'urgent')).toMatch(/fracture/);
  });
});

describe('what an on-call registrar, a woman with triple-negative disease and her friend asked (review 19)', () => {
  const lead = (answer: Answer) => answer.blocks.find((block) => block.kind === 'summary')?.text ?? '';

  it('never gives the bone-metastasis kidney dose table in a conversation about high calcium', async () => {
    const calcitonin = await chat(
      'professional',
      'corrected calcium 3.3, confused, known breast ca bone mets. what do I give in the next hour?',
      'creat 160 umol/L, eGFR 32. still 4 mg zol or do I reduce it? or go denosumab instead?',
      'does she need calcitonin as well at 3.3, or just fluids and zol?',
    );
    expect(calcitonin.standaloneQuestion).toMatch(/calcium 3\.3/i);
    expect(body(calcitonin)).not.toMatch(/creatinine clearance of 30–39 mL\/min, the recommended zoledronic acid dose is 3 mg/);
    expect(body(calcitonin)).toMatch(/calcitonin/i);
  });

  it('leads grade 4 neutropenia on palbociclib with what is done, not with how zoledronic acid is restarted', async () => {
    const answer = await ask('neuts back at 0.3. what do I do with the palbo, and when can she restart?');
    expect(lead(answer)).toMatch(/grade 4 neutropenia/);
    expect(lead(answer)).not.toMatch(/zoledronic/i);
  });

  it('answers a creatinine rise on zoledronic acid told beside pneumonia, saying the infection is not covered', async () => {
    const answer = await ask('Admitted with pneumonia, on 4-weekly zoledronic acid for bone mets, next dose due tomorrow. Creatinine 68 baseline, now 121 umol/L. Give it or hold?');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(lead(answer)).toMatch(/renal deterioration/);
  });

  it('answers morphine constipation with the daily laxative, and a carer asking which questions to take to the team with the questions', async () => {
    expect(lead(await ask("She's on morphine for the bone pain and hasn't managed to go to the toilet for 4 days. She's miserable. How can I help her?", 'patient'))).toMatch(/laxative/);
    const questions = await ask('ok, simpler: what questions should we ask her cancer team at the next appointment?', 'patient');
    expect(questions.title).toBe('Questions to ask your care team');
    expect(body(questions)).toMatch(/What is the aim of my treatment\?/);
    // A question about something else is not a question about questions.
    expect((await ask('What are bone metastases?', 'patient')).title).not.toMatch(/Questions to ask/);
  });

  it('reads a friend driving the patient home as no question of fitness to drive, and says giving injections at home is not covered', async () => {
    const drive = await ask('I drive my best friend to her chemo every three weeks. What should I be watching out for on the drive home and that evening after treatment?', 'patient');
    expect(noticeOf(drive, 'out-of-scope')).toBeUndefined();
    expect(body(drive)).toMatch(/38 °C/);
    expect(noticeOf(await ask('Is it safe to drive after my morphine dose goes up?', 'patient'), 'out-of-scope')).toBeUndefined();
    const home = await ask('My friend has the denosumab injection every 4 weeks at the hospital. Could I learn to give it to her at home to save her the trip? Is that allowed?', 'patient');
    expect(noticeOf(home, 'not-covered')).toMatch(/giving injections yourself at home/);
  });

  it('answers "what then, is there nothing else?" about triple-negative disease with what comes later', async () => {
    const answer = await chat('patient', 'I have triple negative breast cancer in my bones. What treatment will I get?', 'and if my PD-L1 comes back low, what then? is there nothing else?');
    expect(lead(answer)).toMatch(/sacituzumab govitecan/);
  });

  it('refuses head lice, and answers a daughter asking whether her mum is dying from the leaflet', async () => {
    expect(noticeOf(await ask("How do I get rid of head lice in my grandson's hair, and is the lotion safe for a two-year-old?", 'patient'), 'out-of-scope')).toBeDefined();
    const dying = await ask('Is my mum dying?', 'patient');
    expect(noticeOf(dying, 'out-of-scope')).toBeUndefined();
    expect(lead(dying)).toMatch(/How long people live/);
  });

  it('leads a morphine dose for someone with reduced kidney function with the advice for them, and a request to retitrate with the rescue dose', async () => {
    const kidneys = await ask("pain relief while she waits - she's opioid naive, eGFR 38. what morphine dose?");
    expect(lead(kidneys)).toMatch(/specialist advice .* renal/);
    expect(lead(await ask('Starting morphine dose?'))).toMatch(/20–30 mg/);
    const retitrate = await ask('62F pelvic and sacral mets, on MST 30 mg bd and oramorph 10 mg PRN, has needed 6 PRNs in 24h and still scoring 8/10. How do I retitrate?');
    expect(lead(retitrate)).toMatch(/one-tenth to one-sixth/);
  });

  it('reads "harm a baby" as pregnancy, a man asking about his daughters as a part not covered, and the drip or the injection as the bone medicines', async () => {
    const baby = await ask("I'm on ribociclib and the Xgeva injection. Would these medicines harm a baby?", 'patient');
    expect(baby.understood.focus.map((entry) => entry.concept)).toContain('pregnancy');
    expect(noticeOf(baby, 'out-of-scope')).toBeUndefined();
    const man = await ask("I'm a man with breast cancer that has spread to my bones. Will I get the same treatment a woman would, and should my daughters be tested for a gene?", 'patient');
    expect(noticeOf(man, 'not-covered')).toMatch(/relatives/);
    expect(body(man)).toMatch(/tamoxifen/);
    const needles = await ask('I really hate needles. Is the drip or the injection better for someone like me?', 'patient');
    expect(noticeOf(needles, 'out-of-scope')).toBeUndefined();
    expect(body(needles)).toMatch(/injection under the skin every 4 weeks/);
  });

  it('answers whether a bone injection gets rid of the cancer, a physiotherapist asking when to mobilise, and reads "sugar coat" as no blood sugar', async () => {
    expect(lead(await ask('They want to start me on denosumab. What does it actually do? Will it get rid of the cancer in my bones?', 'patient'))).toMatch(/does not treat the cancer/);
    const physio = await ask('Waiting for an MRI for suspected spinal cord compression with leg weakness. Can I start mobilising her today?');
    expect(body(physio)).toMatch(/remobilisation can begin once spinal instability has been ruled out/);
    const blunt = await ask("It's triple negative and it's in my lungs too. Don't sugar coat it.", 'patient');
    expect(blunt.understood.focus.map((entry) => entry.concept)).not.toContain('hyperglycaemia');
  });

  it('speaks to each harm a carer tells of a medicine, and to driving on it', async () => {
    const answer = await ask("Dad started morphine last week. He's dozy all day, hasn't opened his bowels for four days, and now he wants to drive to the shops on his own. Is that safe?", 'patient');
    expect(body(answer)).toMatch(/very sleepy or hard to wake/);
    expect(body(answer)).toMatch(/laxative to take every day/);
    expect(body(answer)).toMatch(/affect your driving/);
  });

  it('answers what the doctors will do on arrival, after cord signs told earlier, with the treatment that follows', async () => {
    const arrival = await chat(
      'patient',
      'My wife has breast cancer in her spine. Since yesterday her back pain is worse and her legs feel heavy.',
      'can it wait until her clinic appointment on Monday?',
      'and what will the doctors do for her when we get there?',
    );
    expect(noticeOf(arrival, 'urgent')).toMatch(/spinal cord/);
    expect(body(arrival)).toMatch(/main treatment is radiotherapy to the spine/);
  });

  it('answers a crisis told in a follow-up with the crisis guidance alone, not with the treatment the conversation was about', async () => {
    const answer = await chat('patient', 'will the chemo make me sick?', "honestly some nights I think what's the point in carrying on with any of it");
    expect(noticeOf(answer, 'urgent')).toMatch(/ending their life/);
    expect(body(answer)).not.toMatch(/white blood cells/);
  });
});

describe('what a telephone nurse specialist, a woman of 74 on HER2 drips and her son asked (review 20)', () => {
  const lead = (answer: Answer) => answer.blocks.find((block) => block.kind === 'summary')?.text ?? '';

  it('raises the fever alert for feeling hot and shivery two days after a drip, keeps it when asked to wait until Monday, and never answers it with questions for the clinic', async () => {
    const shivery = await ask("i feel hot and shivery today. i had my drip on thursday. its saturday. what do i do", 'patient');
    expect(noticeOf(shivery, 'urgent')).toMatch(/38 °C/);
    expect(shivery.title).not.toMatch(/Questions to ask/);
    const wait = await chat('patient', "i feel hot and shivery today. i had my drip on thursday. its saturday. what do i do", 'can i just take a paracetamol and go to bed and ring them on monday');
    expect(noticeOf(wait, 'urgent')).toMatch(/38 °C/);
    expect((await ask('what do i do', 'patient')).title).not.toMatch(/Questions to ask/);
  });

  it('reads pins and needles in the fingers as a possible sign of low calcium, not a pin in a bone, and chalky calcium tablets as tablets', async () => {
    const fingers = await ask('i have pins and needles in my fingers the last two days. is it from the drips?', 'patient');
    expect(fingers.understood.focus.map((entry) => entry.concept)).not.toContain('prophylactic fixation');
    expect(body(fingers)).toMatch(/tingling around the mouth or in the fingers/);
    const tablets = await ask('should i still take my calcium tablets, the big chalky ones? they make me bunged up', 'patient');
    expect(noticeOf(tablets, 'out-of-scope')).toBeUndefined();
  });

  it('restarts abemaciclib at the same dose after a first bout of grade 2 diarrhoea', async () => {
    const answer = await ask('abemaciclib, grade 2 diarrhoea for the first time, settled after holding - restart at 150 or drop to 100?');
    expect(lead(answer)).toMatch(/resuming the same dose, with no dose reduction/);
    const again = await ask('abemaciclib grade 2 diarrhoea came back after restarting at the same dose - restart at 150 or drop to 100?');
    expect(lead(again)).not.toMatch(/resuming the same dose/);
  });
});


describe('what a GP, a woman of 38 on ribociclib and her husband asked (a later review)', () => {
  it('answers whether to stop a medicine for a harm it caused by what is done for that harm, not the advice against stopping', async () => {
    const femur = await ask('X-ray shows a thickened lateral cortex with a small lucent line in the femoral shaft. Who do I refer to and should the denosumab stop?');
    expect(femur.understood.focus.map((entry) => entry.concept)).toContain('atypical femoral fracture');
    expect(leadOf(femur)).toMatch(/^Interruption of denosumab should be considered in a patient who presents with an atypical femoral fracture/);
    expect(leadOf(await ask('Exposed bone in the jaw on denosumab. Should the denosumab stop?'))).toMatch(/interruption of denosumab may be considered/);
    // With no harm told, the advice against stopping on one's own still leads.
    expect(leadOf(await ask('She has been on denosumab for 2 years and feels well. Should the denosumab stop?'))).not.toMatch(/atypical femoral fracture|osteonecrosis/);
  });

  it('answers a dose vomited or forgotten, told in everyday words, by not taking an extra one', async () => {
    const noExtra = /^If you miss a dose of palbociclib, ribociclib or abemaciclib, or are sick soon after taking it, do not take an extra dose/;
    expect(leadOf(await ask('threw up about 20 mins after taking my ribociclib this morning, shud i take another one?', 'patient'))).toMatch(noExtra);
    expect(leadOf(await ask('What if she forgets a ribociclib tablet one day?', 'patient'))).toMatch(noExtra);
    // The tablet of the turn before, unnamed.
    const unnamed = await chat('patient', 'I take ribociclib and letrozole.', 'sorry I mean I was sick after my tablet. Should I take another dose?');
    expect(unnamed.standaloneQuestion).toMatch(/ribociclib/);
    expect(leadOf(unnamed)).toMatch(noExtra);
    // A missed dose of a medicine whose label is not held is still not answered.
    expect(noticeOf(await ask('I forgot to take my letrozole yesterday, should I take two today?', 'patient'), 'out-of-scope')).toMatch(/missed dose/);
  });

  it('tells the outlook asked beside another question, and leads with it when it is what is asked', async () => {
    const beside = await ask('what happens when the ribociclib stops working? is that when its chemo? how long do people like me actually live, please be honest', 'patient');
    expect(body(beside)).toMatch(/No one can say exactly how long one person will live|How long people live depends on/);
    const asked = await chat('patient', 'what happens when the ribociclib stops working?', 'you didnt say how long people live. please just tell me');
    expect(asked.understood.intent).toBe('prognosis');
    expect(leadOf(asked)).toMatch(/live/);
    expect(leadOf(asked)).not.toMatch(/liver blood tests/);
  });

  it('answers a severe low calcium with intravenous calcium, and a mild one without', async () => {
    const severe = await ask("Point of care result adjusted calcium 1.85 mmol/L and she's still tingling. Admit or oral calcium at home?");
    expect(severe.understood.intent).not.toBe('results');
    expect(leadOf(severe)).toMatch(/below 1\.9 mmol\/L is severe hypocalcaemia/);
    expect(leadOf(severe)).toMatch(/10–20 mL of 10% calcium gluconate/);
    expect(leadOf(await ask('Adjusted calcium 2.05 mmol/L on denosumab, no symptoms. What now?'))).not.toMatch(/calcium gluconate/);
  });

  it('answers what is held beside a laxative choice it does not hold, and drops a topic the person sets aside', async () => {
    const beside = await ask('Calcium normal at 2.35. Pain is well controlled. So do I reduce the MST, and which laxative and what rescue dose should she have?');
    expect(noticeOf(beside, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(beside, 'not-covered')).toMatch(/choosing a laxative/);
    expect(body(beside)).toMatch(/one-tenth to one-sixth of the total 24-hour morphine dose/);
    const setAside = await ask('Fine, forget the laxative. Do I reduce the MST since pain is controlled, and what breakthrough dose?');
    expect(setAside.understood.focus.map((entry) => entry.concept)).not.toContain('laxatives');
    expect(noticeOf(setAside, 'not-covered')).toBeUndefined();
    // Asked alone, the choice of laxative is still not answered.
    expect(noticeOf(await ask('Which laxative is best?'), 'out-of-scope')).toMatch(/choosing a laxative/);
  });

  it('says nothing reassuring about drowsiness on morphine beside an alert to get help now', async () => {
    const answer = await ask("Her morphine was put up on Monday. Tonight she's really hard to wake up and her breathing seems slow. What do I do?", 'patient');
    expect(noticeOf(answer, 'urgent')).toBeDefined();
    expect(body(answer)).toMatch(/hard to wake on morphine can be a sign of too much of it/);
    expect(body(answer)).not.toMatch(/usually passes|does not pass/);
    // Asked without an emergency, the reassurance is still given.
    expect(body(await ask('Will the drowsiness from morphine wear off?', 'patient'))).toMatch(/usually passes/);
  });

  it('does not tell someone already on a bone medicine to start one', async () => {
    const thigh = await ask('GP: a woman who has had zoledronic acid for breast cancer bone metastases for 4 years has had an aching right thigh for 6 weeks. What should happen next?');
    expect(thigh.understood.focus.map((entry) => entry.concept)).toContain('atypical femoral fracture');
    expect(body(thigh)).not.toMatch(/calls for a bone-modifying agent/);
    expect(body(await ask('New bone metastases from breast cancer in a 60-year-old woman: what supportive treatment?'))).toMatch(/calls for a bone-modifying agent/);
  });

  it('answers a worry about the jaw before any advice on stopping, which nobody asked about', async () => {
    const answer = await ask("My friend says denosumab rots your jaw and that I should refuse it. Is that true? I'm meant to start it next week and now I'm scared.", 'patient');
    expect(answer.understood.focus.map((entry) => entry.concept)).toContain('osteonecrosis of the jaw');
    const text = body(answer);
    expect(text).toMatch(/can, rarely, harm the jaw bone/);
    const stopping = text.indexOf('protection wears off');
    expect(text.indexOf('harm the jaw bone')).toBeLessThan(stopping === -1 ? Infinity : stopping);
    // Asked about a break, the stopping advice still comes first.
    expect(leadOf(await ask('can I skip my denosumab injections while I am away for 3 months?', 'patient'))).toMatch(/stop|skip|break/i);
  });

  it('leads with the two products being one medicine, and with what is done for a harm told on a medicine', async () => {
    const both = await ask('Med rec: patient gets Xgeva 120 mg monthly from oncology and her GP has just started Prolia 60 mg 6-monthly for osteoporosis. OK to continue both?');
    expect(leadOf(both)).toMatch(/same active ingredient as Prolia/);
    expect(leadOf(await ask('Xgeva 120 mg monthly: what does the injection do?'))).not.toMatch(/same active ingredient/);
    const cough = await ask('Lady on trastuzumab deruxtecan 5.4 mg/kg, cycle 7 due today, she mentions a dry cough for a week and a bit more breathless on stairs. Can the infusion go ahead?');
    expect(leadOf(cough)).toMatch(/investigated promptly as possible interstitial lung disease/);
    expect(leadOf(cough)).not.toMatch(/nausea/);
  });

  it('answers when to ring the team and when to call 999 with every warning sign', async () => {
    const signs = await ask('How do I know when to ring his cancer team and when to just call 999? I panic and never know.', 'patient');
    expect(signs.understood.intent).toBe('when-to-seek-help');
    expect(signs.title).toBe('Warning signs that need help straight away');
    expect(body(signs)).toMatch(/calling an ambulance/);
  });

  it('gives a carer every warning sign when the medicines are told before the question', async () => {
    const signs = await ask("My wife has breast cancer that has spread to her spine and pelvis. She's on goserelin, letrozole, ribociclib and denosumab. As her husband, what should I be watching out for at home?", 'patient');
    expect(signs.title).toBe('Warning signs that need help straight away');
    expect(body(signs)).toMatch(/weak or heavy legs/);
    expect(body(signs)).toMatch(/temperature of 38/);
    expect(body(signs)).toMatch(/very thirsty/);
    expect(noticeOf(signs, 'not-covered')).toBeUndefined();
    // Asked in the same sentence as the medicine, the question is about that medicine.
    expect((await ask('What should I be watching out for at home on ribociclib?', 'patient')).title).not.toBe('Warning signs that need help straight away');
  });
});

describe('what a pharmacist, a man of 66 with breast cancer in his ribs and spine and his daughter asked (a later review)', () => {
  it('leads a palbociclib restart after a recovery of more than a week with the lower-dose rule, and a quick one with the same dose', async () => {
    expect(leadOf(await ask('Palbociclib 125 mg, ANC 0.8 on day 1 of cycle 4. Repeat count took 10 days to recover to 1.3. What dose does she restart on?'))).toMatch(/^A lower palbociclib dose is considered when recovery from grade 3 neutropenia takes more than 1 week/);
    expect(leadOf(await ask('Palbociclib, ANC 0.8 on day 1, repeat count recovered to 1.2 after 5 days. What dose now?'))).toMatch(/starts at the same dose/);
  });

  it('leads a first bout of grade 2 abemaciclib diarrhoea that lasts with resuming the same dose, and one that comes back with the lower dose', async () => {
    const lasting = await ask('Abemaciclib 150 mg bd with letrozole. Grade 2 diarrhoea for 3 days despite loperamide. Team want to continue at 150 - what does the label say?');
    expect(leadOf(lasting)).toMatch(/^For grade 2 diarrhoea that does not settle to grade 1 or less within 24 hours/);
    const back = await ask('abemaciclib grade 2 diarrhoea came back after restarting at the same dose - restart at 150 or drop to 100?');
    expect(leadOf(back)).not.toMatch(/resuming the same dose/);
  });

  it('answers rib pain, pain at night and whether the tablets cure it, which were refused', async () => {
    for (const question of ['my ribs on the left side ache all the time, worse when i cough. is that the cancer getting worse', 'pain gets real bad at nite, cant sleep. what am i supposed to do at 3 in the morning']) {
      const answer = await ask(question, 'patient');
      expect(noticeOf(answer, 'out-of-scope'), question).toBeUndefined();
      expect(answer.understood.focus.map((entry) => entry.concept), question).toContain('cancer pain');
    }
    const cure = await ask('so the tablets wont cure it?', 'patient');
    expect(noticeOf(cure, 'out-of-scope')).toBeUndefined();
    expect(leadOf(cure)).toMatch(/not usually curable/);
    // Another animal's lifespan is still not asked of the knowledge.
    expect(noticeOf(await ask('How long do tortoises live?', 'patient'), 'out-of-scope')).toBeDefined();
  });

  it('answers keeping track of extra morphine, beside a laxative he has not been given', async () => {
    const answer = await ask("He hasn't been given any laxative. Also how can I help him keep track of his pain doses? He forgets whether he's had the extra liquid.", 'patient');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(body(answer)).toMatch(/Write down when you take a rescue dose/);
    expect(leadOf(await ask('Should he write down when he takes the extra morphine?', 'patient'))).toMatch(/Write down when you take a rescue dose/);
  });
});

describe('what a district nurse, a woman of 71 on abemaciclib and her son abroad asked (review 23)', () => {
  it('tells someone light-headed with diarrhoea despite loperamide to call the 24-hour line now, not to wait for clinic', async () => {
    const answer = await ask('Today has been worse, I have been to the toilet six or seven times since breakfast even with two of the loperamide and I feel a bit light headed when I stand up. Should I wait until my clinic on Thursday? I take abemaciclib.', 'patient');
    expect(body(answer)).toMatch(/call your team's 24-hour line now: do not wait for your clinic/);
    // A first loose stool is still met with the medicine given for it, not with the emergency.
    expect(leadOf(await ask('on abemaciclib and the diarrhoea is getting me down. how do I manage it?', 'patient'))).toMatch(/first loose stool on abemaciclib/);
    expect(body(await ask('should i be taking the imodium every day on abemaciclib to stop it happening?', 'patient'))).toMatch(/do not need the medicine for diarrhoea every day/);
  });

  it('works out the zoledronic acid dose from a clearance written "creat clearance (C-G)"', async () => {
    const answer = await ask('zoledronic acid for her bone mets. her creat clearance (C-G) is 45. dose?');
    expect(leadOf(answer)).toMatch(/45 mL\/min \(40-49 mL\/min\).*3\.3 mg/);
  });

  it('says a drip given at home is not covered rather than quoting the trials of the schedule', async () => {
    const answer = await ask('Can the zoledronic acid infusion be given at home by the DN team? Pt is housebound, struggles to get to the unit for her 12-weekly zol.');
    expect(noticeOf(answer, 'out-of-scope')).toMatch(/giving a drip at home/);
    expect(body(answer)).not.toMatch(/OPTIMIZE-2/);
  });

  it('answers ibuprofen for someone on blood pressure and water tablets, whose kidneys are tired', async () => {
    const answer = await ask("Is it alright for me to take ibuprofen for the ache in my hip? I take a water tablet and a blood pressure tablet and my doctor once said my kidneys were 'a bit tired'.", 'patient');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(leadOf(answer)).toMatch(/Ibuprofen and naproxen can make kidney problems worse/);
    // Blood pressure asked about for itself is still not held.
    expect(noticeOf(await ask('What should my blood pressure be?', 'patient'), 'out-of-scope')).toMatch(/high blood pressure/);
  });

  it('answers a flare on a bone scan named beside words it does not hold, the aims of treatment and support for the family', async () => {
    const scan = await ask("mums scan report says 'multiple sclerotic lesions' and 'possible flare response'. what does that mean", 'patient');
    expect(noticeOf(scan, 'out-of-scope')).toBeUndefined();
    expect(body(scan)).toMatch(/Doctors call this a flare/);
    const aims = await ask('Then can you tell me what the treatment is actually aiming to do for me, if it cannot cure it?', 'patient');
    expect(body(aims)).toMatch(/Treatment aims to keep the cancer under control/);
    expect(noticeOf(await ask('is there any support for family? im worried sick', 'patient'), 'out-of-scope')).toBeUndefined();
  });

  it('answers a denosumab injection missed while abroad from the leaflet on not skipping it', async () => {
    const answer = await ask('We are off to Spain for 5 weeks. I have the denosumab injection every 4 weeks - can I just miss one while I am away?', 'patient');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(body(answer)).toMatch(/Do not stop or skip denosumab injections/);
  });

  it('reads "an injection to stop my periods" as what the injection is for, not a question about stopping it', async () => {
    const answer = await ask('I get an injection to stop my periods every month, is that the one that protects my bones?', 'patient');
    expect(answer.understood.intent).not.toBe('duration');
    expect(answer.title).not.toMatch(/whether to stop/);
    expect((await ask('is it safe to stop the denosumab?', 'patient')).understood.intent).toBe('duration');
  });

  it('gives the amount of calcium when a follow-up asks "how much" of what the answer said', async () => {
    const answer = await chat('patient', 'My mum has just started denosumab injections for the cancer in her bones. What does she need to know?', 'you said calcium - how much should she take?');
    expect(leadOf(answer)).toMatch(/at least 500 mg of calcium and 400 units of vitamin D/);
  });

  it('answers "what was that about the jaw?" with the jaw problem, and names it in the next turn', async () => {
    const jaw = await chat('patient', 'What side effects can the bone medicines cause?', 'what was that about the jaw?');
    expect(jaw.understood.focus.map((entry) => entry.concept)).toContain('osteonecrosis of the jaw');
    const prevent = await chat('patient', 'What side effects can the bone medicines cause?', 'what was that about the jaw?', 'how do I stop it happening to me?');
    expect(prevent.standaloneQuestion).toMatch(/osteonecrosis of the jaw/);
    expect(prevent.standaloneQuestion).not.toMatch(/about the jaw/);
  });
});

describe('what a hospice doctor, a husband whose wife is on trastuzumab deruxtecan and a woman of 45 just diagnosed asked (review 24)', () => {
  it('answers the warning signs of pressure on the spinal cord, each sign under its own urgency, which was refused', async () => {
    const answer = await ask('ok. so what pains or symptoms in my back or legs should make me worried enough to ring someone, with the cancer being in my spine?', 'patient');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    const early = answer.blocks.findIndex((block) => block.kind === 'heading' && /^Early warning signs/.test(block.text));
    const later = answer.blocks.findIndex((block) => block.kind === 'heading' && /^Later warning signs/.test(block.text));
    expect(early).toBeGreaterThanOrEqual(0);
    expect(later).toBeGreaterThan(early);
    const earlyItems = answer.blocks.slice(early + 1, later).map((block) => block.text).join('\n');
    // Every early sign of the list is given, night pain included, and no later sign is filed under "call today".
    expect(earlyItems).toMatch(/worse at night/);
    expect(earlyItems).toMatch(/tight band/);
    expect(earlyItems).not.toMatch(/later sign/);
  });

  it('names opioid toxicity and when naloxone is used for a patient on morphine with slow breathing and pinpoint pupils', async () => {
    const answer = await ask('Pt on MST 60mg bd, now very drowsy, RR 8, pinpoint pupils, eGFR dropped to 18. What do the guidelines say?');
    expect(noticeOf(answer, 'urgent')).toMatch(/opioid toxicity/);
    expect(body(answer)).toMatch(/respiratory rate below 8 per minute/);
    expect(body(answer)).toMatch(/small doses of naloxone/);
  });

  it('asks the dose of the treatment the answer recommended, not of those given before', async () => {
    const question = 'HER2-positive MBC with bone mets, progressed after first-line pertuzumab, trastuzumab and docetaxel. What second line?';
    const first = await ask(question);
    const history = [{ question, standaloneQuestion: first.standaloneQuestion ?? question, answerLead: leadOf(first).replace(/\s*(?:\[\d+\])+/g, '') }];
    const answer = await pack.answer({ message: 'dose?', audience: 'professional', history });
    expect(answer.standaloneQuestion).toMatch(/trastuzumab deruxtecan/);
    expect(answer.standaloneQuestion).not.toMatch(/pertuzumab/);
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
  });

  it('keeps the fever alert when a shivery woman on ribociclib argues 37.9 is not a fever, which was refused', async () => {
    const answer = await chat(
      'patient',
      'day 12 of my first ribociclib cycle. ive got a sore throat and my temp was 37.9 this evening, i feel achy and a bit shivery. its probably just a cold from school isnt it? should i just take a lemsip and go to bed',
      'but its 37.9 not 38 so technically its not a fever is it? i dont want to waste their time at night',
    );
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(answer, 'urgent')).toMatch(/shivers/);
    // The question tag is left as written, not read as a treatment.
    expect(answer.standaloneQuestion).toMatch(/not a fever is it\?/);
  });

  it('tells a woman on ribociclib that a fever matters on it too', async () => {
    const answer = await ask('I am on ribociclib. Does a fever matter on it, like it does on palbociclib?', 'patient');
    expect(body(answer)).toMatch(/Ribociclib and abemaciclib can lower white blood cells too/);
  });
});

describe('what a care-home nurse, a woman of 63 on olaparib and her daughter asked (review 25)', () => {
  it('lists the warning signs for a daughter whose mother takes a medicine the leaflets do not name, which was refused', async () => {
    for (const question of ['My mum has breast cancer in her bones and liver and takes olaparib. What signs in her mean I should call for help?', 'Really? I just mean what warning signs should I watch for in her? she takes olaparib']) {
      const answer = await ask(question, 'patient');
      expect(noticeOf(answer, 'out-of-scope'), question).toBeUndefined();
      expect(body(answer), question).toMatch(/weak or heavy legs/);
    }
    // A medicine's own side effects asked about are still that medicine's.
    expect(body(await ask('What side effects should I watch for on palbociclib?', 'patient'))).toMatch(/palbociclib/);
  });

  it('keeps the high-calcium alert when the nurse then asks what bloods to send and what to hold in the meantime', async () => {
    const answer = await chat(
      'professional',
      "Same resident (84, dementia, spine and pelvic mets, letrozole, denosumab). For the last 3 nights she's been really agitated, shouting out, pulling at her pad, not settling. Daytime she's sleepier than usual.",
      "She's also not opened her bowels for 4 days and is drinking a lot less than usual. Does that change anything?",
      'What bloods should I ask the GP to do, and is there anything else on her chart we should hold in the meantime?',
    );
    expect(noticeOf(answer, 'urgent')).toMatch(/hypercalcaemia/);
    expect(body(answer)).toMatch(/albumin-corrected calcium/);
    expect(body(answer)).not.toMatch(/Omitting calcium and vitamin D/);
  });

  it('answers a carer who feels she is doing it all on her own with the help palliative care gives', async () => {
    const answer = await ask("Is there anyone who can help our family with this? I feel like I'm doing it all on my own.", 'patient');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(body(answer)).toMatch(/palliative care/i);
  });
});

describe('what each medicine is for (review 23)', () => {
  it('says what each named medicine does, one sentence each in the order named, which was answered with how the drip is given', async () => {
    const answer = await ask('Could you please explain to me in simple terms what each of my medicines is actually for? I take anastrozole once a day, abemaciclib twice a day, the zoledronic acid drip, and Adcal tablets.', 'patient');
    const lead = leadOf(answer);
    expect(lead).toMatch(/Hormone therapy blocks or lowers the hormones/);
    expect(lead).toMatch(/A CDK4\/6 inhibitor is a tablet that slows the growth of cancer cells/);
    expect(lead).toMatch(/helps protect your bones/);
    expect(lead.indexOf('Hormone therapy')).toBeLessThan(lead.indexOf('CDK4/6'));
    // One medicine asked about is answered as before.
    expect(leadOf(await ask('What is abemaciclib for?', 'patient'))).not.toMatch(/Hormone therapy blocks/);
  });

  it('answers whether a bone drip is chemotherapy with its not treating the cancer itself', async () => {
    expect(leadOf(await ask('mum thinks the zoledronic drip is her chemo. is it?', 'patient'))).toMatch(/A bone medicine does not treat the cancer itself/);
  });
});

describe('follow-ups that point at a part of the answer before', () => {
  it('reads "bring it down" after a calcium reading as bringing the calcium down, and "what was that about the spine?" as the cord', async () => {
    const down = await chat('patient', 'My blood test says my corrected calcium is 3.2 mmol/L. I have breast cancer in my bones. What does that mean?', 'and how do they bring it down?');
    expect(down.standaloneQuestion).toMatch(/bring the corrected calcium down/);
    expect(leadOf(down)).toMatch(/bring it down/);
    const spine = await chat('patient', 'What warning signs should I know about now that the cancer is in my bones?', 'what was that about the spine?');
    expect(spine.understood.focus.map((entry) => entry.concept)).toContain('metastatic spinal cord compression');
  });
});

describe('a follow-up pressing for the outlook in numbers (review 25)', () => {
  it('reads "I want a number. Months? Years?" as asking the outlook, not what the subtype is', async () => {
    const answer = await chat('patient', "Be honest with me. How long have I got? It's in my liver as well as my bones.", "That's not an answer. I want a number. Months? Years? I have triple negative.");
    expect(answer.understood.intent).toBe('prognosis');
    expect(leadOf(answer)).not.toMatch(/has no hormone receptors/);
  });
});

describe('the outlook from the section that tells it (review 29)', () => {
  it('answers "how long do people live with breast cancer in the bones?" from the leaflet section on it, without what bone metastases are', async () => {
    const answer = await ask('How long do people live with breast cancer in the bones?', 'patient');
    expect(body(answer)).toMatch(/No one can say exactly how long one person will live/);
    expect(body(answer)).toMatch(/spread only to the bones often live longer/);
    expect(body(answer)).not.toMatch(/Bone metastases are spots of breast cancer/);
  });

  it('does not take a section whose heading happens to share the words from a leaflet about something else', async () => {
    const answer = await ask("embarrassing but i've wet myself twice today and didnt even know. never happened before. I'm 54 on palbociclib for mets in my bones. No temp. is this a side effect?", 'patient');
    expect(body(answer)).not.toMatch(/Pain in the treated bone can get worse/);
  });

  it('reads "my nurse didnt give me a number" as no request for the outlook', async () => {
    const answer = await ask('what temperature counts as a fever when youre on palbociclib? my nurse said ring if its high but didnt give me a number', 'patient');
    expect(answer.understood.intent).not.toBe('prognosis');
    expect(leadOf(answer)).toMatch(/fever/);
  });
});

describe('a harm asked about on medicines that nothing held links it to (review 29)', () => {
  it('says blood sugar on letrozole, goserelin, abemaciclib and Xgeva is not covered, told after the diabetes it asks about', async () => {
    const answer = await ask('He has type 2 diabetes on metformin. Will letrozole, goserelin, abemaciclib or Xgeva affect his blood sugar?', 'professional');
    expect(answer.understood.focus.find((entry) => entry.concept === 'hyperglycaemia')).toMatchObject({ covered: false });
    expect(noticeOf(answer, 'not-covered') ?? '').toMatch(/hyperglycaemia on letrozole, goserelin, abemaciclib and denosumab/);
  });

  it('still counts a harm held for the medicine asked about', async () => {
    const answer = await ask('Can denosumab cause low calcium?', 'professional');
    expect(answer.understood.focus.find((entry) => entry.concept === 'hypocalcaemia')).toMatchObject({ covered: true });
  });
});

describe('a rescue dose worked out from the regular morphine dose (review 29)', () => {
  it('gives a clinician one-tenth to one-sixth of the 24-hour total: MST 60 mg bd is 12–20 mg', async () => {
    const answer = await ask('on MST 60 mg bd. what breakthrough dose of oramorph?', 'professional');
    expect(body(answer)).toMatch(/120 mg in 24 hours gives an immediate-release oral morphine rescue dose for breakthrough pain of 12–20 mg/);
  });

  it('works none out beside signs of opioid toxicity, for a patient, or with kidney function below 60', async () => {
    const toxic = await ask('MST 60 mg bd, very drowsy, RR 8, pinpoint pupils. breakthrough dose?', 'professional');
    expect(noticeOf(toxic, 'urgent')).toBeDefined();
    expect(body(toxic)).not.toMatch(/12–20 mg/);
    expect(body(await ask("I'm on MST 60 mg twice a day, how much oramorph can I take for breakthrough pain?", 'patient'))).not.toMatch(/12–20 mg/);
    expect(body(await ask('on MST 60mg bd with eGFR 45, what rescue dose?', 'professional'))).not.toMatch(/12–20 mg/);
  });
});

describe('how likely a harm is, answered by how often it happens (review 29)', () => {
  it('leads "how likely is it that Xgeva will damage my jaw?" with the figure held, for a patient and a clinician', async () => {
    expect(leadOf(await ask('How likely is it that Xgeva will damage my jaw?', 'patient'))).toMatch(/about 1 to 9 in 100/);
    expect(leadOf(await ask('How likely is it that Xgeva will damage my jaw?', 'professional'))).toMatch(/about 1% to 9%/);
  });

  it("leads with the medicine's own figure before one for all bone medicines", async () => {
    expect(leadOf(await ask('How common is osteonecrosis of the jaw with zoledronic acid?', 'professional'))).toMatch(/SWOG S0702.*2\.8% at 3 years/);
  });

  it('takes no figure of another condition, and no confidence interval, for a frequency', async () => {
    const lead = leadOf(await ask('How common is high calcium in people with bone secondaries, and what does it feel like?', 'professional'));
    expect(lead).not.toMatch(/hypocalcaemia in 18%|95% CI/);
  });
});

describe('the urgent guidance on the medicines the message names first (review 29)', () => {
  it('leads a drowsy patient on morphine with opioid toxicity, and one on no medicine named with correcting calcium', async () => {
    const onMorphine = (await ask('MST 60 mg bd, very drowsy, RR 8, pinpoint pupils. what now?', 'professional')).markdown;
    expect(onMorphine.indexOf('Warning signs of opioid toxicity')).toBeGreaterThan(-1);
    expect(onMorphine.indexOf('Warning signs of opioid toxicity')).toBeLessThan(onMorphine.indexOf('Total serum calcium must be corrected'));
    // The passage that points back ("In that emergency…") stays after the one it points to.
    expect(onMorphine.indexOf('In that emergency')).toBeGreaterThan(onMorphine.indexOf('reserve naloxone'));
    const noMedicine = (await ask('Mum is very drowsy and confused', 'professional')).markdown;
    expect(noMedicine.indexOf('Total serum calcium must be corrected')).toBeGreaterThan(-1);
    expect(noMedicine.indexOf('Total serum calcium must be corrected')).toBeLessThan(noMedicine.indexOf('Warning signs of opioid toxicity'));
  });
});

describe('olaparib for a patient (review 25)', () => {
  it('answers what olaparib does, its side effects and blood tests from the leaflet, which collapsed to two lines', async () => {
    const answer = await ask("I'm on olaparib. what does it do and what blood tests do I need?", 'patient');
    expect(body(answer)).toMatch(/block PARP/);
    expect(body(answer)).toMatch(/blood test to check your blood cells before you start, and then about once a month/);
    expect(noticeOf(answer, 'professional-source')).toBeUndefined();
  });

  it('leads "is olaparib making me so tired?" and "side effects of olaparib" with its common side effects', async () => {
    const tired = await ask('is olaparib making me so tired?', 'patient');
    expect(tired.understood.intent).toBe('adverse-effects');
    expect(leadOf(tired)).toMatch(/Common side effects of olaparib are feeling sick and feeling tired/);
    expect(leadOf(await ask('what are the side effects of olaparib', 'patient'))).toMatch(/Common side effects of olaparib/);
  });
});

describe('what a GP, a man of 66 on a CDK4/6 inhibitor and his wife asked (review 26)', () => {
  it('withholds zoledronic acid for a creatinine risen from 0.8 at the start of zol to 1.4, which was answered with the hypercalcaemia rule', async () => {
    const answer = await chat(
      'professional',
      'GP. 58F HER2+ mets ribs/spine on trastuzumab/pertuzumab q3w + zol. eGFR drifted 70 -> 48 over 6 months. zol dose?',
      'creat was 0.8 at start of zol, now 1.4 mg/dL. 68kg. due dose next wk. give it at reduced dose?',
    );
    expect(leadOf(answer)).toMatch(/meets the label's definition of renal deterioration/);
    expect(leadOf(answer)).toMatch(/withheld/);
    expect(leadOf(answer)).not.toMatch(/hypercalcaemia of malignancy/i);
  });

  it('tells a GP that an eGFR which has drifted down cannot set the zoledronic acid dose', async () => {
    const answer = await ask('GP. 58F HER2+ mets ribs/spine on trastuzumab/pertuzumab q3w + zol. eGFR drifted 70 -> 48 over 6 months. zol dose?');
    expect(body(answer)).toMatch(/an eGFR report cannot be used in its place/);
    expect(body(answer)).toMatch(/treatment should be withheld if kidney function has deteriorated/);
  });
});

describe('a temperature on capecitabine (review 23)', () => {
  it('answers when to act from the neutropenic sepsis guidance, not from trials that gave capecitabine', async () => {
    const answer = await ask('District nurse here. Patient on capecitabine, temp 37.9 this morning, feels ok otherwise. What should I do?');
    expect(leadOf(answer)).toMatch(/suspected in anyone having anticancer treatment who becomes unwell/);
    expect(body(answer)).toMatch(/temperature higher than 38 °C/);
    expect(body(answer)).not.toMatch(/HER2CLIMB|DESTINY|ASCENT/);
  });
});

describe('low white cells on a CDK4/6 inhibitor (review 26)', () => {
  it('tells a man whose nurse rang about low white cells not to stop on his own, and that the team may pause the tablets', async () => {
    const answer = await chat('patient', "I'm 66, I've got breast cancer in my hips and ribs. They've started me on letrozole and palbociclib.", 'Nurse rang, said my white cells are low. Do I keep taking the tablets or stop?');
    expect(leadOf(answer)).toMatch(/Do not stop hormone tablets or targeted tablets without talking to your team/);
    expect(body(answer)).toMatch(/Your team may pause the tablets until a low blood count recovers/);
    expect(noticeOf(answer, 'not-covered')).toBeUndefined();
  });
});

describe('when to go to A&E (review 26)', () => {
  it('gives a GP the warning signs for "when to send to A&E?", which was refused as not covering "E"', async () => {
    const answer = await ask('bone mets pt - when to send to A&E?');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(answer.title).toMatch(/Warning signs/);
    expect(body(answer)).toMatch(/spinal cord compression/);
  });

  it('gives a wife the signs that need help straight away for "when should I take him to A&E?"', async () => {
    const answer = await ask('When should I take him to A&E?', 'patient');
    expect(leadOf(answer)).toMatch(/^Get help now/);
    expect(body(answer)).toMatch(/temperature of 38 °C or higher/);
  });
});

describe('side effects of hormone tablets (review 26)', () => {
  it('answers hot flushes on tamoxifen from the leaflet, which was declined as menopausal symptoms', async () => {
    const answer = await ask("I'm getting hot flushes on tamoxifen, is that normal? I'm a man", 'patient');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(leadOf(answer)).toMatch(/Tamoxifen often causes hot flushes/);
  });

  it("answers joint pain on anastrozole, and tells a man why he is given tamoxifen rather than its side effects", async () => {
    expect(leadOf(await ask('does anastrozole cause joint pain?', 'patient'))).toMatch(/often cause hot flushes, joint pain or stiffness/);
    expect(leadOf(await ask('Why would a man be given hormone tablets like tamoxifen? I thought that was for women.', 'patient'))).toMatch(/most breast cancers in men grow with the help of hormones/);
  });
});

describe('what a man of 66 on letrozole and palbociclib asked (review 26)', () => {
  const first = "I'm 66 and a man and I've got breast cancer. It's gone to my hips and ribs. Do blokes get the same treatment as women or not?";

  it('reads "blokes" as men, which was answered with a trial hazard ratio', async () => {
    const answer = await ask(first, 'patient');
    expect(answer.understood.focus.map((entry) => entry.concept)).toContain('men with breast cancer');
    expect(leadOf(answer)).toMatch(/same as for women/);
    expect(noticeOf(answer, 'professional-source')).toBeUndefined();
  });

  it('says what each of "those two" does, and what the monthly injection with letrozole is for in a man', async () => {
    const two = await chat('patient', first, "Right. They've started me on letrozole and palbociclib. What do those two actually do?");
    expect(leadOf(two)).toMatch(/Hormone therapy blocks or lowers the hormones/);
    expect(leadOf(two)).toMatch(/A CDK4\/6 inhibitor is a tablet that slows the growth/);
    const injection = await ask("Doc also said I'd need an injection every month to go with the letrozole. What's that for? I'm not a woman.", 'patient');
    expect(leadOf(injection)).toMatch(/a man also has an injection that lowers his own hormones/);
  });

  it('answers "can this be cured or not?" after questions on his tablets, which was refused as letrozole in men', async () => {
    const answer = await chat('patient', first, "Doc also said I'd need an injection every month to go with the letrozole. What's that for? I'm not a woman.", 'Straight answer. Can this be cured or not?');
    expect(answer.standaloneQuestion).not.toMatch(/letrozole/);
    expect(leadOf(answer)).toMatch(/not usually curable/);
  });

  it('leaves "bothering them" as the team and answers what counts as an infection', async () => {
    const answer = await chat('patient', 'How often am I going to get jabbed for blood tests on this palbociclib?', "What counts as an infection I should ring about? I don't want to be bothering them over a sniffle.");
    expect(answer.standaloneQuestion).not.toMatch(/bothering palbociclib/);
    expect(body(answer)).toMatch(/call your care team today if you have shivers, a new cough/);
  });

  it('reads "my prostate" as no prostate cancer, and answers mixing his tablets with what can change how palbociclib works', async () => {
    const answer = await ask('I take tamsulosin for my prostate and atorvastatin for cholesterol. Any trouble mixing those with palbociclib and letrozole?', 'patient');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(answer, 'not-covered')).toMatch(/tamsulosin and atorvastatin/);
    expect(leadOf(answer)).toMatch(/Some other medicines and herbal remedies can change how palbociclib/);
    const corrected = await ask("I never said prostate cancer. It's just an enlarged prostate. Who do I ask about mixing my tablets then? I take palbociclib.", 'patient');
    expect(noticeOf(corrected, 'out-of-scope')).toBeUndefined();
  });

  it('answers ibuprofen beside ramipril for blood pressure, which was refused as high blood pressure', async () => {
    const answer = await ask("Fine. What about ibuprofen for my hip when it's sore? I also take ramipril for blood pressure.", 'patient');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(leadOf(answer)).toMatch(/Ibuprofen and naproxen can make kidney problems worse/);
  });

  it('gives the broken-bone signs for "what sort of hip pain should make me worry?"', async () => {
    const answer = await ask('What sort of hip pain should make me worry then?', 'patient');
    expect(answer.understood.intent).toBe('when-to-seek-help');
    expect(body(answer)).toMatch(/Get help now if you cannot put weight on a leg/);
  });
});

describe('what his wife asked (review 26)', () => {
  it('answers how to get help at home and help for her, which was refused', async () => {
    const home = await ask("I'm struggling to manage him at home on my own. How do we get some help at home?", 'patient');
    expect(noticeOf(home, 'out-of-scope')).toBeUndefined();
    expect(leadOf(home)).toMatch(/hard to cope at home, tell your GP/);
    expect(body(await ask("Could the palliative team help me too? I'm not sleeping and I'm worn out. How do I look after myself?", 'patient'))).toMatch(/Palliative care teams support the family/);
  });

  it('leads "what can help his pain?" with the pain medicines, not a sentence that adds to another', async () => {
    const answer = await ask("His hip hurts most at night and he can't get comfortable, so neither of us sleeps. What can help his pain?", 'patient');
    expect(leadOf(answer)).toMatch(/paracetamol, anti-inflammatory medicines such as ibuprofen, and strong medicines such as morphine/);
    expect(leadOf(answer)).not.toMatch(/can also ease/);
  });
});

describe('what a GP asked about spinal pain and a tooth out (review 26)', () => {
  it('answers same-day spinal pain without neurological signs with NICE NG234: its symptoms and an MRI within 1 week', async () => {
    const answer = await ask('58F HER2+ MBC, bone mets ribs + T-spine. On trastuzumab/pertuzumab q3w + zoledronic acid. New mid-back pain x1/52, no neuro sx so far. Red flags to check, and how fast to image?');
    expect(noticeOf(answer, 'urgent')).toMatch(/same day/);
    expect(body(answer)).toMatch(/MRI of the whole spine within 1 week/);
    expect(cited(answer)).toContain('spinal-cord-compression#symptoms-and-signs-to-ask-about-1');
  });

  it('says antibiotic cover for an extraction is not held', async () => {
    const answer = await ask("tooth's unsalvageable, has to come out. abx cover? time it mid-way between zol doses?");
    expect(noticeOf(answer, 'not-covered')).toMatch(/antibiotic cover for dental extractions/);
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
  });
});

describe('grapefruit on a CDK4/6 inhibitor (review 26)', () => {
  it('answers grapefruit on ribociclib from the leaflet, which was declined as diet', async () => {
    const answer = await ask('Are there foods to avoid on ribociclib, such as grapefruit?', 'patient');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(body(answer)).toMatch(/Do not have grapefruit or its juice with palbociclib, ribociclib or abemaciclib/);
  });
});

describe('what if follow-ups (fresh conversations c39)', () => {
  it('answers pain getting worse days after radiotherapy with the pain flare', async () => {
    const answer = await chat('patient', 'I had a single radiotherapy treatment to a painful bone in my hip yesterday. How long until the pain gets better?', 'what if it actually gets worse over the next few days?');
    expect(leadOf(answer)).toMatch(/can get worse for a few days after radiotherapy before it gets better/);
  });

  it('reads drowsiness "since his dose went up" as a question about the drowsiness, not the dose', async () => {
    const answer = await chat('patient', "My husband has started morphine for the pain from his bone metastases and he's constipated. Is that normal?", "what if he's a bit drowsy since his dose went up?");
    expect(answer.understood.intent).not.toBe('dose');
    expect(leadOf(answer)).not.toMatch(/starting dose/);
  });

  it('answers a sister stopping Prolia with the advice on stopping it', async () => {
    const answer = await ask('My sister is on Prolia for osteoporosis - she wants to stop it. is that safe?', 'patient');
    expect(body(answer)).toMatch(/denosumab 60 mg \(Prolia\) should not stop treatment without specialist review/);
  });
});

describe('questions on time and order (fresh set q39)', () => {
  it('raises the broken-bone alert for an arm that hurts after a small knock and cannot be lifted, which was refused', async () => {
    const answer = await ask("Mum's 74 and has breast cancer in her bones. She knocked her arm on the door frame this morning, not even hard, and now it really hurts and she can't lift it. She says she'll see how it is tomorrow and doesn't want a fuss. Should we wait?", 'patient');
    expect(noticeOf(answer, 'urgent')).toMatch(/broken bone/);
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
  });

  it('tells a woman living alone to get help now for weak legs at night, reading "the surgery opens" as her GP', async () => {
    const answer = await ask("I'm 80 and I've lived on my own since my husband died. The breast cancer is in my backbone now and the nurse said to keep an eye on my legs. If I woke up in the night and my legs felt weak or numb, would it be all right to wait until the surgery opens in the morning? I don't like to trouble the ambulance people for nothing. And could I drive myself to the hospital if I had to?", 'patient');
    expect(answer.understood.focus.map((entry) => entry.concept)).not.toContain('surgery');
    expect(leadOf(answer)).toMatch(/^Get help now/);
    expect(noticeOf(answer, 'not-covered') ?? '').not.toMatch(/surgery/);
  });

  it('answers a sore gum on denosumab for two weeks with calling the team today, not waiting', async () => {
    const answer = await ask('ive been on denosumab for 18 months and theres a sore rough bit on my gum at the back where i can feel something hard, its been there about 2 weeks. i read ONJ only counts if its been there 8 weeks so should i just wait and see if it heals by itself first?', 'patient');
    expect(leadOf(answer)).toMatch(/Call your care team today/);
  });

  it('answers whether radiotherapy can be repeated, and reads "how long do I have to wait" as no question of the outlook', async () => {
    const answer = await ask('i had radiotherapy to my ribs 10 days ago (just one go) and honestly the pain is about the same. when should it of worked by? can they do it again if it doesnt work and how long do i have to wait for that', 'patient');
    expect(answer.understood.intent).not.toBe('prognosis');
    // "When should it of worked by?", asked first, is answered first; whether it can be repeated follows.
    expect(leadOf(answer)).toMatch(/within 4 weeks/);
    expect(body(answer)).toMatch(/the same area can often be treated again/);
    expect((await ask('How long do I have to live?', 'patient')).understood.intent).toBe('prognosis');
  });

  it('answers stopping denosumab before a knee replacement, told as her other condition', async () => {
    const answer = await ask("I'm booked for a knee replacement in March (nothing to do with the cancer, it's just worn out). I have the Xgeva injection every 4 weeks for the cancer in my bones. Should I stop the injections before the operation, and if I did, how long would they keep protecting my bones?", 'patient');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(body(answer)).toMatch(/the effect wears off after treatment stops/);
    // Asked about for itself, the operation is still not covered.
    expect(noticeOf(await ask('Is a knee replacement safe with bone metastases?', 'patient'), 'out-of-scope')).toMatch(/joint replacement/);
  });
});

describe('what an acute oncology nurse and a son of 17 asked (review 27)', () => {
  it('raises the drowsiness alert for a mother who collapsed and is not answering properly, which raised nothing', async () => {
    const answer = await ask('mum just collapsed in the kitchen and shes not answering me properly what do i do', 'patient');
    expect(answer.notices[0]?.kind).toBe('urgent');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    // A shed that collapses is no emergency.
    expect(noticeOf(await ask('the old shed collapsed in the storm, can I still have my zoledronic acid on Friday?', 'patient'), 'urgent')).toBeUndefined();
  });

  it("answers diarrhoea and sore palms on capecitabine from capecitabine's label, not abemaciclib's rules", async () => {
    const answer = await ask('67M, MBC bone mets, on capecitabine. Diarrhoea 6-7x/day since yesterday, palms red, sore and peeling. Afebrile. Come in or advice?');
    expect(body(answer)).not.toMatch(/abemaciclib/i);
    expect(leadOf(answer)).toMatch(/Capecitabine is interrupted straight away for grade 2, 3 or 4 diarrhoea/);
    expect(noticeOf(answer, 'not-covered')).toBeUndefined();
    const handFoot = await ask('Capecitabine hand-foot syndrome: how is it managed?');
    expect(leadOf(handFoot)).toMatch(/interrupted for grade 2 or 3 hand-foot syndrome/);
    const patient = await ask('my hands and feet are red, sore and peeling from the capecitabine. it hurts to walk. what can I do about it?', 'patient');
    expect(cited(patient)).toContain('patient-capecitabine#sore-red-hands-and-feet-hand-foot-syndrome-4');
  });
  it("answers a capecitabine dose at a clearance told with capecitabine's band, not zoledronic acid's", async () => {
    const answer = await ask('CrCl 42, capecitabine starting dose?');
    expect(leadOf(answer)).toMatch(/950 mg\/m2 twice daily/);
    expect(leadOf(answer)).not.toMatch(/zoledronic acid/);
    // The zoledronic acid band still answers a zoledronic acid dose at that clearance.
    expect(leadOf(await ask('CrCl 42, zoledronic acid dose?'))).toMatch(/3\.3 mg/);
  });

  it('answers fever and aches the day after a first zoledronic acid infusion with the acute-phase reaction', async () => {
    const answer = await ask('only on letrozole + zoledronic acid, no chemo, 38.1 and aches day after first infusion. does she still need to come in?');
    expect(leadOf(answer)).toMatch(/acute-phase reaction/);
    expect(cited(answer)).toContain('zoledronic-acid-acute-phase-reaction#what-is-the-acute-phase-reaction-to-zoledronic-acid-2');
  });
  it('carries a high calcium told a turn before: a question on a missed Xgeva is not answered with taking calcium (review 28)', async () => {
    const lady = 'lady on xgeva 120mg monthly, takes adcal-d3 1 bd. her latest adj Ca came back 2.74. should she stop the adcal?';
    const missed = 'ok will hold adcal & ring onc. also she says she missed her last xgeva - was due 3 wks ago, clinic cancelled. give asap or wait till next due date?';
    const carried = await chat('professional', lady, missed);
    expect(body(carried)).not.toMatch(/at least 500 mg of calcium|Omitting calcium/i);
    // A normal calcium told now replaces the high one, and a missed injection told alone keeps its calcium advice.
    const alone = await ask(missed);
    expect(body(alone)).toMatch(/500 mg of calcium/);
    const settled = await chat('professional', lady, 'her repeat adj Ca is 2.41 now. ' + missed);
    expect(body(settled)).toMatch(/500 mg of calcium/);
  });
  it('leads "do I ring straight away or can it wait?" about a cough on trastuzumab deruxtecan with ringing the team (review 27)', async () => {
    const answer = await chat('patient', 'My nurse mentioned a lung problem with Enhertu. What is it, how likely is it, and which symptoms should I report?', 'So if I get a cough, do I ring straight away or can it wait until my next appointment?');
    expect(leadOf(answer)).toMatch(/(straight away|today).*(cough|short of breath)|(cough|short of breath).*(straight away|today)/i);
    expect(leadOf(answer)).not.toMatch(/If lung swelling is found/);
  });
  it('says plainly that low mood and talking to children are not covered, and answers a carer asking for help for carers (review 28)', async () => {
    const mood = await ask("it's not me, it's her. she's not planning anything, she's just worn out and sad. who can we actually talk to about her mood? her oncologist only has 10 minutes", 'patient');
    expect(noticeOf(mood, 'out-of-scope')).toMatch(/low mood/);
    expect(noticeOf(mood, 'urgent')).toBeUndefined();
    const carers = await ask("ok I'll ring them tomorrow. honestly I'm exhausted myself, up with her every night. is there anything for carers?", 'patient');
    expect(noticeOf(carers, 'out-of-scope')).toBeUndefined();
    expect(body(carers)).toMatch(/carer's assessment/);
  });
  it('answers a medicine told beside a CDK4/6 inhibitor with what is said of the two together (review 28)', async () => {
    const clarithromycin = await ask('pt on palbociclib 125mg (w/ letrozole), GP wants to start clarithromycin 500mg bd for chest infection. any interaction issue? CYP3A4?');
    expect(leadOf(clarithromycin)).toMatch(/strong CYP3A inhibitors such as clarithromycin.*75 mg once daily/);
    const wort = await ask("she also takes St John's wort she bought OTC for low mood. ok to carry on with the palbo?");
    expect(leadOf(wort)).toMatch(/St John's wort/);
    expect(noticeOf(wort, 'out-of-scope')).toBeUndefined();
    // One medicine alone keeps its own answer.
    expect(leadOf(await ask('palbociclib dose?'))).toMatch(/125 mg/);
  });
  it('says a late denosumab dose is not covered and answers with not skipping it, without another medicine\'s missed-dose rule (review 28)', async () => {
    const late = await ask("I'm 2 weeks late with my Xgeva injection, is that a problem?", 'patient');
    expect(noticeOf(late, 'not-covered')).toMatch(/missed dose of denosumab/);
    expect(noticeOf(late, 'out-of-scope')).toBeUndefined();
    expect(leadOf(late)).toMatch(/Do not stop or skip denosumab/);
    expect(body(late)).not.toMatch(/palbociclib|capecitabine|ribociclib/i);
    // The missed dose is of the medicine told in its own sentence: not of the calcium held in the sentence before.
    const nurse = await ask('ok will hold adcal & ring onc. also she missed her last xgeva, its 2 weeks overdue. give asap or wait?');
    expect(noticeOf(nurse, 'not-covered')).toMatch(/missed dose of denosumab;/);
    expect(body(nurse)).toMatch(/not to interrupt treatment/);
    // A medicine whose leaflet says what to do about a missed dose is answered with it, and one with none held is declined.
    expect(leadOf(await ask('I forgot a dose of capecitabine this morning, what do I do?', 'patient'))).toMatch(/forget a dose of capecitabine, do not take a double dose/);
    expect(leadOf(await ask('I forgot to take my palbociclib yesterday, should I take two today?', 'patient'))).toMatch(/do not take an extra dose/);
    expect(noticeOf(await ask('missed a dose of letrozole, what now?', 'patient'), 'out-of-scope')).toMatch(/missed dose/);
    // A late injection told without "missed" is the same question.
    expect(noticeOf(await ask("My husband's Xgeva injection is two weeks late because of the holidays. Should he still have it?", 'patient'), 'not-covered')).toMatch(/missed dose of denosumab/);
  });
});

describe('what an out-of-hours GP, a man of 57 on abemaciclib and his wife asked (review 29)', () => {
  it('raises the high-calcium alert when a sign told now completes it with one told a turn before', async () => {
    const first = 'He is on morphine now for the rib pain and he is so constipated, 5 days without going. What should he take?';
    const answer = await chat('patient', first, 'He is also feeling sick and not eating much. Is that the morphine as well?');
    expect(noticeOf(answer, 'urgent')).toMatch(/high calcium/);
    // Beside it, no sentence says the sickness is likely to pass.
    expect(body(answer)).not.toMatch(/likely to pass/);
    // A sign told again, already raised by the turn before, is not raised anew by a question that only asks about it.
    expect(noticeOf(await ask(first, 'patient'), 'urgent')).toBeUndefined();
  });
  it('answers what will be done on arrival with spinal cord compression with its treatment, not with what his medicines do', async () => {
    const report = "My husband has cancer in his spine. He's on letrozole, abemaciclib and Xgeva. Tonight his legs feel heavy and a bit numb and he nearly fell on the stairs.";
    const answer = await chat('patient', report, 'OK I rang the number and they said bring him in. What will they actually do? Will he need an operation?');
    expect(leadOf(answer)).toMatch(/radiotherapy to the spine, and some people have an operation first/);
    // "They" are the team: the answer is not about what his medicines do.
    expect(answer.understood?.focus.map((entry) => entry.concept)).not.toContain('abemaciclib');
  });
  it('tells a man on abemaciclib not to have grapefruit, and answers letrozole thinning the bones', async () => {
    expect(leadOf(await ask("anything i shouldnt eat or drink with abemaciclib? the wife has me on grapefruit every morning", 'patient'))).toMatch(/grapefruit[^.]*abemaciclib/);
    const thin = await ask("The leaflet for his letrozole says it can thin the bones. He's already got cancer in his bones, so isn't letrozole making it worse??", 'patient');
    expect(noticeOf(thin, 'out-of-scope')).toBeUndefined();
    expect(leadOf(thin)).toMatch(/can also thin the bones/);
  });
  it('gives a clinician the rule for the medicine asked about: ribociclib with clarithromycin, thigh ache on denosumab', async () => {
    expect(leadOf(await ask('Patient on letrozole + ribociclib with a chest infection. Can I start clarithromycin tonight or is there an interaction?'))).toMatch(/^Ribociclib should not be combined with strong CYP3A inhibitors such as clarithromycin.*400 mg/);
    const thigh = await ask('Hospice patient on denosumab for 3 yrs, new aching in the left thigh for a few weeks, no fall. What should I be thinking about?');
    expect(leadOf(thigh)).toMatch(/[Aa]typical femoral fracture/);
  });
  it('declines an opioid dose conversion to a syringe driver, and reads "no change to her syringe driver" as no such question', async () => {
    expect(noticeOf(await ask('How do I convert oral oxycodone 20mg bd to a subcut syringe driver for a care home patient with MBC?'), 'out-of-scope')).toMatch(/converting an opioid dose/);
    const driver = await ask('Hospice staff nurse: patient much drowsier than yesterday, only rousable to voice, no new sedating drugs and no change to her syringe driver.');
    expect(noticeOf(driver, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(driver, 'urgent')).toBeDefined();
  });
});

describe('questions outside the knowledge, asked fresh (review 31)', () => {
  it('declines early-disease questions told as survivorship or as tablets after the operation', async () => {
    expect(noticeOf(await ask('Can breast cancer survivors take hormone replacement therapy?'), 'out-of-scope')).toMatch(/early \(non-metastatic\) breast cancer/);
    // Letrozole for "no set end date" is the metastatic answer; after the operation it is adjuvant treatment.
    const letrozole = await ask('How long will I have to take letrozole after my operation?', 'patient');
    expect(noticeOf(letrozole, 'out-of-scope')).toMatch(/adjuvant treatment/);
    expect(body(letrozole)).not.toMatch(/no set end date/);
  });
  it('declines bone density checks, G-CSF and anti-sickness medicines for chemotherapy, which no document holds', async () => {
    const density = await ask('How often should bone density be checked in women on aromatase inhibitors?');
    expect(noticeOf(density, 'out-of-scope')).toMatch(/bone density scanning/);
    expect(body(density)).not.toMatch(/palbociclib/i);
    expect(noticeOf(await ask('How is febrile neutropenia prevented with G-CSF?'), 'out-of-scope')).toMatch(/G-CSF/);
    expect(noticeOf(await ask('What antiemetics are used for highly emetogenic chemotherapy?'), 'out-of-scope')).toMatch(/anti-sickness medicines/);
    expect(noticeOf(await ask('What dose of vitamin D is used to treat rickets?'), 'out-of-scope')).toMatch(/vitamin D deficiency/);
  });
  it('reads a hormone tablet taken "to stop breast cancer" in a family as prevention, and stopping the tablet as held', async () => {
    const prevention = await ask('Can I take anastrozole to stop breast cancer if it runs in my family?', 'patient');
    expect(noticeOf(prevention, 'out-of-scope')).toMatch(/screening or prevention/);
    expect(body(prevention)).not.toMatch(/no set end date/);
    expect(noticeOf(await ask('Should I stop letrozole now my breast cancer has spread to the bones?', 'patient'), 'out-of-scope')).toBeUndefined();
  });
  it('declines pregnancy after breast cancer and breast cancer in pregnancy, but answers pregnancy on a medicine it holds', async () => {
    expect(noticeOf(await ask('Is it safe to get pregnant after breast cancer?', 'patient'), 'out-of-scope')).toMatch(/pregnancy is safe after breast cancer/);
    expect(noticeOf(await ask('How is breast cancer in pregnancy treated?'), 'out-of-scope')).toMatch(/found during pregnancy/);
    const enhertu = await ask('How long after Enhertu can I get pregnant?');
    expect(noticeOf(enhertu, 'out-of-scope')).toBeUndefined();
    expect(leadOf(enhertu)).toMatch(/7 months/);
  });
  it('declines other primary cancers and breast cancer that has not spread, told in words it shares with passages', async () => {
    for (const question of ['What is the treatment for hepatocellular carcinoma?', 'How is cervical cancer screened for?', 'What is the treatment of inflammatory breast cancer without metastases?']) {
      expect(noticeOf(await ask(question), 'out-of-scope'), question).toBeDefined();
    }
    expect(noticeOf(await ask('What are the chances my daughter will get breast cancer?', 'patient'), 'out-of-scope')).toMatch(/screening or prevention/);
    // Held as a rare harm of PARP inhibitors, leukaemia asked of one is answered.
    expect(noticeOf(await ask('Can olaparib cause leukaemia?'), 'out-of-scope')).toBeUndefined();
    expect(noticeOf(await ask('How is metastatic inflammatory breast cancer in the bones treated?'), 'out-of-scope')).toBeUndefined();
  });
});

describe('how soon a treatment works, and a carer worn out (review 31)', () => {
  it('answers how soon radiotherapy eases bone pain with how long it took, in the words of each audience', async () => {
    expect(leadOf(await ask('How soon will radiotherapy help my bone pain?', 'patient'))).toMatch(/within 4 weeks/);
    expect(leadOf(await ask('how long till the radiotherapy kicks in?', 'patient'))).toMatch(/within 4 weeks/);
    expect(leadOf(await ask('How long does palliative radiotherapy take to relieve bone pain?'))).toMatch(/median time to pain response was 4 weeks/);
    // Whether it helps is not how soon: that answer still opens with what radiotherapy does.
    const whether = await ask('Will radiotherapy help my bone pain?', 'patient');
    expect(leadOf(whether)).toMatch(/can ease the pain/);
    expect(leadOf(whether)).not.toMatch(/weeks/);
  });
  it('tells a carer worn out by caring where help comes from, instead of declining tiredness', async () => {
    const answer = await ask("I'm exhausted looking after my mum, is there any help?", 'patient');
    expect(noticeOf(answer, 'out-of-scope')).toBeUndefined();
    expect(body(answer)).toMatch(/carer's assessment/);
    // Tiredness of one's own, with no caring told, is still not held.
    expect(noticeOf(await ask('I feel exhausted all the time, what can I do?', 'patient'), 'out-of-scope')).toMatch(/tiredness/);
  });
});

describe('what a trial showed, what a test is, and how a choice compares (review 31)', () => {
  it('answers what a named trial showed with its primary result, and what it measured with its endpoint', async () => {
    expect(leadOf(await ask('What did the head-to-head trial show for bone metastases?'))).toMatch(/^Denosumab was superior to zoledronic acid/);
    expect(leadOf(await ask('What were the results of MONALEESA-2?'))).toMatch(/^In MONALEESA-2/);
    const measured = await ask('What did the Stopeck trial measure, and what did it show?');
    expect(leadOf(measured)).toMatch(/^The primary endpoint of the Stopeck trial/);
    // With no trial named, no trial's result stands in for an answer.
    expect(leadOf(await ask('SBRT 24Gy/2 vs 20Gy/5 results'))).not.toMatch(/Patchell/);
  });
  it('answers "What is a bone scan?" with what it is, not with its flare', async () => {
    const answer = await ask('What is a bone scan?', 'patient');
    expect(answer.understood.intent).toBe('definition');
    expect(leadOf(answer)).toMatch(/^A bone scan is a test/);
    // A cue outside the name still decides: the dose is asked here.
    expect((await ask('What is the dose of denosumab?')).understood.intent).toBe('dose');
  });
  it('answers whether one session is as good as several with the comparison, and too much morphine with its sign', async () => {
    expect(leadOf(await ask('Is one radiotherapy session as good as several?', 'patient'))).toMatch(/as well as a longer course/);
    expect(leadOf(await ask('Is single-fraction radiotherapy as effective as multiple fractions for painful bone metastases?'))).toMatch(/equivalent pain relief/);
    // "As well as" that adds, not compares, is no comparison.
    expect(leadOf(await ask('Can I have Prolia as well as my Xgeva?', 'patient'))).toMatch(/Do not take Prolia/);
    expect(leadOf(await ask('how much subcut morphine is too much for my dad', 'patient'))).toMatch(/sign of too much/);
  });
});

describe('who is given a medicine, its dose in renal impairment, and what goes with it (review 32)', () => {
  it('answers who gets a medicine with who it is given to, not with the outlook, what the disease is or a harm', async () => {
    const pembrolizumab = leadOf(await ask('Which patients with triple negative metastatic breast cancer should get pembrolizumab?'));
    expect(pembrolizumab).toMatch(/^Pembrolizumab is given with chemotherapy[^.]*combined positive score \(CPS\) of 10 or more/);
    expect(leadOf(await ask('pembrolizumab in TNBC?'))).toMatch(/^Pembrolizumab is given with chemotherapy/);
    // …never by a harm, nor by what is done about one ("for grade 1 interstitial lung disease, it is interrupted").
    const deruxtecan = leadOf(await ask('who should get trastuzumab deruxtecan'));
    expect(deruxtecan).toMatch(/standard second-line treatment for HER2-positive/);
    expect(deruxtecan).not.toMatch(/nausea|interstitial lung disease/);
    // …and asked beside its monitoring, who is given it still leads: "…what ILD monitoring is needed?" asks about the harm, it does not report it.
    const indicated = leadOf(await ask('HER2-low MBC after one line of chemo — is trastuzumab deruxtecan indicated, and what ILD monitoring is needed?'));
    expect(indicated).toMatch(/HER2-low metastatic breast cancer who had received 1–2 previous lines of chemotherapy/);
    expect(indicated).not.toMatch(/interstitial lung disease/);
    // "Do I need…" asks how often here, not who: the schedule still opens the answer.
    expect(leadOf(await ask('How often do I need a denosumab injection and does it hurt?'))).toMatch(/120 mg every 4 weeks/);
    // A procedure asked about is answered as before: fixation by when it is preferred.
    expect(leadOf(await ask('Which patients with bone mets should be considered for prophylactic fixation? Query about the Mirels score.'))).toMatch(/^Prophylactic surgery/);
  });
  it('opens a renal dose question with the reduction, and keeps the interval for a how-often question', async () => {
    const dose = await ask('What is the zoledronic acid dose in renal impairment?');
    expect(leadOf(dose)).toMatch(/^In renal impairment, the zoledronic acid dose[^.]*reduced below 4 mg[^.]*60 mL\/min or less[^.]*not recommended below 30 mL\/min/);
    // The whole table still follows, every band.
    for (const band of ['3.5 mg', '3.3 mg', '3 mg', 'not recommended']) expect(body(dose)).toContain(band);
    expect(leadOf(await ask('What is the denosumab dose in renal impairment?'))).toMatch(/no denosumab dose adjustment is required/);
    expect(leadOf(await ask('How often is zoledronic acid given in renal impairment?'))).toMatch(/every 12 weeks or every 3–4 weeks/);
    // Another medicine's pitfall on eGFR does not answer a morphine dose.
    const morphine = leadOf(await ask('Opioid naive, eGFR 38. What morphine dose?'));
    expect(morphine).toMatch(/specialist advice before prescribing strong opioids/);
    expect(morphine).not.toMatch(/zoledronic/);
  });
  it('answers what to take with denosumab with calcium and vitamin D, and leaves diet to the care team', async () => {
    expect(leadOf(await ask('what supplements should I take with denosumab?', 'patient'))).toMatch(/calcium[^.]*vitamin D/);
    // Grapefruit asked about with the medicine it concerns is answered by it; foods to avoid on denosumab are not held.
    expect(leadOf(await ask('can I eat grapefruit on ribociclib', 'patient'))).toMatch(/grapefruit/);
    expect(noticeOf(await ask('are there foods I should avoid on denosumab?', 'patient'), 'out-of-scope')).toMatch(/diet/);
    // "Painkillers I can take for my bone pain" are painkillers, not supplements for the bones.
    expect(leadOf(await ask('What painkillers can I take for my bone pain?', 'patient'))).toMatch(/paracetamol/);
  });
  it('keeps a first-line question to first-line cancer treatment, and paclitaxel numbness outside the knowledge', async () => {
    const firstLine = await ask('first line treatment for HR positive HER2 negative metastatic breast cancer with bone only disease');
    expect(body(firstLine)).not.toMatch(/hypercalcaemia/i);
    expect(noticeOf(await ask('I get pins and needles in my hands on paclitaxel', 'patient'), 'out-of-scope')).toBeDefined();
  });
});

describe('questions outside the knowledge, asked fresh (review 32)', () => {
  it('declines early breast cancer, prevention, other illnesses and animals, naming what it recognised', async () => {
    expect(noticeOf(await ask('Is tamoxifen recommended for breast cancer risk reduction in high-risk women?'), 'out-of-scope')).toMatch(/screening or prevention/);
    expect(noticeOf(await ask('What antiemetics should be given with AC chemotherapy?'), 'out-of-scope')).toBeDefined();
    expect(noticeOf(await ask('What is the dose of dexamethasone for chemotherapy-induced nausea?'), 'out-of-scope')).toBeDefined();
    expect(noticeOf(await ask('How is inflammatory breast cancer staged and treated?'), 'out-of-scope')).toMatch(/inflammatory breast cancer/);
    expect(noticeOf(await ask('Can I breastfeed after breast cancer?', 'patient'), 'out-of-scope')).toBeDefined();
    expect(noticeOf(await ask('my child has a fever of 38.5 and a rash, what should I do?', 'patient'), 'out-of-scope')).toMatch(/children/);
    expect(noticeOf(await ask('Can I take ibuprofen for period pain while on the pill?', 'patient'), 'out-of-scope')).toMatch(/period/);
    expect(noticeOf(await ask('My dog has bone cancer, what are his options?', 'patient'), 'out-of-scope')).toMatch(/animals/);
    expect(noticeOf(await ask('What is the best bra to wear after surgery?', 'patient'), 'out-of-scope')).toMatch(/bras/);
    // The third set.
    expect(noticeOf(await ask('Hypercalcaemia from vitamin D toxicity: how is it treated?'), 'out-of-scope')).toMatch(/too much vitamin D/);
    expect(noticeOf(await ask("I'm worried I have breast cancer, what are the signs?", 'patient'), 'out-of-scope')).toMatch(/finding breast cancer/);
    expect(noticeOf(await ask('What is the best painkiller for a headache?', 'patient'), 'out-of-scope')).toMatch(/headaches/);
    expect(noticeOf(await ask('What foods are high in calcium?', 'patient'), 'out-of-scope')).toMatch(/calcium from food/);
  });
  it('still answers the neighbouring questions it holds', async () => {
    // Inflammatory breast cancer once it has spread is metastatic breast cancer.
    expect(noticeOf(await ask('inflammatory breast cancer that has spread to the bones: which bone-modifying agent?'), 'out-of-scope')).toBeUndefined();
    // A fever in the parent on treatment, told beside a child, is the parent's.
    expect(noticeOf(await ask('What temperature counts as a fever when you are on palbociclib?', 'patient'), 'out-of-scope')).toBeUndefined();
    // The doses given with letrozole are the CDK4/6 inhibitors' doses.
    const withLetrozole = await ask('Which CDK4/6 inhibitor doses are used with letrozole?');
    expect(noticeOf(withLetrozole, 'out-of-scope')).toBeUndefined();
    expect(body(withLetrozole)).toMatch(/Palbociclib \(Ibrance\) 125 mg/);
    // Calcium in food is a topic of its own: asked alone it is declined even beside denosumab, as before.
    expect(noticeOf(await ask('What foods are high in calcium? my dietitian said I need more with the denosumab', 'patient'), 'out-of-scope')).toMatch(/calcium from food/);
    // The signs of breast cancer that has spread are held.
    expect(noticeOf(await ask('What are the signs of breast cancer spreading to the bones?', 'patient'), 'out-of-scope')).toBeUndefined();
  });
  it('tells someone just told of bone metastases what happens now: the whole plan of care, in plain words', async () => {
    const answer = await ask("I've been told the cancer has spread to my bones. What happens now?", 'patient');
    expect(answer.title).toBe('How cancer that has spread to the bones is treated');
    const text = body(answer);
    expect(text).toMatch(/bone medicine/);
    expect(text).toMatch(/dentist/);
    expect(text).toMatch(/Radiotherapy/);
    expect(text).toMatch(/Get help now/);
  });
});

describe('review 33: fresh questions, follow-ups and what a nurse and a carer asked', () => {
  it('answers what the outlook depends on from the outlook, not from a decalcification or a prostate cancer sentence', async () => {
    const answer = await ask('What is the prognosis of breast cancer with bone metastases, and what affects it?');
    expect(body(answer)).toMatch(/strongly related to breast cancer subtype/);
    expect(body(answer)).toMatch(/triple-negative breast cancer has a clearly worse prognosis/);
    expect(body(answer)).not.toMatch(/Radium-223|decalcification/);
  });

  it('answers the medicines it holds when one offered beside them is unknown, and says the unknown one is not covered', async () => {
    const options = await ask('PIK3CA mutated HR+ MBC progressing on AI plus CDK4/6i: alpelisib, capivasertib or inavolisib, and how to handle hyperglycaemia?');
    expect(noticeOf(options, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(options, 'not-covered')).toMatch(/inavolisib/);
    expect(body(options)).toMatch(/alpelisib/);
    // Asked about on its own, it is still not answered from loosely related passages.
    expect(noticeOf(await ask('What is the dose of inavolisib?'), 'out-of-scope')).toBeDefined();
  });

  it('leads re-treatment with radiotherapy by re-treatment, not by the pain flare after radiotherapy', async () => {
    const patient = leadOf(await ask('can i still have radiotherapy on my hip if i already had it there before', 'patient'));
    expect(patient).toMatch(/same area (?:can often be )?treated again/);
    expect(patient).not.toMatch(/pain flare|get worse for a few days/);
    const professional = leadOf(await ask('Can a previously irradiated painful rib be treated again?'));
    expect(professional).toMatch(/re-irradiation/i);
    expect(professional).not.toMatch(/^ASCO advises that a bone-modifying agent/);
  });

  it('answers "do I need an operation for a weak thigh bone?" with the operation, not with where cancer spreads', async () => {
    const lead = leadOf(await ask('do i need an operation if the cancer has made my thigh bone weak', 'patient'));
    expect(lead).toMatch(/^A bone surgeon may fix a weak bone with an operation/);
  });

  it('gives the fulvestrant dose for a fulvestrant dose question, never a palbociclib dose given with it', async () => {
    const professional = leadOf(await ask('Fulvestrant dose and loading schedule'));
    expect(professional).toMatch(/^Fulvestrant 500 mg[^.]*days 1, 15 and 29/);
    expect(professional).not.toMatch(/Palbociclib|125 mg/);
    expect(body(await ask('they said fulvestrant is two injections in the bum, how often?', 'patient'))).toMatch(/2 injections into the muscle of the bottom/);
  });

  it('reads what a medicine is asked beside how often it is given, and a value asked as a value', async () => {
    const zometa = await ask('what is zometa and how often do i get it', 'patient');
    expect(zometa.understood.intent).toBe('definition');
    expect(body(zometa)).toMatch(/every 12 weeks or every 3–4 weeks/);
    // "What is her Mirels score, and…" asks a value, and "What does AAOMS advise, and…" advice: neither asks a definition.
    expect((await ask('What is her Mirels score, and does she need prophylactic fixation?')).understood.intent).not.toBe('definition');
    expect((await ask('Stage 1 MRONJ on zoledronic acid. What does AAOMS advise, and how often should she be followed up?')).understood.intent).not.toBe('definition');
  });

  it('reads the runs as diarrhoea and a comparison of where the cancer is as a question of outlook', async () => {
    const runs = await ask('the abemaciclib gives me the runs really bad what can i do', 'patient');
    expect(runs.understood.focus.map((entry) => entry.concept)).toContain('diarrhoea');
    const outlook = await ask('my sister was told her cancer came back in her bones only, is that better than if it was in the liver', 'patient');
    expect(outlook.understood.intent).toBe('prognosis');
    expect(leadOf(outlook)).not.toMatch(/pain flare|radiotherapy/);
  });

  it('declines early breast cancer told in everyday words, stomach infections, coffee in pregnancy and questions from the healthy', async () => {
    for (const question of [
      'my doctor wants me on zometa after my lumpectomy even tho the cancer hasnt spread, is that normal?',
      'whats the chance of my breast cancer coming back after chemo and surgery, it was stage 2 and hasnt spread anywhere',
      'should i take vitamin d tablets every day in winter? im a healthy 40 year old',
      'is it ok to drink coffee when your pregnant',
    ]) {
      expect(noticeOf(await ask(question, 'patient'), 'out-of-scope'), question).toBeDefined();
    }
    expect(noticeOf(await ask('What is the first-line Helicobacter pylori eradication regimen?'), 'out-of-scope')).toMatch(/Helicobacter pylori/);
    // What is held still is: the cancer that has spread, and calcium and vitamin D with a bone medicine.
    expect(noticeOf(await ask("my mum's breast cancer has spread to her spine, does she need calcium and vitamin d with her xgeva?", 'patient'), 'out-of-scope')).toBeUndefined();
  });

  it('keeps a follow-up dose to the condition asked about: the renal zoledronic acid dose for bone metastases, dexamethasone for cord compression', async () => {
    const renal = await converse('professional', 'What is the dose of zoledronic acid for bone metastases?', 'and in renal impairment?');
    expect(leadOf(renal)).toMatch(/dose for bone metastases is reduced below 4 mg/);
    expect(leadOf(renal)).not.toMatch(/hypercalcaemia/i);
    const steroid = await converse('professional', 'How should suspected metastatic spinal cord compression be managed?', 'how quickly should the MRI be done?', 'and the dexamethasone dose?');
    expect(steroid.standaloneQuestion).toMatch(/spinal cord compression/);
    expect(leadOf(steroid)).toMatch(/16 mg of oral dexamethasone/);
    expect(leadOf(steroid)).not.toMatch(/8 mg/);
  });

  it('keeps the emergency when the next message asks how it is treated', async () => {
    const treated = await converse('patient', 'i feel really thirsty and confused and constipated, could it be my cancer', 'how do they treat it?');
    expect(noticeOf(treated, 'urgent')).toBeDefined();
    expect(body(treated)).toMatch(/calcium/i);
    // A question about treating something else after a question with no emergency raises none.
    expect(noticeOf(await converse('patient', 'what is zometa?', 'how do they treat it?'), 'urgent')).toBeUndefined();
  });
});

describe('review 33, second round: follow-ups read as the conversation meant them, and a rule finding not said twice', () => {
  it('swaps the medicine asked about, not what is given with it, and asks the outlook again of a subtype', async () => {
    const swapped = await converse('professional', 'Should denosumab be given with calcium and vitamin D supplementation?', 'is that the same for zoledronic acid?');
    expect(swapped.standaloneQuestion).toMatch(/zoledronic acid[^?]*calcium and vitamin D/);
    expect(swapped.standaloneQuestion).not.toMatch(/denosumab/);
    const outlook = await converse('patient', 'how long do people live with breast cancer that has spread to the bones', 'does it make a diffrence if its hormone positive?');
    expect(outlook.standaloneQuestion).toMatch(/^How long do people live/);
    expect(outlook.understood.intent).toBe('prognosis');
  });

  it('asks about a harm on the medicine the last answer named it for, and only then', async () => {
    const monitored = await converse('professional', 'What is alpelisib used for in breast cancer?', 'what are the main side effects?', 'how is hyperglycaemia monitored?');
    expect(monitored.standaloneQuestion).toMatch(/alpelisib/);
    expect(leadOf(monitored)).toMatch(/glucose/);
    // A harm the last answer did not name is asked as it stands.
    expect((await converse('professional', 'What is alpelisib used for in breast cancer?', 'how is hypocalcaemia treated?')).standaloneQuestion).not.toMatch(/alpelisib/);
  });

  it('answers "is a single fraction as effective?" with the comparison', async () => {
    const single = await converse('professional', 'What radiotherapy fractionation is recommended for painful uncomplicated bone metastases?', 'is a single fraction as effective?');
    expect(leadOf(single)).toMatch(/equivalent pain relief/);
  });

  it('does not restate in the body the rule finding that opens the answer', async () => {
    const answer = await ask('hr+ her2- mbc 1st line?');
    expect(leadOf(answer)).toMatch(/plus a CDK4\/6 inhibitor[^.]*recommended first-line/);
    expect(body(answer).match(/plus a CDK4\/6 inhibitor[^.]*recommended first-line/g)).toHaveLength(1);
  });
});

describe('review 34: a harm told is answered with when to call, doses beside an interacting medicine, and follow-ups that keep their subject', () => {
  it('leads a patient telling a harm of their medicine with when to stop it and call, from the leaflet on that harm', async () => {
    expect(leadOf(await ask('What can I do for sore red hands on capecitabine?', 'patient'))).toMatch(/^Stop your capecitabine tablets and call your team straight away if your hands or feet/);
    expect(leadOf(await ask('im on capecitabine and have diarrhoea', 'patient'))).toMatch(/^Stop your capecitabine tablets and call your cancer team straight away if you go to the toilet 4 or more times/);
    // Not a sentence about another medicine, nor one that only says to call where the leaflet gives its own care.
    expect(leadOf(await ask('I have constipation from my morphine, what can I do?', 'patient'))).not.toMatch(/^Stop/);
    const tingling = await ask('I have tingling around my mouth since my denosumab injection. Is that serious?', 'patient');
    expect(body(tingling)).not.toMatch(/capecitabine/);
    // A clinician gets the clinician's rule, not the leaflet's.
    expect(leadOf(await ask('pt on capecitabine with diarrhoea 5 times a day, management?'))).not.toMatch(/^Stop your/);
  });

  it('gives the dose of a medicine beside an interacting one, and asks no dose of the interacting one', async () => {
    const ribociclib = await ask('What is the ribociclib dose if clarithromycin cannot be avoided?');
    expect(leadOf(ribociclib)).toMatch(/ribociclib is lowered to 400 mg/);
    expect(noticeOf(ribociclib, 'not-covered')).toBeUndefined();
    expect(leadOf(await ask('abemaciclib dose with clarithromycin?'))).toMatch(/abemaciclib is lowered to 100 mg twice daily/);
    // Asked alone, the dose is the usual one.
    expect(leadOf(await ask('What is the ribociclib dose?'))).toMatch(/600 mg/);
  });

  it('reads a volume as a dose, and "first-line" beside a calcium as the first choice of its treatment', async () => {
    expect(noticeOf(await ask('How much intravenous calcium gluconate for symptomatic hypocalcaemia after denosumab?'), 'not-covered')).toBeUndefined();
    const calcium = await ask('Corrected calcium 3.2 mmol/L with albumin 28 g/L — how severe is this and what is first-line treatment?');
    expect(body(calcium)).not.toMatch(/CLEOPATRA|pertuzumab/);
    expect(body(calcium)).toMatch(/moderate hypercalcaemia/);
    // First-line of a subtype is still the line of cancer therapy.
    expect(body(await ask('first-line treatment for HER2-positive metastatic breast cancer?'))).toMatch(/pertuzumab/);
  });

  it('answers warfarin with capecitabine from what is said of the two together', async () => {
    expect(leadOf(await ask('I take warfarin. Is it safe with capecitabine?', 'patient'))).toMatch(/warfarin work more strongly/);
    expect(leadOf(await ask('pt on warfarin starting capecitabine, what monitoring?'))).toMatch(/^INR is checked more often/);
  });

  it('never reads another electrolyte as calcium, and declines what the guidelines do not cover', async () => {
    const potassium = await ask('What dose of calcium gluconate is given for hyperkalaemia with ECG changes?');
    expect(noticeOf(potassium, 'out-of-scope')).toMatch(/potassium or sodium/);
    expect(potassium.understood.focus.map((entry) => entry.concept)).not.toContain('hypercalcaemia');
    expect(noticeOf(await ask('my oncologist says i need 6 cycles of chemo before my operation to shrink the tumour. will it definitely shrink?', 'patient'), 'out-of-scope')).toMatch(/neoadjuvant/);
    expect(noticeOf(await ask('How should an incidental enchondroma of the proximal humerus be followed up?'), 'out-of-scope')).toMatch(/benign bone/);
    // A gut infection asked beside diarrhoea on capecitabine is the part not covered; the rest is answered.
    const diarrhoea = await ask('im on capecitabine and have diarrhoea, could it be c diff?', 'patient');
    expect(noticeOf(diarrhoea, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(diarrhoea, 'not-covered')).toMatch(/c diff/);
  });

  it('keeps the hypercalcaemia dose free of the bone-metastasis schedule reduced for kidney function', async () => {
    const dose = await converse('professional', 'How should I treat a corrected calcium of 3.4 mmol/L in a woman with breast cancer bone metastases?', 'dose of zoledronic acid for that?');
    expect(body(dose)).toMatch(/hypercalcaemia of malignancy/);
    expect(body(dose)).not.toMatch(/reduced for lower creatinine clearance/);
  });
});

describe('review 34: follow-ups that point back without "it"', () => {
  it('asks "can I still drive?" and "as well" of the medicine before, never splicing the question in', async () => {
    const drive = await converse('patient', 'What are the side effects of morphine?', 'can I still drive?');
    expect(drive.standaloneQuestion).toBe('Can I still drive with morphine?');
    const ibuprofen = await converse('patient', 'What are the side effects of morphine?', 'can I still drive?', 'can I take ibuprofen as well?');
    expect(ibuprofen.standaloneQuestion).toMatch(/ibuprofen[^?]*morphine/);
    expect(ibuprofen.standaloneQuestion).not.toMatch(/drive/);
  });

  it('asks a medicine added, a switch and a test "first" beside the medicine the conversation is about', async () => {
    const added = await converse('professional', 'How is ribociclib dosed and what monitoring is needed?', 'what about abemaciclib?', "she's also been started on clarithromycin, is that a problem?");
    expect(added.standaloneQuestion).toMatch(/clarithromycin[^?]*abemaciclib/);
    expect(leadOf(added)).toMatch(/abemaciclib is lowered to 100 mg/);
    const switched = await converse('professional', 'Patient has been on denosumab 120 mg for 3 years for bone metastases and wants to stop. What are the risks?', 'ok so should she switch to zoledronic acid then?');
    expect(switched.standaloneQuestion).toMatch(/switch from denosumab to zoledronic acid/);
    const first = await converse('professional', 'capecitabine starting dose with creatinine clearance 40?', 'should she have DPD testing first?');
    expect(first.standaloneQuestion).toMatch(/DPD testing before capecitabine/);
    // A medicine named on its own, with nothing added, is asked as it stands.
    expect((await converse('professional', 'How is ribociclib dosed?', 'is clarithromycin a strong CYP3A inhibitor?')).standaloneQuestion).toBe('is clarithromycin a strong CYP3A inhibitor?');
  });

  it('asks what comes next in care for the condition the conversation is about, and keeps a temperature decimal', async () => {
    const mri = await converse('professional', 'Suspected metastatic spinal cord compression with new leg weakness - what dexamethasone dose?', 'how quickly does she need the MRI?');
    expect(mri.standaloneQuestion).toMatch(/MRI[^?]*spinal cord compression/);
    const call = await converse('patient', 'I had chemo last week and my temperature is 38.5, what should I do?', 'who do I call?');
    expect(call.standaloneQuestion).toMatch(/38\.5/);
  });

  it('does not carry the test asked before into a harm told now', async () => {
    const hands = await converse('patient', 'What is capecitabine?', 'why do I need a DPD test?', 'my hands are red and sore, should I stop taking it?');
    expect(hands.standaloneQuestion).toMatch(/capecitabine/);
    expect(hands.standaloneQuestion).not.toMatch(/DPD/);
    expect(leadOf(hands)).toMatch(/^Stop your capecitabine tablets and call your team/);
  });
});

describe('review 35: fresh questions read as users would', () => {
  it('answers a dose asked of one medicine without another medicine\'s dose table or its rule finding', async () => {
    const capecitabine = await ask('What is the capecitabine starting dose for creatinine clearance 40 mL/min?');
    expect(leadOf(capecitabine)).toMatch(/950 mg\/m2 twice daily/);
    expect(body(capecitabine)).not.toMatch(/zoledronic acid/);
    expect(capecitabine.findings.map((finding) => finding.id)).not.toContain('reduced-clearance-agent-choice');
    // Asked of the bone agent, the same clearance still brings its table and the choice between the agents.
    const zoledronic = await ask('What zoledronic acid dose for a creatinine clearance of 40 mL/min?');
    expect(body(zoledronic)).toMatch(/40–49 mL\/min, the recommended zoledronic acid dose is 3\.3 mg/);
  });

  it('tells a patient asking whether secondary breast cancer is curable from the leaflet', async () => {
    const curable = await ask('is secondary breast cancer curable?', 'patient');
    expect(leadOf(curable)).toMatch(/^Breast cancer that has spread is not usually curable/);
    expect(noticeOf(curable, 'professional-source')).toBeUndefined();
  });

  it('declines the inherited risk of people without breast cancer, and reads a relative\'s cancer as family history', async () => {
    const referral = await ask('Which women with a family history of breast cancer should be referred to a genetics service?');
    expect(noticeOf(referral, 'out-of-scope')).toMatch(/inherited risk of breast cancer in people who have not had it/);
    // A patient's own germline testing is held, whatever cancer her family had.
    const patient = await ask('Should a patient with metastatic TNBC and a family history of ovarian cancer have germline testing?');
    expect(noticeOf(patient, 'out-of-scope')).toBeUndefined();
    expect(leadOf(patient)).toMatch(/BRCA1\/2 testing/);
  });

  it('answers how a score is worked out and the score that calls for a surgeon from the sentences that say so', async () => {
    expect(leadOf(await ask('How is the SINS score calculated?'))).toMatch(/^SINS adds six components/);
    expect(leadOf(await ask('what SINS score means she needs a surgical opinion?'))).toMatch(/a SINS of 7 or more warrants surgical consultation/);
    // Not a sentence of another medicine that happens to give a figure.
    expect(leadOf(await ask('At what calcium level is hypercalcaemia severe?'))).not.toMatch(/calcitonin/);
  });

  it('leads an emergency told in a clinician\'s words with what to do, and reads "MR morphine" as no man', async () => {
    const toxic = await ask('Patient on MR morphine 60 mg bd is barely rousable with a respiratory rate of 7 - what do I do?');
    expect(noticeOf(toxic, 'urgent')).toMatch(/respiratory rate below 8/);
    expect(body(toxic).split('\n')[0]).not.toMatch(/rescue dose/);
    expect(toxic.understoodFacts.join(' ')).not.toMatch(/Sex/);
  });

  it('answers a patient\'s harm in their own words: a numb jaw, constipation asked as normal, a groin ache on a bone drip', async () => {
    const jaw = await ask('my jaw feels numb and heavy on zometa is that bad', 'patient');
    expect(noticeOf(jaw, 'urgent')).toBeUndefined();
    expect(leadOf(jaw)).toMatch(/^Call your care team today if you have jaw pain, a numb jaw/);
    expect(leadOf(await ask('Is being constipated normal on morphine and what can I do about it?', 'patient'))).toMatch(/laxative to take every day/);
    expect(leadOf(await ask("I've had a dull ache in my groin for weeks and I've been on the bone drip for years. Could that be connected?", 'patient'))).toMatch(/unusual break in the thigh bone/);
    // An atypical femoral fracture is no fracture through a metastasis.
    const aff = await ask('AFF on zol x5y what next, switch to denosumab?');
    expect(body(aff)).not.toMatch(/pathological fracture through a bone metastasis/);
  });

  it('answers breastfeeding, empirical antibiotics, adjuvant analgesics and oxycodone toxicity, which everyday words had refused or misread', async () => {
    expect(leadOf(await ask('Can I breastfeed on ribociclib?', 'patient'))).toMatch(/should not breastfeed during treatment with ribociclib/);
    const antibiotics = await ask('How quickly should empirical antibiotics be given when neutropenic sepsis is suspected?');
    expect(noticeOf(antibiotics, 'out-of-scope')).toBeUndefined();
    expect(leadOf(antibiotics)).toMatch(/offered immediately/);
    expect(noticeOf(await ask('What is the empirical antibiotic choice for moderate community-acquired pneumonia in adults?'), 'out-of-scope')).toBeDefined();
    expect(noticeOf(await ask('What adjuvant analgesics help neuropathic pain from a vertebral metastasis?'), 'out-of-scope')).toBeUndefined();
    expect(noticeOf(await ask('Is adjuvant chemotherapy recommended for node-positive early breast cancer?'), 'out-of-scope')).toBeDefined();
    const oxycodone = await ask('oxycodone toxicity in renal failure what to swap to');
    expect(noticeOf(oxycodone, 'out-of-scope')).toBeUndefined();
    expect(leadOf(oxycodone)).toMatch(/renal failure makes opioid toxicity more likely/);
  });

  it('declines fertility treatment, pets and prostate cancer, reads DEXA as a bone scan, and keeps osteoporosis beside bone metastases in scope', async () => {
    expect(noticeOf(await ask('my IVF clinic wants me to take letrozole instead of clomid, is that safe?', 'patient'), 'out-of-scope')).toMatch(/fertility treatment/);
    expect(noticeOf(await ask('my cat was diagnosed with kidney disease, what should I feed her?', 'patient'), 'out-of-scope')).toBeDefined();
    expect(noticeOf(await ask('PSA rising after prostatectomy in my husband, is it spreading?', 'patient'), 'out-of-scope')).toMatch(/prostate cancer/);
    expect((await ask('DEXA T-score -2.7, do I need a bone injection?', 'patient')).understood.focus.map((entry) => entry.concept)).not.toContain('dexamethasone');
    const both = await ask('She has metastatic breast cancer in her bones and also has osteoporosis. Is denosumab still 120 mg every 4 weeks?');
    expect(noticeOf(both, 'out-of-scope')).toBeUndefined();
    expect(leadOf(both)).toMatch(/120 mg/);
    expect(noticeOf(await ask('Does osteoporosis need denosumab 60 mg every 6 months?'), 'out-of-scope')).toMatch(/osteoporosis/);
  });
});

describe('review 35, second round: a regimen, another treatment\'s finding, and a source\'s name', () => {
  it('answers who gets two medicines together from what is said of them together', async () => {
    const regimen = await ask('Which tumour alterations make a patient eligible for capivasertib plus fulvestrant?');
    expect(leadOf(regimen)).toMatch(/PIK3CA, AKT1 or PTEN alterations/);
    expect(leadOf(regimen)).not.toMatch(/into the muscle/);
  });

  it('does not lead a question on one treatment with a rule finding on another for the same lesion', async () => {
    const augmentation = await ask('When is vertebroplasty or kyphoplasty appropriate for a painful vertebral metastasis?');
    expect(leadOf(augmentation)).toMatch(/vertebroplasty/);
    expect(leadOf(augmentation)).not.toMatch(/SC-24/);
    // A finding on the treatment asked about still leads a case.
    expect(leadOf(await ask('Painful T10 metastasis, SINS 8, no neurological deficit, ECOG 1: is spinal SBRT an option?'))).toMatch(/SC-24|stereotactic/i);
  });

  it('answers whether more chemotherapy is worth it with what treatment aims to do', async () => {
    expect(leadOf(await ask('is it worth having more chemo or shud i just focus on feeling ok', 'patient'))).toMatch(/^Treatment aims to keep the cancer under control/);
  });

  it('reads "hypercalcaemic" as hypercalcaemia, and a child\'s illness as not covered', async () => {
    const compound = await ask('What calcium management is needed across bone-modifying agent therapy, and what changes if the patient becomes hypercalcaemic?');
    expect(compound.understood.focus.map((entry) => entry.concept)).toContain('hypercalcaemia');
    expect(noticeOf(await ask('How often should HbA1c be checked in a child with type 1 diabetes?'), 'out-of-scope')).toMatch(/young children/);
    // HbA1c before alpelisib is still held.
    expect(noticeOf(await ask('Should HbA1c be checked before starting alpelisib?'), 'out-of-scope')).toBeUndefined();
  });

  it('gives the mistakes made in an emergency told first when a question asks for the pitfalls', async () => {
    const fever = await ask('What is the initial management of a patient on chemotherapy who phones with a temperature of 38.3°C, and what are the common pitfalls?');
    const pitfalls = fever.blocks.filter((block) => block.kind === 'pitfall').map((block) => block.text);
    expect(pitfalls[0]).toMatch(/^Waiting for the neutrophil count before giving antibiotics/);
    // Without an emergency, the pitfalls are those of what is asked.
    const plain = await ask('What are the common pitfalls with capecitabine?');
    expect(plain.blocks.filter((block) => block.kind === 'pitfall').map((block) => block.text).join(' ')).not.toMatch(/neutrophil count before giving antibiotics/);
  });

  it('does not read a source named at the end of a sentence as its subject', async () => {
    const renal = await ask('What are the early clinical signs of opioid toxicity in a patient on regular morphine with worsening renal function?');
    expect(body(renal)).toMatch(/renal failure makes opioid toxicity more likely/);
  });
});

describe('review 35: follow-ups that keep the case, the score and the medicine taken', () => {
  it('keeps the urgent guidance when a fever follow-up changes the medicine, and not on another topic', async () => {
    const swapped = await converse('professional', 'Does a patient on capecitabine with a temperature of 38.1 who feels fine need to come in?', "what if she's on palbociclib instead?");
    expect(noticeOf(swapped, 'urgent')).toMatch(/neutropenic sepsis/);
    const moved = await converse('professional', 'Does a patient on capecitabine with a temperature of 38.1 who feels fine need to come in?', 'How is zoledronic acid dosed for bone metastases?');
    expect(noticeOf(moved, 'urgent')).toBeUndefined();
  });

  it('asks a score spoken of without its name as the score named before', async () => {
    const threshold = await converse('professional', 'How is the SINS score calculated?', 'what score means she needs a surgical opinion?');
    expect(threshold.standaloneQuestion).toMatch(/SINS score/);
    const scored = await converse('professional', 'How is the SINS score calculated?', 'what score means she needs a surgical opinion?', 'she scores 9 with a lytic T12 lesion - what next?');
    expect(scored.standaloneQuestion).toMatch(/SINS score of 9/);
    expect(leadOf(scored)).toMatch(/SINS of 9/);
    expect(body(scored)).not.toMatch(/Mirels score of 9/);
  });

  it('asks a medicine for a harm, and a medicine another kind of, beside the medicine taken', async () => {
    const loperamide = await converse('patient', "I'm on capecitabine and I've had diarrhoea 5 times today.", 'can I take loperamide?');
    expect(loperamide.standaloneQuestion).toMatch(/loperamide[^?]*capecitabine/);
    expect(body(loperamide)).not.toMatch(/abemaciclib/);
    const wort = await converse('patient', 'My blood test shows low white cells on ribociclib. What does that mean?', "can I take St John's wort?");
    expect(wort.standaloneQuestion).toMatch(/St John's wort with ribociclib/);
    // A medicine of the same kind is still asked in place of the one before.
    expect((await converse('professional', 'What is the zoledronic acid dose for bone metastases?', 'what about denosumab?')).standaloneQuestion).not.toMatch(/zoledronic/);
  });

  it('asks a harm of the medicine asked about before, and what if it happens as when to get help', async () => {
    const ild = await converse('professional', 'How is trastuzumab deruxtecan dosed for HER2-low metastatic breast cancer?', 'how should we monitor for ILD?');
    expect(ild.standaloneQuestion).toMatch(/ILD on trastuzumab deruxtecan/);
    const other = await converse('professional', 'How is trastuzumab deruxtecan dosed for HER2-low metastatic breast cancer?', 'how is hypercalcaemia of malignancy treated?');
    expect(other.standaloneQuestion).not.toMatch(/trastuzumab deruxtecan/);
    const cramps = await converse('patient', 'What are the signs of low calcium from my bone injection?', 'how much calcium should I take?', 'what if I get cramps in my hands?');
    expect(leadOf(cramps)).toMatch(/^Get help now if you have tingling around your mouth or in your fingers, muscle cramps/);
    const night = await converse('patient', "How do I know if I've broken a bone?", 'and signs of high calcium?', 'who should I call at night?');
    expect(leadOf(night)).toMatch(/24-hour phone line/);
  });

  it('asks the question before again of another grade, medicine or condition', async () => {
    const grade = await converse(
      'professional',
      'How is trastuzumab deruxtecan dosed for HER2-low metastatic breast cancer?',
      'how should we monitor for ILD?',
      'she has asymptomatic grade 1 changes on CT - can she continue?',
      'and if grade 2?',
    );
    expect(grade.standaloneQuestion).toMatch(/grade 2 changes/);
    expect(leadOf(grade)).toMatch(/stopped permanently/);
    const zol = await converse('professional', 'How is stage 2 MRONJ treated in a woman on denosumab for bone metastases?', 'should the denosumab be stopped?', 'and if it had been zoledronic acid?');
    expect(zol.standaloneQuestion).toMatch(/Should the zoledronic acid be stopped/);
    const after = await converse('professional', 'Which drugs for metastatic breast cancer are contraindicated in pregnancy?', 'how long should she avoid pregnancy after stopping trastuzumab?', 'and after zoledronic acid?');
    expect(after.standaloneQuestion).toMatch(/avoid pregnancy after stopping zoledronic acid/);
    const carryOn = await converse('professional', 'What prodromal symptoms suggest an atypical femoral fracture in a patient on long-term zoledronic acid?', 'can she carry on with the zoledronic acid?');
    expect(leadOf(carryOn)).toMatch(/the bisphosphonate should be stopped/);
  });

  it('asks naloxone for the toxicity told before, and answers what it holds beside a treatment it does not', async () => {
    const naloxone = await converse('professional', 'Patient on MR morphine 60 mg bd is barely rousable with a respiratory rate of 7 - what do I do?', 'how much naloxone?');
    expect(noticeOf(naloxone, 'out-of-scope')).toBeUndefined();
    expect(body(naloxone)).toMatch(/titrate naloxone to the respiratory rate/);
    const teriparatide = await converse('professional', 'How is stage 2 MRONJ treated in a woman on denosumab for bone metastases?', 'any evidence for teriparatide or pentoxifylline?');
    expect(noticeOf(teriparatide, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(teriparatide, 'not-covered')).toMatch(/pentoxifylline/);
  });
});


describe('review 36: fresh questions, conversations and out-of-scope questions, written before any change', () => {
  it('answers a fever told beside a medicine about the fever, not the medicine, and keeps the medicine when it is what is asked', async () => {
    const fever = await ask('Patient on capecitabine has a temperature of 38.3 °C - what should I do?');
    expect(noticeOf(fever, 'urgent')).toMatch(/neutropenic sepsis/);
    expect(body(fever)).toMatch(/neutrophil count is 0\.5/);
    expect(body(fever)).not.toMatch(/DPD|warfarin|hand-foot syndrome|diarrhoea/);
    const mum = await ask('my mum is on capecitabine and has a temperature of 38.5 and shivering, what do we do?', 'patient');
    expect(body(mum)).toMatch(/Stop capecitabine and get help now/);
    expect(body(mum)).not.toMatch(/What is capecitabine|kills cancer cells/);
    // Asked what to do with the opioid beside the drowsiness it causes, the opioid stays the subject.
    const opioid = await ask('On morphine MR 60 mg bd, now drowsy with pinpoint pupils but pain is well controlled. Should we drop the dose or switch opioid?');
    expect(body(opioid)).toMatch(/opioid/);
  });

  it('answers a medicine asked of a population the knowledge does not pair it with by what it holds of that population, without the dose table', async () => {
    const zol = await ask('Can zoledronic acid be given in pregnancy?');
    expect(noticeOf(zol, 'not-covered')).toMatch(/zoledronic acid in pregnancy/);
    expect(body(zol)).toMatch(/fetal harm/);
    expect(body(zol)).not.toMatch(/creatinine clearance/);
    // With nothing held on the population beside a medicine of its kind, the answer stays as it was.
    const prolia = await ask('What is the recommended denosumab 60 mg regimen for postmenopausal osteoporosis, and what happens to fracture risk when it is stopped?');
    expect(body(prolia)).toMatch(/vertebral fractures/);
    expect(body(prolia)).toMatch(/markers of bone resorption return to baseline/);
    // …and a dose asked in renal impairment keeps the usual doses beside the advice to seek specialist help.
    expect(body(await ask('Opioid naive, eGFR 38. What morphine dose?'))).toMatch(/starting dose of 20–30 mg/);
  });

  it('leads whether a medicine can be given in pregnancy with its harm to a pregnancy, but not a question asking which treatment', async () => {
    const pregnant = await converse(
      'professional',
      'What is first-line treatment for a 38-year-old premenopausal woman with HR-positive HER2-negative bone-only metastases?',
      'can ribociclib be paired with tamoxifen in her?',
      'she has just found out she is 10 weeks pregnant - can she still have it?',
    );
    expect(leadOf(pregnant)).toMatch(/Ribociclib and palbociclib can cause fetal harm/);
    expect(leadOf(await ask('Can I get pregnant while I\'m taking palbociclib for secondary breast cancer?', 'patient'))).toMatch(/fetal harm/);
    const which = await ask('41-year-old, still having periods, newly diagnosed ER+/HER2-negative metastatic breast cancer in the spine. What first-line systemic therapy should she have?');
    expect(leadOf(which)).toMatch(/CDK4\/6 inhibitor/);
  });

  it('reads shingles, brivudine and phenytoin beside capecitabine, and the food it is taken with', async () => {
    const shingles = await ask("I've got shingles and the GP wants to give me antiviral tablets. I'm on capecitabine — is that a problem?", 'patient');
    expect(leadOf(shingles)).toMatch(/Do not take brivudine/);
    const professional = await ask('A patient on capecitabine and warfarin has recurrent grade 2 diarrhoea and now needs treatment for shingles — how should the capecitabine dose, INR monitoring and antiviral choice be handled?');
    expect(body(professional)).toMatch(/Brivudine, an antiviral medicine for shingles, is not given with capecitabine/);
    expect(leadOf(await ask('can I take phenytoin with capecitabine?', 'patient'))).toMatch(/phenytoin/);
    const food = await ask("Can I take my capecitabine tablets on an empty stomach if I don't feel like eating?", 'patient');
    expect(noticeOf(food, 'out-of-scope')).toBeUndefined();
    expect(leadOf(food)).toMatch(/within 30 minutes after a meal/);
  });

  it('answers a patient asking about an antibiotic beside ribociclib from the leaflet, not with the clinicians\' dose change', async () => {
    const answer = await ask('doc gave me clarithromycin antibiotics n im on ribociclib is that ok', 'patient');
    expect(body(answer)).toMatch(/Some antibiotics, like clarithromycin/);
    expect(body(answer)).not.toMatch(/400 mg/);
  });

  it('answers fulvestrant in Child-Pugh B with its dose, and declines what only shares a word with the knowledge', async () => {
    expect(leadOf(await ask('fulv dose child-pugh B'))).toMatch(/250 mg in moderate hepatic impairment/);
    for (const question of [
      'What is the adult intramuscular adrenaline dose for anaphylaxis?',
      'how can i tell if it\'s hay fever or a cold?',
      'is it safe to take antihistamines while breastfeeding?',
      'Which children need an ECG before starting stimulant medication for ADHD?',
      "can i take ibuprofen if i've got a stomach ulcer?",
      'my 8 year old keeps waking with leg pains at night, could it be bone cancer?',
      'What pamidronate regimen is used for complex regional pain syndrome type 1?',
    ]) {
      const answer = await ask(question, question === question.toLowerCase() ? 'patient' : 'professional');
      expect(noticeOf(answer, 'out-of-scope'), question).toBeDefined();
      expect(answer.blocks, question).toEqual([]);
    }
    // "The baby" in a pregnancy question is the pregnancy, not a young child.
    const baby = await ask("I found out I'm pregnant while on Xgeva for breast cancer in my bones. Is the injection harmful to the baby?", 'patient');
    expect(noticeOf(baby, 'out-of-scope')).toBeUndefined();
    expect(body(baby)).toMatch(/harm/);
  });

  it('follows a medicine pointed at ("while I\'m on them"), a circumstance asked of the question before, and a harm reported on the treatment talked about', async () => {
    const brivudine = await converse('patient', "I've just been given capecitabine tablets. How do I take them?", "can I take brivudine for shingles while I'm on them?", 'what about during my week off the tablets?');
    expect(brivudine.standaloneQuestion).toMatch(/brivudine.*capecitabine.*week off/);
    expect(leadOf(brivudine)).toMatch(/Do not take brivudine/);
    const cough = await converse('patient', 'What is trastuzumab deruxtecan and how is it given?', 'how many drips will I have?', "I've got a new cough and I'm breathless on the stairs");
    expect(leadOf(cough)).toMatch(/straight away if you get a new cough/);
  });

  it('resolves "it" to the treatment whose harm is named, a blood thinner beside the injection asked about, and a change of topic said in words', async () => {
    const alpelisib = await converse(
      'professional',
      'Her HR-positive HER2-negative bone metastases have progressed on letrozole plus palbociclib. What testing should be done before choosing the next line?',
      'ctDNA shows an ESR1 mutation and no PIK3CA mutation - what would you use?',
      'and if it had shown a PIK3CA mutation instead?',
      'she is 78 and prediabetic with a BMI of 33 - is that a concern with it?',
    );
    expect(alpelisib.standaloneQuestion).toMatch(/concern with alpelisib/);
    expect(leadOf(alpelisib)).toMatch(/higher risk of hyperglycaemia on alpelisib/);
    const apixaban = await converse('professional', 'How is fulvestrant administered?', "she's on apixaban for a DVT - any issue?");
    expect(noticeOf(apixaban, 'out-of-scope')).toBeUndefined();
    expect(leadOf(apixaban)).toMatch(/taking anticoagulants/);
    // A blood thinner asked about alone is not held.
    expect(noticeOf(await ask('Which anticoagulant is preferred for stroke prevention in atrial fibrillation?'), 'out-of-scope')).toBeDefined();
    const hrt = await converse('patient', 'My mum has just started letrozole. What side effects might she get?', 'can she take HRT for the hot flushes?');
    expect(leadOf(hrt)).toMatch(/Ask your team before you take HRT/);
    const apart = await converse('patient', "The doctors want to biopsy a new spot on my wife's spine. Why?", 'totally different thing - what should we ask at her next appointment about her bones?');
    expect(apart.standaloneQuestion).not.toMatch(/biopsy/);
    const status = await converse('professional', 'A new lytic iliac lesion is the only site available for biopsy - how should the specimen be processed for receptor testing?', 'how often does ER status differ between the primary and the metastasis?');
    expect(status.standaloneQuestion).not.toMatch(/specimen/);
    expect(leadOf(status)).toMatch(/ER status differed/);
  });

  it('answers each part of a question asked in parts, and leads "can X be combined with Y?" with a statement that they are not', async () => {
    const parts = await ask('A woman on palbociclib plus fulvestrant phones with a fever of 38.5 °C. How is neutropenic sepsis defined, what is the initial assessment, and what happens to the palbociclib?');
    expect(body(parts)).toMatch(/neutropenic sepsis is diagnosed in a patient/);
    expect(body(parts)).toMatch(/initial assessment of suspected neutropenic sepsis/);
    // A message telling things before one question is no question in parts: nothing is added for what it tells.
    const told = await ask('Is high calcium dangerous? The nurse said my levels will be checked before every Xgeva injection. What symptoms would mean trouble?');
    expect(body(told)).not.toMatch(/phenytoin|brivudine/);
    expect(leadOf(await ask('Can ribociclib be combined with tamoxifen in a premenopausal woman on goserelin?'))).toMatch(/tamoxifen is not a listed partner/);
    expect(leadOf(await ask('Palbociclib grade 3 neutropenia has come back after restarting at the same dose. What now?'))).toMatch(/grade 3 neutropenia recurs/);
    const again = await ask('Can she have radiotherapy to the same hip again?');
    expect(again.understood.focus.map((entry) => entry.concept)).toContain('re-irradiation');
    expect(leadOf(again)).not.toMatch(/Patchell/);
  });

  it('answers "my calcium is high - should I still take them?" with what rules the supplement out, and a missed dose without the topic asked before', async () => {
    const high = await converse('patient', 'Do I need calcium tablets with zoledronic acid?', 'my last blood test said my calcium is high - should I still take them?');
    expect(high.standaloneQuestion).not.toMatch(/need calcium/);
    expect(leadOf(high)).toMatch(/not for people whose blood calcium is too high/);
    // Asked with the calcium normal, the contraindication does not lead.
    expect(leadOf(await ask("My calcium was normal on Monday's bloods and the nurse said all fine. Should I still take the Adcal tablets?", 'patient'))).not.toMatch(/too high/);
    const missed = await converse('patient', "I've been prescribed ribociclib. Why do I need heart tracings?", 'and how often are the liver tests?', 'I forgot to take it this morning, should I take two tomorrow?');
    expect(missed.standaloneQuestion).toMatch(/forgot to take ribociclib/);
    expect(missed.standaloneQuestion).not.toMatch(/liver/);
  });

  it('answers patients and carers in their own words: a relative\'s drinking, a carer\'s exhaustion, a baby wanted, stiff joints, warfarin beside capecitabine', async () => {
    const hooked = await ask("I'm scared of getting hooked on morphine. My dad was an alcoholic and I don't want to end up like him. The doctor wants me to start it for my back pain", 'patient');
    expect(noticeOf(hooked, 'out-of-scope')).toBeUndefined();
    expect(leadOf(hooked)).toMatch(/If you worry about becoming addicted to morphine/);
    // Alcohol asked about by the person is still not covered.
    expect(noticeOf(await ask('can I drink alcohol on letrozole?', 'patient'), 'out-of-scope')).toBeDefined();
    const carer = await ask("I look after my wife full time since her cancer spread to her bones. I'm exhausted and not sleeping and I feel guilty even saying it. Is there any help for someone like me?", 'patient');
    expect(noticeOf(carer, 'out-of-scope')).toBeUndefined();
    expect(leadOf(carer)).not.toMatch(/Hot flushes/);
    const baby = await ask("I'm 32 and on ribociclib. My partner and I have been talking about a baby. Could I get pregnant while on it and would it harm the baby?", 'patient');
    expect(leadOf(baby)).toMatch(/fetal harm/);
    expect(leadOf(await ask('letrozole is making my knees and fingers so stiff in the mornings I can barely open a jar. thinking of just stopping them for a bit', 'patient'))).toMatch(/joint pain or stiffness/);
    expect(leadOf(await ask("I'm on warfarin for a clot in my leg and starting capecitabine (xeloda) next week. Anything I need to know?", 'patient'))).toMatch(/warfarin/);
  });

  it('answers the dose beside a strong CYP3A inhibitor, but the usual interval asked of a medicine alone', async () => {
    expect(leadOf(await ask('If a strong CYP3A inhibitor cannot be avoided in a patient on palbociclib, what dose is used and when does the original dose return?'))).toMatch(/lowered to 75 mg/);
    expect(leadOf(await ask("What's the recommended dosing interval for denosumab in patients with bone mets from breast cancer?"))).toMatch(/Denosumab 120 mg is given subcutaneously every 4 weeks/);
  });

  it('leads with the value worked out, what the leaflet says of radiotherapy after a pin, and the rule of the medicine asked when kidney function falls', async () => {
    expect(leadOf(await ask('Total calcium 2.45 mmol/L with albumin 25 g/L in a woman with bone metastases: what is the corrected calcium and how would you grade it?'))).toMatch(/2\.75 mmol\/L/);
    expect(leadOf(await ask("They're going to put a pin in my hip because of the cancer. Will I need radiotherapy afterwards as well?", 'patient'))).toMatch(/radiotherapy there usually follows/);
    const naproxen = leadOf(await ask('her eGFR has dropped to 25 - can she add naproxen for the bone pain?'));
    expect(naproxen).toMatch(/avoiding them in moderate to severe renal impairment/);
    expect(naproxen).not.toMatch(/zoledronic/);
  });
});

describe('review 37: fresh questions, conversations, patient and out-of-scope questions, written before any change', () => {
  it('leads a patient on capecitabine with what the leaflet says to do about a sore mouth or chest pain, and raises no cord alert for chest pain on walking uphill', async () => {
    const mouth = await ask('My mouth is full of ulcers since I started capecitabine and it hurts to eat. Should I keep taking the tablets?', 'patient');
    expect(leadOf(mouth)).toMatch(/Stop capecitabine and call your team straight away if your mouth or throat is sore/);
    const chest = await ask(
      'I started capecitabine last week and mostly feel ok. Only odd thing is a tight pain in the middle of my chest when I walk up the hill to the shops, it goes off when I rest. Should I mention it at my next clinic?',
      'patient',
    );
    expect(leadOf(chest)).toMatch(/Get help now if you have pain in the middle of your chest/);
    expect(noticeOf(chest, 'urgent')).toBeUndefined();
    // A band of pain round the chest is still an early sign of cord compression.
    const band = await ask('I have cancer in my spine and a pain like a tight band around my chest that is worse when I lie flat', 'patient');
    expect(noticeOf(band, 'urgent')).toMatch(/tight band/);
  });

  it('answers peeling soles on capecitabine and a sore gum on a bone medicine with what to do, not with other medicines or a refusal', async () => {
    const feet = await ask("I'm on capecitabine. the soles of my feet are peeling and it hurts to walk", 'patient');
    expect(leadOf(feet)).toMatch(/Stop your capecitabine tablets and call your team straight away if your hands or feet/);
    expect(body(feet)).not.toMatch(/warfarin/);
    const gum = await ask("I've got a sore spot on my gum where my denture rubs and it's not healed for weeks. I'm on zoledronic acid", 'patient');
    expect(noticeOf(gum, 'out-of-scope')).toBeUndefined();
    expect(leadOf(gum)).toMatch(/sore spot in your mouth that does not heal/);
  });

  it('reads rifampicin and St John\'s wort as the inducers the CDK4/6 inhibitor labels warn against, for clinicians and for patients', async () => {
    const tb = await ask('A patient on palbociclib 125 mg daily needs rifampicin for tuberculosis. Can the two be given together?');
    expect(leadOf(tb)).toMatch(/Palbociclib should not be combined with strong CYP3A inducers/);
    expect(leadOf(await ask('Can palbociclib be given with a strong CYP3A inducer?'))).toMatch(/strong CYP3A inducers/);
    const wort = await ask("Can I take St John's wort for my low mood while on palbociclib?", 'patient');
    expect(leadOf(wort)).toMatch(/Some other medicines and herbal remedies can change how palbociclib/);
    // The medicine asked about with another is still answered as before.
    expect(leadOf(await ask('Why do I have to take calcium tablets with my bone injection?', 'patient'))).toMatch(/calcium in your blood drop too low/);
  });

  it('tells a patient due a zoledronic acid drip after a tummy bug to tell the team first', async () => {
    const bug = await ask("I'm due my zometa drip on Friday but I've had a tummy bug since Tuesday and can't keep much down. Should I still go?", 'patient');
    expect(body(bug)).toMatch(/Tell your team before a zoledronic acid drip if a tummy bug has made you low on fluid/);
    // A clinician's "dehydration" is not read as the patient's words are: the opioid toxicity sentence naming it as one cause still leads.
    expect(leadOf(await ask('oxycodone toxicity in renal failure what to swap to'))).toMatch(/renal failure makes opioid toxicity more likely/);
  });

  it('does not lead a question about another medicine with what the clearance means for the bone agents', async () => {
    const cape = await ask('cape CrCl 28?');
    expect(leadOf(cape)).toMatch(/Capecitabine is contraindicated in severe renal impairment/);
    expect(leadOf(cape)).not.toMatch(/zoledronic acid is not recommended/);
    // …while a bone agent asked at that clearance is still answered by its finding.
    expect(leadOf(await ask('CrCl 28 - can she have zoledronic acid for her bone metastases?'))).toMatch(/zoledronic acid is not recommended/);
  });

  it('declines a medicine asked of a population held for no medicine of its kind, and a relative\'s cancer named beside the breast cancer of another', async () => {
    const capecitabine = await ask('Can capecitabine be used in pregnancy?');
    expect(noticeOf(capecitabine, 'out-of-scope')).toMatch(/capecitabine in pregnancy/);
    expect(body(capecitabine)).toBe('');
    const chemo = await ask("I was diagnosed with breast cancer at 20 weeks pregnant. can I have chemo while I'm still pregnant?", 'patient');
    expect(noticeOf(chemo, 'out-of-scope')).toMatch(/breast cancer found during pregnancy/);
    const brother = await ask('my dad had breast cancer and has a BRCA2 gene. does that mean my brother is more likely to get prostate cancer?', 'patient');
    expect(noticeOf(brother, 'out-of-scope')).toMatch(/prostate cancer/);
    // Radium-223 asked beside breast cancer, with prostate cancer named as what it is used for, is still answered.
    expect(noticeOf(await ask("Radium-223 for breast cancer bone mets? I know it's used in prostate cancer"), 'out-of-scope')).toBeUndefined();
  });

  it('reads a value told again with a pronoun as the reading before, and does not carry a missed dose into a question about checks', async () => {
    const grade4 = await converse('professional', 'Day 1 of cycle 3 of palbociclib and the neutrophils are 0.8 - what do I do?', "and if they're 0.4?");
    expect(grade4.standaloneQuestion).toMatch(/neutrophils are 0\.4/);
    expect(leadOf(grade4)).toMatch(/grade 4 neutropenia/);
    const checks = await converse('patient', "I've been prescribed ribociclib. Why do I need heart tracings?", 'I forgot to take it this morning, should I take two tomorrow?', 'does abemaciclib need the same heart checks?');
    expect(checks.standaloneQuestion).not.toMatch(/missed dose/);
  });
});

describe('review 37, second round: patients and clinicians asking what the knowledge holds in other words', () => {
  it('tells a frightened patient the bone drip is not chemotherapy, and an 81-year-old that she may stop and still be cared for', async () => {
    const chemo = await ask('I only got told today that the cancer is in my bones. They mentioned a drip called zoledronic acid. What is it for? Is it chemo?', 'patient');
    expect(leadOf(chemo)).toMatch(/bone medicines, not chemotherapy/);
    const stop = await ask("I'm 81 and I'm so tired of all of it. I want to stop the chemo tablets and just be comfortable. Am I allowed to do that, and will the hospital still look after me?", 'patient');
    expect(noticeOf(stop, 'out-of-scope')).toBeUndefined();
    expect(body(stop)).toMatch(/talk to your team about stopping cancer treatment at any time/);
    // Tiredness told as such is still tiredness, which the knowledge does not cover.
    expect(noticeOf(await ask("I'm so tired all the time on letrozole, is that normal?", 'patient'), 'out-of-scope')).toMatch(/tiredness/);
  });

  it('answers pain that breaks through at night, and a carer asking how much rescue morphine, with the dose for someone already on it', async () => {
    const night = await ask('My hip pain is ok during the day with my tablets but it breaks through most nights and I hate waking my husband. What can I do?', 'patient');
    expect(leadOf(night)).toMatch(/extra doses of a fast-acting medicine/);
    const carer = await ask('My husband has morphine tablets twice a day and a liquid for extra pain. How much of the liquid can he take and how often?', 'patient');
    expect(leadOf(carer)).toMatch(/one-tenth to one-sixth of the total 24-hour morphine dose/);
    expect(body(carer)).not.toMatch(/During titration/);
    // Someone starting morphine is still given the starting dose.
    expect(body(await ask('Opioid naive, eGFR 38. What morphine dose?'))).toMatch(/starting dose of 20–30 mg/);
  });

  it('tells a man that an aromatase inhibitor is given with a GnRH agent', async () => {
    const man = await ask('A 67-year-old man with metastatic HR-positive HER2-negative breast cancer and a germline BRCA2 mutation: what endocrine options, can he have a CDK4/6 inhibitor, and where does a PARP inhibitor fit?');
    expect(body(man)).toMatch(/aromatase inhibitor given with a GnRH agonist or antagonist/);
    expect(body(await ask('A 67-year-old woman with metastatic HR-positive HER2-negative breast cancer: first-line treatment?'))).not.toMatch(/GnRH agonist or antagonist/);
  });

  it('treats symptomatic low calcium after denosumab as an emergency with intravenous calcium, not as calcium to correct before starting', async () => {
    const tetany = await ask('A woman with breast cancer bone metastases has tetany and a low calcium a week after her first denosumab injection. How is it treated?');
    expect(noticeOf(tetany, 'urgent')).toMatch(/intravenous calcium gluconate under ECG monitoring/);
    expect(body(tetany)).toMatch(/10–20 mL of 10% calcium gluconate/);
    expect(tetany.findings.map((finding) => finding.id)).not.toContain('correct-hypocalcaemia-before-denosumab');
    // Low calcium before denosumab is started is still to be corrected first.
    const before = await ask('Corrected calcium 2.02 mmol/L, about to start denosumab for bone metastases. Anything to do first?');
    expect(before.findings.map((finding) => finding.id)).toContain('correct-hypocalcaemia-before-denosumab');
  });

  it('reads a breastfed baby as breastfeeding, and answers whether a medicine may be given while breastfeeding', async () => {
    const xgeva = await ask('A woman on denosumab 120 mg every 4 weeks has just had a baby and wants to breastfeed. What does the Xgeva label advise?');
    expect(noticeOf(xgeva, 'out-of-scope')).toBeUndefined();
    expect(leadOf(xgeva)).toMatch(/decision between stopping breastfeeding and stopping denosumab/);
    expect(leadOf(await ask('can i still breastfeed me baby on kisqali', 'patient'))).toMatch(/should not breastfeed during treatment with ribociclib/);
    // A baby who is ill is still declined.
    expect(noticeOf(await ask('my baby has a temperature of 38.5, what should I give her?', 'patient'), 'out-of-scope')).toMatch(/young children/);
  });

  it('leads an opioid in severe renal impairment with specialist advice, and a repeat of zoledronic acid with the 7 days to wait', async () => {
    const egfr = await ask('An opioid-naive woman with an eGFR of 22 has severe pain from rib metastases. What does NICE CG140 advise about starting a strong opioid?');
    expect(leadOf(egfr)).toMatch(/seeking specialist advice before prescribing strong opioids/);
    expect(noticeOf(egfr, 'not-covered')).toBeUndefined();
    const repeat = await ask('Corrected calcium is still 12.5 mg/dL four days after zoledronic acid 4 mg for hypercalcaemia of malignancy. Can I repeat the dose now?');
    expect(leadOf(repeat)).toMatch(/after at least 7 days/);
  });

  it('asks what to look out for on the medicine talked about, and answers a radioactive injection for bone pain', async () => {
    const school = await converse('patient', 'How often will I need blood tests on palbociclib?', 'I work in a primary school and there are always bugs going round. What should I look out for?');
    expect(school.standaloneQuestion).toMatch(/on palbociclib/);
    expect(noticeOf(school, 'out-of-scope')).toBeUndefined();
    const radioactive = await ask('The doctor mentioned an injection of a radioactive medicine for the pain in lots of my bones. What is it and what side effects does it have?', 'patient');
    expect(noticeOf(radioactive, 'out-of-scope')).toBeUndefined();
    expect(body(radioactive)).toMatch(/radium-223|strontium-89|samarium-153/);
  });
});

describe('review 37, third round: out-of-scope questions near the domain, and guidance ordered by what the message names', () => {
  it('declines early breast cancer told by its clear nodes, everyday dental problems, relatives checking themselves and a heart medicine alone', async () => {
    const grade = await ask('i just got told my breast cancer is grade 3 but my lymph nodes are clear, does grade 3 mean it has spread?', 'patient');
    expect(noticeOf(grade, 'out-of-scope')).toMatch(/early \(non-metastatic\) breast cancer/);
    expect(noticeOf(await ask('my tooth hurts when i drink something cold, is it a cavity?', 'patient'), 'out-of-scope')).toMatch(/toothache or a cavity/);
    expect(noticeOf(await ask('my sister had breast cancer, do men in the family need to check their chests for lumps too?', 'patient'), 'out-of-scope')).toMatch(/inherited risk/);
    expect(noticeOf(await ask('How often should thyroid function be checked in a patient on long-term amiodarone?'), 'out-of-scope')).toMatch(/amiodarone/);
    // …but the same words beside what is held are answered.
    expect(leadOf(await ask('I have toothache and I am on denosumab, what should I do?', 'patient'))).toMatch(/Call your care team today/);
    const spread = await ask('My lymph nodes were clear at surgery 6 years ago but now it has spread to my bones. What treatment will I get?', 'patient');
    expect(noticeOf(spread, 'out-of-scope')).toBeUndefined();
    const pelvis = await ask('my breast cancer came back in my pelvis years after my lumpectomy, will they do a biopsy of the bone to check the receptors again?', 'patient');
    expect(noticeOf(pelvis, 'out-of-scope')).toBeUndefined();
    expect(noticeOf(await ask('A patient on ribociclib 600 mg needs amiodarone for atrial fibrillation. What does the ribociclib label advise?'), 'out-of-scope')).toBeUndefined();
  });

  it('raises no high-calcium alert from questions asked earlier about what to prescribe, and puts the opioid guidance first beside signs of opioid toxicity', async () => {
    const toxic = await converse(
      'professional',
      'Which laxative should be co-prescribed when starting strong opioids?',
      'and for nausea?',
      'she also has burning neuropathic pain from a rib metastasis - what adjuvant?',
      "she's been started on pregabalin too and is now drowsy with pinpoint pupils and a resp rate of 9",
    );
    expect(noticeOf(toxic, 'urgent')).toMatch(/opioid toxicity/);
    expect(toxic.notices.filter((notice) => notice.kind === 'urgent')).toHaveLength(1);
    const urgent = toxic.blocks.findIndex((block) => block.kind === 'heading' && block.text === 'Act now');
    expect(toxic.blocks[urgent + 1]?.text).toMatch(/Warning signs of opioid toxicity/);
    // New confusion with no medicine or harm of one named is still led by the calcium check.
    const confused = await ask('New confusion and drowsiness in a woman with bone metastases');
    const act = confused.blocks.findIndex((block) => block.kind === 'heading' && block.text === 'Act now');
    expect(confused.blocks[act + 1]?.text).toMatch(/corrected for a low serum albumin/);
  });
});

describe('review 37, fourth round: lines of treatment asked in follow-ups', () => {
  it('asks "on progression?" and "after that?" a line after the one asked before, and "what is second line?" of the subtype', async () => {
    const progression = await converse('professional', 'What is first-line treatment for HER2-positive metastatic breast cancer with bone metastases?', 'and on progression?');
    expect(progression.standaloneQuestion).toMatch(/second-line/);
    expect(progression.standaloneQuestion).not.toMatch(/first-line/);
    expect(leadOf(progression)).toMatch(/trastuzumab deruxtecan is the standard second-line treatment/);
    const third = await converse('professional', 'What is first-line treatment for HER2-positive metastatic breast cancer with bone metastases?', 'and on progression?', 'after that?');
    expect(third.standaloneQuestion).toMatch(/third-line/);
    const second = await converse('professional', 'What is first-line treatment for HER2-positive metastatic breast cancer?', 'what is second line?');
    expect(second.standaloneQuestion).toMatch(/HER2-positive/);
    expect(leadOf(second)).toMatch(/trastuzumab deruxtecan/);
    // A line named with its number is swapped in as told, and "after that?" with no line before is left as it was.
    expect((await converse('professional', 'What is first-line treatment for HER2-positive metastatic breast cancer?', 'and second-line?')).standaloneQuestion).toMatch(/second-line/);
    expect((await converse('patient', 'What is a bone scan?', 'after that?')).standaloneQuestion).not.toMatch(/-line/);
  });
});

describe('review 37, fifth round: another medicine asked about as the one before', () => {
  it('asks "what about my warfarin?" beside the medicine taken, and declines warfarin with nothing it is held with', async () => {
    const warfarin = await converse('patient', "I'm on capecitabine. Is it ok to take antacids or calcium tablets with it?", 'what about my warfarin?');
    expect(warfarin.standaloneQuestion).toBe('Is it ok to take warfarin with capecitabine?');
    expect(leadOf(warfarin)).toMatch(/Capecitabine can make warfarin work more strongly/);
    expect(noticeOf(await ask("mum's on warfarin for her heart valve, can she take ibuprofen for her bad knee?", 'patient'), 'out-of-scope')).toMatch(/blood thinners/);
    expect(noticeOf(await ask('pt on warfarin starting capecitabine, what monitoring?'), 'out-of-scope')).toBeUndefined();
  });

  it('swaps in a medicine for the one it replaces only, and reads "what about my X?" as the question before', async () => {
    const paracetamol = await converse('professional', 'Is it ok to take ibuprofen with morphine?', 'what about paracetamol?');
    expect(paracetamol.standaloneQuestion).toBe('Is it ok to take paracetamol with morphine?');
    const denosumab = await converse('patient', 'What side effects does zoledronic acid have?', 'what about my denosumab?');
    expect(denosumab.standaloneQuestion).toBe('What side effects does denosumab have?');
    // Medicines listed together are still swapped together ("HR-positive, HER2-negative" style lists).
    expect((await converse('professional', 'Can letrozole and palbociclib be given together?', 'what about fulvestrant?')).standaloneQuestion).not.toMatch(/letrozole/);
  });
});
