import { errorFromResponse, networkError } from '../platform-call-error.js';
import type { TelegramTarget } from './map-telegram-update.js';
import type { TelegramMessage } from './render-telegram-reply.js';

export const TELEGRAM_API = 'https://api.telegram.org';

type TelegramError = { ok?: boolean; error_code?: number; description?: string; parameters?: { retry_after?: number } };

/** Calls a Bot API method; a 429 carries its wait in `parameters.retry_after` (seconds). */
export function createTelegramClient(options: { botToken: string; fetch?: typeof globalThis.fetch; apiUrl?: string }) {
  const fetcher = options.fetch ?? globalThis.fetch;
  const base = `${options.apiUrl ?? TELEGRAM_API}/bot${options.botToken}`;

  const call = async (method: string, payload: Record<string, unknown>): Promise<void> => {
    let response: Response;
    try {
      response = await fetcher(`${base}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    } catch (error) {
      throw networkError('Telegram', error);
    }
    if (response.ok) return;
    const body = (await response.json().catch(() => undefined)) as TelegramError | undefined;
    const retryAfter = body?.parameters?.retry_after;
    throw errorFromResponse('Telegram', response, {
      ...(typeof retryAfter === 'number' ? { retryAfterMs: retryAfter * 1000 } : {}),
      ...(body?.error_code ? { code: String(body.error_code) } : {}),
    });
  };

  return {
    send: (target: TelegramTarget, message: TelegramMessage) =>
      call('sendMessage', {
        chat_id: target.chatId,
        text: message.text,
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(message.replyMarkup ? { reply_markup: message.replyMarkup } : {}),
      }),
    /** Stops the spinner on a pressed button. */
    answerCallbackQuery: (callbackQueryId: string) => call('answerCallbackQuery', { callback_query_id: callbackQueryId }),
  };
}
