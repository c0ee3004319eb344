import { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectorsClient } from "../../provider/client/connectors-client";
import type { Connector, ConnectorWrite } from "../../provider/client/types";
import { WxccError } from "../../provider/errors";

const ORIGIN = "http://backend.test";
const TOKEN = "tok-super-secret-123";
const BASE = "/v1/organizations/acme/connectors";

const body: ConnectorWrite = {
  type: "CUSTOM",
  name: "Orders API",
  custom: { authenticationType: "BASIC", domainUrl: "https://orders.example.com", username: "svc", password: "pw-hunter2-basic" },
};

const connector: Connector = {
  id: "c-1",
  orgId: "acme",
  type: "CUSTOM",
  name: "Orders API",
  status: "ACTIVE",
  version: 1,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
  custom: { authenticationType: "BASIC", domainUrl: "https://orders.example.com", username: "svc" },
};

const json = { headers: { "content-type": "application/json" } };

function errorBody(code: string, message: string, details?: unknown) {
  return { code, message, trackingId: "t-42", ...(details ? { details } : {}) };
}

async function failure(p: Promise<unknown>): Promise<WxccError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(WxccError);
    const e = err as WxccError;
    // No credential ever leaks through any rendering of the error.
    for (const text of [e.message, String(e), e.stack ?? ""]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain("pw-hunter2-basic");
    }
    return e;
  }
  throw new Error("expected the call to fail");
}

