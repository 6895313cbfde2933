import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { AnswerGuide, AnswerPlan, Concept, IntentCues, ScopeDeclaration } from '../domain/types.js';
import type { Problem } from './problem.js';

// The data files of a knowledge folder that guide question analysis and answer planning. Each is
// optional: a folder without them answers from retrieval alone.
export const GUIDE_FILE_NAMES = {
  vocabulary: 'vocabulary.yaml',
  scope: 'scope.yaml',
  intents: 'intents.yaml',
  questions: 'questions.yaml',
  plans: 'answer-plans.yaml',
} as const;

const CONCEPT_TYPES = ['drug', 'drug-class', 'condition', 'subtype', 'biomarker', 'procedure', 'trial', 'population', 'setting', 'measure'] as const;
const INTENTS = ['dose', 'taken-with', 'choice', 'who', 'management', 'adverse-effects', 'definition', 'duration', 'monitoring', 'results', 'prognosis', 'when-to-seek-help', 'reason'] as const;

const text = z.string().trim().min(1, 'must not be empty');
const perAudience = z.strictObject({ professional: text, patient: text });

const vocabularySchema = z.strictObject({
  unknownDrugEndings: z.array(z.string().trim().regex(/^[a-z]+$/, 'must be a lower-case word ending')).default([]),
  concepts: z.array(
    z.strictObject({
      name: text,
      type: z.enum(CONCEPT_TYPES),
      terms: z.array(text).default([]),
      within: z.array(text).default([]),
      for: z.array(text).default([]),
      sideEffect: z.boolean().default(false),
      perMedicine: z.boolean().default(false),
    }),
  ),
});

const scopeSchema = z.strictObject({
  covers: perAudience,
  background: z.array(text).default([]),
  notCovered: z.array(z.strictObject({ concept: text, say: text, exceptWith: z.array(text).default([]), exceptWithWords: z.array(text).default([]), history: z.boolean().default(false), comorbidity: z.boolean().default(false), apart: z.boolean().default(false) })).default([]),
  historyCues: z.array(text).default([]),
});

const intentsSchema = z.strictObject({
  intents: z.array(
    z.strictObject({ intent: z.enum(INTENTS), expansion: text.optional(), cues: z.array(text).min(1), answerCues: z.array(text).default([]), secondaryCues: z.array(text).default([]) }),
  ),
  caseCues: z.array(text).default([]),
  pitfallCues: z.array(text).default([]),
  sideEffectCues: z.array(text).default([]),
  harmCues: z.array(text).default([]),
  contextCues: z.array(text).default([]),
  contextOpeners: z.array(text).default([]),
  priorCues: z.array(text).default([]),
  absentCues: z.array(text).default([]),
});

