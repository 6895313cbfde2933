import { describe, expect, it } from 'vitest';
import { enabledChannels } from '../../src/channels/channel-config.js';
import { createChannelPlatforms } from '../../src/channels/create-channel-platforms.js';
import { ConfigError, readConfig } from '../../src/config.js';

const SLACK = { SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' };
const TELEGRAM = { TELEGRAM_BOT_TOKEN: '1:abc', TELEGRAM_WEBHOOK_SECRET: 'secret_1' };
const TWILIO = { TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't', PUBLIC_URL: 'https://chat.example.org' };
const WHATSAPP = { WHATSAPP_ACCESS_TOKEN: 'a', WHATSAPP_APP_SECRET: 'b', WHATSAPP_VERIFY_TOKEN: 'c' };
const TEAMS = { TEAMS_CLIENT_ID: 'app', TEAMS_CLIENT_SECRET: 'secret', TEAMS_TENANT_ID: 'tenant' };

function configError(environment: Record<string, string>): string {
  try {
    readConfig(environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('channel configuration', () => {
  it('enables no platform by default', async () => {
    const config = readConfig({});
    expect(enabledChannels(config)).toEqual([]);
    expect(await createChannelPlatforms(config)).toEqual([]);
  });

  it('enables each platform whose variables are all set, with its default audience', async () => {
    const config = readConfig({ ...SLACK, ...TELEGRAM, ...TWILIO, ...WHATSAPP, ...TEAMS });
    const platforms = await createChannelPlatforms(config);
    expect(platforms.map((platform) => [platform.name, platform.defaultAudience])).toEqual([
      ['slack', 'professional'],
      ['telegram', 'professional'],
      ['twilio', 'patient'],
      ['whatsapp', 'patient'],
      ['teams', 'professional'],
    ]);
    expect((await createChannelPlatforms(readConfig({ ...TWILIO, TWILIO_AUDIENCE: 'professional' })))[0]!.defaultAudience).toBe('professional');
  });

  it.each([
    ['SLACK_BOT_TOKEN', { SLACK_SIGNING_SECRET: 's' }],
    ['SLACK_SIGNING_SECRET', { SLACK_BOT_TOKEN: 'xoxb-1' }],
    ['TELEGRAM_WEBHOOK_SECRET', { TELEGRAM_BOT_TOKEN: '1:abc' }],
    ['PUBLIC_URL', { TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't' }],
    ['WHATSAPP_VERIFY_TOKEN', { WHATSAPP_ACCESS_TOKEN: 'a', WHATSAPP_APP_SECRET: 'b' }],
    ['TEAMS_TENANT_ID', { TEAMS_CLIENT_ID: 'app', TEAMS_CLIENT_SECRET: 'secret' }],
  ])('a half-configured platform stops start-up naming %s', (missing, environment) => {
    expect(configError(environment)).toMatch(new RegExp(`^${missing}: is required to enable`, 'm'));
  });

  it('rejects a Telegram secret Telegram would refuse, a bad public URL and an unknown audience', () => {
    expect(configError({ ...TELEGRAM, TELEGRAM_WEBHOOK_SECRET: 'has spaces!' })).toContain('TELEGRAM_WEBHOOK_SECRET');
    expect(configError({ PUBLIC_URL: 'chat.example.org' })).toContain('PUBLIC_URL');
    expect(configError({ ...SLACK, SLACK_AUDIENCE: 'everyone' })).toContain('SLACK_AUDIENCE');
  });

  it('treats an empty variable as unset', () => {
    expect(enabledChannels(readConfig({ SLACK_SIGNING_SECRET: '', SLACK_BOT_TOKEN: '  ' }))).toEqual([]);
  });
});
