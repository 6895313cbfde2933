import type { ChannelReply } from '../channel.js';
import { outlineAnswer } from '../answer-outline.js';
import { plainAnswerPieces, plainReferencePieces, SMS_STYLE } from '../plain-reply-pieces.js';
import { splitMessage } from '../split-message.js';
import type { TwilioTarget } from './map-twilio-message.js';

export type TwilioMessage = { body: string };

// Twilio's limit for one message body (SMS is then sent as up to 10 segments; WhatsApp takes the same).
export const TWILIO_MESSAGE_CHARS = 1600;

// Typographic characters outside the GSM 7-bit alphabet turn a whole SMS into UCS-2, which cuts a
// segment from 160 to 70 characters; these have plain equivalents that mean the same.
const GSM_FRIENDLY: Array<[RegExp, string]> = [
  [/[‘’‚′]/g, "'"],
  [/[“”„″]/g, '"'],
  [/[‐‑‒–—−]/g, '-'],
  [/…/g, '...'],
  [/≥/g, '>='],
  [/≤/g, '<='],
  [/×/g, 'x'],
  [/•/g, '-'],
  [/[\u00a0\u2009\u202f]/g, ' '],
];

export function toGsmFriendly(text: string): string {
  return GSM_FRIENDLY.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/**
 * Plain text for SMS and WhatsApp through Twilio, at most 1,600 characters a message. With an answer
 * page, the first message is the answer as far as it fits plus the link, and the second the numbered
 * references; without one, the whole reply is split into 1,600-character messages.
 */
export function renderTwilioReply(reply: ChannelReply, network: TwilioTarget['network'] = 'sms'): TwilioMessage[] {
  const finish = (texts: string[]) => texts.map((text) => ({ body: network === 'sms' ? toGsmFriendly(text) : text }));
  if (reply.kind === 'notice') return finish(splitMessage([...(reply.intro ? [reply.intro, ''] : []), reply.text], TWILIO_MESSAGE_CHARS));

  const outline = outlineAnswer(reply.answer);
  const answer = plainAnswerPieces(outline, reply.intro, SMS_STYLE);
  const references = plainReferencePieces(outline, SMS_STYLE);
  if (!reply.link) return finish(splitMessage([...answer, '', ...references], TWILIO_MESSAGE_CHARS));

  const more = `Full answer with sources: ${reply.link}`;
  const first = fitWithTail(answer, `\n\n${more}`, '(The rest is on the answer page.)');
  const second = references.length > 0 ? fitWithTail(references, '', `More sources: ${reply.link}`) : undefined;
  return finish(second ? [first, second] : [first]);
}

/** As many whole pieces as fit with the tail; when some are left out, the note says where they are. */
function fitWithTail(pieces: string[], tail: string, note: string): string {
  const whole = `${pieces.join('\n').trim()}${tail}`;
  if (whole.length <= TWILIO_MESSAGE_CHARS) return whole;
  const budget = TWILIO_MESSAGE_CHARS - tail.length - note.length - 2;
  let text = '';
  for (const piece of pieces) {
    const next = text ? `${text}\n${piece}` : piece;
    if (next.length > budget) break;
    text = next;
  }
  // A first piece longer than the budget (an urgent notice never is in practice) is cut at a space.
  if (!text) text = splitMessage([pieces[0] ?? ''], budget)[0] ?? '';
  return `${text.trim()}\n\n${note}${tail}`;
}
