import type { ChannelReply } from '../channel.js';
import { outlineAnswer, reviewLabel, type AnswerOutline } from '../answer-outline.js';
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
  const answer = answerPieces(outline, reply.intro);
  const references = referencePieces(outline);
  if (!reply.link) return finish(splitMessage([...answer, '', ...references], TWILIO_MESSAGE_CHARS));

  const more = `Full answer with sources: ${reply.link}`;
  const first = fitWithTail(answer, `\n\n${more}`, '(The rest is on the answer page.)');
  const second = references.length > 0 ? fitWithTail(references, '', `More sources: ${reply.link}`) : undefined;
  return finish(second ? [first, second] : [first]);
}

function answerPieces(outline: AnswerOutline, intro: string | undefined): string[] {
  const pieces: string[] = [];
  for (const urgent of outline.urgent) pieces.push(`URGENT: ${urgent}`, '');
  if (intro) pieces.push(intro, '');
  for (const notice of outline.leading) pieces.push(notice, '');
  pieces.push(outline.title);
  if (outline.summary) pieces.push(outline.summary);
  for (const part of outline.sections) {
    const heading = part.heading ?? (part.pitfalls ? 'Critical pitfalls' : undefined);
    pieces.push('');
    if (heading) pieces.push(`${heading}:`);
    for (const item of part.items) pieces.push(item.kind === 'bullet' ? `- ${item.text}` : item.text);
  }
  for (const finding of outline.findings) pieces.push(`${finding.title}: ${finding.summary}`);
  return pieces;
}

function referencePieces(outline: AnswerOutline): string[] {
  if (outline.references.length === 0) return [];
  return [
    'Sources:',
    ...outline.references.map((reference) => `[${reference.n}] ${reference.title}. ${reference.publisher}, ${reference.year}. ${reviewLabel(reference.reviewStatus)}.`),
    ...outline.trailing.map((text) => `\n${text}`),
  ];
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
