import { describe, expect, it } from "vitest";
import { backoffMs, DOWN_WAIT_BOUND_MS, isRetryableStatus, MAX_RETRY_AFTER_MS, nextWait, parseRetryAfter } from "../../../provider/client/retry-policy";

describe("retry policy", () => {
  it("backs off exponentially with full jitter, capped at 8 seconds", () => {
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 10].map((a) => backoffMs(a, 250, top))).toEqual([250, 500, 1000, 2000, 8000]);
    expect(backoffMs(3, 250, () => 0)).toBe(0);
  });

  it("reads Retry-After as seconds or as an HTTP date, as the server asked", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter("86400", now)).toBe(86_400_000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:03 GMT", now)).toBe(3000);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });

  it("retries 429 and 5xx gateway failures but never another 4xx", () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 412, 422, 501].some(isRetryableStatus)).toBe(false);
  });
});

describe("the wait before a re-send", () => {
  const top = () => 0.999999;

  it("outside a down window honours Retry-After up to 30 s, and backs off up to 8 s", () => {
    expect(nextWait({ attempt: 1, baseMs: 250, retryAfterMs: 2000, down: false })).toEqual({ kind: "wait", delayMs: 2000, asked: true });
    expect(nextWait({ attempt: 1, baseMs: 250, retryAfterMs: 30_000, down: false })).toEqual({ kind: "wait", delayMs: 30_000, asked: true });
    expect(nextWait({ attempt: 10, baseMs: 250, down: false, random: top })).toEqual({ kind: "wait", delayMs: 8000, asked: false });
  });

  it("outside a down window refuses a Retry-After over 30 s instead of waiting 30 s and asking again", () => {
    expect(MAX_RETRY_AFTER_MS).toBe(30_000);
    expect(nextWait({ attempt: 1, baseMs: 250, retryAfterMs: 30_001, down: false })).toEqual({ kind: "refuse", askedMs: 30_001, capMs: 30_000 });
    expect(nextWait({ attempt: 1, baseMs: 250, retryAfterMs: 86_400_000, down: false })).toEqual({ kind: "refuse", askedMs: 86_400_000, capMs: 30_000 });
  });

  it("while a connector is down never waits more than 5 s, and refuses a longer Retry-After instead of shortening it", () => {
    expect(DOWN_WAIT_BOUND_MS).toBe(5000);
    expect(nextWait({ attempt: 10, baseMs: 250, down: true, random: top })).toEqual({ kind: "wait", delayMs: 5000, asked: false });
    expect(nextWait({ attempt: 1, baseMs: 250, retryAfterMs: 5000, down: true })).toEqual({ kind: "wait", delayMs: 5000, asked: true });
    expect(nextWait({ attempt: 1, baseMs: 250, retryAfterMs: 5001, down: true })).toEqual({ kind: "refuse", askedMs: 5001, capMs: 5000 });
    expect(nextWait({ attempt: 1, baseMs: 250, retryAfterMs: 86_400_000, down: true })).toEqual({ kind: "refuse", askedMs: 86_400_000, capMs: 5000 });
  });
});