describe("ConnectorsClient", () => {
  let agent: MockAgent;
  let client: ConnectorsClient;
  const pool = () => agent.get(ORIGIN);

  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
    client = new ConnectorsClient({ baseUrl: ORIGIN, accessToken: TOKEN, dispatcher: agent, retryBaseMs: 1, maxRetries: 2 });
  });

  afterEach(async () => {
    agent.assertNoPendingInterceptors();
    await agent.close();
  });

  it("gets a connector with the bearer token and returns undefined for a 404", async () => {
    pool()
      .intercept({ path: `${BASE}/c-1`, method: "GET", headers: { authorization: `Bearer ${TOKEN}` } })
      .reply(200, connector, json);
    pool().intercept({ path: `${BASE}/c-2`, method: "GET" }).reply(404, errorBody("NOT_FOUND", "no such connector"), json);
    expect(await client.get("acme", "c-1")).toEqual(connector);
    expect(await client.get("acme", "c-2")).toBeUndefined();
    expect(client.requestCount).toBe(2);
  });

  it("lists connectors of one type", async () => {
    pool().intercept({ path: `${BASE}?type=CUSTOM`, method: "GET" }).reply(200, { items: [connector] }, json);
    expect(await client.list("acme", "CUSTOM")).toEqual([connector]);
  });

  it("creates with a JSON body and returns the created connector", async () => {
    pool()
      .intercept({ path: BASE, method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } })
      .reply(201, connector, json);
    expect(await client.create("acme", body)).toEqual(connector);
  });

  it("sends If-Match on a replace", async () => {
    pool()
      .intercept({ path: `${BASE}/c-1`, method: "PUT", headers: { "if-match": "3" } })
      .reply(200, { ...connector, version: 4 }, json);
    expect((await client.replace("acme", "c-1", body, { ifMatch: 3 })).version).toBe(4);
  });

  it("explains a refusal with the code, the remedy and the trackingId, without retrying", async () => {
    pool().intercept({ path: `${BASE}/c-1`, method: "PUT" }).reply(409, errorBody("CONNECTOR_ACTIVE", "connector is ACTIVE"), json);
    const e = await failure(client.replace("acme", "c-1", body));
    expect([e.code, e.statusCode, e.trackingId]).toEqual(["CONNECTOR_ACTIVE", 409, "t-42"]);
    expect(e.message).toBe(
      'Backend refused PUT connector c-1 in org "acme": 409 CONNECTOR_ACTIVE — the connector is active; deactivate it before editing or deleting (trackingId t-42)',
    );
  });

  it("lists every invalid field of a VALIDATION_FAILED", async () => {
    pool()
      .intercept({ path: BASE, method: "POST" })
      .reply(400, errorBody("VALIDATION_FAILED", "invalid connector", [{ field: "custom.domainUrl", reason: "must be https" }, { field: "name", reason: "required" }]), json);
    const e = await failure(client.create("acme", body));
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.details).toHaveLength(2);
    expect(e.message).toBe(
      'Backend refused POST new connector "Orders API" in org "acme": 400 VALIDATION_FAILED — the request was invalid: [custom.domainUrl] must be https; [name] required; fix the named properties (trackingId t-42)',
    );
  });

  it("names the org and the config keys when the token is not valid for the org", async () => {
    pool().intercept({ path: `${BASE}/c-1`, method: "GET" }).reply(403, errorBody("FORBIDDEN", "token not valid for this org"), json);
    const e = await failure(client.get("acme", "c-1"));
    expect(e.code).toBe("FORBIDDEN");
    expect(e.message).toContain('the token is not valid for org "acme"; check `wxcc:orgId` and `wxcc:accessToken`');
    expect(e.message).toContain("wxcc:accessToken");
  });

  it("redacts a secret that a server message echoes", async () => {
    pool().intercept({ path: BASE, method: "POST" }).reply(422, errorBody("CONNECTIVITY_FAILED", "basic auth for svc:pw-hunter2-basic refused"), json);
    const e = await failure(client.create("acme", body));
    expect(e.code).toBe("CONNECTIVITY_FAILED");
    expect(e.message).toContain("connectivity validation failed: basic auth for svc:[redacted] refused");
    expect(`${e.message}${String(e)}${e.stack}`).not.toContain("pw-hunter2-basic");
  });

  it("retries a GET after a 503 and a dropped connection", async () => {
    pool().intercept({ path: `${BASE}/c-1`, method: "GET" }).reply(503, errorBody("INTERNAL", "down"), json);
    pool().intercept({ path: `${BASE}/c-1`, method: "GET" }).replyWithError(new Error("socket hang up"));
    pool().intercept({ path: `${BASE}/c-1`, method: "GET" }).reply(200, connector, json);
    const retries: string[] = [];
    const c = new ConnectorsClient({ baseUrl: ORIGIN, accessToken: TOKEN, dispatcher: agent, retryBaseMs: 1, maxRetries: 2, onRetry: (r) => retries.push(r.reason) });
    expect(await c.get("acme", "c-1")).toEqual(connector);
    expect(c.requestCount).toBe(3);
    expect(retries).toHaveLength(2);
  });

  it("honours Retry-After on a 429, even for a create (the backend refused it unprocessed)", async () => {
    pool().intercept({ path: BASE, method: "POST" }).reply(429, errorBody("RATE_LIMITED", "slow down"), { headers: { ...json.headers, "retry-after": "0" } });
    pool().intercept({ path: BASE, method: "POST" }).reply(201, connector, json);
    expect(await client.create("acme", body)).toEqual(connector);
    expect(client.requestCount).toBe(2);
  });

  it("gives up after the configured retries and says how many attempts it made", async () => {
    for (let i = 0; i < 3; i++) pool().intercept({ path: `${BASE}/c-1/deactivate`, method: "POST" }).reply(502, errorBody("INTERNAL", "bad gateway"), json);
    const e = await failure(client.deactivate("acme", "c-1"));
    expect(e.code).toBe("INTERNAL");
    expect(e.message).toContain("after 3 attempts: 502 INTERNAL");
  });

  it("reconciles a create whose answer was lost by finding it by name, without a second POST", async () => {
    pool().intercept({ path: BASE, method: "POST" }).replyWithError(new Error("connection reset"));
    pool().intercept({ path: `${BASE}?type=CUSTOM`, method: "GET" }).reply(200, { items: [connector] }, json);
    expect(await client.create("acme", body)).toEqual(connector);
    expect(client.requestCount).toBe(2);
  });

  it("sends the create again when the lost one never reached the backend", async () => {
    pool().intercept({ path: BASE, method: "POST" }).reply(500, errorBody("INTERNAL", "boom"), json);
    pool().intercept({ path: `${BASE}?type=CUSTOM`, method: "GET" }).reply(200, { items: [] }, json);
    pool().intercept({ path: BASE, method: "POST" }).reply(201, connector, json);
    expect(await client.create("acme", body)).toEqual(connector);
  });

  it("treats a PUT whose answer was lost as done when the live connector holds the edit", async () => {
    pool().intercept({ path: `${BASE}/c-1`, method: "PUT" }).replyWithError(new Error("connection reset"));
    pool().intercept({ path: `${BASE}/c-1`, method: "GET" }).reply(200, { ...connector, status: "INACTIVE", version: 3 }, json);
    expect((await client.replace("acme", "c-1", body, { ifMatch: 2 })).version).toBe(3);
  });

  it("counts deleting a connector that is already gone as success", async () => {
    pool().intercept({ path: `${BASE}/c-1`, method: "DELETE" }).reply(404, errorBody("NOT_FOUND", "gone"), json);
    await expect(client.delete("acme", "c-1")).resolves.toBeUndefined();
  });

  it("reports an unreachable backend with the base URL and the config key to check", async () => {
    agent.enableNetConnect();
    const c = new ConnectorsClient({ baseUrl: "http://127.0.0.1:1", accessToken: TOKEN, maxRetries: 1, retryBaseMs: 1 });
    const e = await failure(c.list("acme"));
    expect([e.code, e.attempts]).toEqual(["NETWORK_ERROR", 2]);
    expect(e.message).toMatch(/^Could not reach the backend at http:\/\/127\.0\.0\.1:1 for GET connector list in org "acme" after 2 attempts: ECONNREFUSED .* — check `wxcc:baseUrl`/);
  });
});
