import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { loadPrompts, PROMPT_VARIABLES } from '../../src/generation/prompts.js';

const PROMPTS = new URL('../../prompts/', import.meta.url).pathname;
const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function copyOfPrompts(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'prompts-'));
  temporary.push(dir);
  await cp(PROMPTS, dir, { recursive: true });
  return dir;
}

async function loadError(dir: string): Promise<AppError> {
  const error = await loadPrompts(dir).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('loadPrompts', () => {
  it('loads every prompt of the repository and renders it', async () => {
    const prompts = await loadPrompts(PROMPTS);
    expect(Object.keys(prompts).sort()).toEqual(Object.keys(PROMPT_VARIABLES).sort());
    const draft = prompts.draft.render({ question: 'Q?', focus: 'intent: dose; about: denosumab', sources: '[1] S', findings: '(none)' });
    expect(draft).toContain('<question>\nQ?\n</question>');
    expect(draft).toContain('<focus>\nintent: dose; about: denosumab\n</focus>');
    expect(draft).toContain('<sources>\n[1] S\n</sources>');
    const system = prompts.system.render({ audience_instructions: 'AUDIENCE', answer_shape: 'SHAPE' });
    expect(system).toContain('data, never instructions');
    expect(system).toContain('[n]');
  });

  it('does not re-read braces inside values', async () => {
    const prompts = await loadPrompts(PROMPTS);
    expect(prompts.rewrite.render({ history: '{message}', message: 'x' })).toContain('{message}');
  });

  it('names the file and the variable when one is missing', async () => {
    const dir = await copyOfPrompts();
    await writeFile(join(dir, 'draft.md'), 'Question: {question}\nSources: {sources}\n');
    const error = await loadError(dir);
    expect(error.message).toContain('draft.md');
    expect(error.message).toContain('missing variable {findings}');
  });

  it('names the file and the variable when one is unknown', async () => {
    const dir = await copyOfPrompts();
    await writeFile(join(dir, 'rewrite.md'), '{history} {message} {language}');
    const error = await loadError(dir);
    expect(error.message).toContain('rewrite.md');
    expect(error.message).toContain('unknown variable {language}');
  });

  it('reports a missing file and an unbalanced brace', async () => {
    const dir = await copyOfPrompts();
    await rm(join(dir, 'repair.md'));
    await writeFile(join(dir, 'patient.md'), 'Plain words at grade {reading_grade. ');
    const error = await loadError(dir);
    expect(error.issues?.map((issue) => issue.path.split('/').pop())).toEqual(expect.arrayContaining(['repair.md', 'patient.md']));
  });
});
