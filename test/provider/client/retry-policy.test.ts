import { describe, expect, it } from "vitest";
import { backoffMs, isRetryableStatus, parseRetryAfter } from "../../../provider/client/retry-policy";

describe("retry policy", () => {
  it("backs off exponentially with full jitter, capped at 8 seconds", () => {
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 10].map((a) => backoffMs(a, 250, top))).toEqual([250, 500, 1000, 2000, 8000]);
    expect(backoffMs(3, 250, () => 0)).toBe(0);
  });

  it("reads Retry-After as seconds or as an HTTP date, capped at 30 seconds", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter("120", now)).toBe(30000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:03 GMT", now)).toBe(3000);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });

  it("retries 429 and 5xx gateway failures but never another 4xx", () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 412, 422, 501].some(isRetryableStatus)).toBe(false);
  });
});
