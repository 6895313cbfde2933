import type { ChannelReply } from '../channel.js';
import { htmlReplyPieces } from '../html-reply-pieces.js';
import { splitMessage } from '../split-message.js';
import { FOLLOW_UP_DATA } from './map-telegram-update.js';

export type InlineKeyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
export type TelegramMessage = { text: string; replyMarkup?: InlineKeyboard };

// Telegram's limit for one message; counted on the HTML source, which is never shorter than the text shown.
export const TELEGRAM_MESSAGE_CHARS = 4096;
const BUTTON_CHARS = 60;
const MAX_BUTTONS = 4;

/**
 * Telegram's HTML mode (only <, > and & escaped; *_[]()~>#+-=|{}.! shown as written), split at
 * 4,096 characters between lines, with the follow-ups as buttons under the last message.
 */
export function renderTelegramReply(reply: ChannelReply): TelegramMessage[] {
  const messages: TelegramMessage[] = splitMessage(htmlReplyPieces(reply), TELEGRAM_MESSAGE_CHARS).map((text) => ({ text: text.trim() }));
  if (reply.kind !== 'answer') return messages;
  const buttons = reply.answer.followUps.slice(0, MAX_BUTTONS).map((question, index) => [{ text: shorten(question), callback_data: `${FOLLOW_UP_DATA}${index}` }]);
  const last = messages.at(-1);
  if (last && buttons.length > 0) last.replyMarkup = { inline_keyboard: buttons };
  return messages;
}

function shorten(text: string): string {
  return text.length > BUTTON_CHARS ? `${text.slice(0, BUTTON_CHARS - 1)}…` : text;
}
