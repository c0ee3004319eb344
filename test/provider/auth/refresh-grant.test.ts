import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { afterAll, describe, expect, it, vi } from "vitest";
import { refreshGrant } from "../../../provider/auth/refresh-grant";
import { MAX_RETRY_AFTER_MS } from "../../../provider/client/retry-policy";

const dispatcher = new Agent();
afterAll(() => dispatcher.close());

describe("refreshGrant", () => {
  it("does not wait out a token endpoint's Retry-After of a day: fails at once saying what it asked, and waits one of 20 s", async () => {
    let calls = 0;
    const server = createServer((_req, res) => {
      calls++;
      if (calls === 1 || calls === 2) {
        res.writeHead(429, { "retry-after": calls === 1 ? "86400" : "20", "content-type": "application/json" }).end("{}");
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ access_token: "at-1", expires_in: 3600 }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/access_token`;
    // Record every wait asked of setTimeout, and run long ones at once.
    const real = globalThis.setTimeout;
    const delays: number[] = [];
    const spy = vi.spyOn(globalThis, "setTimeout").mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      return real(fn, (ms ?? 0) > 10_000 ? 0 : ms);
    }) as typeof setTimeout);
    try {
      const client = { tokenUrl, clientId: "C-1", clientSecret: "s-1", refreshToken: "rt-1" };
      const refused = await refreshGrant(client, { dispatcher }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(refused?.message).toContain("the token endpoint asked to wait 86400 s (Retry-After), longer than the provider waits (30 s), so it did not");
      expect(calls).toBe(1);
      const t = await refreshGrant(client, { dispatcher });
      expect(t.accessToken).toBe("at-1");
      expect(calls).toBe(3);
      expect(Math.max(...delays)).toBeLessThan(MAX_RETRY_AFTER_MS);
      expect(delays).toContain(20_000);
    } finally {
      spy.mockRestore();
      server.close();
    }
  });
});
