import type { Response } from 'express';
import type { Tenant } from '../conversation/chat-session.js';
import type { Audience } from '../domain/types.js';
import type { ApiKey } from './api-key.js';

/** Who a request comes from: a key when keys are on, nobody in particular when they are off. */
export type Caller = {
  key?: ApiKey;
  /** The conversations' owner ('' when keys are off) and its storage bounds. */
  tenant: Tenant;
  rateLimitPerMinute: number;
  /** Requests of this caller answered at once, at most; no cap without a key. */
  maxConcurrent?: number;
  audience?: Audience;
};

/** The service's limits for callers whose key does not set its own. */
export type CallerDefaults = { rateLimitPerMinute: number; maxConcurrent: number; maxConversations: number };

export function callerFor(key: ApiKey | undefined, defaults: CallerDefaults): Caller {
  if (!key) return { tenant: { owner: '', maxConversations: defaults.maxConversations }, rateLimitPerMinute: defaults.rateLimitPerMinute };
  return {
    key,
    tenant: {
      owner: key.id,
      maxConversations: key.maxConversations ?? defaults.maxConversations,
      ...(key.retentionDays ? { retentionDays: key.retentionDays } : {}),
    },
    rateLimitPerMinute: key.rateLimitPerMinute ?? defaults.rateLimitPerMinute,
    maxConcurrent: key.maxConcurrent ?? defaults.maxConcurrent,
    ...(key.audience ? { audience: key.audience } : {}),
  };
}

const ANONYMOUS: Caller = { tenant: { owner: '' }, rateLimitPerMinute: Number.POSITIVE_INFINITY };

/** The caller the authentication step found (it runs on every /v1 request); anonymous otherwise. */
export function callerOf(response: Response): Caller {
  return (response.locals.caller as Caller | undefined) ?? ANONYMOUS;
}
