import type { ChannelPlatform } from './channel.js';
import { enabledChannels, type ChannelConfig } from './channel-config.js';
import { createSlackChannel } from './slack/slack-channel.js';
import { createTelegramChannel } from './telegram/telegram-channel.js';
import { createTwilioChannel } from './twilio/twilio-channel.js';
import { createWhatsAppChannel } from './whatsapp/whatsapp-channel.js';

/** The platforms the configuration enables, with real clients (fetch) unless one is passed in. */
export async function createChannelPlatforms(config: ChannelConfig, options: { fetch?: typeof globalThis.fetch } = {}): Promise<ChannelPlatform[]> {
  const platforms: ChannelPlatform[] = [];
  for (const name of enabledChannels(config)) {
    if (name === 'slack') {
      platforms.push(createSlackChannel({ signingSecret: config.SLACK_SIGNING_SECRET!, botToken: config.SLACK_BOT_TOKEN!, audience: config.SLACK_AUDIENCE }, options) as ChannelPlatform);
    } else if (name === 'telegram') {
      platforms.push(
        createTelegramChannel({ botToken: config.TELEGRAM_BOT_TOKEN!, webhookSecret: config.TELEGRAM_WEBHOOK_SECRET!, audience: config.TELEGRAM_AUDIENCE }, options) as ChannelPlatform,
      );
    } else if (name === 'twilio') {
      platforms.push(
        createTwilioChannel(
          { accountSid: config.TWILIO_ACCOUNT_SID!, authToken: config.TWILIO_AUTH_TOKEN!, publicUrl: config.PUBLIC_URL!, audience: config.TWILIO_AUDIENCE },
          options,
        ) as ChannelPlatform,
      );
    } else if (name === 'teams') {
      // Loaded only when enabled: the Agents SDK takes over a second to import. It makes its own
      // calls (fetch and MSAL), which tests intercept with nock.
      const { createTeamsChannel } = await import('./teams/teams-channel.js');
      platforms.push(
        createTeamsChannel({ clientId: config.TEAMS_CLIENT_ID!, clientSecret: config.TEAMS_CLIENT_SECRET!, tenantId: config.TEAMS_TENANT_ID!, audience: config.TEAMS_AUDIENCE }) as ChannelPlatform,
      );
    } else {
      platforms.push(
        createWhatsAppChannel(
          { accessToken: config.WHATSAPP_ACCESS_TOKEN!, appSecret: config.WHATSAPP_APP_SECRET!, verifyToken: config.WHATSAPP_VERIFY_TOKEN!, audience: config.WHATSAPP_AUDIENCE },
          options,
        ) as ChannelPlatform,
      );
    }
  }
  return platforms;
}
