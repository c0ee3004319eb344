import { describe, expect, it } from "vitest";
import { ConnectorsClient } from "../../../provider/client/connectors-client";
import type { Connector } from "../../../contract";
import { captureProgress } from "../../support/provider";
import { clientFailure, useMockBackend } from "./mock-backend";

const ORIGIN = "http://backend.test";
const TOKEN = "tok-retry-after-cap-secret";
const ITEM = "/v1/organizations/acme/connectors/c-1";
const json = { headers: { "content-type": "application/json" } };
const limited = (retryAfter: string) => ({ headers: { ...json.headers, "retry-after": retryAfter } });
const limitedBody = { code: "RATE_LIMITED", message: "slow down", trackingId: "t-429" };
const inactive: Connector = {
  id: "c-1",
  orgId: "acme",
  type: "CUSTOM",
  name: "Orders",
  status: "INACTIVE",
  version: 2,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
  custom: { authenticationType: "BASIC", domainUrl: "https://orders.example.com", username: "svc" },
};
const failure = (p: Promise<unknown>) => clientFailure(p, [TOKEN]);

/**
 * Outside a down window, a backend asking for a wait over the provider's cap (30 s) is not
 * waited for: waiting 30 s and asking again would be answered the same way, so the call fails
 * at once, naming the wait asked for and the cap, and says to run the command again later.
 */
describe("a Retry-After over 30 s outside a down window", () => {
  const backend = useMockBackend(ORIGIN, TOKEN);

  it("fails the call at once after one request, naming the wait asked for, the 30 s cap and to run again later", async () => {
    const capture = captureProgress();
    try {
      backend.pool().intercept({ path: ITEM, method: "GET" }).reply(429, limitedBody, limited("86400"));
      const started = Date.now();

      const e = await failure(backend.client.get("acme", "c-1"));

      expect(Date.now() - started).toBeLessThan(1000);
      expect(backend.client.requestCount).toBe(1);
      expect([e.code, e.statusCode, e.retryAfterMs]).toEqual(["RATE_LIMITED", 429, 86_400_000]);
      expect(e.message).toBe(
        'Backend refused GET connector c-1 in org "acme": 429 RATE_LIMITED — the backend asked to wait 86400 s (Retry-After), ' +
          "more than the provider waits at once (30 s), so it gave up at once instead of waiting; run the same command again once that time has passed (trackingId t-429)",
      );
      // Fewer calls at once would not shorten a wait the backend asked for.
      expect(e.message).not.toContain("--parallel");
      // Nothing was waited, so no "waiting…" line either.
      expect(capture.take()).toEqual([]);
    } finally {
      capture.restore();
    }
  });

  it("fails a deactivation at once too: its 429 proves the connector did not go down", async () => {
    backend
      .pool()
      .intercept({ path: `${ITEM}/deactivate`, method: "POST" })
      .reply(429, limitedBody, limited("31"));

    const e = await failure(backend.client.deactivate("acme", "c-1", { downtime: "opening", ifMatch: 1 }));

    expect(backend.client.requestCount).toBe(1);
    expect(e.message).toContain("429 RATE_LIMITED — the backend asked to wait 31 s (Retry-After), more than the provider waits at once (30 s)");
  });

  it("does not pause the other calls sharing the gate for 30 s: the next call is sent within about a second", async () => {
    backend.pool().intercept({ path: ITEM, method: "GET" }).reply(429, limitedBody, limited("86400"));
    backend.pool().intercept({ path: ITEM, method: "GET" }).reply(200, inactive, json);
    await failure(backend.client.get("acme", "c-1"));

    expect(backend.gate.state.pausedForMs).toBeLessThanOrEqual(1000);
    const started = Date.now();
    expect(await backend.client.get("acme", "c-1")).toEqual(inactive);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("gives up on many short Retry-Afters once the call has waited its patience out, and advises a lower --parallel, where it can help", async () => {
    const c = new ConnectorsClient({
      baseUrl: ORIGIN,
      accessToken: TOKEN,
      dispatcher: backend.agent,
      gate: backend.gate,
      retryBaseMs: 1,
      maxRetries: 0,
      rateLimitPatienceMs: 1500,
    });
    for (let i = 0; i < 3; i++) backend.pool().intercept({ path: ITEM, method: "GET" }).reply(429, limitedBody, limited("1"));

    const e = await failure(c.get("acme", "c-1"));

    expect([e.code, e.attempts]).toEqual(["RATE_LIMITED", 3]);
    expect(e.message).toContain(
      "after 3 attempts: 429 RATE_LIMITED — the backend kept rate limiting this token through 1.5 s of waiting, the most one call waits; " +
        "run the same command again later, or with a lower `--parallel` so fewer calls compete for the limit",
    );
  });
});
