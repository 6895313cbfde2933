import { describe, expect, it } from 'vitest';
import { createAnswerer } from '../../src/answer/answer-question.js';
import type { Answer, Finding, TriageAlert } from '../../src/domain/types.js';
import { citedSentences, markerNumbers } from '../helpers/answer-checks.js';
import { PACK_KNOWLEDGE, servicesFor } from '../helpers/fixture-services.js';

const fixture = await servicesFor();
const pack = await servicesFor(PACK_KNOWLEDGE);

function expectWellCited(answer: Answer): void {
  const numbers = answer.references.map((reference) => reference.n);
  expect(numbers).toEqual(numbers.map((_, index) => index + 1));
  // One reference per document.
  expect(new Set(answer.references.map((reference) => (reference.type === 'rule-finding' ? reference.passages[0]?.id : reference.docId))).size).toBe(answer.references.length);
  const used = new Set(markerNumbers(answer.markdown));
  for (const notice of answer.notices) markerNumbers(notice.text).forEach((n) => used.add(n));
  expect([...used].sort((a, b) => a - b)).toEqual(numbers);
  for (const { sentence, citations } of citedSentences(answer)) {
    expect(citations.length, `uncited: ${sentence}`).toBeGreaterThan(0);
    // A rule finding's sentence is the finding itself (its passages are cited beside it); any other
    // sentence is quoted verbatim from every passage it cites.
    const cited = citations.map((n) => answer.references[n - 1]);
    const finding = cited.find((reference) => reference?.type === 'rule-finding');
    for (const reference of finding ? [finding] : cited) {
      const quotes = reference?.passages.map((passage) => passage.quote) ?? [];
      expect(quotes.some((quote) => quote.includes(sentence)), `sentence not verbatim in its source: ${sentence}`).toBe(true);
    }
  }
}

