import type { InboundRequest, Mapped, MappedEvent } from '../channel.js';
import { keywordOrQuestion } from '../audience-keyword.js';
import { parseJson } from '../request-checks.js';

/** A reply goes from the business number that received the message to the sender. */
export type WhatsAppTarget = { phoneNumberId: string; to: string };

type Message = { from?: unknown; id?: unknown; type?: unknown; text?: { body?: unknown } };
type Notification = {
  object?: unknown;
  entry?: Array<{ changes?: Array<{ field?: unknown; value?: { metadata?: { phone_number_id?: unknown }; messages?: Message[] } }> }>;
};

/** The Cloud API's notifications: text messages become questions; statuses and other types are ignored. */
export function mapWhatsAppNotification(request: InboundRequest): Mapped<WhatsAppTarget> {
  if (request.path !== '/webhook') return { kind: 'invalid', reason: 'WhatsApp notifications are posted to /channels/whatsapp/webhook.' };
  if (request.method === 'GET') {
    const challenge = request.query['hub.challenge'];
    if (!challenge) return { kind: 'invalid', reason: 'hub.challenge is missing.' };
    return { kind: 'respond', status: 200, contentType: 'text/plain', body: challenge };
  }
  if (request.method !== 'POST') return { kind: 'invalid', reason: 'Only GET (handshake) and POST (notifications).' };
  const body = parseJson(request.rawBody);
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { kind: 'invalid', reason: 'The body is not a WhatsApp notification (JSON object).' };
  const notification = body as Notification;
  if (notification.object !== 'whatsapp_business_account' || !Array.isArray(notification.entry)) return { kind: 'ignore', reason: 'not a WhatsApp Business notification' };

  const events: Array<MappedEvent<WhatsAppTarget>> = [];
  for (const entry of notification.entry) {
    for (const change of Array.isArray(entry?.changes) ? entry.changes : []) {
      const phoneNumberId = change?.value?.metadata?.phone_number_id;
      const messages = change?.value?.messages;
      if (typeof phoneNumberId !== 'string' || !Array.isArray(messages)) continue;
      for (const message of messages) {
        const text = message?.type === 'text' ? message.text?.body : undefined;
        if (typeof message?.id !== 'string' || typeof message.from !== 'string' || typeof text !== 'string' || !text.trim()) continue;
        events.push({
          eventId: message.id,
          conversationKey: `whatsapp:${phoneNumberId}:${message.from}`,
          target: { phoneNumberId, to: message.from },
          action: keywordOrQuestion(text),
        });
      }
    }
  }
  if (events.length === 0) return { kind: 'ignore', reason: 'no text message (a status update or another type)' };
  return { kind: 'events', events };
}
