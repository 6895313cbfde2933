import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The service as an operator runs it: `npm start` (which builds, then runs node dist/main.js).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const directory = mkdtempSync(path.join(os.tmpdir(), 'guideline-chat-process-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function environment(port: number): NodeJS.ProcessEnv {
  const { REDIS_URL: _redis, OPENAI_API_KEY: _key, NODE_ENV: _mode, ...rest } = process.env;
  return { ...rest, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: path.join(directory, `${port}.sqlite`), LOG_LEVEL: 'info' };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

const psGroup = (child: ChildProcess) => {
  try {
    return execFileSync('ps', ['-o', 'pid,stat,cmd', '-g', String(child.pid)], { encoding: 'utf8' });
  } catch {
    return '';
  }
};

const groupAlive = (child: ChildProcess) => {
  try {
    process.kill(-child.pid!, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  it('serves the compiled build, and SIGTERM to npm stops every process of it (nothing left serving)', async () => {
    const port = await freePort();
    // Its own process group, so the test can see whether anything of it outlives npm.
    const child = spawn('npm', ['start'], { cwd: root, env: environment(port), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += String(chunk)));
    child.stderr!.on('data', (chunk) => (output += String(chunk)));
    try {
      const ready = await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200, 60_000);
      expect(ready, output).toBe(true);
      expect((await fetch(`http://127.0.0.1:${port}/widget.js`)).status).toBe(200);

      process.kill(child.pid!, 'SIGTERM');
      expect(await waitFor(async () => !groupAlive(child), 15_000), `${output}\n${psGroup(child)}`).toBe(true);
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
      expect(output).toContain('"msg":"stopped"');
    } finally {
      if (groupAlive(child)) process.kill(-child.pid!, 'SIGKILL');
    }
  }, 90_000);

  it('exits non-zero with a plain message when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      // dist/ was built by the test above (npm start builds it first).
      const child = spawn(process.execPath, ['dist/main.js'], { cwd: root, env: environment(port), stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout!.on('data', (chunk) => (output += String(chunk)));
      child.stderr!.on('data', (chunk) => (output += String(chunk)));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(output).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(output).not.toContain('Guideline Chat listening');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 30_000);
});
