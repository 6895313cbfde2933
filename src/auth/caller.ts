import type { Response } from 'express';
import type { Tenant } from '../conversation/chat-session.js';
import type { Audience } from '../domain/types.js';
import type { ApiKey } from './api-key.js';

/** Who a request comes from: a key when keys are on, nobody in particular when they are off. */
export type Caller = {
  key?: ApiKey;
  /** The conversations' owner; undefined when keys are off. */
  tenant: Tenant;
  rateLimitPerMinute: number;
  /** Requests of this caller answered at once, at most; none when keys are off. */
  maxConcurrent?: number;
  audience?: Audience;
};

export type CallerDefaults = { rateLimitPerMinute: number; maxConcurrent: number; maxConversations: number; retentionDays?: number };

export function callerFor(key: ApiKey | undefined, defaults: CallerDefaults): Caller {
  if (!key) return { tenant: { owner: '', maxConversations: defaults.maxConversations }, rateLimitPerMinute: defaults.rateLimitPerMinute };
  return {
    key,
    tenant: {
      owner: key.id,
      maxConversations: key.maxConversations ?? defaults.maxConversations,
      ...(key.retentionDays ?? defaults.retentionDays ? { retentionDays: key.retentionDays ?? defaults.retentionDays } : {}),
    },
    rateLimitPerMinute: key.rateLimitPerMinute ?? defaults.rateLimitPerMinute,
    maxConcurrent: key.maxConcurrent ?? defaults.maxConcurrent,
    ...(key.audience ? { audience: key.audience } : {}),
  };
}

/** The caller the authentication step found; anonymous with default limits when none ran. */
export function callerOf(response: Response, defaults?: CallerDefaults): Caller {
  const caller = response.locals.caller as Caller | undefined;
  return caller ?? callerFor(undefined, defaults ?? { rateLimitPerMinute: Number.MAX_SAFE_INTEGER, maxConcurrent: Number.MAX_SAFE_INTEGER, maxConversations: Number.MAX_SAFE_INTEGER });
}
