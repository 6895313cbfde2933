import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = path.join('src', 'cli', 'rules-check.ts');
const TSX = path.join('node_modules', '.bin', 'tsx');

async function check(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [CLI, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run rules:check', () => {
  it('passes for the shipped rules and knowledge, property check included', async () => {
    const result = await check('rules', 'knowledge');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/8 triage files in knowledge\/triage\//);
    expect(result.stdout).toMatch(/No contradictory findings and every band edge toward caution in \d+ generated cases\. No problems\./);
  });

  it('fails with triage data problems listed by file and field', async () => {
    const knowledge = await mkdtemp(path.join(tmpdir(), 'rules-check-'));
    try {
      await cp('test/rules/fixtures/knowledge', knowledge, { recursive: true });
      await mkdir(path.join(knowledge, 'triage'));
      await cp('knowledge/triage/words.yaml', path.join(knowledge, 'triage', 'words.yaml'));
      await cp('knowledge/triage/pathological-fracture.yaml', path.join(knowledge, 'triage', 'pathological-fracture.yaml'));
      await writeFile(path.join(knowledge, 'triage', 'broken.yaml'), 'id: broken\n');
      const result = await check('test/rules/fixtures/rules-valid', knowledge);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${knowledge}/triage/pathological-fracture.yaml`);
      expect(result.stderr).toMatch(/alerts\.immediate\.patient\.passages\[\d+\]: cites "patient-warning-signs#[a-z0-9-]+", which is not a passage of the knowledge folder/);
      expect(result.stderr).toContain(`${knowledge}/triage/broken.yaml`);
      expect(result.stderr).toMatch(/description: /);
    } finally {
      await rm(knowledge, { recursive: true, force: true });
    }
  });

  it('fails with problems listed by file and rule id', async () => {
    const result = await check('test/rules/fixtures/rules-bad', 'test/rules/fixtures/knowledge');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('test/rules/fixtures/rules-bad/broken.yaml');
    expect(result.stderr).toContain('rule "cites-missing-passage" passages[0]: cites "fixture-guidance#no-such-section-1"');
    expect(result.stderr).toContain('rule "states-unsupported-number" summary: states 60');
    expect(result.stderr).toContain('rule "bad-indicator" indicator');
  });
});
