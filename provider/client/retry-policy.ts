/** Longest single backoff; the jittered exponential delay never exceeds it. */
export const MAX_BACKOFF_MS = 8_000;
/**
 * Longest `Retry-After` honoured outside a down window. A backend asking for more is not
 * waited for at all: waiting this long and asking again would only be answered the same
 * way, so the call fails at once and the message says to run the command again later.
 */
export const MAX_RETRY_AFTER_MS = 30_000;
/**
 * The bound on every single wait while a connector that the provider deactivated is down
 * (SPEC §7 "Never down for long"): a `Retry-After`, a backoff and one request's timeout are
 * each at most 5 s, whatever `wxcc:requestTimeoutMs` says. A backend asking for a longer wait
 * is not waited for: the call fails at once and the provider rolls back.
 */
export const DOWN_WAIT_BOUND_MS = 5_000;
/**
 * How long the calls that end a down window (the edit and the reactivation, or the DELETE)
 * may keep retrying, counted from the deactivation: past it no further attempt is made and
 * the provider rolls back at once (the rollback's own calls then have their usual bounded
 * retries). Without it, five attempts of at most 5 s plus four backoffs of at most 5 s each
 * could keep a connector down for most of a minute per call.
 */
export const DOWN_WINDOW_BUDGET_MS = 15_000;
/** The shortest timeout an attempt gets near the end of {@link DOWN_WINDOW_BUDGET_MS}. */
export const MIN_ATTEMPT_TIMEOUT_MS = 1_000;
/** A wait at least this long outside a down window prints a progress line. */
export const LONG_WAIT_MS = 2_000;

/** Statuses worth re-sending: rate limiting and server/gateway failures. Never other 4xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base·2^(attempt-1))]. */
export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random, capMs = MAX_BACKOFF_MS): number {
  return Math.round(random() * Math.min(capMs, baseMs * 2 ** (attempt - 1)));
}

/**
 * `Retry-After` as delta-seconds or an HTTP date, in ms as the server asked (uncapped: the
 * caller decides, see {@link nextWait}), or undefined when absent/unreadable.
 */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === "") return undefined;
  if (/^\s*\d+\s*$/.test(raw)) return Number(raw) * 1000;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** What to do after a failed attempt that may be re-sent. */
export type WaitDecision =
  /** Sleep `delayMs`, then re-send; `asked` when the backend set it with `Retry-After`. */
  | { kind: "wait"; delayMs: number; asked: boolean }
  /**
   * Do not wait: the backend asked for `askedMs`, more than `capMs`, the longest single wait
   * allowed here ({@link DOWN_WAIT_BOUND_MS} in a down window, else {@link MAX_RETRY_AFTER_MS}).
   */
  | { kind: "refuse"; askedMs: number; capMs: number };

/**
 * The wait before re-sending attempt `attempt + 1`: the backend's `Retry-After` when it sent
 * one, else jittered backoff capped at {@link MAX_BACKOFF_MS} (at {@link DOWN_WAIT_BOUND_MS}
 * in a down window, `down`). A `Retry-After` above the cap — {@link MAX_RETRY_AFTER_MS}, or
 * {@link DOWN_WAIT_BOUND_MS} in a down window — is refused rather than shortened: the
 * backend said an earlier request would fail too.
 *
 * @example
 * nextWait({ attempt: 1, baseMs: 250, retryAfterMs: 2_000, down: false }); // { kind: "wait", delayMs: 2000, asked: true }
 * nextWait({ attempt: 1, baseMs: 250, retryAfterMs: 86_400_000, down: false }); // { kind: "refuse", askedMs: 86400000, capMs: 30000 }
 * nextWait({ attempt: 1, baseMs: 250, retryAfterMs: 6_000, down: true }); // { kind: "refuse", askedMs: 6000, capMs: 5000 }
 */
export function nextWait(w: { attempt: number; baseMs: number; retryAfterMs?: number; down: boolean; random?: () => number }): WaitDecision {
  if (w.retryAfterMs !== undefined) {
    const capMs = w.down ? DOWN_WAIT_BOUND_MS : MAX_RETRY_AFTER_MS;
    if (w.retryAfterMs > capMs) return { kind: "refuse", askedMs: w.retryAfterMs, capMs };
    return { kind: "wait", delayMs: w.retryAfterMs, asked: true };
  }
  return { kind: "wait", delayMs: backoffMs(w.attempt, w.baseMs, w.random, w.down ? DOWN_WAIT_BOUND_MS : MAX_BACKOFF_MS), asked: false };
}
