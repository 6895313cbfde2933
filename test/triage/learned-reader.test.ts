import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLearnedReader, modelTargets, readerFeatures, trainModel, type LearnedReaderFile } from '../../src/triage/learned-reader.js';
import { inspectTriage, LEARNED_READER_FILE, loadTriage, triageDirOf } from '../../src/triage/load-triage.js';
import { parseTriageCorpus } from '../../src/triage/measure-triage.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { CONCEPT, KNOWLEDGE, removeTriageFolders, triageFolder, WORDS } from '../helpers/triage-folder.js';

describe('features of the learned reader', () => {
  it('reads words and word pairs, marking those a negation reaches', () => {
    expect(readerFeatures(' legs gone weak ')).toEqual(['legs', 'gone', 'legs gone', 'weak', 'gone weak']);
    expect(readerFeatures(' no leg weakness today at all ')).toEqual(['no', '!leg', '!no leg', '!weakness', '!leg weakness', '!today', '!weakness today', 'at', 'today at', 'all', 'at all']);
  });

  it('reads a long message in bounded time: at most its first 4,000 characters', () => {
    const features = readerFeatures(` ${'legs weak '.repeat(2_000)}`);
    expect(features.length).toBeLessThanOrEqual(2 * 800);
  });
});

const READER: LearnedReaderFile = {
  version: 1,
  trainedOn: 'a test',
  threshold: 0.8,
  models: [{ concept: 'weak-legs', level: 'immediate', bias: -3, weights: { wobbly: 2, 'legs wobbly': 3, '!wobbly': -4 } }],
};

describe('the learned reader', () => {
  it('flags a concept at or above its threshold, and reads a negated word apart', () => {
    const reader = createLearnedReader(READER);
    expect(reader.flag(' my legs wobbly ')).toEqual([{ concept: 'weak-legs', level: 'immediate' }]);
    expect(reader.flag(' my arms wobbly ')).toEqual([]);
    expect(reader.flag(' legs not wobbly ')).toEqual([]);
  });

  it('trains a model that separates what it was shown, the same every time', () => {
    const examples = [
      ...Array.from({ length: 40 }, (_, index) => ({ prepared: ` my legs are wobbly ${index} `, expect: ['weak-legs'], level: 'immediate' as const })),
      ...Array.from({ length: 40 }, (_, index) => ({ prepared: ` my legs are fine ${index} `, expect: [], level: 'none' as const })),
    ];
    expect(modelTargets(examples, 30)).toEqual([{ concept: 'weak-legs', level: 'immediate' }]);
    const model = trainModel(examples, { concept: 'weak-legs', level: 'immediate' });
    expect(trainModel(examples, { concept: 'weak-legs', level: 'immediate' })).toEqual(model);
    const reader = createLearnedReader({ version: 1, trainedOn: 'a test', threshold: 0.5, models: [model] });
    expect(reader.flag(' my legs are wobbly ')).toHaveLength(1);
    expect(reader.flag(' my legs are fine ')).toHaveLength(0);
  });
});

afterEach(removeTriageFolders);
const folder = (reader: unknown) => triageFolder({ 'words.yaml': WORDS, 'weak-legs.yaml': CONCEPT, [LEARNED_READER_FILE]: typeof reader === 'string' ? reader : JSON.stringify(reader) });

describe('triage with the learned reader', () => {
  it('adds an alert the phrases missed, only to a patient message speaking of a person, and never removes one', async () => {
    const triage = await loadTriage(await folder(READER), KNOWLEDGE);
    const levels = (message: string) => triage.triage(message, 'patient').map((alert) => `${alert.id}:${alert.level}`);
    expect(levels('my legs wobbly since this morning')).toEqual(['weak-legs:immediate']);
    // Nobody is spoken of: a topic, not a report.
    expect(levels('legs wobbly')).toEqual([]);
    // A person said to have no cancer is not the service's subject.
    expect(levels('my legs wobbly, no cancer')).toEqual([]);
    // Imagined, or a sign the phrases found and judged (here denied), is left as the phrases read it.
    expect(levels('what if my legs wobbly')).toEqual([]);
    expect(levels('my legs wobbly but no weak legs')).toEqual([]);
    // The phrases' own reading stays: asked about, it is information.
    expect(levels('what is leg weakness? my legs wobbly')).toEqual(['weak-legs:information']);
    expect(levels('my weak legs')).toEqual(['weak-legs:immediate']);
    // A clinician's wording is the phrases' to read: the reader learned lay wording.
    expect(triage.triage('my legs wobbly since this morning', 'professional')).toEqual([]);
    expect(triage.triage('my weak legs', 'professional').map((alert) => alert.id)).toEqual(['weak-legs']);
    // Without it, the phrases alone.
    const alone = await loadTriage(await folder(READER), KNOWLEDGE, { learned: false });
    expect(alone.triage('my legs wobbly since this morning', 'patient')).toEqual([]);
  });

  it('reports a bad reader file by file, field and reason, and an unknown concept', async () => {
    const problems = async (reader: unknown) => (await inspectTriage(await folder(reader), KNOWLEDGE)).problems.map(({ field, reason }) => `${field ?? ''} ${reason}`);
    expect(await problems('{ not json')).toEqual([expect.stringMatching(/^ is not valid JSON/)]);
    expect(await problems({ ...READER, threshold: 2 })).toEqual([expect.stringMatching(/^threshold /)]);
    expect(await problems({ ...READER, models: [{ ...READER.models[0], level: 'information' }] })).toEqual([expect.stringMatching(/^models\.0\.level /)]);
    expect(await problems({ ...READER, models: [{ ...READER.models[0], concept: 'weak-arms' }] })).toEqual(['models.0.concept names "weak-arms", which is not a concept of this folder']);
  });
});

describe('the bundled reader', () => {
  it('is the one the tuning corpus trains: run npm run triage:train after changing the corpus', async () => {
    const { base } = await loadKnowledge('knowledge');
    const triage = await loadTriage(triageDirOf('knowledge'), base, { learned: false });
    const bundled = JSON.parse(await readFile(path.join(triageDirOf('knowledge'), LEARNED_READER_FILE), 'utf8')) as LearnedReaderFile;
    const corpus = 'test/fixtures/triage/corpus.jsonl';
    const examples = parseTriageCorpus(corpus, await readFile(corpus, 'utf8')).map((item) => ({ prepared: triage.prepare(item.text), expect: item.expect, level: item.level }));
    const targets = modelTargets(examples, 100);
    expect(bundled.models.map(({ concept, level }) => ({ concept, level }))).toEqual(targets);
    for (const target of targets) expect(trainModel(examples, target)).toEqual(bundled.models.find((model) => model.concept === target.concept && model.level === target.level));
  }, 60_000);
});
