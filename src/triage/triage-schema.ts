import { z } from 'zod';

/** The name of the file of shared words in a triage folder; every other *.yaml file there is one concept. */
export const WORDS_FILE = 'words.yaml';

export const ALERT_LEVELS = ['immediate', 'same-day', 'information'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];
/** How urgent each level is, for comparing levels; `none` is a corpus phrasing that expects no alert. */
export const URGENCY: Record<AlertLevel | 'none', number> = { immediate: 3, 'same-day': 2, information: 1, none: 0 };

/** The kinds of scope a concept can honour; a crisis concept honours negation only. */
export const SCOPES = ['negation', 'hypothetical', 'past', 'informational', 'no-cancer'] as const;
export type Scope = (typeof SCOPES)[number];

/** Signs computed from numbers rather than matched as phrases; a concept switches them on with `readings`. */
export const READINGS = ['temperature', 'high-calcium', 'severe-calcium'] as const;

const name = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case');
const phrases = z.array(z.string().min(1)).min(1, 'must list at least one phrase');
const passageId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*#[a-z0-9-]+-\d+$/, 'must be a passage id written docId#section-slug-n');

export type Condition = string | { any: Condition[] } | { all: Condition[] } | { atLeast: number; of: Condition[] };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    name,
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ atLeast: z.number().int().min(1), of: z.array(conditionSchema).min(1) }),
  ]),
) as z.ZodType<Condition>;

const wordingSchema = z.strictObject({
  text: z
    .string()
    .trim()
    .min(20)
    .max(600)
    .refine((text) => /^[A-Z].*[.]$/s.test(text), 'must be whole sentences, starting with a capital and ending with a full stop'),
  /** The passages the text rests on; a crisis notice that gives no clinical advice may cite none. */
  passages: z.array(passageId),
});

const questionText = z
  .string()
  .trim()
  .min(10)
  .max(200)
  .refine((text) => text.endsWith('?'), 'must be a question ending with "?"');

const alertSchema = z.strictObject({
  title: z.string().trim().min(3).max(100),
  patient: wordingSchema,
  professional: wordingSchema,
});

export const conceptFileSchema = z
  .strictObject({
    id: name,
    /** What the concept means, in one sentence: the model that gives a second opinion reads it. */
    description: z.string().trim().min(20).max(400),
    /** Alerts are listed in this order (lowest first) when several concepts fire. */
    priority: z.number().int().min(0),
    scopes: z.array(z.enum(SCOPES)).default([...SCOPES]),
    /** Concepts whose alert already covers this one: when one of them fires, this one is left out. */
    yieldsTo: z.array(name).default([]),
    terms: z.record(name, phrases).default({}),
    /** Phrases that name the condition itself ("cord compression"): a report when asserted, else a topic of a question. */
    topic: z.array(z.string().min(1)).default([]),
    signs: z.record(name, phrases).refine((signs) => Object.keys(signs).length > 0, 'must define at least one sign'),
    /**
     * Per sign, phrases that name another cause of it: a sign in a sentence that also holds one counts for
     * nothing ("fingers and feet still numb from the chemo" is the nerve damage of chemotherapy, not the spinal cord).
     */
    explainedBy: z.record(name, phrases).default({}),
    /**
     * Phrases of another complaint the learned reader mistakes for this concept ("breathless walking up the
     * stairs" read as cord compression): a message holding one gets no alert of it from the reader alone.
     */
    notForReader: phrases.optional(),
    /**
     * Words one of which a message must hold for the learned reader alone to raise this concept: the body parts
     * and functions its signs speak of. A toothache holds none of a cord compression's.
     */
    readerNeeds: phrases.optional(),
    readings: z
      .strictObject({
        temperature: z.strictObject({ celsius: z.number().min(36).max(42), fahrenheit: z.number().min(96).max(108) }).optional(),
        /** A stated calcium above the reference range, corrected for albumin when albumin is given. */
        'high-calcium': z.literal(true).optional(),
        /** A stated calcium above 14 mg/dL (3.5 mmol/L). */
        'severe-calcium': z.literal(true).optional(),
      })
      .default({}),
    levels: z
      .strictObject({ immediate: conditionSchema.optional(), 'same-day': conditionSchema.optional(), information: conditionSchema.optional() })
      .refine((levels) => Object.keys(levels).length > 0, 'must define at least one level'),
    alerts: z.strictObject({ immediate: alertSchema.optional(), 'same-day': alertSchema.optional(), information: alertSchema.optional() }),
    /**
     * The question a report of this emergency asks, per audience: when a message reports the emergency
     * and asks nothing else, the answer after the urgent guidance is the answer to this question.
     */
    question: z.strictObject({ patient: questionText.optional(), professional: questionText.optional() }).default({}),
  })
  .superRefine((concept, context) => {
    for (const level of ALERT_LEVELS) {
      if ((concept.levels[level] === undefined) !== (concept.alerts[level] === undefined)) {
        context.addIssue({ code: 'custom', path: ['alerts', level], message: `every level needs an alert and every alert a level ("${level}" has only one)` });
      }
    }
  });

export type ConceptFile = z.infer<typeof conceptFileSchema>;

export const wordsFileSchema = z.strictObject({
  /** Misspellings and shorthand, rewritten to the spelling on the left before any phrase is matched. */
  spellings: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).default({}),
  terms: z.record(name, phrases).default({}),
  scope: z.strictObject({
    /** Words that make what follows in the sentence hypothetical ("what if", "in case"). */
    hypothetical: phrases,
    /** Sentence openers that make the whole sentence hypothetical ("if", "suppose"). */
    hypotheticalOpeners: phrases,
    /** Distant past ("last year", "years ago"), read in the sign's own clause; recent past ("this morning") is a report. */
    past: phrases,
    /** A sign that is over or long-standing ("back to normal", "for years"), read anywhere in its sentence. */
    settled: phrases.optional(),
    /** Words that keep a sign current despite a past cue ("still", "again"). */
    present: phrases,
    /** Sentence openers of a question ("what", "how", "can"). */
    questionOpeners: phrases,
    /** Question forms that report a symptom rather than ask about a topic ("is it normal to"). */
    reportFrames: phrases,
    /** Words that refer to a particular person ("i", "my", "mum", "the patient"). */
    personal: phrases,
    /** Frames that make a named condition the topic of a question ("signs of", "worried about"). */
    topicFrames: phrases,
    /** Frames that, following a sign in its sentence, make it asked about ("numbness down below can be a warning sign - is that true?"). */
    askingFrames: phrases.optional(),
    /**
     * Words of a sentence that claim as the person's own now the sign the question before it asked about in general
     * ("Is new leg weakness expected after RT? She has noticed it since this morning."): the question is a report.
     */
    ownedAfter: phrases.optional(),
    /** A person said to have no cancer ("my husband (no cancer)"): signs stated of them are not red flags. */
    noCancer: phrases,
    /** Cancer or its treatment named: a sentence that names it is about a person with cancer after all. */
    cancerNamed: phrases,
    /** Words that assert a named condition in a person ("diagnosed with", "suspected"). */
    assertions: phrases,
  }),
});

export type WordsFile = z.infer<typeof wordsFileSchema>;
