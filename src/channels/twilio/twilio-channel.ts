import type { Audience } from '../../domain/types.js';
import type { ChannelPlatform } from '../channel.js';
import { mapTwilioMessage, type TwilioTarget } from './map-twilio-message.js';
import { renderTwilioReply, type TwilioMessage } from './render-twilio-reply.js';
import { createTwilioSender } from './twilio-client.js';
import { verifyTwilioRequest } from './verify-twilio-request.js';

export type TwilioSettings = { accountSid: string; authToken: string; publicUrl: string; audience: Audience };

// An empty TwiML document: the reply is sent through the REST API once the answer is ready.
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** SMS and WhatsApp through Twilio at /channels/twilio/messages; the sender and the number written to are the conversation. */
export function createTwilioChannel(settings: TwilioSettings, options: { fetch?: typeof globalThis.fetch; apiUrl?: string } = {}): ChannelPlatform<TwilioTarget, TwilioMessage> {
  return {
    name: 'twilio',
    defaultAudience: settings.audience,
    verify: (request) => verifyTwilioRequest(request, settings),
    map: mapTwilioMessage,
    acknowledgement: { status: 200, body: EMPTY_TWIML, contentType: 'text/xml' },
    render: (reply, target) => renderTwilioReply(reply, target.network),
    send: createTwilioSender({ accountSid: settings.accountSid, authToken: settings.authToken, ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}) }),
  };
}
