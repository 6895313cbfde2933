import type { ChannelAction, InboundRequest, Mapped } from '../channel.js';
import { keywordOrQuestion } from '../audience-keyword.js';
import { parseJson } from '../request-checks.js';

/** Where a Telegram reply goes; a button press also carries the query to acknowledge. */
export type TelegramTarget = { chatId: number; callbackQueryId?: string };

type Chat = { id?: unknown };
type Message = { chat?: Chat; text?: unknown; from?: { is_bot?: unknown } };
type Update = { update_id?: unknown; message?: Message; callback_query?: { id?: unknown; data?: unknown; message?: Message } };

/** The prefix of a follow-up button's callback data; the index points into the last answer's follow-ups. */
export const FOLLOW_UP_DATA = 'f:';

const COMMANDS: Record<string, ChannelAction> = {
  start: { type: 'start' },
  help: { type: 'start' },
  patient: { type: 'set-audience', audience: 'patient' },
  professional: { type: 'set-audience', audience: 'professional' },
};

/** Messages with text, the /start, /patient and /professional commands, and follow-up button presses. */
export function mapTelegramUpdate(request: InboundRequest): Mapped<TelegramTarget> {
  if (request.method !== 'POST' || request.path !== '/webhook') return { kind: 'invalid', reason: 'Telegram updates are posted to /channels/telegram/webhook.' };
  const body = parseJson(request.rawBody);
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { kind: 'invalid', reason: 'The body is not a Telegram update (JSON object).' };
  const update = body as Update;
  if (typeof update.update_id !== 'number') return { kind: 'invalid', reason: 'update without update_id.' };
  const eventId = String(update.update_id);

  const query = update.callback_query;
  if (query) {
    const chatId = query.message?.chat?.id;
    if (typeof query.id !== 'string' || typeof chatId !== 'number') return { kind: 'invalid', reason: 'callback_query without id or chat.' };
    const data = typeof query.data === 'string' ? query.data : '';
    const index = data.startsWith(FOLLOW_UP_DATA) ? Number(data.slice(FOLLOW_UP_DATA.length)) : Number.NaN;
    if (!Number.isInteger(index) || index < 0) return { kind: 'ignore', reason: 'unknown button' };
    return { kind: 'events', events: [{ eventId, conversationKey: `telegram:${chatId}`, target: { chatId, callbackQueryId: query.id }, action: { type: 'follow-up', index } }] };
  }

  const message = update.message;
  if (!message) return { kind: 'ignore', reason: 'update without a new message' };
  const chatId = message.chat?.id;
  if (typeof chatId !== 'number') return { kind: 'invalid', reason: 'message without chat id.' };
  if (message.from?.is_bot === true) return { kind: 'ignore', reason: 'message from a bot' };
  if (typeof message.text !== 'string' || !message.text.trim()) return { kind: 'ignore', reason: 'message without text' };
  const text = message.text.trim();
  const target = { chatId };
  const conversationKey = `telegram:${chatId}`;

  const command = /^\/([a-z_]+)(?:@\w+)?(?:\s|$)/i.exec(text);
  if (command) {
    const action = COMMANDS[command[1]!.toLowerCase()] ?? { type: 'start' };
    return { kind: 'events', events: [{ eventId, conversationKey, target, action }] };
  }
  return { kind: 'events', events: [{ eventId, conversationKey, target, action: keywordOrQuestion(text) }] };
}
