import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KnowledgeBase } from '../../src/domain/types.js';

// A small triage folder for the loader's tests: two passages, the shared words file and one concept.
export const KNOWLEDGE: KnowledgeBase = {
  documents: [
    { id: 'warning', file: 'warning.md', title: 'Warning signs', type: 'patient-information', publisher: 'Test', source: 'Test', year: 2025, audience: 'patient', topics: [], review: { status: 'approved' }, updated: '2025-01-01', words: 10 },
    { id: 'guide', file: 'guide.md', title: 'Guide', type: 'guideline', publisher: 'Test', source: 'Test', year: 2025, audience: 'professional', topics: [], review: { status: 'approved' }, updated: '2025-01-01', words: 10 },
  ],
  passages: [
    { id: 'warning#legs-1', docId: 'warning', section: 'Legs', text: 'Get help now if your legs are weak.', pitfall: false },
    { id: 'guide#legs-1', docId: 'guide', section: 'Legs', text: 'Leg weakness needs an MRI within 24 hours.', pitfall: false },
  ],
  synonyms: [],
};

export const WORDS = `
spellings:
  "can't": [cant]
terms:
  legs: [leg, legs]
scope:
  hypothetical: [what if]
  hypotheticalOpeners: [if]
  past: [last year]
  present: [still]
  questionOpeners: [what, how]
  reportFrames: [is it normal]
  personal: [i, my]
  topicFrames: [what is]
  noCancer: [no cancer]
  cancerNamed: [chemo]
  assertions: [diagnosed]
`;

export const CONCEPT = `
id: weak-legs
description: New weakness of the legs in a person with cancer.
priority: 1
topic: [leg weakness]
signs:
  weakness: ["weak {legs}", "{legs} are weak", "can't walk"]
levels:
  immediate: { any: [topic, weakness] }
  information: topic
alerts:
  immediate:
    title: Weak legs
    patient: { text: Weak legs can be serious. Get help now., passages: ["warning#legs-1"] }
    professional: { text: Leg weakness needs an MRI within 24 hours., passages: ["guide#legs-1"] }
  information:
    title: Weak legs
    patient: { text: Weak legs can be a warning sign., passages: ["warning#legs-1"] }
    professional: { text: Leg weakness needs an MRI within 24 hours., passages: ["guide#legs-1"] }
`;

const temporary: string[] = [];

/** A temporary folder holding the given files; removed by `removeTriageFolders` (call it after each test). */
export async function triageFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'triage-'));
  temporary.push(dir);
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

export async function removeTriageFolders(): Promise<void> {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
