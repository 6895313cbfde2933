import type { ChannelReply } from '../channel.js';
import { outlineAnswer } from '../answer-outline.js';
import { plainAnswerPieces, plainReferencePieces, WHATSAPP_STYLE } from '../plain-reply-pieces.js';
import { splitMessage } from '../split-message.js';

export type WhatsAppMessage = { body: string };

// The Cloud API's limit for a text message body.
export const WHATSAPP_MESSAGE_CHARS = 4096;

/**
 * Plain text split at 4,096 characters. WhatsApp has no escape for its *bold*, _italic_, ~strike~
 * and ```code``` markers, so text from the answer is sent as it is and only labels are bolded.
 */
export function renderWhatsAppReply(reply: ChannelReply): WhatsAppMessage[] {
  const pieces: string[] = [];
  if (reply.kind === 'notice') {
    if (reply.intro) pieces.push(reply.intro, '');
    pieces.push(reply.text);
    return splitMessage(pieces, WHATSAPP_MESSAGE_CHARS).map((body) => ({ body }));
  }
  const outline = outlineAnswer(reply.answer);
  pieces.push(...plainAnswerPieces(outline, reply.intro, WHATSAPP_STYLE), '', ...plainReferencePieces(outline, WHATSAPP_STYLE));
  if (reply.link) pieces.push('', `Full answer with sources: ${reply.link}`);
  return splitMessage(pieces, WHATSAPP_MESSAGE_CHARS).map((body) => ({ body: body.trim() }));
}
