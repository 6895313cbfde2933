import { z } from 'zod';
import { channelConfigShape, checkChannelConfig } from './channels/channel-config.js';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

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
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KNOWLEDGE_DIR: z.string().trim().min(1).default('knowledge'),
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
  return result.data;
}
