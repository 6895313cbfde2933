import { z } from 'zod';
import { FACT_NAMES, type FactName } from './fact-view.js';

const factName = z.string().refine((name): name is FactName => Object.hasOwn(FACT_NAMES, name), {
  message: `must name a known fact (${Object.keys(FACT_NAMES).join(', ')})`,
});
const scalar = z.union([z.string(), z.number(), z.boolean()]);

export type FactTest = {
  fact: FactName;
  equals?: string | number | boolean;
  in?: Array<string | number>;
  includes?: string; // the fact is a list that holds this value
  atLeast?: number;
  atMost?: number;
  above?: number;
  below?: number;
  exists?: boolean;
};
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | FactTest;

const OPERATORS = ['equals', 'in', 'includes', 'atLeast', 'atMost', 'above', 'below', 'exists'] as const;

const factTestSchema = z
  .strictObject({
    fact: factName,
    equals: scalar.optional(),
    in: z.array(z.union([z.string(), z.number()])).min(1).optional(),
    includes: z.string().optional(),
    atLeast: z.number().optional(),
    atMost: z.number().optional(),
    above: z.number().optional(),
    below: z.number().optional(),
    exists: z.boolean().optional(),
  })
  .refine((test) => OPERATORS.some((operator) => test[operator] !== undefined), {
    message: `must test the fact with at least one of ${OPERATORS.join(', ')}`,
  });

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
    factTestSchema,
  ]),
) as z.ZodType<Condition>;

const passageId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*#[a-z0-9-]+-\d+$/, 'must be a passage id written docId#section-slug-n');

export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case'),
  title: z.string().trim().min(1).max(120),
  indicator: z.enum(['info', 'warning', 'critical']),
  when: conditionSchema,
  /** One self-contained sentence; `{factName}` inserts a fact's value (the fact then also appears in the result). */
  summary: z
    .string()
    .trim()
    .min(10)
    .max(400)
    .refine((text) => /[.!?]$/.test(text), 'must be one sentence ending with a full stop')
    .refine((text) => !/[.!?]\s+[A-Z]/.test(text.replace(/\b(?:e\.g|i\.e|vs|approx)\.\s/gi, '')), 'must be a single sentence'),
  result: z.record(z.string(), scalar).optional(),
  passages: z.array(passageId).min(1, 'must cite at least one knowledge passage'),
});

export type RuleDefinition = z.infer<typeof ruleSchema>;
/** A rule as loaded: its definition and the file it came from (for problem reports). */
export type Rule = RuleDefinition & { file: string };

/** The shape of a rules file; each entry is then checked against `ruleSchema` on its own. */
export const rulesFileSchema = z.strictObject({
  rules: z.array(z.unknown()).min(1, 'must hold at least one rule'),
});
