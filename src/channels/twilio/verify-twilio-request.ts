// The validator alone: the package's entry point loads every REST client (half a second at start-up).
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
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
  if (!validateRequest(settings.authToken, signature, url, formFields(request))) return { ok: false, status: 401, reason: 'bad X-Twilio-Signature' };
  return { ok: true };
}
