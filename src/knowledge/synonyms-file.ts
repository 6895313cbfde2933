import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { SynonymGroup } from '../domain/types.js';
import type { Problem } from './problem.js';

export const SYNONYM_FILE_NAMES = ['synonyms.yaml', 'synonyms.yml', 'synonyms.json'];

const synonymFileSchema = z.strictObject({
  groups: z.array(
    z.array(z.string().trim().min(1, 'must not be an empty term')).min(2, 'must list at least two terms'),
  ),
});

/** Parses a synonyms file: `groups:` then lists of terms that mean the same thing. */
export function parseSynonyms(file: string, content: string): { groups: SynonymGroup[]; problems: Problem[] } {
  let data: unknown;
  try {
    data = file.endsWith('.json') ? JSON.parse(content) : parseYaml(content, { schema: 'core', customTags: [] });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'unreadable';
    return { groups: [], problems: [{ file, reason: `cannot be parsed: ${reason}`, severity: 'error' }] };
  }
  const result = synonymFileSchema.safeParse(data ?? {});
  if (!result.success) {
    return {
      groups: [],
      problems: result.error.issues.map((issue) => ({
        file,
        field: issue.path.join('.') || 'groups',
        reason: issue.message,
        severity: 'error' as const,
      })),
    };
  }
  return { groups: result.data.groups, problems: [] };
}
