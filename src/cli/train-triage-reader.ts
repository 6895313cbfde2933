import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadKnowledge } from '../knowledge/load-knowledge.js';
import { createLearnedReader, modelTargets, trainModel, type LearnedReader, type LearnedReaderFile, type TrainingExample } from '../triage/learned-reader.js';
import { LEARNED_READER_FILE, loadTriage, triageDirOf } from '../triage/load-triage.js';
import { parseTriageCorpus, scoreTriage, type TriageCase } from '../triage/measure-triage.js';

// Usage: npm run triage:train
// Trains the learned second reader of red flags on the tuning triage corpus only (never the held-out
// one), chooses its threshold by 5-fold cross-validation on that corpus, and writes
// knowledge/triage/learned-reader.json. Training is deterministic: the same corpus gives the same file.

const CORPUS = 'test/fixtures/triage/corpus.jsonl';
const FOLDS = 5;
// A (concept, level) needs this many examples at that level for a model of its own.
const MINIMUM_POSITIVES = 100;
// The threshold catches the most emergencies among those adding at most this share of the corpus's
// non-emergencies as false alarms; of thresholds catching as many, the one with fewest alarms wins, and of
// those equal in both, the lowest.
const MAX_ADDED_FALSE_ALARMS = 0.005;
const THRESHOLDS = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

const knowledgeDir = 'knowledge';
const { base } = await loadKnowledge(knowledgeDir);
// One triage whose learned reader is swapped as the cross-validation goes: the phrases are compiled once.
let current: LearnedReader | undefined;
const swappable: LearnedReader = { flag: (prepared) => current?.flag(prepared) ?? [], probabilities: (prepared) => current?.probabilities(prepared) ?? [] };
const triage = await loadTriage(triageDirOf(knowledgeDir), base, { learned: swappable });
const yieldsTo = new Map(triage.concepts.map((concept) => [concept.id, concept.yieldsTo]));

const cases: TriageCase[] = parseTriageCorpus(CORPUS, await readFile(CORPUS, 'utf8'));
const examples: TrainingExample[] = cases.map((item) => ({ prepared: triage.prepare(item.text), expect: item.expect, level: item.level }));
const targets = modelTargets(examples, MINIMUM_POSITIVES);
const readerOf = (models: LearnedReaderFile['models'], threshold: number): LearnedReader => createLearnedReader({ version: 1, trainedOn: 'cross-validation fold', threshold, models });

// Cross-validation: each fold is scored with the phrases alone and with the reader trained on the other folds.
const phrasesOnly = { caught: 0, falseAlarms: 0 };
const withReader = new Map(THRESHOLDS.map((threshold) => [threshold, { caught: 0, falseAlarms: 0 }]));
let nonEmergencies = 0;
for (let fold = 0; fold < FOLDS; fold += 1) {
  const inFold = (index: number) => index % FOLDS === fold;
  const training = examples.filter((_, index) => !inFold(index));
  const testing = cases.filter((_, index) => inFold(index));
  const models = targets.map((target) => trainModel(training, target));
  current = undefined;
  const alone = scoreTriage(testing, triage.triage, yieldsTo);
  phrasesOnly.caught += alone.caught;
  phrasesOnly.falseAlarms += alone.falseAlarms;
  nonEmergencies += alone.nonEmergencies;
  for (const threshold of THRESHOLDS) {
    current = readerOf(models, threshold);
    const score = scoreTriage(testing, triage.triage, yieldsTo);
    const total = withReader.get(threshold)!;
    total.caught += score.caught;
    total.falseAlarms += score.falseAlarms;
  }
  console.log(`fold ${fold + 1} of ${FOLDS} done`);
}

const allowed = Math.floor(MAX_ADDED_FALSE_ALARMS * nonEmergencies);
console.log(`\nCross-validation over ${cases.length} tuning phrasings (${FOLDS} folds): phrases alone catch ${phrasesOnly.caught} with ${phrasesOnly.falseAlarms} false alarms`);
console.table(THRESHOLDS.map((threshold) => ({ threshold, caught: withReader.get(threshold)!.caught, 'false alarms': withReader.get(threshold)!.falseAlarms })));
const withinBudget = THRESHOLDS.filter((threshold) => withReader.get(threshold)!.falseAlarms - phrasesOnly.falseAlarms <= allowed);
const mostCaught = Math.max(...withinBudget.map((threshold) => withReader.get(threshold)!.caught));
const catchingMost = withinBudget.filter((threshold) => withReader.get(threshold)!.caught === mostCaught);
const fewestAlarms = Math.min(...catchingMost.map((threshold) => withReader.get(threshold)!.falseAlarms));
// Of equals in both, the lowest: the reader is there to catch what the phrases miss.
const chosen = catchingMost.find((threshold) => withReader.get(threshold)!.falseAlarms === fewestAlarms) ?? THRESHOLDS.at(-1)!;
const gain = withReader.get(chosen)!;

const file: LearnedReaderFile = {
  version: 1,
  trainedOn:
    `${cases.length} tuning phrasings of ${CORPUS} (never the held-out file); threshold ${chosen}: of those adding at most ` +
    `${MAX_ADDED_FALSE_ALARMS * 100}% of non-emergencies as false alarms in ${FOLDS}-fold cross-validation, the highest catching the most ` +
    `(${gain.caught - phrasesOnly.caught} more emergencies caught, ${gain.falseAlarms - phrasesOnly.falseAlarms} more false alarms). Written by npm run triage:train.`,
  threshold: chosen,
  models: targets.map((target) => trainModel(examples, target)),
};
const output = path.join(triageDirOf(knowledgeDir), LEARNED_READER_FILE);
await writeFile(output, `${JSON.stringify(file)}\n`);
console.log(`\nThreshold ${chosen}; ${file.models.length} models (${file.models.map((model) => `${model.concept} ${model.level}: ${Object.keys(model.weights).length} weights`).join('; ')}) written to ${output}`);
