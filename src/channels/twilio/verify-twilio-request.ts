import twilio from 'twilio';
import type { InboundRequest, Verification } from '../channel.js';
import { header } from '../request-checks.js';
import { formFields } from './map-twilio-message.js';

/**
 * X-Twilio-Signature is computed over the URL Twilio called and the posted fields. Behind a proxy
 * the service sees another URL, so the one Twilio called is rebuilt from PUBLIC_URL and the path.
 */
export function verifyTwilioRequest(request: InboundRequest, settings: { authToken: string; publicUrl: string }): Verification {
  const signature = header(request.headers, 'x-twilio-signature');
  if (!signature) return { ok: false, status: 401, reason: 'missing X-Twilio-Signature' };
  const contentType = header(request.headers, 'content-type') ?? '';
  if (!contentType.startsWith('application/x-www-form-urlencoded')) return { ok: false, status: 400, reason: 'Twilio posts form-encoded bodies' };
  const url = `${settings.publicUrl.replace(/\/+$/, '')}${request.originalUrl}`;
  if (!twilio.validateRequest(settings.authToken, signature, url, formFields(request))) return { ok: false, status: 401, reason: 'bad X-Twilio-Signature' };
  return { ok: true };
}
