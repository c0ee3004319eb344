import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectorsClient } from "../../../provider/client/connectors-client";
import { RateGate } from "../../../provider/client/rate-gate";
import { reportLongWait } from "../../../provider/client/long-wait";
import type { Connector, ConnectorWrite } from "../../../contract";
import { captureProgress } from "../../support/provider";
import { clientFailure, useMockBackend } from "./mock-backend";

const ORIGIN = "http://backend.test";
const TOKEN = "tok-down-window-secret";
const ITEM = "/v1/organizations/acme/connectors/c-1";
const json = { headers: { "content-type": "application/json" } };
const body: ConnectorWrite = {
  type: "CUSTOM",
  name: "Orders",
  custom: { authenticationType: "BASIC", domainUrl: "https://orders.example.com", username: "svc", password: "pw-down-secret" },
};
const inactive: Connector = {
  id: "c-1",
  orgId: "acme",
  type: "CUSTOM",
  name: "Orders",
  status: "INACTIVE",
  version: 3,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
  custom: { authenticationType: "BASIC", domainUrl: "https://orders.example.com", username: "svc" },
};
const rateLimited = (retryAfter?: string) => ({
  headers: { ...json.headers, ...(retryAfter === undefined ? {} : { "retry-after": retryAfter }) },
});
const limitedBody = { code: "RATE_LIMITED", message: "slow down", trackingId: "t-429" };
const failure = (p: Promise<unknown>) => clientFailure(p, [TOKEN, "pw-down-secret"]);

describe("calls made while a connector is down (SPEC §7: no wait over 5 s)", () => {
  const backend = useMockBackend(ORIGIN, TOKEN);

  it("gives up at once on a Retry-After longer than 5 s, saying the backend asked for it and why the provider did not wait", async () => {
    backend.pool().intercept({ path: ITEM, method: "PUT" }).reply(429, limitedBody, rateLimited("86400"));
    const started = Date.now();

    const e = await failure(backend.client.replace("acme", "c-1", body, { ifMatch: 3, downtime: "down" }));

    expect(Date.now() - started).toBeLessThan(1000);
    expect(backend.client.requestCount).toBe(1);
    expect([e.code, e.statusCode, e.retryAfterMs]).toEqual(["RATE_LIMITED", 429, 86_400_000]);
    expect(e.message).toContain('Backend refused PUT connector c-1 in org "acme": 429 RATE_LIMITED — the backend asked to wait 86400 s (Retry-After)');
    expect(e.message).toContain("no single wait while it is down may exceed 5 s, so the provider gave up at once instead of waiting");
  });

  it("waits a Retry-After within the bound, and counts 429s against the retries", async () => {
    for (let i = 0; i < 3; i++)
      backend
        .pool()
        .intercept({ path: `${ITEM}/activate`, method: "POST" })
        .reply(429, limitedBody, rateLimited("0"));
    const e = await failure(backend.client.activate("acme", "c-1", { downtime: "down" }));
    expect([e.code, e.attempts]).toEqual(["RATE_LIMITED", 3]);
  });

  it("a deactivation that may have landed is bounded from then on: a later long Retry-After is refused, not waited", async () => {
    backend
      .pool()
      .intercept({ path: `${ITEM}/deactivate`, method: "POST" })
      .reply(503, { code: "INTERNAL", message: "x", trackingId: "t" }, json);
    backend
      .pool()
      .intercept({ path: `${ITEM}/deactivate`, method: "POST" })
      .reply(429, limitedBody, rateLimited("60"));
    backend.pool().intercept({ path: ITEM, method: "GET" }).reply(200, inactive, json);
    // The read that settles it shows the deactivation landed.
    expect(await backend.client.deactivate("acme", "c-1", { downtime: "opening" })).toEqual(inactive);
    expect(backend.client.requestCount).toBe(3);
  });

  it("outside a down window, 429s are 'slower', not failures: re-sent beyond maxRetries while Retry-After allows", async () => {
    for (let i = 0; i < 5; i++) backend.pool().intercept({ path: ITEM, method: "GET" }).reply(429, limitedBody, rateLimited("0"));
    backend.pool().intercept({ path: ITEM, method: "GET" }).reply(200, inactive, json);
    expect(await backend.client.get("acme", "c-1")).toEqual(inactive);
    expect(backend.client.requestCount).toBe(6);
  });

  it("outside a down window, a long wait prints a progress line naming the call and the wait", async () => {
    const capture = captureProgress();
    try {
      const c = new ConnectorsClient({ baseUrl: ORIGIN, accessToken: TOKEN, dispatcher: backend.agent, gate: backend.gate, retryBaseMs: 1 });
      backend.pool().intercept({ path: ITEM, method: "GET" }).reply(429, limitedBody, rateLimited("2"));
      backend.pool().intercept({ path: ITEM, method: "GET" }).reply(200, inactive, json);
      expect(await c.get("acme", "c-1")).toEqual(inactive);
      expect(capture.take()).toEqual(['wxcc: GET connector c-1 in org "acme": rate limited: waiting 2 s as the backend asked…']);
      reportLongWait({
        method: "PUT",
        path: ITEM,
        label: "PUT connector c-1",
        orgId: "acme",
        attempt: 1,
        reason: "503 INTERNAL",
        delayMs: 4_000,
        asked: false,
        down: false,
      });
      expect(capture.take()).toEqual(['wxcc: PUT connector c-1 in org "acme": 503 INTERNAL: retrying in 4 s…']);
    } finally {
      capture.restore();
    }
  });
});

