import type { Audience } from '../../domain/types.js';
import type { ChannelPlatform } from '../channel.js';
import { mapTelegramUpdate, type TelegramTarget } from './map-telegram-update.js';
import { renderTelegramReply, type TelegramMessage } from './render-telegram-reply.js';
import { createTelegramClient } from './telegram-client.js';
import { verifyTelegramRequest } from './verify-telegram-request.js';

export type TelegramSettings = { botToken: string; webhookSecret: string; audience: Audience };

/** A Telegram bot's webhook at /channels/telegram/webhook; the chat is the conversation. */
export function createTelegramChannel(settings: TelegramSettings, options: { fetch?: typeof globalThis.fetch; apiUrl?: string } = {}): ChannelPlatform<TelegramTarget, TelegramMessage> {
  const client = createTelegramClient({ botToken: settings.botToken, ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}) });
  return {
    name: 'telegram',
    defaultAudience: settings.audience,
    verify: (request) => verifyTelegramRequest(request, settings.webhookSecret),
    map: mapTelegramUpdate,
    acknowledgement: { status: 200 },
    render: renderTelegramReply,
    send: client.send,
    received: async (target) => {
      if (target.callbackQueryId) await client.answerCallbackQuery(target.callbackQueryId);
    },
  };
}