describe('extractive answers', () => {
  it('answers the seed question from several documents of the bundled pack', async () => {
    const answer = await pack.answer({ message: 'What is the treatment approach for breast cancer with bone metastasis?' });
    expectWellCited(answer);
    expect(new Set(answer.references.map((reference) => reference.docId)).size).toBeGreaterThanOrEqual(4);
  });

  it.each([
    'zoledronate dose and infusion time',
    'single fraction radiotherapy for painful bone metastases',
  ])('quotes every sentence verbatim from the passage it cites: %s', async (question) => {
    for (const services of [fixture, pack]) {
      const answer = await services.answer({ message: question });
      expect(answer.mode).toBe('extractive');
      expect(answer.blocks.length).toBeGreaterThan(0);
      expectWellCited(answer);
    }
  });

  it('numbers references 1..N by first use, one per document, each listing every passage it quotes', async () => {
    const answer = await fixture.answer({ message: 'denosumab and zoledronic acid dose and schedule for bone metastases' });
    expectWellCited(answer);
    expect(answer.references[0]?.n).toBe(1);
    expect(markerNumbers(answer.markdown)[0]).toBe(1);
    const agents = answer.references.filter((reference) => reference.docId === 'bone-agents');
    expect(agents).toHaveLength(1);
    expect(agents[0]!.passages.map((passage) => passage.id)).toEqual(expect.arrayContaining(['bone-agents#dose-and-schedule-1', 'bone-agents#dose-and-schedule-2']));
    const quoted = answer.references.flatMap((reference) => reference.passages.map((passage) => passage.id));
    expect(new Set(quoted).size).toBe(quoted.length);
  });

  it('gives each reference its document metadata and quoted passages', async () => {
    const answer = await fixture.answer({ message: 'denosumab 120 mg schedule' });
    const reference = answer.references.find((candidate) => candidate.docId === 'bone-agents');
    expect(reference).toMatchObject({
      n: expect.any(Number),
      docId: 'bone-agents',
      title: 'Bone-modifying agents for bone metastases (test fixture)',
      publisher: 'ASCO',
      year: 2017,
      type: 'guideline',
      reviewStatus: 'approved',
      updated: '2026-11-26',
      url: 'https://doi.org/10.1200/JCO.2017.75.4614',
    });
    expect(reference?.passages).toContainEqual({ id: 'bone-agents#dose-and-schedule-1', quote: 'Denosumab 120 mg is given subcutaneously every 4 weeks.' });
  });

  it('builds the answer page: title, bottom line, headed sections, pitfalls', async () => {
    const answer = await fixture.answer({ message: 'What dose of denosumab, and is a bone-modifying agent enough for bone pain?' });
    // The title names the topic, from the concepts the question names, not the question itself.
    expect(answer.title).toBe('Denosumab and bone pain');
    expect(answer.blocks[0]?.kind).toBe('summary');
    expect(answer.blocks.some((block) => block.kind === 'heading')).toBe(true);
    const pitfallIndex = answer.blocks.findIndex((block) => block.kind === 'pitfall');
    expect(pitfallIndex).toBeGreaterThan(0);
    expect(answer.blocks[pitfallIndex - 1]).toMatchObject({ kind: 'heading', text: 'Critical pitfalls' });
    expect(answer.markdown).toMatch(/^# Denosumab and bone pain\n/);
    expect(answer.markdown).toContain('## Critical pitfalls\n\n- A bone-modifying agent should not be used alone to treat bone pain.');
    // Asked in the pitfall's own words, the pitfall is the bottom line, and is not repeated below.
    const direct = await fixture.answer({ message: 'Can a bone-modifying agent alone treat bone pain, and what dose of denosumab?' });
    expect(direct.blocks[0]).toMatchObject({ kind: 'summary', text: expect.stringMatching(/^A bone-modifying agent should not be used alone to treat bone pain\./) });
    expect(direct.blocks.filter((block) => block.text.includes('should not be used alone'))).toHaveLength(1);
  });

  it('answers out-of-scope questions with no text, no citations and an out-of-scope notice', async () => {
    const answer = await fixture.answer({ message: 'What is the best inhaler for asthma?' });
    expect(answer.blocks).toEqual([]);
    expect(answer.references).toEqual([]);
    expect(answer.markdown).toBe('');
    expect(answer.followUps).toEqual([]);
    expect(answer.notices.map((notice) => notice.kind)).toEqual(['out-of-scope', 'disclaimer']);
  });

  it('refuses a long question that names nothing the knowledge knows, unless triage recognises a warning sign in it', async () => {
    // Its common words ("dose", "safe", "long") match passages somewhere, which is not relevance.
    const melatonin = await pack.answer({ message: 'melatonin for insomnia in a 70 year old, what dose and is it safe long term', audience: 'patient' });
    expect(melatonin.blocks).toEqual([]);
    expect(melatonin.notices.map((notice) => notice.kind)).toContain('out-of-scope');
    const sofa = await pack.answer({ message: 'hurt my lower back lifting a sofa 10 days ago, still sore going down my leg a bit. do i need a scan? no cancer history', audience: 'patient' });
    expect(sofa.blocks).toEqual([]);
    // Named in everyday words, the domain is still answered.
    const spine = await pack.answer({ message: 'What symptoms mean I should ring the helpline straight away? My cancer is in my spine.', audience: 'patient' });
    expect(spine.blocks.length).toBeGreaterThan(0);
    expect(spine.notices.some((notice) => notice.kind === 'out-of-scope')).toBe(false);
  });

  it('answers a question asked beside a reported emergency about that emergency, without the dose table of another condition', async () => {
    const message = 'Adj Ca 3.42, eGFR 38, drowsy and confused, known lytic mets from breast primary. After IV fluids, zoledronic acid 4 mg or denosumab given the kidneys?';
    const answer = await pack.answer({ message });
    expect(answer.notices[0]?.kind).toBe('urgent');
    expect(answer.understood.focus.map((entry) => entry.concept)).toContain('hypercalcaemia');
    const text = answer.blocks.map((block) => block.text).join('\n');
    // The renal dose reductions are for bone metastases, not for hypercalcaemia of malignancy.
    expect(text).not.toMatch(/creatinine clearance of 40–49 mL\/min, the recommended zoledronic acid dose is 3\.3 mg/);
    expect(text).toMatch(/maximum dose of zoledronic acid for hypercalcaemia of malignancy/);
    // Whatever is asked, a dose table for bone metastases does not answer a question about osteoporosis.
    const prolia = await pack.answer({ message: 'Osteoporosis, Prolia 60 mg for 6 years, wants to stop. Do I need to follow with zoledronate to prevent rebound vertebral fractures?' });
    const proliaText = prolia.blocks.map((block) => block.text).join('\n');
    expect(proliaText).not.toMatch(/recommended zoledronic acid dose is/);
    expect(proliaText).toMatch(/Prolia prescribing information advises considering a switch/);
    // Without the emergency, the same kind of question keeps the whole table.
    const plain = await pack.answer({ message: 'Zoledronic acid for bone metastases with CrCl 42 mL/min: what dose?' });
    expect(plain.blocks.map((block) => block.text).join('\n')).toMatch(/40–49 mL\/min, the recommended zoledronic acid dose is 3\.3 mg/);
  });

  it('leads a grade 3 count on day 15 of palbociclib with the label rule for day 15, not the general one', async () => {
    const answer = await pack.answer({ message: 'Palbociclib cycle 2 day 15 FBC: neutrophils 0.8, afebrile, feels fine. Carry on to day 21 or stop now? When do I repeat the count?' });
    const lead = answer.blocks.find((block) => block.kind !== 'heading')?.text ?? '';
    expect(lead).toMatch(/day 15 of the first 2 cycles, palbociclib is continued at the current dose/);
    expect(lead).toMatch(/repeated on day 22/);
  });

  it("keeps a patient's plain sentence where a clinicians' finding says the same, and the finding for a clinician", async () => {
    const message = "what does triple negative mean for me now its spread? someone said chemo is the only option left and I'm scared";
    const patient = await pack.answer({ message, audience: 'patient' });
    expect(patient.blocks[0]?.text).toMatch(/^Chemotherapy is the main treatment for triple-negative cancer\./);
    expect(patient.blocks.map((block) => block.text).join(' ')).not.toMatch(/combined positive score/);
    const professional = await pack.answer({ message, audience: 'professional' });
    expect(professional.blocks.slice(0, 3).map((block) => block.text).join(' ')).toMatch(/Chemotherapy remains the backbone of treatment/);
    // A finding on treatments the patient text already names goes; a clinician keeps it.
    const her2 = 'My wife has just been told her HER2 positive breast cancer has spread to her liver and bones. What treatment is she likely to be offered first?';
    const forPatient = (await pack.answer({ message: her2, audience: 'patient' })).blocks.map((block) => block.text).join(' ');
    expect(forPatient).toMatch(/usual first treatment is two HER2 medicines/);
    expect(forPatient).not.toMatch(/CLEOPATRA/);
    const forClinician = (await pack.answer({ message: her2, audience: 'professional' })).blocks.map((block) => block.text).join(' ');
    expect(forClinician).toMatch(/CLEOPATRA/);
  });

  it('answers a recurrence in the bones told with its history of breast surgery, without calling the surgery not covered', async () => {
    const answer = await pack.answer({ message: 'My cancer came back in my bones 9 years after mastectomy. Is secondary breast cancer ever curable?', audience: 'patient' });
    expect(answer.notices.some((notice) => notice.kind === 'out-of-scope' || notice.kind === 'not-covered')).toBe(false);
    expect(answer.blocks.map((block) => block.text).join(' ')).toMatch(/not usually curable/);
  });

  it('adds a pending-review notice only when a cited document is not approved', async () => {
    const radiotherapy = await fixture.answer({ message: 'single fraction 8 Gy radiotherapy retreatment' });
    expect(radiotherapy.references.some((reference) => reference.reviewStatus === 'under-review')).toBe(true);
    expect(radiotherapy.notices.find((notice) => notice.kind === 'pending-review')?.text).toContain('Radiotherapy for painful bone metastases (test fixture)');

    const approvedOnly = await fixture.answer({ message: 'who should receive a bone-modifying agent' });
    expect(approvedOnly.references.every((reference) => reference.reviewStatus === 'approved')).toBe(true);
    expect(approvedOnly.notices.some((notice) => notice.kind === 'pending-review')).toBe(false);
  });

  it('words the disclaimer for the audience', async () => {
    const professional = await fixture.answer({ message: 'denosumab dose', audience: 'professional' });
    const patient = await fixture.answer({ message: 'denosumab dose', audience: 'patient' });
    expect(professional.notices.find((notice) => notice.kind === 'disclaimer')?.text).toContain('clinical judgement');
    expect(patient.notices.find((notice) => notice.kind === 'disclaimer')?.text).toContain('care team');
    // Triage cannot read every wording: every patient answer says where to turn with a new symptom.
    expect(patient.notices.find((notice) => notice.kind === 'disclaimer')?.text).toContain('new symptom or feel unwell');
    expect(professional.notices.find((notice) => notice.kind === 'disclaimer')?.text).not.toContain('24-hour line');
    expect(patient.audience).toBe('patient');
  });

  it('keeps a given conversation id and mints a fresh one otherwise', async () => {
    const given = await fixture.answer({ message: 'denosumab dose', conversationId: 'abcdefghijklmnop1234' });
    expect(given.conversationId).toBe('abcdefghijklmnop1234');
    const first = await fixture.answer({ message: 'denosumab dose' });
    const second = await fixture.answer({ message: 'denosumab dose' });
    expect(first.conversationId).not.toBe(second.conversationId);
  });

  it('suggests real questions for retrieved sections the answer did not quote, worded for the reader', async () => {
    const sectionQuestions = pack.knowledge.guide?.sectionQuestions ?? {};
    for (const audience of ['professional', 'patient'] as const) {
      const answer = await pack.answer({ message: 'zoledronic acid for bone metastases', audience });
      expect(answer.followUps.length).toBeGreaterThan(0);
      const quotedSections = new Set(answer.references.flatMap((reference) => reference.passages.map((passage) => passage.id.replace(/-\d+$/, ''))));
      for (const followUp of answer.followUps) {
        expect(followUp).toMatch(/\?$/);
        const section = Object.entries(sectionQuestions).find(([, questions]) => questions.includes(followUp))?.[0];
        expect(section, followUp).toBeDefined();
        expect(quotedSections.has(section!)).toBe(false);
        const document = pack.knowledge.documents.find((candidate) => candidate.id === section!.split('#')[0]);
        expect([audience, 'both']).toContain(document?.audience);
      }
    }
  });

  it('does not suggest a question the conversation already asked', async () => {
    const first = await pack.answer({ message: 'zoledronic acid for bone metastases' });
    const asked = first.followUps[0]!;
    const second = await pack.answer({ message: 'zoledronic acid for bone metastases', history: [{ question: asked, standaloneQuestion: asked }] });
    expect(second.followUps).not.toContain(asked);
  });

  it('leads with triage alerts as cited urgent notices and states rule findings first', async () => {
    const alert: TriageAlert = { id: 'test-alert', level: 'immediate', title: 'Test', text: 'Seek urgent review.', passageIds: ['bone-agents#common-pitfalls-1'] };
    const finding: Finding = {
      id: 'test-finding',
      title: 'Denosumab schedule',
      summary: 'Denosumab 120 mg is given subcutaneously every 4 weeks.',
      indicator: 'info',
      inputs: {},
      result: {},
      passageIds: ['bone-agents#dose-and-schedule-1'],
    };
    const { answer: answerer } = createAnswerer({
      knowledge: fixture.knowledge,
      index: fixture.index,
      analyzer: fixture.analyzer,
      newConversationId: () => 'fixed-conversation-id',
      triage: () => [alert],
      rules: { evaluate: () => [finding] },
    });
    const answer = await answerer({ message: 'denosumab for a 70 kg woman', case: {} });
    // The body opens with the urgent guidance, quoted and cited, then the case findings.
    expect(answer.blocks[0]).toMatchObject({ kind: 'heading', text: 'Act now' });
    expect(answer.blocks[1]).toEqual({ kind: 'bullet', text: 'A bone-modifying agent should not be used alone to treat bone pain. [1]', citations: [1] });
    expect(answer.blocks[2]).toMatchObject({ kind: 'summary', text: 'Denosumab 120 mg is given subcutaneously every 4 weeks. [2][1]' });
    // One reference for the document, listing both passages the answer quotes from it.
    const quoted = answer.references[0]?.passages.map((passage) => passage.id) ?? [];
    expect(quoted[0]).toBe('bone-agents#common-pitfalls-1');
    expect(quoted).toContain('bone-agents#dose-and-schedule-1');
    expect(new Set(quoted).size).toBe(quoted.length);
    expect(answer.references[1]).toMatchObject({ type: 'rule-finding', passages: [{ id: 'rules#test-finding', quote: finding.summary }], reviewStatus: 'approved', year: 2017 });
    expect(answer.notices[0]).toEqual({ kind: 'urgent', text: 'Seek urgent review. [1]' });
    expect(answer.findings).toEqual([finding]);
  });

  describe('a message reporting an emergency', () => {
    const bodyOf = (answer: Answer) => answer.blocks.filter((block) => block.kind !== 'heading').map((block) => block.text);
    const sentencesOf = (answer: Answer) => bodyOf(answer).flatMap((text) => text.split(/(?<=\]) (?=[A-Z])/)).map((text) => text.replace(/( ?\[\d+\])+$/, ''));

    it('is answered with what to do about the emergency, not a survey of what else it names', async () => {
      const answer = await pack.answer({ message: 'my back pain is much worse and my legs have gone weak, I have bone mets', audience: 'patient' });
      expectWellCited(answer);
      expect(answer.title).toBe('Possible spinal cord compression');
      expect(answer.notices[0]?.kind).toBe('urgent');
      expect(answer.blocks[0]).toMatchObject({ kind: 'heading', text: 'What to do now' });
      // After the urgent guidance comes the answer to what the report asks: the signs and what to do.
      expect(answer.understood.focus.map((entry) => entry.concept)).toContain('metastatic spinal cord compression');
      expect(bodyOf(answer).some((text) => text.includes('spinal cord'))).toBe(true);
      // No case assessment (dental review, bone medicine doses) beside an emergency nobody asked about.
      expect(answer.findings).toEqual([]);
      expect(answer.references.every((reference) => reference.type !== 'rule-finding')).toBe(true);
      expect(bodyOf(answer).join(' ')).not.toMatch(/dental|denosumab|zoledronic/i);
    });

    it('does not say a sentence of the urgent guidance a second time, even with its words in another order', async () => {
      const wordsOf = (sentence: string) => (sentence.toLowerCase().match(/[a-z0-9]+/g) ?? []).sort().join(' ');
      for (const message of [
        'im on capecitabine and my temperature is 38.5',
        'my back pain is much worse and my legs have gone weak, I have bone mets',
        'I have tingling around my mouth since my denosumab injection. Is that serious?',
      ]) {
        const sentences = sentencesOf(await pack.answer({ message, audience: 'patient' })).map(wordsOf);
        expect(sentences.length).toBeGreaterThan(3);
        expect(new Set(sentences).size, message).toBe(sentences.length);
      }
    });

    it('does not advise acting later ("call today") beside an alert to get help now, but does beside a same-day one', async () => {
      const now = await pack.answer({ message: 'My back is sore and my legs have gone weak and wobbly since this morning', audience: 'patient' });
      expect(now.notices[0]?.kind).toBe('urgent');
      expect(bodyOf(now).join(' ')).toMatch(/Get help now/);
      expect(bodyOf(now).join(' ')).not.toMatch(/\btoday\b|early warning sign/i);
      const sameDay = await pack.answer({ message: 'my back pain is much worse when I lie flat in bed', audience: 'patient' });
      expect(sameDay.notices[0]?.kind).toBe('urgent');
      expect(bodyOf(sameDay).join(' ')).toMatch(/24-hour line today/);
    });

    it('gives the professional the management the knowledge holds for the emergency', async () => {
      const answer = await pack.answer({ message: '71M prostate ca w/ known T10 mets, bilateral leg tingling and unsteady gait since yesterday, advice re pathway pls' });
      expect(answer.title).toBe('Possible spinal cord compression');
      expect(bodyOf(answer).join(' ')).toMatch(/dexamethasone 16 mg/);
    });

    it('is the urgent guidance alone when the knowledge holds no question for that emergency and audience', async () => {
      const answer = await pack.answer({ message: '72F known femoral mets, fell at home, now cannot weight bear on the left leg' });
      expect(answer.title).toBe('Possible broken bone (pathological fracture)');
      expect(answer.blocks[0]).toMatchObject({ kind: 'heading', text: 'Act now' });
      expect(answer.blocks.filter((block) => block.kind === 'heading')).toHaveLength(1);
      expect(answer.markdown).not.toMatch(/Mirels score of|SINS/);
    });

    it("follows a clinician's fever report with what NICE CG151 asks, not with the medicine's trials", async () => {
      const answer = await pack.answer({ message: '58F ER+ MBC on palbociclib, temp 38.6 and rigors today' });
      expect(answer.title).toBe('Fever during cancer treatment');
      expect(answer.blocks[0]).toMatchObject({ kind: 'heading', text: 'Act now' });
      expect(answer.markdown).toMatch(/NICE CG151/);
      expect(answer.markdown).not.toMatch(/CDK4\/6|ESR1/);
    });

    it('gives a crisis message the crisis notice and no clinical text', async () => {
      const answer = await pack.answer({ message: 'everyone would be better off without me', audience: 'patient' });
      expect(answer.notices[0]?.kind).toBe('urgent');
      expect(answer.title).toBe('Thoughts of suicide or self-harm');
      expect(answer.blocks).toEqual([]);
      expect(answer.notices.some((notice) => notice.kind === 'out-of-scope' || notice.kind === 'not-covered')).toBe(false);
    });

    it('still answers a question of its own, under the emergency title', async () => {
      const answer = await pack.answer({ message: 'my back pain keeps waking me at night, what dose of denosumab is used for bone metastases?' });
      expect(answer.notices[0]?.kind).toBe('urgent');
      expect(answer.title).toBe('Early warning signs of spinal cord compression');
      expect(bodyOf(answer).join(' ')).toMatch(/120 mg/);
    });

    it('answers what a patient asks beside the emergency, with what the scope covers beside the condition it reports', async () => {
      const answer = await pack.answer({ message: 'My legs have gone weak and heavy today. Can I still drive myself to the hospital?', audience: 'patient' });
      expect(answer.notices[0]?.kind).toBe('urgent');
      // Driving is out of scope alone; beside reported cord compression the leaflet's advice answers it.
      expect(answer.notices.some((notice) => notice.kind === 'out-of-scope' || notice.kind === 'not-covered')).toBe(false);
      expect(answer.markdown).toMatch(/Do not drive yourself to hospital/);
      const alone = await pack.answer({ message: 'Can I still drive myself to the hospital for my scan?', audience: 'patient' });
      expect(alone.notices.find((notice) => notice.kind === 'out-of-scope')?.text).toMatch(/fitness to drive/);
    });

    it('answers a treatment a clinician asks about beside the emergency, not the emergency\'s own question', async () => {
      const answer = await pack.answer({ message: 'different pt - fit, single level MSCC, paraplegic for 24h. surgery first then RT?' });
      expect(answer.notices[0]?.kind).toBe('urgent');
      expect(answer.understood.focus.map((entry) => entry.concept)).toEqual(expect.arrayContaining(['surgery', 'radiotherapy']));
      expect(bodyOf(answer).join(' ')).toMatch(/Patchell/);
    });
  });

  it('does not quote a passage sentence that a rule finding already says, and lets that finding lead', async () => {
    const answer = await pack.answer({ message: 'How do you treat metastatic triple-negative breast cancer?' });
    expectWellCited(answer);
    const body = answer.blocks.filter((block) => block.kind !== 'heading').map((block) => block.text);
    expect(body.filter((text) => text.includes('Chemotherapy remains the backbone'))).toHaveLength(1);
    expect(answer.blocks[0]).toMatchObject({ kind: 'summary' });
    expect(answer.blocks[0]!.text).toMatch(/^Chemotherapy remains the backbone.*guides the choice\. (\[\d+\])+$/);
    // A sentence the finding does not say in full is still quoted.
    expect(body.some((text) => text.startsWith('Systemic therapy for triple-negative breast cancer with bone metastases'))).toBe(true);
    // The sentence the plan put beside its bottom line goes under its own section, not the bottom line's.
    const headings = answer.blocks.filter((block) => block.kind === 'heading').map((block) => block.text);
    expect(headings[0]).toBe('Treatment approach for triple-negative breast cancer with bone metastases');
  });

  it('leads a case asking to choose between two agents with the finding that weighs them, not the dose of one', async () => {
    const choice = await pack.answer({ message: 'ER+/HER2- MBC with new bone mets, CrCl 36 mL/min. Zoledronic acid at a reduced dose or denosumab 120 mg: does the guideline prefer one, and why?' });
    expectWellCited(choice);
    expect(choice.understood.intent).toBe('choice');
    const summaries = choice.blocks.filter((block) => block.kind === 'summary').map((block) => block.text);
    expect(summaries.some((text) => /zoledronic acid needs a reduced dose, while denosumab needs no dose adjustment/.test(text))).toBe(true);
    expect(summaries.some((text) => /^Creatinine clearance as given is 36/.test(text))).toBe(false);
    // Asked for the dose, the same case is led by the dose.
    const dose = await pack.answer({ message: 'ER+/HER2- MBC with new bone mets, CrCl 36 mL/min. What zoledronic acid dose?' });
    expect(dose.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/^Creatinine clearance as given is 36/);
  });

  it('answers the covered question of a message and says the topic asked apart is not covered', async () => {
    const answer = await pack.answer({ message: 'Can I drink alcohol? And how is denosumab given?', audience: 'patient' });
    expectWellCited(answer);
    expect(answer.notices.find((notice) => notice.kind === 'not-covered')?.text).toMatch(/does not cover alcohol/);
    expect(answer.notices.some((notice) => notice.kind === 'out-of-scope')).toBe(false);
    expect(answer.blocks.map((block) => block.text).join(' ')).toMatch(/injection under the skin every 4 weeks/);
    const refused = await pack.answer({ message: 'Can I drink alcohol on denosumab?', audience: 'patient' });
    expect(refused.notices.find((notice) => notice.kind === 'out-of-scope')?.text).toMatch(/does not cover alcohol/);
    expect(refused.blocks).toEqual([]);
  });

  it('opens a patient answer with the leaflet\'s words, and answers a patient\'s dose question from the leaflet alone', async () => {
    const answer = await pack.answer({ message: 'Can zoledronic acid be given every 12 weeks instead of every 4 weeks?', audience: 'patient' });
    const summaries = answer.blocks.filter((block) => block.kind === 'summary');
    const audienceOf = (block: (typeof summaries)[number]) => {
      const reference = answer.references.find((entry) => entry.n === block.citations[0]);
      return pack.knowledge.documents.find((document) => document.id === reference?.docId)?.audience;
    };
    expect(audienceOf(summaries[0]!)).toBe('patient');
    expect(summaries[0]?.text).toMatch(/every 12 weeks/);
    // The leaflet says how often; the trial's event rates stay in the sections below, for whoever wants them.
    expect(summaries.map(audienceOf)).not.toContain('professional');
    expect(answer.blocks.some((block) => block.kind !== 'summary' && /ZOOM/.test(block.text))).toBe(true);
  });

  it('answers "could it break?" with the fracture risk, and a survival question with a survival result', async () => {
    const hip = await pack.answer({ message: 'my hip hurts when i walk and the scan showed a hole in the bone. could it break?', audience: 'patient' });
    expect(hip.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/^Bone metastases can make a bone weak, so the bone may break more easily/);
    const aunt = await pack.answer({ message: 'My aunt has a big cancer spot in her thigh bone and the doctor says it could break. What can be done?', audience: 'patient' });
    expect(aunt.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/^A bone surgeon may fix a weak bone with an operation before the bone breaks/);
    const oligo = await pack.answer({ message: '3 bone-only mets, HR+, stable on CDK4/6i. SBRT to all sites - evidence for OS benefit?' });
    expectWellCited(oligo);
    expect(oligo.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/NRG-BR002/);
    expect(oligo.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/overall survival/);
  });

  it('quotes the MRONJ stages and their treatments whole, never one stage\'s treatment for a jaw of unknown stage', async () => {
    const answer = await pack.answer({ message: 'Exposed necrotic bone mandible 10 wks, pain + purulence, on ZA 2 yrs. Stage and mx? Hold ZA?' });
    expectWellCited(answer);
    const body = answer.blocks.map((block) => block.text).join(' ');
    for (const stage of ['stage 0', 'stage 1', 'stage 2', 'stage 3']) expect(body).toMatch(new RegExp(`For MRONJ ${stage}, AAOMS advises`));
    expect(answer.blocks.find((block) => block.kind === 'summary')?.text).not.toMatch(/recommends starting zoledronic acid/);
    // A stage the question names is answered by its own row, first.
    const staged = await pack.answer({ message: 'Stage 1 MRONJ in a woman on zoledronic acid for bone mets. What does AAOMS advise, and how often should she be followed up?' });
    expect(staged.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/^For MRONJ stage 1, AAOMS advises/);
  });

  it('answers a prognosis question with what the knowledge says of the outlook, and names an uncovered clause by its concept', async () => {
    const outlook = await pack.answer({ message: "my daughter's triple negative cancer is in her bones now. how long do people usually live with this?", audience: 'patient' });
    // The leaflet's words on the outlook lead; what is said of the subtype, written for clinicians, follows under its notice.
    expect(outlook.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/How long people live depends on the type of breast cancer/);
    expect(outlook.blocks.map((block) => block.text).join(' ')).toMatch(/triple-negative breast cancer has a clearly worse prognosis/);
    expect(outlook.notices.some((notice) => notice.kind === 'professional-source')).toBe(true);
    // Constipation from morphine is answered from NICE CG140's advice on a regular laxative.
    const pain = await pack.answer({ message: 'the painkillers are not working any more and the morphine makes me so constipated. what can I do?', audience: 'patient' });
    expect(pain.notices.find((notice) => notice.kind === 'not-covered')?.text ?? '').not.toMatch(/opioid-induced constipation/);
    expect(pain.blocks.map((block) => block.text).join(' ')).toMatch(/laxative/);
  });

  it('says nothing beside a high-calcium alert that would contradict it (take calcium daily, low calcium)', async () => {
    const history = [{ question: 'Should my wife take calcium and vitamin D tablets with her bone injections?', standaloneQuestion: 'Should my wife take calcium and vitamin D tablets with her bone injections?' }];
    const answer = await pack.answer({ message: "she's also been very thirsty and a bit confused", audience: 'patient', history });
    expect(answer.notices[0]?.kind).toBe('urgent');
    const body = answer.blocks.map((block) => block.text).join(' ');
    expect(body).not.toMatch(/Take calcium and vitamin D every day|drop too low/);
    expect(body).toMatch(/raise the calcium in your blood/);
    // Without the alert, the same question about supplements is answered with them.
    const plain = await pack.answer({ message: 'Should my wife take calcium and vitamin D tablets with her bone injections?', audience: 'patient' });
    expect(plain.blocks.map((block) => block.text).join(' ')).toMatch(/calcium and vitamin D/i);
  });

  it('answers a carer asking how long she can live with what the leaflets say of the outlook, and a new clearance with its own finding', async () => {
    const history = [{ question: 'The hormone tablets stopped working for my sister, what happens next?', standaloneQuestion: 'The hormone tablets stopped working for my sister, what happens next?' }];
    const outlook = await pack.answer({ message: 'how long can she live with cancer only in the bones?', audience: 'patient', history });
    expect(outlook.understood.intent).toBe('prognosis');
    expect(outlook.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/live for years/);
    const renal = [{ question: 'zoledronic acid dose for bone mets, CrCl 45 mL/min?', standaloneQuestion: 'zoledronic acid dose for bone mets, CrCl 45 mL/min?' }];
    const dropped = await pack.answer({ message: 'and if CrCl drops to 25?', history: renal });
    expect(dropped.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/zoledronic acid is not recommended/);
    expect(dropped.blocks.map((block) => block.text).join(' ')).not.toMatch(/per the label is 3\.3 mg/);
  });

  it('answers "what is it?" about a medicine with what its class is, and not a question about something else', async () => {
    const answer = await pack.answer({ message: "I've just started palbociclib with letrozole. What is it?", audience: 'patient' });
    expect(answer.blocks.find((block) => block.kind === 'summary')?.text).toMatch(/^A CDK4\/6 inhibitor is a tablet/);
    const fever = await pack.answer({ message: 'what counts as a fever on palbociclib?', audience: 'patient' });
    expect(fever.blocks.find((block) => block.kind === 'summary')?.text ?? '').not.toMatch(/^A CDK4\/6 inhibitor is a tablet/);
  });

  it('titles an answer by the disease, not by the letter where its words were read', async () => {
    const answer = await pack.answer({ message: "The MRI letter says Dad's cancer in his spine is 'close to the spinal cord but not compressing it'. What should we watch for at home, and when do we ring?", audience: 'patient' });
    expect(answer.title).not.toMatch(/letter/i);
    expect(answer.blocks.map((block) => block.text).join(' ')).toMatch(/Get help now if you have new or worse back or neck pain/);
  });

  it('does not quote a finding\'s source sentence beside it, attributed or with its abbreviations spelled out', async () => {
    const said = (text: string, start: string) => text.replace(/\s*(\[\d+\])+$/, '').startsWith(start);
    const fixation = await pack.answer({ message: 'Is radiotherapy needed after surgical fixation of a femoral metastasis?', audience: 'patient' });
    const fixationBody = fixation.blocks.filter((block) => block.kind !== 'heading').map((block) => block.text);
    expect(fixationBody.filter((text) => said(text, 'Postoperative radiotherapy should follow orthopaedic fixation'))).toHaveLength(1);
    const biopsy = await pack.answer({ message: 'Tripped on the kerb yesterday and walked home fine. I do have mets in my ribs. Should I put ice on it?' });
    const biopsyBody = biopsy.blocks.filter((block) => block.kind !== 'heading').map((block) => block.text);
    expect(biopsyBody.filter((text) => said(text, 'Biopsy of a suspected metastasis confirms'))).toHaveLength(1);
  });

  it('says a medicine is spoken of only through its class, not that it is not covered', async () => {
    const answer = await pack.answer({ message: '58F, ER+ HER2 0, de novo bone-only disease, postmenopausal. Ribo vs palbo with letrozole first line?' });
    const notices = answer.notices.filter((notice) => notice.kind === 'not-covered').map((notice) => notice.text);
    expect(notices).toContain('The guidelines held speak of letrozole only as an aromatase inhibitor, not by name; the answer below is limited to what they state.');
    expect(notices.join(' ')).not.toMatch(/do not cover letrozole/);
  });

  it('quotes a sentence that points back only with the sentence it points to, and never leads with it', async () => {
    const antecedents: Record<string, RegExp> = {
      'Doctors call this short rise in pain a pain flare.': /^Pain in the treated bone can get worse/,
      'Doctors call these extra doses rescue doses.': /extra doses of a fast-acting medicine/,
      'Some tablets work well against cancers with these gene changes.': /^Later, tests on the cancer or the blood can find gene changes/,
    };
    let seen = 0;
    for (const message of ['How quickly will radiotherapy work for the cancer pain in my hip?', 'Could the pain get worse first with radiotherapy for cancer pain?', 'what will they give me first for HR positive cancer in my bones?']) {
      const answer = await pack.answer({ message, audience: 'patient' });
      const body = answer.blocks.filter((block) => block.kind !== 'heading').map((block) => block.text.replace(/\s*(\[\d+\])+$/, ''));
      expect(body[0]).not.toMatch(/^Doctors call (this|these)/);
      body.forEach((text, index) => {
        const before = antecedents[text];
        if (!before) return;
        seen += 1;
        expect(body[index - 1]).toMatch(before);
      });
    }
    expect(seen).toBeGreaterThan(0);
  });

  it("never gives a clinician a leaflet's words to its reader, and reads 'dex' as dexamethasone", async () => {
    const answer = await pack.answer({ message: 'GP here. 62F known bone mets from breast, new thoracic back pain worse lying flat, no neuro deficit yet. How urgent is the MRI and should I start dex before it?' });
    expect(answer.understood.focus.map((entry) => entry.concept)).toContain('dexamethasone');
    const body = answer.blocks.filter((block) => block.kind !== 'heading').map((block) => block.text);
    expect(body.filter((text) => /\b(you|your)\b/i.test(text))).toEqual([]);
    expect(body.join(' ')).toMatch(/does not advise routine corticosteroids for people without neurological symptoms/);
    // The same question from a patient keeps the leaflet's words.
    const patient = await pack.answer({ message: 'I have bone mets and new back pain worse lying flat. Should I call today?', audience: 'patient' });
    expect(patient.blocks.some((block) => /\byour?\b/i.test(block.text))).toBe(true);
  });

  it('refuses topics near the domain that no document speaks of, and keeps their look-alikes in scope', async () => {
    const refusal = async (message: string, audience: 'professional' | 'patient' = 'professional') =>
      (await pack.answer({ message, audience })).notices.find((notice) => notice.kind === 'out-of-scope')?.text;
    expect(await refusal('ER+ MBC with a pleural effusion reaccumulating - talc pleurodesis or indwelling catheter?')).toMatch(/fluid around the lungs/);
    expect(await refusal('Pt developed uveitis after zoledronic acid - rechallenge?')).toMatch(/eye problems such as uveitis/);
    expect(await refusal('I still smoke about 10 a day. Does smoking stop my hormone tablets from working?', 'patient')).toMatch(/does not cover smoking/);
    // An idiom is not the end of life, and antidepressants for nerve pain are pain relief.
    expect(await refusal("I'm dying to know whether denosumab works better than zoledronic acid")).toBeUndefined();
    expect(await refusal('Would antidepressants help the nerve pain from my spine mets?')).toBeUndefined();
  });

  it('refuses tiredness and hair loss, and falls prevention in care homes, naming what is not covered', async () => {
    const tired = await pack.answer({ message: "I'm on ribociclib and exhausted by 3 every afternoon, plus my hair is coming out in the brush. Is it the tablets?", audience: 'patient' });
    expect(tired.notices.find((notice) => notice.kind === 'out-of-scope')?.text).toMatch(/does not cover tiredness \(fatigue\) or hair loss/);
    const falls = await pack.answer({ message: 'What vitamin D and calcium dose should we give care-home residents over 80 to reduce falls and fractures?' });
    expect(falls.notices.find((notice) => notice.kind === 'out-of-scope')?.text).toMatch(/preventing falls and fractures in older people/);
    expect(falls.blocks).toEqual([]);
    // Someone said to have no cancer is outside the subject, unless the metastatic disease is named too.
    const gardener = await pack.answer({ message: 'Shooting pain down the back of my leg after digging the garden. No medical history. Could something be pressing on my spinal cord?', audience: 'patient' });
    expect(gardener.notices.find((notice) => notice.kind === 'out-of-scope')?.text).toMatch(/people who do not have cancer/);
    const carer = await pack.answer({ message: "My husband doesn't have cancer but I have secondaries in my spine. What are the warning signs of cord compression?", audience: 'patient' });
    expect(carer.notices.some((notice) => notice.kind === 'out-of-scope')).toBe(false);
  });

  it('runs case rules only when the message describes a case, not for a general question about a topic', async () => {
    let evaluated = 0;
    const { answer: answerer } = createAnswerer({
      knowledge: fixture.knowledge,
      index: fixture.index,
      analyzer: fixture.analyzer,
      newConversationId: () => 'fixed-conversation-id',
      rules: {
        evaluate: () => {
          evaluated += 1;
          return [];
        },
      },
    });
    const general = await answerer({ message: 'Who should receive a bone-modifying agent for bone metastases?' });
    expect(evaluated).toBe(0);
    expect(general.understoodFacts).toEqual(['Metastatic sites: bone']);
    await answerer({ message: 'A 68-year-old woman with bone metastases: who should receive a bone-modifying agent?' });
    expect(evaluated).toBe(1);
  });
});

