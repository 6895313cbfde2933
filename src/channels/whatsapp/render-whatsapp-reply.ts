import type { ChannelReply } from '../channel.js';
import { outlineAnswer, reviewLabel, typeLabel } from '../answer-outline.js';
import { splitMessage } from '../split-message.js';

export type WhatsAppMessage = { body: string };

// The Cloud API's limit for a text message body.
export const WHATSAPP_MESSAGE_CHARS = 4096;

/**
 * WhatsApp has no escape for its *bold*, _italic_, ~strike~ and ```code``` markers, so text from
 * the answer is sent as it is and only the service's own labels are bolded.
 */
export function renderWhatsAppReply(reply: ChannelReply): WhatsAppMessage[] {
  const pieces: string[] = [];
  if (reply.kind === 'notice') {
    if (reply.intro) pieces.push(reply.intro, '');
    pieces.push(reply.text);
    return splitMessage(pieces, WHATSAPP_MESSAGE_CHARS).map((body) => ({ body }));
  }
  const outline = outlineAnswer(reply.answer);
  for (const urgent of outline.urgent) pieces.push('🚨 *URGENT*', urgent, '');
  if (reply.intro) pieces.push(reply.intro, '');
  for (const notice of outline.leading) pieces.push(notice, '');
  pieces.push(`*${outline.title}*`);
  if (outline.summary) pieces.push('', outline.summary);
  for (const part of outline.sections) {
    const heading = part.heading ?? (part.pitfalls ? 'Critical pitfalls' : undefined);
    pieces.push('');
    if (heading) pieces.push(`${part.pitfalls ? '⚠️ ' : ''}*${heading}*`);
    for (const item of part.items) pieces.push(item.kind === 'bullet' ? `• ${item.text}` : item.text);
  }
  if (outline.findings.length > 0) pieces.push('', '*Calculated from the case*', ...outline.findings.map((finding) => `• ${finding.title}: ${finding.summary}`));
  if (outline.references.length > 0) {
    pieces.push('', '*Sources*');
    for (const reference of outline.references) {
      pieces.push(`[${reference.n}] ${reference.title}. ${reference.publisher}, ${reference.year}. ${typeLabel(reference.type)} · ${reviewLabel(reference.reviewStatus)} · updated ${reference.updated}`);
    }
  }
  if (outline.trailing.length > 0) pieces.push('', ...outline.trailing);
  if (reply.link) pieces.push('', `Full answer with sources: ${reply.link}`);
  return splitMessage(pieces, WHATSAPP_MESSAGE_CHARS).map((body) => ({ body: body.trim() }));
}
