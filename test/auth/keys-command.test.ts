import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteKeyStore } from '../../src/auth/sqlite-key-store.js';
import { servicesFor } from '../helpers/fixture-services.js';
import { startServer } from '../helpers/http-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const directory = mkdtempSync(path.join(os.tmpdir(), 'guideline-chat-keys-command-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const database = path.join(directory, 'keys.sqlite');

/** `npm run keys -- …` as an operator runs it, against a SQLite file of its own. */
async function keys(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { REDIS_URL: _redis, ...environment } = process.env;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/keys.ts', ...args], { cwd: root, env: { ...environment, DATABASE_PATH: database } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run keys', () => {
  it('creates a key that the server accepts, lists it without its secret, and revokes it', async () => {
    const created = await keys('create', '--name', 'clinic site', '--audience', 'patient', '--rate-limit', '30');
    expect(created.code).toBe(0);
    const token = /gcsk_\S+/.exec(created.stdout)?.[0];
    expect(token).toBeDefined();

    const store = createSqliteKeyStore({ path: database });
    const server = await startServer(await servicesFor(), { auth: { mode: 'on', keys: store } });
    try {
      const answer = await fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{"message":"denosumab"}' });
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as { audience: string }).audience).toBe('patient');

      const listed = await keys('list');
      expect(listed.stdout).not.toContain(token!);
      const [key] = JSON.parse(listed.stdout) as Array<{ id: string; name: string; rateLimitPerMinute: number }>;
      expect(key).toMatchObject({ name: 'clinic site', rateLimitPerMinute: 30 });
      expect(key).not.toHaveProperty('hash');

      expect((await keys('revoke', key!.id)).code).toBe(0);
      expect((await keys('revoke', key!.id)).code).toBe(2);
    } finally {
      await server.close();
      await store.close();
    }
  }, 60_000);

  it.each([
    [['create'], 'create needs --name'],
    [['create', '--name', 'widget', '--publishable'], 'A publishable key needs --origins'],
    [['create', '--name', 'widget', '--publishable', '--origins', 'https://clinic.example/chat'], 'is not an origin'],
    [['create', '--name', 'x', '--concurrency', 'many'], '--concurrency must be a positive whole number'],
    [['rotate'], 'Unknown command "rotate"'],
  ])('refuses %j with a plain message and the usage (exit 2)', async (args, message) => {
    const result = await keys(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage:');
  }, 30_000);
});
