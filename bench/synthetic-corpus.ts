import type { KnowledgeBase, KnowledgeDocument, Passage } from '../src/domain/types.js';

// A deterministic generator of clinical-length passages, so every benchmark run indexes the same text.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DRUGS = ['denosumab', 'zoledronic acid', 'pamidronate', 'fulvestrant', 'letrozole', 'anastrozole', 'exemestane', 'tamoxifen', 'palbociclib', 'ribociclib', 'abemaciclib', 'alpelisib', 'capivasertib', 'elacestrant', 'olaparib', 'talazoparib', 'trastuzumab', 'pertuzumab', 'trastuzumab deruxtecan', 'sacituzumab govitecan', 'pembrolizumab', 'capecitabine', 'paclitaxel', 'docetaxel', 'eribulin', 'dexamethasone', 'calcitonin', 'morphine', 'oxycodone', 'gabapentin'];
const CONDITIONS = ['bone metastases', 'spinal cord compression', 'hypercalcaemia of malignancy', 'pathological fracture', 'osteonecrosis of the jaw', 'hypocalcaemia', 'renal impairment', 'visceral crisis', 'neuropathic pain', 'oligometastatic disease', 'liver metastases', 'brain metastases', 'febrile neutropenia', 'lymphoedema', 'fatigue', 'nausea'];
const POPULATIONS = ['postmenopausal women', 'premenopausal women', 'older adults', 'patients with HER2-positive disease', 'patients with triple-negative disease', 'patients with HR-positive HER2-negative disease', 'patients on dialysis', 'patients after spinal surgery'];
const ACTIONS = ['is recommended', 'should be considered', 'is not recommended', 'may be offered', 'should be discussed by the multidisciplinary team', 'requires dose adjustment', 'should be monitored closely'];
const OUTCOMES = ['delayed the first skeletal-related event', 'improved progression-free survival', 'reduced pain scores', 'lowered the rate of fracture', 'did not improve overall survival', 'increased the risk of hypocalcaemia', 'reduced the need for radiotherapy'];
const SECTIONS = ['Indications', 'Dose and schedule', 'Monitoring', 'Adverse effects', 'Evidence from trials', 'Special populations', 'Common pitfalls', 'When to refer', 'Duration of treatment', 'Patient information'];

function sentence(next: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const templates = [
    () => `${pick(DRUGS)} ${pick(ACTIONS)} for ${pick(POPULATIONS)} with ${pick(CONDITIONS)}.`,
    () => `In a randomised trial of ${Math.floor(200 + next() * 3000)} patients, ${pick(DRUGS)} ${pick(OUTCOMES)} compared with ${pick(DRUGS)}.`,
    () => `${pick(DRUGS)} ${Math.floor(1 + next() * 500)} mg is given every ${pick([3, 4, 12])} weeks in ${pick(POPULATIONS)}.`,
    () => `Serum calcium and creatinine should be checked before each dose of ${pick(DRUGS)} in ${pick(POPULATIONS)}.`,
    () => `${pick(CONDITIONS)} in ${pick(POPULATIONS)} ${pick(ACTIONS)} alongside ${pick(DRUGS)} and supportive care.`,
  ];
  return pick(templates)();
}

/** `passageCount` passages in documents of 20, each 2–4 sentences (about 40–70 words). */
export function syntheticKnowledge(passageCount: number, seed = 42): KnowledgeBase {
  const next = random(seed);
  const documents: KnowledgeDocument[] = [];
  const passages: Passage[] = [];
  const perDocument = 20;
  for (let d = 0; d * perDocument < passageCount; d += 1) {
    const id = `synthetic-${d}`;
    documents.push({
      id, file: `${id}.md`, title: `${CONDITIONS[d % CONDITIONS.length]} and ${DRUGS[d % DRUGS.length]}`, type: 'guideline',
      publisher: 'Synthetic', source: 'Generated for benchmarking', year: 2024, audience: d % 5 === 0 ? 'patient' : 'professional',
      topics: ['synthetic'], review: { status: 'approved' }, updated: '2026-01-01', words: 0,
    });
    for (let p = 0; p < perDocument && passages.length < passageCount; p += 1) {
      const section = SECTIONS[p % SECTIONS.length]!;
      const sentences = Array.from({ length: 2 + Math.floor(next() * 3) }, () => sentence(next));
      const text = sentences.map((s) => s.charAt(0).toUpperCase() + s.slice(1)).join(' ');
      passages.push({ id: `${id}#${section.toLowerCase().replace(/\s+/g, '-')}-${p}`, docId: id, section, text, pitfall: section === 'Common pitfalls' });
    }
  }
  return { documents, passages, synonyms: [['zoledronic acid', 'zoledronate', 'Zometa'], ['bone-modifying agent', 'BMA'], ['hypercalcaemia', 'hypercalcemia']] };
}

export const SHORT_QUESTIONS = [
  'denosumab dose every 4 weeks',
  'zoledronate in renal impairment',
  'spinal cord compression dexamethasone',
  'hypercalcemia treatment options',
  'palbociclib for postmenopausal women',
  'osteonecrosis of the jaw risk',
  'BMA for bone metastases',
  'trastuzumab deruxtecan HER2-positive',
];

/** A ~120-word pasted case description, varied by index. */
export function longQuestion(index: number): string {
  const next = random(1000 + index);
  const narrative = Array.from({ length: 5 }, () => sentence(next)).join(' ');
  return `A 62-year-old woman with a history of breast cancer treated eight years ago presents with new back pain and fatigue. ${narrative} Her creatinine is 1.4 mg/dL and her calcium is 11.2 mg/dL. What should we offer next, and which bone-modifying agent and dose would you suggest?`;
}
