/**
 * When and how long to wait before retrying a backend call. Exponential backoff with full
 * jitter (so many stacks retrying against one backend spread out), capped, and overridden
 * by the server's `Retry-After` when it sends one.
 */
export interface RetryPolicy {
  maxRetries: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 4, baseMs: 250, capMs: 8_000 };

/** Statuses that mean "not processed, or processing failed server-side": worth another try. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** Delay before retry number `attempt` (1-based). */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/** `Retry-After` in milliseconds (seconds or an HTTP date), capped; undefined when absent or unparseable. */
export function retryAfterMs(header: string | string[] | undefined, capMs: number, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(capMs, seconds * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.min(capMs, Math.max(0, date - now));
}
