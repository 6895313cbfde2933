import { z } from 'zod';

const optionalSecret = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const audience = z.enum(['patient', 'professional']);

/**
 * The channel variables, spread into the configuration schema. A platform is on when any of its
 * variables is set, and then every one of them must be (checkChannelConfig names the missing one).
 */
export const channelConfigShape = {
  // The address the service is reached at from the internet: answer-page links and Twilio signatures use it.
  PUBLIC_URL: optionalSecret.pipe(z.url({ protocol: /^https?$/ }).optional()),
  SLACK_SIGNING_SECRET: optionalSecret,
  SLACK_BOT_TOKEN: optionalSecret,
  SLACK_AUDIENCE: audience.default('professional'),
  TELEGRAM_BOT_TOKEN: optionalSecret,
  TELEGRAM_WEBHOOK_SECRET: optionalSecret.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, 'Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and -')
      .optional(),
  ),
  TELEGRAM_AUDIENCE: audience.default('professional'),
  TWILIO_ACCOUNT_SID: optionalSecret,
  TWILIO_AUTH_TOKEN: optionalSecret,
  TWILIO_AUDIENCE: audience.default('patient'),
  WHATSAPP_ACCESS_TOKEN: optionalSecret,
  WHATSAPP_APP_SECRET: optionalSecret,
  WHATSAPP_VERIFY_TOKEN: optionalSecret,
  WHATSAPP_AUDIENCE: audience.default('patient'),
  TEAMS_CLIENT_ID: optionalSecret,
  TEAMS_CLIENT_SECRET: optionalSecret,
  TEAMS_TENANT_ID: optionalSecret,
  TEAMS_AUDIENCE: audience.default('professional'),
};

const channelConfigObject = z.object(channelConfigShape);
export type ChannelConfig = z.infer<typeof channelConfigObject>;

// Each platform's required variables; Twilio also needs the public URL, because its signature covers it.
const PLATFORM_VARIABLES = {
  slack: ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN'],
  telegram: ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET'],
  twilio: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'PUBLIC_URL'],
  whatsapp: ['WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'],
  teams: ['TEAMS_CLIENT_ID', 'TEAMS_CLIENT_SECRET', 'TEAMS_TENANT_ID'],
} as const satisfies Record<string, ReadonlyArray<keyof ChannelConfig>>;

export type ChannelName = keyof typeof PLATFORM_VARIABLES;

/** A half-configured platform is an error naming each missing variable; the public URL alone enables nothing. */
export function checkChannelConfig(config: ChannelConfig, context: z.RefinementCtx): void {
  for (const [platform, variables] of Object.entries(PLATFORM_VARIABLES)) {
    const own = variables.filter((name) => name !== 'PUBLIC_URL');
    if (!own.some((name) => config[name] !== undefined)) continue;
    for (const name of variables) {
      if (config[name] === undefined) {
        context.addIssue({ code: 'custom', path: [name], message: `is required to enable ${platform} (${own.filter((other) => config[other] !== undefined).join(', ')} set)` });
      }
    }
  }
}

/** The platforms whose variables are all set. */
export function enabledChannels(config: ChannelConfig): ChannelName[] {
  return (Object.keys(PLATFORM_VARIABLES) as ChannelName[]).filter((platform) => PLATFORM_VARIABLES[platform].every((name) => config[name] !== undefined));
}
