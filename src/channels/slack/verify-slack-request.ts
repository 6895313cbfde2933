import type { InboundRequest, Verification } from '../channel.js';
import { header, hmacHex, safeEqual } from '../request-checks.js';

// Slack's documented window: a request signed more than five minutes ago may be a replay.
const TOLERANCE_SECONDS = 5 * 60;

/** Slack's v0 signature: HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the app's signing secret. */
export function verifySlackRequest(request: InboundRequest, signingSecret: string, now: () => number = Date.now): Verification {
  const timestamp = header(request.headers, 'x-slack-request-timestamp');
  const signature = header(request.headers, 'x-slack-signature');
  if (!timestamp || !signature) return { ok: false, status: 401, reason: 'missing Slack signature headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, status: 401, reason: 'malformed Slack timestamp' };
  if (Math.abs(now() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return { ok: false, status: 401, reason: 'stale Slack timestamp' };
  const expected = `v0=${hmacHex('sha256', signingSecret, `v0:${timestamp}:`, request.rawBody)}`;
  if (!safeEqual(signature, expected)) return { ok: false, status: 401, reason: 'bad Slack signature' };
  return { ok: true };
}
