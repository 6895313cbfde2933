import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Problem } from './problem.js';

const isoDate = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'));

export const frontMatterSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single hyphens)'),
  title: z.string().trim().min(1, 'must not be empty'),
  type: z.enum(['guideline', 'consensus', 'drug-label', 'trial', 'review', 'patient-information']),
  publisher: z.string().trim().min(1, 'must not be empty'),
  source: z.string().trim().min(1, 'must name the source the document summarises'),
  year: z.number().int().min(1900).max(2100),
  url: z.url().optional(),
  audience: z.enum(['professional', 'patient', 'both']),
  topics: z.array(z.string().trim().min(1)).min(1, 'must list at least one topic'),
  review: z.strictObject({
    status: z.enum(['submitted', 'under-review', 'approved']),
    by: z.string().trim().min(1).optional(),
    date: isoDate.optional(),
    hash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be "sha256:" followed by 64 hex digits').optional(),
  }),
  updated: isoDate,
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** The front matter block: `---`, YAML, `---` at the top of a file; group 1 is the YAML. */
export const FRONT_MATTER_FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits a markdown file into validated front matter and body, or returns the problems found. */
export function parseFrontMatter(
  file: string,
  content: string,
): { frontMatter: FrontMatter; body: string } | { problems: Problem[] } {
  const fence = FRONT_MATTER_FENCE.exec(content);
  if (!fence) {
    return { problems: [{ file, reason: 'has no front matter (a block between --- lines at the top)', severity: 'error' }] };
  }
  let data: unknown;
  try {
    // Plain YAML only: no custom tags, so front matter can never run code.
    data = parseYaml(fence[1] ?? '', { schema: 'core', customTags: [] });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'unreadable';
    return { problems: [{ file, field: 'front matter', reason: `is not valid YAML: ${reason}`, severity: 'error' }] };
  }
  const result = frontMatterSchema.safeParse(data ?? {});
  if (!result.success) {
    return {
      problems: result.error.issues.map((issue) => ({
        file,
        field: issue.path.join('.') || 'front matter',
        reason: issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? 'is missing' : issue.message,
        severity: 'error' as const,
      })),
    };
  }
  return { frontMatter: result.data, body: content.slice(fence[0].length) };
}
