import fc from 'fast-check';
import type { Problem } from '../knowledge/problem.js';
import { CORTICAL_INVOLVEMENT, LESION_SITES, METASTATIC_SITES, SYMPTOMS, type CaseFacts } from './case-schema.js';
import { bandEdgeViolations, findContradictions, renalDeteriorationEdgeViolations } from './rule-properties.js';
import type { RulesEngine } from './rules-engine.js';

// Values at and just around every band edge, where rounding could move a case into another band.
const NUDGES = [-0.06, -0.05, -0.04, -0.01, -0.001, 0, 0.001, 0.01, 0.04, 0.05, 0.06];
const around = (edges: readonly number[]) => edges.flatMap((edge) => NUDGES.map((nudge) => Math.round((edge + nudge) * 1000) / 1000));
export const CLEARANCE_EDGES = around([30, 40, 49, 50, 60, 61]);
export const CALCIUM_EDGES = around([8.5, 10.5, 12, 14]);
// Baselines on and around the label's 1.4 mg/dL limit and a few on either side, and rises on and around
// its two thresholds: every pair of them is a (baseline, creatinine) case at an edge of the decision.
export const BASELINE_CREATININE_EDGES = [0.5, 0.9, 1.2, ...around([1.4]), 1.5, 2, 3];
export const CREATININE_RISE_EDGES = [-0.2, 0, 0.3, ...around([0.5, 1])];
const toThousandth = (value: number) => Math.round(value * 1000) / 1000;
export const CREATININE_PAIRS: ReadonlyArray<readonly [number, number]> = BASELINE_CREATININE_EDGES.flatMap((baseline) =>
  CREATININE_RISE_EDGES.map((rise) => [baseline, toThousandth(baseline + rise)] as const),
);

