import { isIP } from 'node:net';
import { z } from 'zod';
import { channelConfigShape, checkChannelConfig } from './channels/channel-config.js';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

// Names express accepts for its `trust proxy` setting besides addresses and subnets.
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Which proxies may set X-Forwarded-For: off (empty or "false"), a hop count ("1"), or addresses,
 * subnets and names ("loopback, 10.0.0.0/8"). "true" is refused: it lets any client pick its own
 * address and so its own rate-limit bucket.
 */
const trustProxy = z
  .string()
  .trim()
  .default('')
  .transform((value, context): false | number | string[] => {
    if (value === '' || value === 'false') return false;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(/[\s,]+/).filter(Boolean);
    for (const entry of entries) {
      const subnet = /^([^/]+)(?:\/\d{1,3})?$/.exec(entry);
      const known = PROXY_NAMES.has(entry) || (subnet !== null && isIP(subnet[1]!) !== 0);
      if (!known) context.addIssue({ code: 'custom', message: `"${entry}" is not a hop count, an address, a subnet or one of ${[...PROXY_NAMES].join(', ')} (true is refused: any client could then choose its address)` });
    }
    return entries;
  });

/** A comma- or space-separated list of exact origins (scheme://host[:port]), e.g. the sites embedding the widget. */
const originList = z
  .string()
  .default('')
  .transform((value, context) => {
    const origins: string[] = [];
    for (const entry of value.split(/[\s,]+/).filter(Boolean)) {
      let origin: string | undefined;
      try {
        const url = new URL(entry);
        if ((url.protocol === 'https:' || url.protocol === 'http:') && url.origin === entry.replace(/\/$/, '')) origin = url.origin;
      } catch {
        origin = undefined;
      }
      if (origin) origins.push(origin);
      else context.addIssue({ code: 'custom', message: `"${entry}" is not an origin like https://example.org (scheme and host, no path)` });
    }
    return origins;
  });

/** Every setting the service reads from its environment, with its embedded default. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  // Loopback by default: a fresh `npm start` is reachable from this machine only; containers set 0.0.0.0.
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KNOWLEDGE_DIR: z.string().trim().min(1).default('knowledge'),
  // A folder for the start-up cache (what start-up works out from the knowledge folder, kept for its
  // content and the code); unset: everything is worked out at every start.
  KNOWLEDGE_CACHE_DIR: optionalText,
  // Empty turns the rules off: custom knowledge folders do not hold the passages the bundled rules cite.
  RULES_DIR: z.string().trim().default('rules'),
  PROMPTS_DIR: z.string().trim().min(1).default('prompts'),
  MAX_MESSAGE_CHARS: positiveInt(4000),
  RATE_LIMIT_PER_MINUTE: positiveInt(120),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.pipe(z.url().optional()),
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  MODEL_TIMEOUT_MS: positiveInt(30_000),
  MODEL_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
  WIDGET_ORIGINS: originList,
  // Conversations: a SQLite file (its directory is created) and how many days after the last message they are kept.
  DATABASE_PATH: z.string().trim().min(1).default('data/guideline-chat.sqlite'),
  RETENTION_DAYS: positiveInt(30),
  // With REDIS_URL, conversations, keys, rate-limit counters and event deduplication live in Redis.
  REDIS_URL: optionalText.pipe(z.url().refine((url) => /^rediss?:/.test(url), 'must start with redis:// or rediss://').optional()),
  // Off: no key needed (one machine, trusted network). On: every /v1 request needs an API key.
  AUTH: z.enum(['off', 'on'], { error: 'must be "off" or "on"' }).default('off'),
  NODE_ENV: z.string().trim().default('development'),
  TRUST_PROXY: trustProxy,
  // Defaults for keys that do not set their own.
  MAX_CONCURRENT_PER_KEY: positiveInt(8),
  MAX_CONVERSATIONS_PER_KEY: positiveInt(100_000),
  // Shutdown: readiness turns 503 at once; the listener stays open SHUTDOWN_DELAY_MS so load balancers
  // notice, and in-flight requests get SHUTDOWN_GRACE_MS (counted from the signal) to finish.
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).default(0),
  SHUTDOWN_GRACE_MS: positiveInt(10_000),
  // Slow or idle clients must not hold connections: headers within 10 s, the whole request within 30 s.
  HEADERS_TIMEOUT_MS: positiveInt(10_000),
  REQUEST_TIMEOUT_MS: positiveInt(30_000),
  KEEP_ALIVE_TIMEOUT_MS: positiveInt(5_000),
  MAX_CONNECTIONS: positiveInt(1_000),
  // Messaging platforms (Slack, Telegram, Twilio, WhatsApp, Teams): each is on when its variables are set.
  ...channelConfigShape,
}).superRefine(checkChannelConfig);

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the environment once; a bad value stops start-up with the variable named. */
export function readConfig(environment: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(environment);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (result.data.NODE_ENV === 'production' && result.data.AUTH !== 'on') {
    throw new ConfigError('Invalid configuration:\nAUTH: must be "on" when NODE_ENV is production (AUTH=off serves anyone who can reach the port; see docs/operations.md)');
  }
  if (result.data.HEADERS_TIMEOUT_MS > result.data.REQUEST_TIMEOUT_MS) {
    throw new ConfigError('Invalid configuration:\nHEADERS_TIMEOUT_MS: must not be longer than REQUEST_TIMEOUT_MS');
  }
  return result.data;
}
