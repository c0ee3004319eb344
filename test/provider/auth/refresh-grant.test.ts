import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { afterAll, describe, expect, it, vi } from "vitest";
import { refreshGrant } from "../../../provider/auth/refresh-grant";
import { MAX_RETRY_AFTER_MS } from "../../../provider/client/retry-policy";

const dispatcher = new Agent();
afterAll(() => dispatcher.close());

describe("refreshGrant", () => {
  it("waits a token endpoint's Retry-After of a day for at most 30 s, as every other call outside a down window", async () => {
    let calls = 0;
    const server = createServer((_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(429, { "retry-after": "86400", "content-type": "application/json" }).end("{}");
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
      const t = await refreshGrant({ tokenUrl, clientId: "C-1", clientSecret: "s-1", refreshToken: "rt-1" }, { dispatcher });
      expect(t.accessToken).toBe("at-1");
      expect(calls).toBe(2);
      expect(Math.max(...delays)).toBe(MAX_RETRY_AFTER_MS);
    } finally {
      spy.mockRestore();
      server.close();
    }
  });
});
