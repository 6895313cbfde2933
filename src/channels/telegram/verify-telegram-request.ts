import type { InboundRequest, Verification } from '../channel.js';
import { header, safeEqual } from '../request-checks.js';

/** Telegram sends the secret given to setWebhook in X-Telegram-Bot-Api-Secret-Token; compared in constant time. */
export function verifyTelegramRequest(request: InboundRequest, webhookSecret: string): Verification {
  const token = header(request.headers, 'x-telegram-bot-api-secret-token');
  if (!token) return { ok: false, status: 401, reason: 'missing Telegram secret token' };
  if (!safeEqual(token, webhookSecret)) return { ok: false, status: 401, reason: 'bad Telegram secret token' };
  return { ok: true };
}
