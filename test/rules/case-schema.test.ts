import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { caseFromBody } from '../../src/http/parse-case.js';
import { caseSchema, parseCase } from '../../src/rules/case-schema.js';

function issuesOf(input: unknown) {
  const result = parseCase(input);
  if (result.ok) throw new Error('expected the case to be rejected');
  return result.issues;
}

describe('caseSchema', () => {
  it('keeps mg/dL and g/dL values as they are', () => {
    const facts = caseSchema.parse({
      creatinine: { value: 1.6, unit: 'mg/dL' },
      calcium: { value: 12.8, unit: 'mg/dL' },
      albumin: { value: 2.9, unit: 'g/dL' },
    });
    expect(facts).toEqual({ creatinineMgPerDl: 1.6, calciumMgPerDl: 12.8, albuminGPerDl: 2.9 });
  });

  it('converts creatinine from µmol/L by dividing by 88.4, whatever the micro sign', () => {
    for (const unit of ['µmol/L', 'μmol/L', 'umol/L', 'UMOL/L']) {
      expect(caseSchema.parse({ creatinine: { value: 141.44, unit } }).creatinineMgPerDl).toBeCloseTo(1.6, 3);
    }
  });

  it('reads a baseline creatinine in the same units as creatinine, converted to mg/dL', () => {
    expect(caseSchema.parse({ baselineCreatinine: { value: 0.9, unit: 'mg/dL' }, creatinine: { value: 1.5, unit: 'mg/dL' } })).toEqual({
      baselineCreatinineMgPerDl: 0.9,
      creatinineMgPerDl: 1.5,
    });
    for (const unit of ['µmol/L', 'μmol/L', 'umol/L']) {
      expect(caseSchema.parse({ baselineCreatinine: { value: 79.56, unit } }).baselineCreatinineMgPerDl).toBeCloseTo(0.9, 3);
    }
  });

  it('converts calcium from mmol/L by multiplying by 4.008', () => {
    expect(caseSchema.parse({ calcium: { value: 3, unit: 'mmol/L' } }).calciumMgPerDl).toBeCloseTo(12.024, 3);
    expect(caseSchema.parse({ correctedCalcium: { value: 2.5, unit: 'mmol/L' } }).correctedCalciumMgPerDl).toBeCloseTo(10.02, 3);
  });

  it('converts albumin from g/L by dividing by 10', () => {
    expect(caseSchema.parse({ albumin: { value: 29, unit: 'g/L' } }).albuminGPerDl).toBeCloseTo(2.9, 5);
  });

  it('accepts a full structured case', () => {
    const facts = caseSchema.parse({
      age: 68,
      sex: 'female',
      weightKg: 70,
      menopausalStatus: 'postmenopausal',
      er: 'positive',
      pr: 'negative',
      her2: 'low',
      pdl1Cps: 0,
      germlineBrcaVariant: false,
      pik3caMutation: true,
      esr1Mutation: false,
      aktPathwayAlteration: false,
      metastaticSites: ['bone', 'liver'],
      metastaticLesionCount: 3,
      visceralCrisis: false,
      priorLinesForMetastatic: 1,
      priorCdk46Inhibitor: true,
      priorChemotherapy: false,
      creatinine: { value: 1.1, unit: 'mg/dL' },
      boneLesions: [{ site: 'peritrochanteric', location: 'femoral neck', pain: 'functional', type: 'lytic', corticalInvolvement: 0.5 }],
      spine: { location: 'junctional', pain: 'mechanical', lesionType: 'lytic', alignment: 'normal', collapse: 'under-50-percent', posterolateral: 'unilateral' },
      symptoms: ['back-pain'],
    });
    expect(facts.boneLesions?.[0]?.corticalInvolvement).toBe('one-third-to-two-thirds');
    expect(facts.spine?.location).toBe('junctional');
  });

  it('maps a cortical fraction to the Mirels size bands at 1/3 and 2/3', () => {
    const band = (fraction: number) =>
      caseSchema.parse({ boneLesions: [{ site: 'lower-limb', corticalInvolvement: fraction }] }).boneLesions?.[0]?.corticalInvolvement;
    expect(band(0)).toBe('under-one-third');
    expect(band(0.33)).toBe('under-one-third');
    expect(band(1 / 3)).toBe('one-third-to-two-thirds');
    expect(band(2 / 3)).toBe('one-third-to-two-thirds');
    expect(band(0.67)).toBe('over-two-thirds');
    expect(band(1)).toBe('over-two-thirds');
  });

  it('keeps a clearance measured on zoledronic acid apart from the one the dose is read from', () => {
    expect(caseSchema.parse({ creatinineClearance: 75, creatinineClearanceOnTreatment: 38 })).toEqual({ creatinineClearance: 75, creatinineClearanceOnTreatment: 38 });
  });

  it('takes the 24-hour total of regular oral morphine, and names the field when it is not a dose', () => {
    expect(caseSchema.parse({ regularOralMorphineMgPerDay: 120 })).toEqual({ regularOralMorphineMgPerDay: 120 });
    expect(parseCase({ regularOralMorphineMgPerDay: -5 })).toEqual({ ok: false, issues: [{ path: 'regularOralMorphineMgPerDay', message: 'must be greater than 0' }] });
    expect(parseCase({ regularOralMorphineMgPerDay: 5000 })).toEqual({ ok: false, issues: [{ path: 'regularOralMorphineMgPerDay', message: 'must be at most 1000 mg' }] });
  });

  it('treats a key sent as undefined as not known', () => {
    expect(caseSchema.parse({ age: undefined, sex: 'female' })).toEqual({ sex: 'female' });
  });

  it.each([
    [{ weightKg: -70 }, 'weightKg'],
    [{ weightKg: 0 }, 'weightKg'],
    [{ age: 300 }, 'age'],
    [{ age: 0 }, 'age'],
    [{ creatinine: { value: 0, unit: 'mg/dL' } }, 'creatinine.value'],
    [{ creatinine: { value: 1.2, unit: 'mg/L' } }, 'creatinine.unit'],
    [{ creatinine: { value: 1.2 } }, 'creatinine.unit'],
    [{ creatinine: { value: 45, unit: 'mg/dL' } }, 'creatinine.value'],
    [{ creatinine: { value: 5, unit: 'µmol/L' } }, 'creatinine.value'],
    [{ baselineCreatinine: { value: 0, unit: 'mg/dL' } }, 'baselineCreatinine.value'],
    [{ baselineCreatinine: { value: 45, unit: 'mg/dL' } }, 'baselineCreatinine.value'],
    [{ baselineCreatinine: { value: 5, unit: 'µmol/L' } }, 'baselineCreatinine.value'],
    [{ baselineCreatinine: { value: 0.9, unit: 'mmol/L' } }, 'baselineCreatinine.unit'],
    [{ baselineCreatinine: { value: 0.9 } }, 'baselineCreatinine.unit'],
    [{ baselineCreatinine: 0.9 }, 'baselineCreatinine'],
    [{ calcium: { value: 12, unit: 'mmol/L' } }, 'calcium.value'],
    [{ calcium: { value: -1, unit: 'mg/dL' } }, 'calcium.value'],
    [{ albumin: { value: 29, unit: 'g/dL' } }, 'albumin.value'],
    [{ albumin: { value: 2.9, unit: 'mg/dL' } }, 'albumin.unit'],
    [{ pdl1Cps: 120 }, 'pdl1Cps'],
    [{ priorLinesForMetastatic: 1.5 }, 'priorLinesForMetastatic'],
    [{ her2: 'equivocal' }, 'her2'],
    [{ metastaticSites: ['bone', 'kidney'] }, 'metastaticSites.1'],
    [{ boneLesions: [{ site: 'femur' }] }, 'boneLesions.0.site'],
    [{ boneLesions: [{ site: 'lower-limb', corticalInvolvement: 1.5 }] }, 'boneLesions.0.corticalInvolvement'],
    [{ spine: { location: 'junctional' } }, 'spine.pain'],
    [{ sinsScore: 19 }, 'sinsScore'],
    [{ mirelsScore: 3 }, 'mirelsScore'],
    [{ fitForSurgery: 'no' }, 'fitForSurgery'],
    [{ creatinineClearanceOnTreatment: 900 }, 'creatinineClearanceOnTreatment'],
    [{ creatinineClearanceOnTreatment: 0 }, 'creatinineClearanceOnTreatment'],
  ])('rejects %j naming %s', (input, path) => {
    expect(issuesOf(input).map((issue) => issue.path)).toContain(path);
  });

  it('rejects unknown fields by name', () => {
    const issues = issuesOf({ age: 60, favouriteColour: 'blue' });
    expect(issues[0]?.message).toMatch(/favouriteColour/);
  });

  it('reports every bad field at once', () => {
    const paths = issuesOf({ age: 300, weightKg: -1, creatinine: { value: 0, unit: 'mg/dL' } }).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['age', 'weightKg', 'creatinine.value']));
  });
});

describe('the case of POST /v1/chat', () => {
  it('rejects an impossible baseline creatinine with a 400 naming case.baselineCreatinine', () => {
    for (const [baselineCreatinine, path, message] of [
      [{ value: 45, unit: 'mg/dL' }, 'case.baselineCreatinine.value', /outside the possible range \(0\.1–30 mg\/dL\)/],
      [{ value: 0.9, unit: 'mg/L' }, 'case.baselineCreatinine.unit', /must be one of mg\/dL, µmol\/L/],
    ] as const) {
      const error = (() => {
        try {
          caseFromBody({ baselineCreatinine });
        } catch (caught) {
          return caught;
        }
        throw new Error('expected the case to be rejected');
      })();
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(400);
      expect((error as AppError).issues).toEqual([{ path, message: expect.stringMatching(message) }]);
    }
  });

  it('accepts a baseline creatinine beside the current one', () => {
    expect(caseFromBody({ creatinine: { value: 132, unit: 'µmol/L' }, baselineCreatinine: { value: 80, unit: 'µmol/L' } })).toEqual({
      creatinineMgPerDl: 1.493,
      baselineCreatinineMgPerDl: 0.905,
    });
  });
});
