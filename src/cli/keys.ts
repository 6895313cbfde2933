import { parseArgs } from 'node:util';
import { generateKey, viewOf } from '../auth/api-key.js';
import type { KeyStore } from '../auth/key-store.js';
import { createRedisKeyStore } from '../auth/redis-key-store.js';
import { createSqliteKeyStore } from '../auth/sqlite-key-store.js';
import { ConfigError, readConfig } from '../config.js';
import { connectRedis } from '../redis/redis-client.js';

// Usage:
//   npm run keys -- create --name <site> [--origins https://a.example,https://b.example] [--audience patient]
//                   [--publishable] [--operator] [--rate-limit N] [--concurrency N] [--max-conversations N] [--retention-days N]
//   npm run keys -- list
//   npm run keys -- revoke <key id>
// Keys are stored hashed where the server reads them: Redis when REDIS_URL is set, else DATABASE_PATH.
const USAGE = `Usage:
  npm run keys -- create --name <site> [--origins <origin,…>] [--audience patient|professional]
                  [--publishable] [--operator] [--rate-limit <per minute>] [--concurrency <n>]
                  [--max-conversations <n>] [--retention-days <n>]
  npm run keys -- list
  npm run keys -- revoke <key id>`;

class UsageError extends Error {}

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new UsageError(`--${name} must be a positive whole number, not "${value}".`);
  return number;
}

function origins(value: string | undefined): string[] {
  const list = (value ?? '').split(/[\s,]+/).filter(Boolean);
  for (const origin of list) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin.replace(/\/$/, '')) {
      throw new UsageError(`--origins: "${origin}" is not an origin like https://example.org (scheme and host, no path).`);
    }
  }
  return list.map((origin) => origin.replace(/\/$/, ''));
}

async function run(args: string[], keys: KeyStore): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      origins: { type: 'string' },
      audience: { type: 'string' },
      publishable: { type: 'boolean', default: false },
      operator: { type: 'boolean', default: false },
      'rate-limit': { type: 'string' },
      concurrency: { type: 'string' },
      'max-conversations': { type: 'string' },
      'retention-days': { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  if (command === 'list') {
    return JSON.stringify((await keys.list()).map(viewOf), null, 2);
  }
  if (command === 'revoke') {
    const id = rest[0];
    if (!id) throw new UsageError('revoke needs the key id (see `npm run keys -- list`).');
    if (!(await keys.revoke(id))) throw new UsageError(`No active key with id "${id}".`);
    return `Revoked ${id}.`;
  }
  if (command === 'create') {
    if (!values.name?.trim()) throw new UsageError('create needs --name <site>.');
    if (values.audience !== undefined && values.audience !== 'patient' && values.audience !== 'professional') {
      throw new UsageError('--audience must be patient or professional.');
    }
    const kind = values.publishable ? 'publishable' : 'secret';
    const allowed = origins(values.origins);
    if (kind === 'publishable' && allowed.length === 0) throw new UsageError('A publishable key needs --origins: the sites whose pages embed the widget.');
    if (kind === 'publishable' && values.operator) throw new UsageError('An operator key must be secret (not --publishable).');
    const limits = {
      rateLimitPerMinute: positive('rate-limit', values['rate-limit']),
      maxConcurrent: positive('concurrency', values.concurrency),
      maxConversations: positive('max-conversations', values['max-conversations']),
      retentionDays: positive('retention-days', values['retention-days']),
    };
    const { token, key } = generateKey({
      name: values.name.trim(),
      kind,
      role: values.operator ? 'operator' : 'client',
      origins: allowed,
      ...(values.audience ? { audience: values.audience } : {}),
      ...Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined)),
    });
    await keys.add(key);
    return [`Created ${kind} ${key.role} key ${key.id} for "${key.name}". The key (shown only now, store it safely):`, '', token].join('\n');
  }
  throw new UsageError(command ? `Unknown command "${command}".` : 'Say what to do.');
}

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL) : undefined;
  const keys = redis ? createRedisKeyStore({ redis }) : createSqliteKeyStore({ path: config.DATABASE_PATH });
  try {
    console.log(await run(process.argv.slice(2), keys));
  } finally {
    await keys.close();
    await redis?.quit();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) console.error(`${(error as Error).message}\n\n${USAGE}`);
  else if (error instanceof ConfigError) console.error(error.message);
  else console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
