import type { ChannelReply } from '../channel.js';
import { outlineAnswer, reviewLabel, typeLabel } from '../answer-outline.js';
import { splitMessage } from '../split-message.js';
import { FOLLOW_UP_DATA } from './map-telegram-update.js';

export type InlineKeyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
export type TelegramMessage = { text: string; replyMarkup?: InlineKeyboard };

// Telegram's limit for one message; counted on the HTML source, which is never shorter than the text shown.
export const TELEGRAM_MESSAGE_CHARS = 4096;
const BUTTON_CHARS = 60;
const MAX_BUTTONS = 4;

/** In Telegram's HTML mode only <, > and & are special; everything else (*_[]()~#+-=|{}.!) is shown as written. */
export function escapeTelegramHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeTelegramHtml(text).replace(/"/g, '&quot;');
}

function link(url: string | undefined, label: string): string {
  if (url && /^https?:\/\/\S+$/.test(url)) return `<a href="${escapeAttribute(url)}">${escapeTelegramHtml(label)}</a>`;
  return escapeTelegramHtml(label);
}

/**
 * HTML-formatted messages: urgent notices first, the answer with [n] markers, the numbered references
 * with review status, the answer-page link, and the follow-ups as buttons under the last message.
 * Split at 4,096 characters between pieces, never inside a citation, a reference or a tag.
 */
export function renderTelegramReply(reply: ChannelReply): TelegramMessage[] {
  const pieces: string[] = [];
  if (reply.kind === 'notice') {
    if (reply.intro) pieces.push(`<i>${escapeTelegramHtml(reply.intro)}</i>`, '');
    pieces.push(escapeTelegramHtml(reply.text));
    return splitMessage(pieces, TELEGRAM_MESSAGE_CHARS).map((text) => ({ text }));
  }

  const outline = outlineAnswer(reply.answer);
  for (const urgent of outline.urgent) pieces.push('🚨 <b>URGENT</b>', `<b>${escapeTelegramHtml(urgent)}</b>`, '');
  if (reply.intro) pieces.push(`<i>${escapeTelegramHtml(reply.intro)}</i>`, '');
  for (const notice of outline.leading) pieces.push(`ℹ️ ${escapeTelegramHtml(notice)}`, '');
  pieces.push(`<b>${escapeTelegramHtml(outline.title)}</b>`);
  if (outline.understood) pieces.push(`<i>Answering: ${escapeTelegramHtml(outline.understood)}</i>`);
  if (outline.summary) pieces.push('', '<b>Bottom line</b>', escapeTelegramHtml(outline.summary));
  for (const part of outline.sections) {
    const heading = part.heading ?? (part.pitfalls ? 'Critical pitfalls' : undefined);
    pieces.push('');
    if (heading) pieces.push(`${part.pitfalls ? '⚠️ ' : ''}<b>${escapeTelegramHtml(heading)}</b>`);
    for (const item of part.items) pieces.push(item.kind === 'bullet' ? `• ${escapeTelegramHtml(item.text)}` : escapeTelegramHtml(item.text));
  }
  if (outline.findings.length > 0) {
    pieces.push('', '<b>Calculated from the case</b>');
    for (const finding of outline.findings) pieces.push(`• <b>${escapeTelegramHtml(finding.title)}:</b> ${escapeTelegramHtml(finding.summary)}`);
  }
  if (outline.references.length > 0) {
    pieces.push('', '<b>References</b>');
    for (const reference of outline.references) {
      pieces.push(
        `[${reference.n}] ${link(reference.url, reference.title)}. ${escapeTelegramHtml(`${reference.publisher}, ${reference.year}. ${typeLabel(reference.type)} · ${reviewLabel(reference.reviewStatus)} · updated ${reference.updated}`)}`,
      );
    }
  }
  if (outline.trailing.length > 0) pieces.push('', ...outline.trailing.map((text) => `<i>${escapeTelegramHtml(text)}</i>`));
  if (reply.link) pieces.push('', link(reply.link, 'Open the full answer with its sources'));

  const messages: TelegramMessage[] = splitMessage(pieces, TELEGRAM_MESSAGE_CHARS).map((text) => ({ text: text.trim() }));
  const buttons = outline.followUps.slice(0, MAX_BUTTONS).map((question, index) => [{ text: shorten(question), callback_data: `${FOLLOW_UP_DATA}${index}` }]);
  const last = messages.at(-1);
  if (last && buttons.length > 0) last.replyMarkup = { inline_keyboard: buttons };
  return messages;
}

function shorten(text: string): string {
  return text.length > BUTTON_CHARS ? `${text.slice(0, BUTTON_CHARS - 1)}…` : text;
}
