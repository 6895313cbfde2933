import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

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
const replySchema = z.strictObject({
  name: z.string(),
  sources: z.array(sourceSchema).min(1),
  findings: z.array(findingSchema),
  audience: z.enum(['patient', 'professional']),
  reply: z.string(),
  expect: z.enum(['pass', 'fail']),
  check: z.enum(['citation', 'support', 'number', 'contradiction', 'unknown-source', 'reading-level']).optional(),
});

export type ScriptedReply = z.infer<typeof replySchema> & { file: string };

export const REPLY_DIRECTORY = fileURLToPath(new URL('../fixtures/model-replies/', import.meta.url));

/** The scripted model replies with their expected verdicts (test/fixtures/model-replies/*.json). */
export function loadReplyCorpus(directory = REPLY_DIRECTORY): ScriptedReply[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ ...replySchema.parse(JSON.parse(readFileSync(join(directory, file), 'utf8'))), file }));
}
