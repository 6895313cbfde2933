import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { VALIDATION_CHECKS } from '../../src/validation/validation-checks.js';

const sourceSchema = z.object({
  n: z.number().int().positive(),
  kind: z.enum(['passage', 'finding']),
  id: z.string(),
  title: z.string(),
  text: z.string(),
});
const findingSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  indicator: z.enum(['info', 'warning', 'critical']),
  inputs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  result: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  passageIds: z.array(z.string()),
});
const sourceSetSchema = z.strictObject({ sources: z.array(sourceSchema).min(1), findings: z.array(findingSchema) });


const common = {
  name: z.string(),
  /** What the reply probes (title, heading, swapped-dose …); the first 93 replies are "original". */
  channel: z.string().default('original'),
  expect: z.enum(['pass', 'fail']),
  /** Kept out of tuning: the validator was not adjusted to these replies. */
  heldOut: z.boolean().default(false),
};
const draftFields = {
  ...common,
  /** Either the sources inline or the name of a file in source-sets/. */
  sources: z.array(sourceSchema).min(1).optional(),
  findings: z.array(findingSchema).optional(),
  sourceSet: z.string().optional(),
  audience: z.enum(['patient', 'professional']),
  reply: z.string(),
  check: z.enum(VALIDATION_CHECKS).optional(),
};
const replySchema = z.discriminatedUnion('kind', [
  /** A whole draft, validated at once. */
  z.strictObject({ kind: z.literal('draft').default('draft'), ...draftFields }),
  /** A draft streamed in deltas of `chunk` characters: `planted` must never be released. */
  z.strictObject({ kind: z.literal('stream'), ...draftFields, chunk: z.number().int().positive(), planted: z.string().optional() }),
  /** A model rewrite of a follow-up: "pass" means it is accepted as the standalone question. */
  z.strictObject({ kind: z.literal('rewrite'), ...common, history: z.array(z.string()).min(1), message: z.string(), rewrite: z.string() }),
]);

type Sources = z.infer<typeof sourceSetSchema>;
type Parsed = z.infer<typeof replySchema>;
export type ScriptedDraft = Extract<Parsed, { kind: 'draft' | 'stream' }> & Sources & { file: string };
export type ScriptedRewrite = Extract<Parsed, { kind: 'rewrite' }> & { file: string };
export type ScriptedReply = ScriptedDraft | ScriptedRewrite;

export const REPLY_DIRECTORY = fileURLToPath(new URL('../fixtures/model-replies/', import.meta.url));

/** The scripted model replies with their expected verdicts (test/fixtures/model-replies/*.json). */
export function loadReplyCorpus(directory = REPLY_DIRECTORY): ScriptedReply[] {
  const sourceSets = new Map<string, Sources>();
  const sourceSet = (name: string): Sources => {
    let set = sourceSets.get(name);
    if (!set) {
      set = sourceSetSchema.parse(JSON.parse(readFileSync(join(directory, 'source-sets', `${name}.json`), 'utf8')));
      sourceSets.set(name, set);
    }
    return set;
  };
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file): ScriptedReply => {
      const raw = JSON.parse(readFileSync(join(directory, file), 'utf8')) as Record<string, unknown>;
      const parsed = replySchema.parse({ kind: 'draft', ...raw });
      if (parsed.kind === 'rewrite') return { ...parsed, file };
      const { sourceSet: setName, sources, findings, ...rest } = parsed;
      const resolved = setName ? sourceSet(setName) : sources ? { sources, findings: findings ?? [] } : undefined;
      if (!resolved) throw new Error(`${file}: give "sources" or "sourceSet"`);
      return { ...rest, ...resolved, file };
    });
}

export function isDraft(reply: ScriptedReply): reply is ScriptedDraft {
  return reply.kind !== 'rewrite';
}
