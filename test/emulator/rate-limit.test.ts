import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../emulator/rate-limit";
import { http, useTestEmulator } from "./support";

const t = useTestEmulator({
  rateLimit: 5,
  orgs: [
    { orgId: "a", token: "ta" },
    { orgId: "b", token: "tb" },
  ],
});

describe("--rate-limit N", () => {
  it("answers 429 RATE_LIMITED with Retry-After once a token exceeds N requests in a second, per token", async () => {
    // Start at the beginning of a fresh window so all requests fall into it.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000)));
    const replies = await Promise.all(Array.from({ length: 8 }, () => http(t.connectors("", "a"), { token: "ta" })));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    const limited = replies.filter((r) => r.status === 429);
    expect(limited).toHaveLength(3);
    for (const r of limited) {
      expect(r.body.code).toBe("RATE_LIMITED");
      expect(Number(r.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    }
    // Another token has its own budget, and the admin API is not limited.
    expect((await http(t.connectors("", "b"), { token: "tb" })).status).toBe(200);
    expect((await http(`${t.emu.url}/_admin/requests`, { token: t.emu.adminToken })).status).toBe(200);
    await new Promise((r) => setTimeout(r, Number(limited[0]!.headers["retry-after"]) * 1000));
    expect((await http(t.connectors("", "a"), { token: "ta" })).status).toBe(200);
  });

  it("uses fixed one-second windows", () => {
    const rl = new RateLimiter(2);
    expect(rl.hit("x", 1000)).toBeUndefined();
    expect(rl.hit("x", 1100)).toBeUndefined();
    expect(rl.hit("x", 1200)).toBe(1);
    expect(rl.hit("y", 1200)).toBeUndefined();
    expect(rl.hit("x", 2000)).toBeUndefined();
  });
});
