/** Longest single backoff; the jittered exponential delay never exceeds it. */
export const MAX_BACKOFF_MS = 8_000;
/** Longest `Retry-After` honoured; a server asking for more gets this much. */
export const MAX_RETRY_AFTER_MS = 30_000;

/** Statuses worth re-sending: rate limiting and server/gateway failures. Never other 4xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base·2^(attempt-1))]. */
export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(MAX_BACKOFF_MS, baseMs * 2 ** (attempt - 1)));
}

/** `Retry-After` as delta-seconds or an HTTP date, in ms (capped), or undefined when absent/unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === "") return undefined;
  let ms: number;
  if (/^\s*\d+\s*$/.test(raw)) ms = Number(raw) * 1000;
  else {
    const at = Date.parse(raw);
    if (Number.isNaN(at)) return undefined;
    ms = Math.max(0, at - now);
  }
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}
