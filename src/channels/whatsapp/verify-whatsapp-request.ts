import type { InboundRequest, Verification } from '../channel.js';
import { header, hmacHex, safeEqual } from '../request-checks.js';

/**
 * Meta's webhook: the subscription handshake (GET with hub.verify_token) and, for every
 * notification, X-Hub-Signature-256 = sha256=HMAC-SHA256(app secret, raw body).
 */
export function verifyWhatsAppRequest(request: InboundRequest, settings: { appSecret: string; verifyToken: string }): Verification {
  if (request.method === 'GET') {
    const token = request.query['hub.verify_token'];
    if (request.query['hub.mode'] !== 'subscribe' || !token) return { ok: false, status: 403, reason: 'not a subscription handshake' };
    if (!safeEqual(token, settings.verifyToken)) return { ok: false, status: 403, reason: 'bad verify token' };
    return { ok: true };
  }
  const signature = header(request.headers, 'x-hub-signature-256');
  if (!signature) return { ok: false, status: 401, reason: 'missing X-Hub-Signature-256' };
  if (!safeEqual(signature, `sha256=${hmacHex('sha256', settings.appSecret, request.rawBody)}`)) return { ok: false, status: 401, reason: 'bad X-Hub-Signature-256' };
  return { ok: true };
}
