import { PlatformCallError } from './platform-call-error.js';

export type RetryPolicy = {
  /** Calls in all, the first included. */
  attempts: number;
  /** The first backoff; it doubles with each retry, with jitter, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails instead. */
  maxRetryAfterMs: number;
  sleep?(ms: number): Promise<void>;
  random?(): number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60_000 };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Runs a platform call until it succeeds, fails for good, or the attempts run out. The platform's
 * Retry-After wins over the backoff, because calling again sooner only earns another 429.
 */
export async function sendWithRetry(call: () => Promise<void>, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Promise<{ attempts: number }> {
  const sleep = policy.sleep ?? defaultSleep;
  const random = policy.random ?? Math.random;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await call();
      return { attempts: attempt };
    } catch (error) {
      const failure = error instanceof PlatformCallError ? error : new PlatformCallError(error instanceof Error ? error.message : String(error), { retryable: false });
      if (!failure.details.retryable || attempt >= policy.attempts) throw Object.assign(failure, { attempts: attempt });
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)) * (0.5 + random() / 2);
      const wait = failure.details.retryAfterMs ?? backoff;
      if (wait > policy.maxRetryAfterMs) throw Object.assign(failure, { attempts: attempt });
      await sleep(wait);
    }
  }
}