/** A number drawn from the edges half of the time, otherwise from the whole range. */
function edgeBiased(edges: readonly number[], min: number, max: number): fc.Arbitrary<number> {
  return fc.oneof(fc.constantFrom(...edges.filter((value) => value >= min && value <= max)), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
}

const lesion = fc.record(
  {
    site: fc.constantFrom(...LESION_SITES),
    pain: fc.constantFrom('none', 'present', 'mild', 'moderate', 'functional'),
    type: fc.constantFrom('lytic', 'blastic', 'mixed'),
    corticalInvolvement: fc.constantFrom(...CORTICAL_INVOLVEMENT),
    pathologicalFracture: fc.boolean(),
    surgicallyStabilised: fc.boolean(),
  },
  { requiredKeys: ['site'] },
);

const spine = fc.record({
  location: fc.constantFrom('junctional', 'mobile', 'semi-rigid', 'rigid'),
  pain: fc.constantFrom('mechanical', 'occasional', 'none'),
  lesionType: fc.constantFrom('lytic', 'mixed', 'blastic'),
  alignment: fc.constantFrom('subluxation', 'de-novo-deformity', 'normal'),
  collapse: fc.constantFrom('over-50-percent', 'under-50-percent', 'none-over-50-percent-involved', 'none'),
  posterolateral: fc.constantFrom('bilateral', 'unilateral', 'none'),
});

/**
 * A baseline and a later creatinine drawn apart would rarely land on a threshold of renal deterioration,
 * so most cases with a baseline take their creatinine as the baseline plus a rise at an edge.
 */
function withCreatinineRise(facts: Partial<CaseFacts>, rise: number | undefined): Partial<CaseFacts> {
  const baseline = facts.baselineCreatinineMgPerDl;
  if (rise === undefined || baseline === undefined) return facts;
  const current = toThousandth(baseline + rise);
  return current >= 0.1 ? { ...facts, creatinineMgPerDl: current } : facts;
}

const caseRecord = fc.record(
  {
    age: fc.integer({ min: 18, max: 100 }),
    sex: fc.constantFrom('female', 'male'),
    weightKg: fc.double({ min: 35, max: 150, noNaN: true }),
    menopausalStatus: fc.constantFrom('premenopausal', 'perimenopausal', 'postmenopausal'),
    er: fc.constantFrom('positive', 'negative'),
    pr: fc.constantFrom('positive', 'negative'),
    her2: fc.constantFrom('positive', 'low', 'negative'),
    pdl1Cps: fc.integer({ min: 0, max: 100 }),
    germlineBrcaVariant: fc.boolean(),
    pik3caMutation: fc.boolean(),
    esr1Mutation: fc.boolean(),
    aktPathwayAlteration: fc.boolean(),
    metastaticSites: fc.uniqueArray(fc.constantFrom(...METASTATIC_SITES), { maxLength: 4 }),
    metastaticLesionCount: fc.integer({ min: 0, max: 20 }),
    visceralCrisis: fc.boolean(),
    priorLinesForMetastatic: fc.integer({ min: 0, max: 5 }),
    priorCdk46Inhibitor: fc.boolean(),
    priorChemotherapy: fc.boolean(),
    relapseWithin12MonthsOfAdjuvantChemotherapy: fc.boolean(),
    creatinineMgPerDl: fc.double({ min: 0.3, max: 8, noNaN: true }),
    baselineCreatinineMgPerDl: edgeBiased(BASELINE_CREATININE_EDGES, 0.3, 8),
    creatinineClearance: edgeBiased(CLEARANCE_EDGES, 1, 200),
    creatinineClearanceOnTreatment: edgeBiased(CLEARANCE_EDGES, 1, 200),
    egfr: fc.integer({ min: 5, max: 150 }),
    calciumMgPerDl: edgeBiased(CALCIUM_EDGES, 6, 20),
    correctedCalciumMgPerDl: edgeBiased(CALCIUM_EDGES, 6, 20),
    albuminGPerDl: fc.double({ min: 1.5, max: 5.5, noNaN: true }),
    pth: fc.constantFrom('suppressed', 'normal', 'raised'),
    boneLesions: fc.array(lesion, { maxLength: 3 }),
    spine,
    mirelsScore: fc.integer({ min: 4, max: 12 }),
    sinsScore: fc.integer({ min: 0, max: 18 }),
    spinalCordCompression: fc.boolean(),
    fitForSurgery: fc.boolean(),
    symptoms: fc.uniqueArray(fc.constantFrom(...SYMPTOMS), { maxLength: 4 }),
    regularOralMorphineMgPerDay: fc.double({ min: 1, max: 1000, noNaN: true }),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Partial<CaseFacts>>;

/** Case facts as the rules see them, every field optional, numbers biased toward band edges. */
export const caseFactsArbitrary: fc.Arbitrary<Partial<CaseFacts>> = fc
  .tuple(caseRecord, fc.option(edgeBiased(CREATININE_RISE_EDGES, -1, 3), { nil: undefined }))
  .map(([facts, rise]) => withCreatinineRise(facts, rise));

export type PropertyReport = { cases: number; problems: Problem[] };

/**
 * Runs the rule properties over generated cases (a fixed seed, so every run checks the same cases) and
 * over every band edge. A failure is reported with the smallest case fast-check could shrink it to.
 */
export function checkRuleProperties(engine: RulesEngine, options: { runs?: number; seed?: number } = {}): PropertyReport {
  const runs = options.runs ?? 2000;
  const problems: Problem[] = [...bandEdgeViolations(CLEARANCE_EDGES, CALCIUM_EDGES), ...renalDeteriorationEdgeViolations(CREATININE_PAIRS)].map((violation) => ({
    file: 'src/rules/calculators',
    field: violation.property,
    reason: violation.detail,
    severity: 'error' as const,
  }));
  const result = fc.check(
    fc.property(caseFactsArbitrary, (facts) => findContradictions(facts, engine.evaluate(facts)).length === 0),
    { numRuns: runs, seed: options.seed ?? 20_261_128 },
  );
  if (result.failed && result.counterexample) {
    const [facts] = result.counterexample;
    const found = `smallest case found: ${JSON.stringify(facts)}`;
    try {
      for (const contradiction of findContradictions(facts, engine.evaluate(facts))) {
        problems.push({ file: 'rules', field: contradiction.property, reason: `${contradiction.detail}; ${found}`, severity: 'error' });
      }
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      problems.push({ file: 'rules', field: 'evaluation never fails on a valid case', reason: `threw "${message}"; ${found}`, severity: 'error' });
    }
  }
  return { cases: result.numRuns + CLEARANCE_EDGES.length + CALCIUM_EDGES.length + CREATININE_PAIRS.length, problems };
}
