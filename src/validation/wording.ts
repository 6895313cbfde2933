import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

const WORDING_FILE = fileURLToPath(new URL('./wording.yaml', import.meta.url));

const word = z.string().trim().min(1, 'must not be empty').regex(/^[a-z][a-z' -]*$/, 'must be lower-case words');
const wordingSchema = z.strictObject({
  meaning: z.array(z.array(word).min(1, 'a family needs at least one word')).min(1),
  neutralHeading: z.array(word).min(1),
  rewriteFrame: z.array(word).min(1),
});

export type Wording = z.infer<typeof wordingSchema>;

/** Reads and checks a wording file; a bad one is reported with the file, field and reason. */
export function loadWording(file: string = WORDING_FILE): Wording {
  const parsed = wordingSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new Error(`${file}: ${issue.path.join('.') || '(file)'} ${issue.message}`);
}

/** The validation word lists, read once. */
export const WORDING: Wording = loadWording();
