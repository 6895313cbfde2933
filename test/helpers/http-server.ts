import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { pino } from 'pino';
import { createApp, type AppDependencies, type Services } from '../../src/app.js';

export type RunningServer = { url: string; close(): Promise<void> };

/** Starts the real app on a free loopback port. */
export async function startServer(
  services: Services | undefined,
  overrides: Partial<AppDependencies> = {},
): Promise<RunningServer> {
  const app = createApp({
    services: () => services,
    logger: pino({ level: 'silent' }),
    maxMessageChars: 4000,
    rateLimitPerMinute: 1000,
    ...overrides,
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
