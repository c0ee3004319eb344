import { describe, expect, it } from "vitest";
import { backoffMs, DEFAULT_RETRY_POLICY, isRetryableStatus, retryAfterMs } from "../../provider/client/retry-policy";

describe("retry policy", () => {
  it("backs off exponentially with full jitter, capped", () => {
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 10].map((a) => backoffMs(DEFAULT_RETRY_POLICY, a, top))).toEqual([250, 500, 1000, 2000, 8000]);
    expect(backoffMs(DEFAULT_RETRY_POLICY, 3, () => 0)).toBe(0);
  });

  it("reads Retry-After as seconds or as an HTTP date, capped", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs("2", 8000, now)).toBe(2000);
    expect(retryAfterMs("120", 8000, now)).toBe(8000);
    expect(retryAfterMs("Thu, 01 Jan 2026 00:00:03 GMT", 8000, now)).toBe(3000);
    expect(retryAfterMs(undefined, 8000, now)).toBeUndefined();
    expect(retryAfterMs("soon", 8000, now)).toBeUndefined();
  });

  it("retries only statuses that mean the request was not processed or failed server-side", () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 412, 422].some(isRetryableStatus)).toBe(false);
  });
});
