import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { KnowledgeBase } from '../domain/types.js';
import type { Problem } from '../knowledge/problem.js';
import { ruleSchema, rulesFileSchema, type Rule } from './rule-schema.js';
import { checkRules, createRulesEngine, RulesError, type RulesEngine } from './rules-engine.js';

const RULE_FILE = /\.(?:ya?ml|json)$/;

/** Parses one rules file (YAML or JSON); problems name the file and, where known, the rule id. */
export function parseRulesFile(file: string, content: string): { rules: Rule[]; problems: Problem[] } {
  let data: unknown;
  try {
    // Plain data only: no custom tags, so a rules file can never run code.
    data = parseYaml(content, { schema: 'core', customTags: [] });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'unreadable';
    return { rules: [], problems: [{ file, reason: `is not valid YAML or JSON: ${reason}`, severity: 'error' }] };
  }
  const parsed = rulesFileSchema.safeParse(data ?? {});
  if (!parsed.success) {
    return {
      rules: [],
      problems: parsed.error.issues.map((issue) => ({ file, field: issue.path.map(String).join('.') || 'file', reason: issue.message, severity: 'error' as const })),
    };
  }
  // Each rule is checked on its own, so one broken rule does not hide the problems of the others.
  const rules: Rule[] = [];
  const problems: Problem[] = [];
  parsed.data.rules.forEach((entry, index) => {
    const result = ruleSchema.safeParse(entry);
    if (result.success) {
      rules.push({ ...result.data, file });
      return;
    }
    const id = (entry as { id?: unknown } | null)?.id;
    const name = typeof id === 'string' ? `rule "${id}"` : `rules[${index}]`;
    for (const issue of result.error.issues) {
      const detail = issue.path.map(String).join('.');
      problems.push({ file, field: detail ? `${name} ${detail}` : name, reason: issue.message, severity: 'error' });
    }
  });
  return { rules, problems };
}

/** Reads every rules file of a folder and checks it against the knowledge base; never throws for bad content. */
export async function inspectRules(dir: string, knowledge: KnowledgeBase): Promise<{ rules: Rule[]; problems: Problem[] }> {
  let files: string[];
  try {
    files = (await readdir(dir, { recursive: true }))
      .map((name) => String(name).split(path.sep).join('/'))
      .filter((name) => RULE_FILE.test(name))
      .sort();
  } catch {
    return { rules: [], problems: [{ file: dir, reason: 'cannot be read as a folder', severity: 'error' }] };
  }
  const rules: Rule[] = [];
  const problems: Problem[] = [];
  for (const name of files) {
    const file = path.join(dir, name).split(path.sep).join('/');
    const parsed = parseRulesFile(file, await readFile(path.join(dir, name), 'utf8'));
    rules.push(...parsed.rules);
    problems.push(...parsed.problems);
  }
  if (files.length === 0) problems.push({ file: dir, reason: 'holds no rules files (*.yaml, *.yml, *.json)', severity: 'error' });
  problems.push(...checkRules(rules, knowledge));
  return { rules, problems };
}

/** Loads the rules folder for serving; throws a `RulesError` listing every problem by file and rule id. */
export async function loadRules(dir: string, knowledge: KnowledgeBase): Promise<RulesEngine> {
  const { rules, problems } = await inspectRules(dir, knowledge);
  if (problems.length > 0) throw new RulesError(problems);
  return createRulesEngine({ rules, knowledge });
}