describe("the request timeout while a connector is down", () => {
  let server: Server;
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  it("is at most 5 s even when wxcc:requestTimeoutMs is longer", async () => {
    server = createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const c = new ConnectorsClient({ baseUrl: url, accessToken: TOKEN, requestTimeoutMs: 60_000, maxRetries: 0, gate: new RateGate() });
    const started = Date.now();
    const e = await failure(c.get("acme", "c-1", { downtime: "down" }));
    const took = Date.now() - started;
    expect(e.code).toBe("TIMEOUT");
    expect(took).toBeGreaterThanOrEqual(4900);
    expect(took).toBeLessThan(5900);
    server.closeAllConnections();
  }, 15_000);

  it("stops retrying once the down window's budget (15 s from the deactivation) is spent, saying so", async () => {
    server = createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const c = new ConnectorsClient({ baseUrl: url, accessToken: TOKEN, requestTimeoutMs: 60_000, maxRetries: 4, retryBaseMs: 1, gate: new RateGate() });
    // Down for 12 s already: one attempt gets the 3 s left, and no retry starts after it (a read then settles whether it landed).
    const downSince = Date.now() - 12_000;
    const e = await failure(c.activate("acme", "c-1", { downtime: "down", downSince }));
    expect([e.code, e.attempts]).toEqual(["TIMEOUT", 1]);
    expect(e.message).toMatch(
      /the connector is down for this change \(down for \d+(\.\d)? s\) and the calls that bring it back may retry for at most 15 s, so the provider stopped retrying/,
    );
    server.closeAllConnections();
  }, 15_000);
});

describe("getting an access token while a connector is down", () => {
  it("waits at most 5 s for the token (a slow or stalled token endpoint), then fails so the provider rolls back", async () => {
    const { Agent } = await import("undici");
    const { CallLoop } = await import("../../../provider/client/call-loop");
    const dispatcher = new Agent();
    const stalled = { kind: "oauth" as const, token: () => new Promise<string>(() => {}), renewAfterRejection: async () => undefined, secrets: () => [] };
    const loop = new CallLoop({
      baseUrl: "http://127.0.0.1:9",
      tokens: stalled,
      dispatcher,
      timeoutMs: 30_000,
      maxRetries: 4,
      retryBaseMs: 1,
      gate: new RateGate(),
    });
    const started = Date.now();
    const e = await loop.run({ method: "PUT", orgId: "acme", path: ITEM, label: "PUT connector c-1", downtime: "down" }, { parse: () => undefined }).then(
      () => undefined,
      (err: Error & { code?: string }) => err,
    );
    const took = Date.now() - started;
    expect(e?.code).toBe("TIMEOUT");
    expect(e?.message).toContain("no access token within 5 s (the token endpoint is slow or asked to wait) while the connector is down for this change");
    expect(took).toBeGreaterThanOrEqual(4900);
    expect(took).toBeLessThan(6500);
    await dispatcher.close();
  }, 15_000);
});
