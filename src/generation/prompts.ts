import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFString, renderTemplate } from '@langchain/core/prompts';
import { AppError, type ErrorIssue } from '../errors.js';

/** Each prompt file and the `{variables}` it must use: no more, no fewer. */
export const PROMPT_VARIABLES = {
  system: ['audience_instructions', 'answer_shape'],
  professional: [],
  patient: ['reading_grade'],
  'answer-shape': [],
  draft: ['question', 'focus', 'sources', 'findings'],
  repair: ['question', 'focus', 'sources', 'findings', 'draft', 'failures'],
  rewrite: ['history', 'message'],
  'red-flags': ['concepts', 'message'],
} as const satisfies Record<string, readonly string[]>;

export type PromptName = keyof typeof PROMPT_VARIABLES;
export type PromptValues<Name extends PromptName> = Record<(typeof PROMPT_VARIABLES)[Name][number], string>;

export type LoadedPrompt<Name extends PromptName> = {
  name: Name;
  file: string;
  render(values: PromptValues<Name>): string;
};

export type Prompts = { [Name in PromptName]: LoadedPrompt<Name> };

function variablesOf(template: string): string[] {
  return [...new Set(parseFString(template).flatMap((node) => (node.type === 'variable' && node.name ? [node.name] : [])))];
}

/**
 * Reads and checks the prompt templates (`{name}` variables, `{{` for a literal brace) at start-up.
 * A missing file, an unparseable template, or a variable missing or unknown is an error naming
 * the file and the variable, so a broken prompt never reaches a request.
 */
export async function loadPrompts(directory: string): Promise<Prompts> {
  const issues: ErrorIssue[] = [];
  const loaded: Partial<Record<PromptName, LoadedPrompt<PromptName>>> = {};
  for (const [name, expected] of Object.entries(PROMPT_VARIABLES) as Array<[PromptName, readonly string[]]>) {
    const file = join(directory, `${name}.md`);
    let template: string;
    try {
      template = await readFile(file, 'utf8');
    } catch {
      issues.push({ path: file, message: 'prompt file is missing or unreadable' });
      continue;
    }
    let found: string[];
    try {
      found = variablesOf(template);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : 'cannot be parsed';
      issues.push({ path: file, message: `template cannot be parsed (${reason}); write {{ and }} for literal braces` });
      continue;
    }
    for (const variable of expected) {
      if (!found.includes(variable)) issues.push({ path: file, message: `missing variable {${variable}}` });
    }
    for (const variable of found) {
      if (!expected.includes(variable)) {
        issues.push({ path: file, message: `unknown variable {${variable}}; expected ${expected.length ? expected.map((v) => `{${v}}`).join(', ') : 'none'}` });
      }
    }
    loaded[name] = {
      name,
      file,
      render: (values) => renderTemplate(template, 'f-string', values as Record<string, string>).trim(),
    };
  }
  if (issues.length > 0) {
    const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new AppError('internal', `Invalid prompts: ${summary}`, issues);
  }
  return loaded as Prompts;
}
