import { z } from 'zod';
import { URGENCY, type AlertLevel } from './triage-schema.js';

// A second reader of red flags, learned from the tuning triage corpus: one logistic regression per
// concept and level over the words and word pairs of the prepared message, a word in reach of a
// negation marked as negated. The phrase lists stay the first reader and the one that explains itself;
// this one only adds an alert they missed, never removes or lowers one (see docs/triage.md). It is
// trained by `npm run triage:train` on test/fixtures/triage/corpus.jsonl only, so the held-out corpus
// still measures wording nobody tuned on.

/** How many words after a negation ("no", "not", "don't") are read as negated. */
const NEGATION_REACH = 3;
const NEGATION = new Set(['no', 'not', 'never', 'without', 'nil', 'denies', "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "haven't", "hasn't", "won't", "can't"]);
// Words are letters, digits and inner apostrophes: prepared text is lower case with punctuation spaced out.
const WORD = /[a-z0-9]+(?:'[a-z]+)?/g;
// Longer messages are cut here: a message's red flag is said within its first few thousand characters,
// and the cost of reading stays bounded.
const MAX_CHARS = 4_000;

/** The features of a prepared message: its words and adjacent word pairs, each marked when negated. */
export function readerFeatures(prepared: string): string[] {
  const words = prepared.slice(0, MAX_CHARS).match(WORD) ?? [];
  const features: string[] = [];
  let negatedFor = 0;
  let previous = '';
  for (const word of words) {
    if (NEGATION.has(word)) {
      features.push(word);
      negatedFor = NEGATION_REACH;
      previous = word;
      continue;
    }
    const mark = negatedFor > 0 ? '!' : '';
    features.push(`${mark}${word}`);
    if (previous) features.push(`${mark}${previous} ${word}`);
    negatedFor = Math.max(0, negatedFor - 1);
    previous = word;
  }
  return features;
}

const modelSchema = z.strictObject({
  concept: z.string().min(1),
  level: z.enum(['immediate', 'same-day']),
  bias: z.number().finite(),
  weights: z.record(z.string(), z.number().finite()),
});

export const learnedReaderSchema = z.strictObject({
  version: z.literal(1),
  /** What the reader was trained on and how the threshold was chosen, for the reader of the file. */
  trainedOn: z.string().min(1),
  /** A model's probability at or above this adds its alert. */
  threshold: z.number().gt(0).lt(1),
  models: z.array(modelSchema).min(1),
});

export type LearnedReaderFile = z.infer<typeof learnedReaderSchema>;

export type LearnedReader = {
  /** The concepts (and levels) the models find in a prepared message, at or above the threshold. */
  flag(prepared: string): Array<{ concept: string; level: AlertLevel }>;
  /** Each model's probability for a prepared message, for training and measurement. */
  probabilities(prepared: string): Array<{ concept: string; level: AlertLevel; probability: number }>;
};

export function createLearnedReader(file: LearnedReaderFile): LearnedReader {
  const { models } = file;
  // One look-up per feature for all models: each feature's weights in model order.
  const table = new Map<string, Float64Array>();
  models.forEach((model, index) => {
    for (const [feature, weight] of Object.entries(model.weights)) {
      let row = table.get(feature);
      if (!row) table.set(feature, (row = new Float64Array(models.length)));
      row[index] = weight;
    }
  });
  function probabilities(prepared: string) {
    const sums = models.map((model) => model.bias);
    for (const feature of new Set(readerFeatures(prepared))) {
      const row = table.get(feature);
      if (row) for (let index = 0; index < sums.length; index += 1) sums[index]! += row[index]!;
    }
    return models.map((model, index) => ({ concept: model.concept, level: model.level, probability: 1 / (1 + Math.exp(-sums[index]!)) }));
  }
  return {
    probabilities,
    flag: (prepared) => probabilities(prepared).filter((entry) => entry.probability >= file.threshold).map(({ concept, level }) => ({ concept, level })),
  };
}

export type TrainingExample = { prepared: string; expect: readonly string[]; level: AlertLevel | 'none' };


export type ModelTarget = { concept: string; level: 'immediate' | 'same-day' };

// Thoughts of suicide are left to the crisis phrases, which are broad on purpose: words alone cannot tell
// "I don't want to die" from "I don't want to wake up", and a crisis notice to someone saying they want
// to live does harm.
const LEFT_TO_THE_PHRASES: ReadonlySet<string> = new Set(['suicidal-thoughts']);

/** The (concept, level) pairs worth a model: each level with enough examples at or above it. */
export function modelTargets(examples: readonly TrainingExample[], minimumPositives: number): ModelTarget[] {
  const targets: ModelTarget[] = [];
  const concepts = [...new Set(examples.flatMap((example) => example.expect))].filter((concept) => !LEFT_TO_THE_PHRASES.has(concept)).sort();
  for (const concept of concepts) {
    for (const level of ['immediate', 'same-day'] as const) {
      const positives = examples.filter((example) => example.expect.includes(concept) && URGENCY[example.level] >= URGENCY[level]).length;
      const atLevel = examples.filter((example) => example.expect.includes(concept) && example.level === level).length;
      if (atLevel >= minimumPositives && positives >= minimumPositives) targets.push({ concept, level });
    }
  }
  return targets;
}

/** A deterministic shuffle (mulberry32), so training gives the same weights every run. */
function shuffled(count: number, seed: number): number[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: count }, (_, index) => index);
  for (let index = count - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other]!, order[index]!];
  }
  return order;
}

export const TRAINING = { epochs: 30, learningRate: 0.5, decay: 0.9, l2: 1, initialBias: -2, minimumFeatureCount: 2, keptWeight: 0.05 } as const;

/** Trains one logistic regression by stochastic gradient descent; features seen fewer than twice are dropped. */
export function trainModel(examples: readonly TrainingExample[], target: ModelTarget): LearnedReaderFile['models'][number] {
  const counts = new Map<string, number>();
  const featureSets = examples.map((example) => [...new Set(readerFeatures(example.prepared))]);
  for (const features of featureSets) for (const feature of features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [feature, count] of counts) if (count >= TRAINING.minimumFeatureCount) index.set(feature, index.size);
  const rows = featureSets.map((features) => features.flatMap((feature) => (index.has(feature) ? [index.get(feature)!] : [])));
  const labels = examples.map((example) => (example.expect.includes(target.concept) && URGENCY[example.level] >= URGENCY[target.level] ? 1 : 0));
  const weights = new Float64Array(index.size);
  let bias: number = TRAINING.initialBias;
  let rate: number = TRAINING.learningRate;
  for (let epoch = 0; epoch < TRAINING.epochs; epoch += 1) {
    for (const row of shuffled(rows.length, epoch + 1)) {
      const features = rows[row]!;
      let z = bias;
      for (const feature of features) z += weights[feature]!;
      const error = 1 / (1 + Math.exp(-z)) - labels[row]!;
      for (const feature of features) weights[feature] = weights[feature]! - rate * (error + (TRAINING.l2 * weights[feature]!) / rows.length);
      bias -= rate * error;
    }
    rate *= TRAINING.decay;
  }
  const kept: Record<string, number> = {};
  for (const [feature, position] of index) {
    const weight = weights[position]!;
    if (Math.abs(weight) >= TRAINING.keptWeight) kept[feature] = Math.round(weight * 1_000) / 1_000;
  }
  return { concept: target.concept, level: target.level, bias: Math.round(bias * 1_000) / 1_000, weights: kept };
}
