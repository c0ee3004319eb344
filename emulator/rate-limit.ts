/**
 * Fixed one-second windows per token (`--rate-limit N`). Coarse on purpose: it only has
 * to make clients meet 429 + Retry-After the way they would against the real service.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly perSecond: number) {}

  /** Counts one request; returns the seconds to wait when over the limit, else undefined. */
  hit(token: string, now = Date.now()): number | undefined {
    const w = this.windows.get(token);
    if (!w || now - w.start >= 1000) {
      // Forget stale windows now and then so many tokens cannot grow the map forever.
      if (this.windows.size > 10_000) this.windows.clear();
      this.windows.set(token, { start: now, count: 1 });
      return undefined;
    }
    w.count += 1;
    if (w.count <= this.perSecond) return undefined;
    return Math.max(1, Math.ceil((w.start + 1000 - now) / 1000));
  }
}
