import { authorizeJWT, type AuthConfiguration } from '@microsoft/agents-hosting';
import type { Request, Response } from 'express';
import type { InboundRequest, Verification } from '../channel.js';
import { parseJson } from '../request-checks.js';

type Claims = { serviceurl?: unknown };

/**
 * The Bearer token Microsoft's channel service sends, checked by the Agents SDK (signature against
 * Microsoft's published keys, issuer, audience = our app id, expiry). The token's serviceurl claim
 * must also name the activity's serviceUrl: replies carry our own token there, so an activity must
 * not be able to point them anywhere else.
 */
export function createTeamsVerifier(auth: AuthConfiguration): (request: InboundRequest) => Promise<Verification> {
  const middleware = authorizeJWT(auth);
  return async (request) => {
    const holder = { method: request.method, headers: request.headers } as Request & { user?: Claims };
    let refusal: number | undefined;
    let passed = false;
    // The SDK's check is Express middleware; it answers a refusal itself, so the answer is captured here.
    const response = { status: (status: number) => ((refusal = status), { send: () => undefined }) } as unknown as Response;
    await middleware(holder, response, () => {
      passed = true;
    });
    if (!passed) return { ok: false, status: 401, reason: `Teams token refused (${refusal ?? 'no answer'})` };
    // A body that is not an activity is the mapper's to refuse (400); a token without the claim is
    // limited by the adapter's allow-list of Microsoft hosts instead.
    const activity = parseJson(request.rawBody) as { serviceUrl?: unknown } | undefined;
    const claimed = holder.user?.serviceurl;
    if (typeof claimed === 'string' && activity && typeof activity === 'object' && activity.serviceUrl !== claimed) {
      return { ok: false, status: 401, reason: 'serviceUrl differs from the token' };
    }
    return { ok: true };
  };
}