describe('triage in a conversation', () => {
  const turn = (question: string) => ({ question, standaloneQuestion: question });
  const kinds = (answer: Answer) => answer.notices.filter((notice) => notice.kind === 'urgent' || notice.kind === 'warning-signs').map((notice) => notice.kind);

  it('makes a sign the message reports urgent by what the conversation said before', async () => {
    const history = [turn("I'm on chemo for breast cancer that's in my bones. My temp is 37.9."), turn('Can I just take paracetamol and see if it comes down?')];
    const alone = await pack.answer({ message: "its 38.3 now but its 2am. should i wait for the clinic to open?", audience: 'patient' });
    expect(kinds(alone)).not.toContain('urgent');
    const followUp = await pack.answer({ message: "its 38.3 now but its 2am. should i wait for the clinic to open?", audience: 'patient', history });
    expect(kinds(followUp)).toContain('urgent');
  });

  it('raises nothing from the conversation alone: an earlier emergency was answered in its turn', async () => {
    const history = [turn('My legs have gone weak since this morning and I have cancer in my spine.')];
    const followUp = await pack.answer({ message: 'How often is zoledronic acid given?', audience: 'patient', history });
    expect(kinds(followUp)).toEqual([]);
  });

  it('answers "can it wait?" after a warning sign with the urgent guidance again', async () => {
    const history = [turn('my husband has breast cancer in his spine. the last couple of days his back hurts more when he coughs or sneezes')];
    const waiting = await pack.answer({ message: "he doesn't want to bother anyone over the weekend. can it wait till monday?", audience: 'patient', history });
    expect(kinds(waiting)).toContain('urgent');
    expect(waiting.blocks.map((block) => block.text).join(' ')).toMatch(/do not wait/i);
    // …however the wish to wait is put: "can't I just wait til Monday", "he seems fine… mention it at his appointment".
    const waits: Array<[string, string]> = [
      ['back killing me since tuesday worse in bed at night and legs feel like jelly going up the stairs', 'its the weekend cant i just wait til monday and see my own doctor'],
      [
        "My husband was muddled yesterday and didn't know what day it was. He has been drinking a lot of water this week and says he's constipated.",
        'He seems fine this morning, so could we just mention it at his appointment next Thursday rather than making a fuss now?',
      ],
      // …or how to get there: what to tell her, who drives.
      ['back killing me since tuesday worse in bed at night and legs feel like jelly going up the stairs', 'wife says she can drive me is that alright'],
      ['caller 68F bone mets on palbociclib + letrozole, temp 38.3 tonight. advise?', 'what exactly do I tell her to do now'],
    ];
    for (const [before, message] of waits) {
      const answer = await pack.answer({ message, audience: 'patient', history: [turn(before)] });
      expect(kinds(answer), message).toContain('urgent');
      expect(kinds(answer), message).not.toContain('out-of-scope');
    }
    // Asked where to go with an emergency told before, a clinician gets what to do about it, not a choice between the medicines named.
    const elsewhere = await pack.answer({
      message: "she's 40 mins from us, ok for her to go to her local A&E instead? anything she should say when she gets there",
      history: [turn('caller 68F bone mets on palbociclib + letrozole, temp 38.3 tonight, wants to wait till morning clinic. advise?')],
    });
    expect(kinds(elsewhere)).toContain('urgent');
    expect(elsewhere.understood.intent).toBe('when-to-seek-help');
    expect(elsewhere.blocks.map((block) => block.text).join(' ')).not.toMatch(/head-to-head trial of palbociclib, ribociclib and abemaciclib/);
    // A warning sign told before, with a plan to wait now, is answered with when to get help.
    const chill = await pack.answer({ message: 'i dont have chemo only the tablets so its probably just a chill ill see how i am in the morning', audience: 'patient', history: [turn('got the shivers tonight temp 38.2 is that bad')] });
    expect(chill.understood.intent).toBe('when-to-seek-help');
    expect(chill.blocks.map((block) => block.text).join(' ')).toMatch(/Get help now if you have a temperature of 38/);
    // Asking to wait with nothing urgent before raises nothing.
    const calm = await pack.answer({ message: 'can it wait till monday?', audience: 'patient', history: [turn('How often is zoledronic acid given?')] });
    expect(kinds(calm)).toEqual([]);
  });
});