const questionsSchema = z.strictObject({
  sections: z.record(
    z.string().regex(/^[a-z0-9-]+#[a-z0-9-]+$/, 'must be a section key written docId#section-slug'),
    z.array(text.refine((question) => question.endsWith('?'), 'must be a question ending in "?"')).min(1),
  ),
});

const plansSchema = z.strictObject({
  wholeSections: z.array(text).default([]),
  pointerCues: z.array(text).default([]),
  lessUrgentCues: z.array(text).default([]),
  notBesideAlerts: z.record(text, z.array(text).min(1)).default({}),
  limitationCues: z.array(text).default([]),
  plans: z
    .array(
      z.strictObject({
        id: text,
        title: perAudience,
        // A plan whose facets only professional text can fill is not offered to patients.
        audiences: z.array(z.enum(['professional', 'patient'])).min(1).default(['professional', 'patient']),
        intents: z.array(z.enum([...INTENTS, 'general'])).min(1),
        concepts: z.array(text).min(1),
        orUnnamed: z.boolean().default(false),
        unless: z.array(z.enum(CONCEPT_TYPES)).default([]),
        broadWords: z.array(text).default([]),
        askingCues: z.array(text).default([]),
        onlyByCue: z.boolean().default(false),
        wholeListCues: z.array(text).default([]),
        facets: z
          .array(
            z.strictObject({
              heading: perAudience,
              query: text,
              patientQuery: text.optional(),
              concepts: z.array(text).default([]),
              documents: z.array(text).default([]),
              sections: z.array(text).default([]),
              quotesQuestions: z.boolean().default(false),
              subtype: text.optional(),
              max: z.number().int().min(1).max(5).default(1),
              lead: z.boolean().default(false),
              requireDose: z.boolean().default(false),
            }),
          )
          .min(1),
      }),
    )
    .default([]),
});

export type GuideFileKind = keyof typeof GUIDE_FILE_NAMES;

export function guideFileKind(fileName: string): GuideFileKind | undefined {
  return (Object.keys(GUIDE_FILE_NAMES) as GuideFileKind[]).find((kind) => GUIDE_FILE_NAMES[kind] === fileName);
}

export function emptyGuide(): AnswerGuide {
  return { concepts: [], unknownDrugEndings: [], intents: [], caseCues: [], pitfallCues: [], sideEffectCues: [], harmCues: [], contextCues: [], contextOpeners: [], priorCues: [], absentCues: [], sectionQuestions: {}, wholeSections: [], pointerCues: [], lessUrgentCues: [], notBesideAlerts: {}, limitationCues: [], plans: [] };
}

function parseWith<T>(file: string, content: string, schema: z.ZodType<T>): { data?: T; problems: Problem[] } {
  let raw: unknown;
  try {
    raw = parseYaml(content, { schema: 'core', customTags: [] });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'unreadable';
    return { problems: [{ file, reason: `cannot be parsed: ${reason}`, severity: 'error' }] };
  }
  const result = schema.safeParse(raw ?? {});
  if (!result.success) {
    return {
      problems: result.error.issues.map((issue) => ({ file, field: issue.path.join('.') || 'file', reason: issue.message, severity: 'error' as const })),
    };
  }
  return { data: result.data, problems: [] };
}

/** Reads one guide file into the guide; the concepts' terms are completed later from the synonyms. */
export function readGuideFile(kind: GuideFileKind, file: string, content: string, guide: AnswerGuide): Problem[] {
  switch (kind) {
    case 'vocabulary': {
      const { data, problems } = parseWith(file, content, vocabularySchema);
      if (data) {
        guide.concepts = data.concepts.map((concept): Concept => ({ ...concept, terms: [concept.name, ...concept.terms] }));
        guide.unknownDrugEndings = data.unknownDrugEndings;
      }
      return problems;
    }
    case 'scope': {
      const { data, problems } = parseWith(file, content, scopeSchema);
      if (data) guide.scope = data satisfies ScopeDeclaration;
      return problems;
    }
    case 'intents': {
      const { data, problems } = parseWith(file, content, intentsSchema);
      if (data) {
        guide.intents = data.intents.map(({ expansion, ...entry }) => ({ ...entry, expansion: expansion ?? '' })) satisfies IntentCues[];
        guide.caseCues = data.caseCues;
        guide.pitfallCues = data.pitfallCues;
        guide.sideEffectCues = data.sideEffectCues;
        guide.harmCues = data.harmCues;
        guide.contextCues = data.contextCues;
        guide.contextOpeners = data.contextOpeners;
        guide.priorCues = data.priorCues;
        guide.absentCues = data.absentCues;
      }
      return problems;
    }
    case 'questions': {
      const { data, problems } = parseWith(file, content, questionsSchema);
      if (data) guide.sectionQuestions = data.sections;
      return problems;
    }
    case 'plans': {
      const { data, problems } = parseWith(file, content, plansSchema);
      if (data) {
        guide.wholeSections = data.wholeSections;
        guide.pointerCues = data.pointerCues;
        guide.lessUrgentCues = data.lessUrgentCues;
        guide.notBesideAlerts = data.notBesideAlerts;
        guide.limitationCues = data.limitationCues;
        guide.plans = data.plans.map(
          (plan): AnswerPlan => ({
            ...plan,
            facets: plan.facets.map(({ subtype, patientQuery, ...facet }) => ({
              ...facet,
              query: { professional: facet.query, patient: patientQuery ?? facet.query },
              ...(subtype ? { subtype } : {}),
            })),
          }),
        );
      }
      return problems;
    }
  }
}
