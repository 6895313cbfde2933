import type { InboundRequest, Mapped } from '../channel.js';
import { keywordOrQuestion } from '../audience-keyword.js';

/** Who a Twilio reply goes to, from which number, and over which network. */
export type TwilioTarget = { to: string; from: string; network: 'sms' | 'whatsapp' };

/** Twilio posts the message as a form; the signature is computed over the same fields. */
export function formFields(request: InboundRequest): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(request.rawBody.toString('utf8'))) fields[name] = value;
  return fields;
}

/** An incoming SMS or WhatsApp message; the sender and the number written to make the conversation. */
export function mapTwilioMessage(request: InboundRequest): Mapped<TwilioTarget> {
  if (request.method !== 'POST' || request.path !== '/messages') return { kind: 'invalid', reason: 'Twilio messages are posted to /channels/twilio/messages.' };
  const fields = formFields(request);
  const { MessageSid: sid, From: from, To: to, Body: body } = fields;
  if (!sid || !from || !to) return { kind: 'invalid', reason: 'message without MessageSid, From or To.' };
  if (!body?.trim()) return { kind: 'ignore', reason: 'message without text' };
  const network = from.startsWith('whatsapp:') ? 'whatsapp' : 'sms';
  return {
    kind: 'events',
    events: [
      {
        eventId: sid,
        conversationKey: `twilio:${to}:${from}`,
        // The reply goes back from the number the user wrote to.
        target: { to: from, from: to, network },
        action: keywordOrQuestion(body),
      },
    ],
  };
}
