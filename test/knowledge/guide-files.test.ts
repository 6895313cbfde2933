import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inspectKnowledge } from '../../src/knowledge/load-knowledge.js';
import { formatProblem } from '../../src/knowledge/problem.js';
import { PACK_KNOWLEDGE } from '../helpers/fixture-services.js';

const DOCUMENT = `---
id: sample-doc
title: Denosumab for bone metastases
type: guideline
publisher: ASCO
source: "Van Poznak C, et al. J Clin Oncol 2017;35:3978-86"
year: 2017
audience: professional
topics: [denosumab]
review:
  status: submitted
updated: 2026-11-26
---
## Dose and schedule
- Denosumab 120 mg is given subcutaneously every 4 weeks.
`;
const VOCABULARY = 'concepts:\n  - { name: denosumab, type: drug }\n  - { name: osteoporosis, type: condition }\n';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'guide-'));
  folders.push(dir);
  await writeFile(path.join(dir, 'sample-doc.md'), DOCUMENT);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

const problemsOf = async (files: Record<string, string>) => (await inspectKnowledge(await folderWith(files))).problems.map(formatProblem);

describe('the knowledge folder\'s guide files', () => {
  it('load from the bundled pack with no problem, terms completed from the synonyms', async () => {
    const { base, problems } = await inspectKnowledge(PACK_KNOWLEDGE);
    expect(problems).toEqual([]);
    expect(base.guide?.concepts.find((concept) => concept.name === 'zoledronic acid')?.terms).toEqual(expect.arrayContaining(['Zometa', 'zoledronate']));
    expect(base.guide?.intents.length).toBeGreaterThan(5);
    expect(base.guide?.plans.length).toBeGreaterThan(0);
  });

  it('are optional: a folder without them loads with an empty guide', async () => {
    const { base, problems } = await inspectKnowledge(await folderWith({}));
    expect(problems).toEqual([]);
    expect(base.guide).toMatchObject({ concepts: [], intents: [], plans: [], sectionQuestions: {} });
  });

  it.each([
    ['a concept of an unknown type', { 'vocabulary.yaml': 'concepts:\n  - { name: denosumab, type: medicine }\n' }, 'vocabulary.yaml [concepts.0.type]'],
    ['a concept defined twice', { 'vocabulary.yaml': 'concepts:\n  - { name: denosumab, type: drug }\n  - { name: Denosumab, type: drug }\n' }, 'vocabulary.yaml [concepts.0.name]: "denosumab" is defined more than once'],
    ['a side-effect flag that is not true or false', { 'vocabulary.yaml': 'concepts:\n  - { name: nausea, type: condition, sideEffect: often }\n' }, 'vocabulary.yaml [concepts.0.sideEffect]'],
    ['side-effect cues that are not a list of words', { 'intents.yaml': 'intents:\n  - { intent: dose, cues: [dose] }\nsideEffectCues: side effects\n' }, 'intents.yaml [sideEffectCues]'],
    ['a concept within one that does not exist', { 'vocabulary.yaml': 'concepts:\n  - { name: denosumab, type: drug, within: [antibodies] }\n' }, 'vocabulary.yaml [concepts.0.within.0]: names "antibodies"'],
    ['a scope entry naming no concept', { 'vocabulary.yaml': VOCABULARY, 'scope.yaml': 'covers: { professional: bone, patient: bones }\nnotCovered:\n  - { concept: gout, say: gout }\n' }, 'scope.yaml [notCovered.0.concept]: names "gout"'],
    ['a scope without what it covers', { 'scope.yaml': 'notCovered: []\n' }, 'scope.yaml [covers]'],
    ['an intent that does not exist', { 'intents.yaml': 'intents:\n  - { intent: cost, cues: [price] }\n' }, 'intents.yaml [intents.0.intent]'],
    ['a follow-up question for a section that does not exist', { 'questions.yaml': 'sections:\n  sample-doc#side-effects:\n    - What are the side effects?\n' }, 'questions.yaml [sections.sample-doc#side-effects]: is not a section of any document'],
    ['a follow-up that is not a question', { 'questions.yaml': 'sections:\n  sample-doc#dose-and-schedule:\n    - Tell me the dose\n' }, 'questions.yaml [sections.sample-doc#dose-and-schedule.0]: must be a question ending in "?"'],
    ['a whole-table section that does not exist', { 'answer-plans.yaml': 'wholeSections: [sample-doc#bands]\n' }, 'answer-plans.yaml [wholeSections.0]: "sample-doc#bands" is not a section of any document'],
    [
      'a plan facet quoting a document that does not exist',
      { 'vocabulary.yaml': VOCABULARY, 'answer-plans.yaml': 'plans:\n  - id: questions\n    title: { professional: Questions, patient: Questions }\n    intents: [general]\n    concepts: [denosumab]\n    facets:\n      - { heading: { professional: Ask, patient: Ask }, query: questions to ask, documents: [no-such-leaflet], quotesQuestions: true }\n' },
      'answer-plans.yaml [plans.0.facets.0.documents.0]: "no-such-leaflet" is not a document',
    ],
    [
      'a plan facet quoting a section that does not exist',
      { 'vocabulary.yaml': VOCABULARY, 'answer-plans.yaml': 'plans:\n  - id: signs\n    title: { professional: Signs, patient: Signs }\n    intents: [general]\n    concepts: [denosumab]\n    facets:\n      - { heading: { professional: Early, patient: Early }, query: early signs, sections: [sample-doc#early-signs] }\n' },
      'answer-plans.yaml [plans.0.facets.0.sections.0]: "sample-doc#early-signs" is not a section of any document',
    ],
    ['unreadable YAML', { 'vocabulary.yaml': 'concepts: [\n' }, 'vocabulary.yaml: cannot be parsed'],
  ])('report %s by file, field and reason', async (_name, files, expected) => {
    const problems = await problemsOf(files);
    expect(problems.some((problem) => problem.startsWith(expected)), problems.join('\n')).toBe(true);
  });
});
