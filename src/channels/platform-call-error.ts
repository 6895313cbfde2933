/** A failed call to a platform API: the status and whether (and when) it is worth trying again. */
export class PlatformCallError extends Error {
  override name = 'PlatformCallError';
  constructor(
    message: string,
    readonly details: { status?: number; retryable: boolean; retryAfterMs?: number; code?: string },
  ) {
    super(message);
  }
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
const MAX_RETRY_AFTER_MS = 10 * 60 * 1000;

/** Retry-After as seconds or an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_MS);
}

/** The error for a non-2xx answer: 408, 425, 429 and 5xx are worth a retry, other 4xx are not. */
export function errorFromResponse(platform: string, response: Response, extra: { retryAfterMs?: number; code?: string } = {}): PlatformCallError {
  const retryAfterMs = extra.retryAfterMs ?? parseRetryAfter(response.headers.get('retry-after'));
  return new PlatformCallError(`${platform} answered ${response.status}`, {
    status: response.status,
    retryable: RETRYABLE_STATUS.has(response.status),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(extra.code ? { code: extra.code } : {}),
  });
}

/** A network failure (no answer at all) is worth a retry. */
export function networkError(platform: string, error: unknown): PlatformCallError {
  const reason = error instanceof Error ? error.message : String(error);
  return new PlatformCallError(`${platform} could not be reached: ${reason}`, { retryable: true });
}
