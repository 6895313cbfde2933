// Pure measures of answer quality over gold questions and chains, kept apart from the runner so the
// arithmetic is tested.

export type QuestionOutcome = {
  id: string;
  kind: string;
  audience: 'patient' | 'professional';
  inScope: boolean;
  refused: boolean;
  /** Each expected fact as its alternatives (any one cited counts). */
  expected: string[][];
  cited: ReadonlySet<string>;
  /** The passages the bottom line (the first summary) quotes. */
  leadCited?: ReadonlySet<string>;
  sentences: string[];
  /** The section a sentence was quoted from, so the rows of one table are not counted as repeats. */
  sectionOf(sentence: string): string | undefined;
  grade: number;
  references: number;
  question: string;
  title: string;
};

export type ChainOutcome = {
  id: string;
  audience: 'patient' | 'professional';
  turns: Array<{ message: string; standalone: string; refused: boolean; expected: string[][]; cited: ReadonlySet<string> }>;
};

export const answerQualityTargets = {
  'expected-fact recall': '≥ 0.90',
  'out of scope refused': '≥ 0.95',
  'in scope refused': '≤ 0.05',
  'patient grade ≤ 8': '≥ 0.90',
  'answers with a repeat': '0',
  'median references': '≤ 8',
  'chains resolved': '≥ 0.90',
} as const;

export const PATIENT_MAX_GRADE = 8;
// Two sentences sharing this share of their distinct words say the same thing.
const REPEAT_OVERLAP = 0.8;

function words(sentence: string): Set<string> {
  return new Set(sentence.toLowerCase().match(/[a-z]{3,}/g) ?? []);
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/** A near-duplicate pair of sentences in one answer, except rows of the same table (section). */
export function findRepeat(outcome: Pick<QuestionOutcome, 'sentences' | 'sectionOf'>): [string, string] | undefined {
  const sets = outcome.sentences.map(words);
  for (let i = 0; i < sets.length; i += 1) {
    for (let j = i + 1; j < sets.length; j += 1) {
      const a = outcome.sentences[i]!;
      const b = outcome.sentences[j]!;
      const sameSection = outcome.sectionOf(a) !== undefined && outcome.sectionOf(a) === outcome.sectionOf(b);
      if (!sameSection && jaccard(sets[i]!, sets[j]!) >= REPEAT_OVERLAP) return [a, b];
    }
  }
  return undefined;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const hit = (alternatives: readonly string[], cited: ReadonlySet<string>) => alternatives.some((id) => cited.has(id));
// A measure with nothing to measure (no chains in a part, no patient question) is shown as a dash, not as 0.
const ratio = (part: number, whole: number): number | '–' => (whole === 0 ? '–' : Math.round((part / whole) * 1000) / 1000);

export function measureAnswers(questions: readonly QuestionOutcome[], chains: readonly ChainOutcome[]) {
  const misses: string[] = [];
  const inScope = questions.filter((outcome) => outcome.inScope);
  const outOfScope = questions.filter((outcome) => !outcome.inScope);
  let expected = 0;
  let found = 0;
  for (const outcome of inScope) {
    const missing = outcome.expected.filter((alternatives) => !hit(alternatives, outcome.cited));
    expected += outcome.expected.length;
    found += outcome.expected.length - missing.length;
    if (outcome.refused) misses.push(`REFUSED ${outcome.id} (${outcome.audience}) ${outcome.question}`);
    else if (missing.length > 0) misses.push(`MISSED ${outcome.id} (${outcome.audience}) ${outcome.question}\n    title: ${outcome.title}\n    missing: ${missing.map((alternatives) => alternatives.join(' | ')).join('\n             ')}`);
  }
  for (const outcome of outOfScope) if (!outcome.refused) misses.push(`ANSWERED ${outcome.id} (${outcome.audience}) ${outcome.question} → ${outcome.title}`);
  const answered = questions.filter((outcome) => !outcome.refused && outcome.sentences.length > 0);
  const withExpectations = inScope.filter((outcome) => !outcome.refused && outcome.expected.length > 0);
  const leadAnswers = withExpectations.filter((outcome) => {
    const answers = outcome.expected.some((alternatives) => hit(alternatives, outcome.leadCited ?? new Set()));
    if (!answers) misses.push(`LEAD ${outcome.id} (${outcome.audience}) ${outcome.question}\n    bottom line quotes: ${[...(outcome.leadCited ?? [])].join(', ') || 'nothing'}`);
    return answers;
  });
  const patient = inScope.filter((outcome) => outcome.audience === 'patient' && !outcome.refused && outcome.sentences.length > 0);
  const readable = patient.filter((outcome) => outcome.grade <= PATIENT_MAX_GRADE);
  for (const outcome of patient) if (outcome.grade > PATIENT_MAX_GRADE) misses.push(`GRADE ${outcome.grade.toFixed(1)} ${outcome.id} ${outcome.question}`);
  const repeats = answered.filter((outcome) => {
    const pair = findRepeat(outcome);
    if (pair) misses.push(`REPEAT ${outcome.id} ${outcome.question}\n    ${pair[0]}\n    ${pair[1]}`);
    return Boolean(pair);
  });
  const turns = chains.flatMap((chain) => chain.turns.map((turn) => ({ chain, turn })));
  const resolvedChains = chains.filter((chain) =>
    chain.turns.every((turn) => {
      const ok = !turn.refused && turn.expected.every((alternatives) => hit(alternatives, turn.cited));
      if (!ok) misses.push(`CHAIN ${chain.id} (${chain.audience}) "${turn.message}" → "${turn.standalone}"${turn.refused ? ' REFUSED' : ''}\n    missing: ${turn.expected.filter((alternatives) => !hit(alternatives, turn.cited)).map((alternatives) => alternatives.join(' | ')).join('; ')}`);
      return ok;
    }),
  );
  return {
    misses,
    summary: {
      questions: questions.length,
      'expected-fact recall': ratio(found, expected),
      // Whether the first thing said is one of the facts asked for: an answer that buries them fails here.
      'bottom line answers': ratio(leadAnswers.length, withExpectations.length),
      'out of scope refused': ratio(outOfScope.filter((outcome) => outcome.refused).length, outOfScope.length),
      'in scope refused': ratio(inScope.filter((outcome) => outcome.refused).length, inScope.length),
      'patient grade ≤ 8': ratio(readable.length, patient.length),
      'answers with a repeat': repeats.length,
      'median references': median(answered.map((outcome) => outcome.references)),
      // Recall alone rewards long answers: this says what a reader wades through for it.
      'median sentences': median(inScope.filter((outcome) => !outcome.refused).map((outcome) => outcome.sentences.length)),
      chains: chains.length,
      'chains resolved': ratio(resolvedChains.length, chains.length),
      'chain turns resolved': ratio(turns.filter(({ turn }) => !turn.refused && turn.expected.every((alternatives) => hit(alternatives, turn.cited))).length, turns.length),
    },
  };
}
