import { errorFromResponse, networkError } from '../platform-call-error.js';
import type { TwilioTarget } from './map-twilio-message.js';
import type { TwilioMessage } from './render-twilio-reply.js';

export const TWILIO_API = 'https://api.twilio.com';

/** Sends a message with the Messages REST resource, authenticated with the account SID and auth token. */
export function createTwilioSender(options: { accountSid: string; authToken: string; fetch?: typeof globalThis.fetch; apiUrl?: string }) {
  const fetcher = options.fetch ?? globalThis.fetch;
  const url = `${options.apiUrl ?? TWILIO_API}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  return async (target: TwilioTarget, message: TwilioMessage): Promise<void> => {
    let response: Response;
    try {
      response = await fetcher(url, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ To: target.to, From: target.from, Body: message.body }).toString(),
      });
    } catch (error) {
      throw networkError('Twilio', error);
    }
    if (response.ok) return;
    const body = (await response.json().catch(() => undefined)) as { code?: number } | undefined;
    throw errorFromResponse('Twilio', response, body?.code ? { code: String(body.code) } : {});
  };
}
