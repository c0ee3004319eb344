import { describe, expect, it } from "vitest";
import { ConnectorsClient } from "../../../provider/client/connectors-client";
import type { Connector, ConnectorWrite } from "../../../contract";
import { clientFailure, useMockBackend } from "./mock-backend";

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

const failure = (p: Promise<unknown>) => clientFailure(p, [TOKEN, "pw-hunter2-basic"]);

describe("ConnectorsClient", () => {
  const backend = useMockBackend(ORIGIN, TOKEN);

  it("gets a connector with the bearer token and returns undefined for a 404", async () => {
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1`, method: "GET", headers: { authorization: `Bearer ${TOKEN}` } })
      .reply(200, connector, json);
    backend
      .pool()
      .intercept({ path: `${BASE}/c-2`, method: "GET" })
      .reply(404, errorBody("NOT_FOUND", "no such connector"), json);
    expect(await backend.client.get("acme", "c-1")).toEqual(connector);
    expect(await backend.client.get("acme", "c-2")).toBeUndefined();
    expect(backend.client.requestCount).toBe(2);
  });

  it("lists connectors of one type", async () => {
    backend
      .pool()
      .intercept({ path: `${BASE}?type=CUSTOM`, method: "GET" })
      .reply(200, { items: [connector] }, json);
    expect(await backend.client.list("acme", "CUSTOM")).toEqual([connector]);
  });

  it("creates with a JSON body and returns the created connector", async () => {
    backend
      .pool()
      .intercept({ path: BASE, method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } })
      .reply(201, connector, json);
    expect(await backend.client.create("acme", body)).toEqual(connector);
  });

  it("sends If-Match on a replace", async () => {
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1`, method: "PUT", headers: { "if-match": "3" } })
      .reply(200, { ...connector, version: 4 }, json);
    expect((await backend.client.replace("acme", "c-1", body, { ifMatch: 3 })).version).toBe(4);
  });

  it("sends If-Match on a deactivate and a delete, and explains a 412 with a refresh", async () => {
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1/deactivate`, method: "POST", headers: { "if-match": "1" } })
      .reply(200, { ...connector, status: "INACTIVE", version: 2 }, json);
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1`, method: "DELETE", headers: { "if-match": "2" } })
      .reply(204, "");
    expect((await backend.client.deactivate("acme", "c-1", { ifMatch: 1 })).version).toBe(2);
    await backend.client.delete("acme", "c-1", { ifMatch: 2 });

    backend
      .pool()
      .intercept({ path: `${BASE}/c-2`, method: "DELETE", headers: { "if-match": "2" } })
      .reply(412, errorBody("VERSION_MISMATCH", "If-Match version 2 does not match the current version 5"), json);
    const e = await failure(backend.client.delete("acme", "c-2", { ifMatch: 2 }));
    expect([e.code, e.statusCode]).toEqual(["VERSION_MISMATCH", 412]);
    expect(e.message).toContain("run `pulumi refresh`");
  });

  it("explains a refusal with the code, the remedy and the trackingId, without retrying", async () => {
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1`, method: "PUT" })
      .reply(409, errorBody("CONNECTOR_ACTIVE", "connector is ACTIVE"), json);
    const e = await failure(backend.client.replace("acme", "c-1", body));
    expect([e.code, e.statusCode, e.trackingId]).toEqual(["CONNECTOR_ACTIVE", 409, "t-42"]);
    expect(e.message).toBe(
      'Backend refused PUT connector c-1 in org "acme": 409 CONNECTOR_ACTIVE — the connector is active; deactivate it before editing or deleting (trackingId t-42)',
    );
  });

  it("lists every invalid field of a VALIDATION_FAILED", async () => {
    backend
      .pool()
      .intercept({ path: BASE, method: "POST" })
      .reply(
        400,
        errorBody("VALIDATION_FAILED", "invalid connector", [
          { field: "custom.domainUrl", reason: "must be https" },
          { field: "name", reason: "required" },
        ]),
        json,
      );
    const e = await failure(backend.client.create("acme", body));
    expect(e.code).toBe("VALIDATION_FAILED");
    expect(e.details).toHaveLength(2);
    expect(e.message).toBe(
      'Backend refused POST new connector "Orders API" in org "acme": 400 VALIDATION_FAILED — the request was invalid: [custom.domainUrl] must be https; [name] required; fix the named properties (trackingId t-42)',
    );
  });

  it("names the org and the config keys when the token is not valid for the org", async () => {
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1`, method: "GET" })
      .reply(403, errorBody("FORBIDDEN", "token not valid for this org"), json);
    const e = await failure(backend.client.get("acme", "c-1"));
    expect(e.code).toBe("FORBIDDEN");
    expect(e.message).toContain('the token is not valid for org "acme"; check `wxcc:orgId` and `wxcc:accessToken`');
    expect(e.message).toContain("wxcc:accessToken");
  });

  it("redacts a secret that a server message echoes", async () => {
    backend.pool().intercept({ path: BASE, method: "POST" }).reply(422, errorBody("CONNECTIVITY_FAILED", "basic auth for svc:pw-hunter2-basic refused"), json);
    const e = await failure(backend.client.create("acme", body));
    expect(e.code).toBe("CONNECTIVITY_FAILED");
    expect(e.message).toContain("connectivity validation failed: basic auth for svc:[redacted] refused");
    expect(`${e.message}${String(e)}${e.stack}`).not.toContain("pw-hunter2-basic");
  });

  it("retries a GET after a 503 and a dropped connection", async () => {
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1`, method: "GET" })
      .reply(503, errorBody("INTERNAL", "down"), json);
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1`, method: "GET" })
      .replyWithError(new Error("socket hang up"));
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1`, method: "GET" })
      .reply(200, connector, json);
    const retries: string[] = [];
    const c = new ConnectorsClient({
      baseUrl: ORIGIN,
      accessToken: TOKEN,
      dispatcher: backend.agent,
      retryBaseMs: 1,
      maxRetries: 2,
      onRetry: (r) => retries.push(r.reason),
    });
    expect(await c.get("acme", "c-1")).toEqual(connector);
    expect(c.requestCount).toBe(3);
    expect(retries).toHaveLength(2);
  });

  it("honours Retry-After on a 429, even for a create (the backend refused it unprocessed)", async () => {
    backend
      .pool()
      .intercept({ path: BASE, method: "POST" })
      .reply(429, errorBody("RATE_LIMITED", "slow down"), { headers: { ...json.headers, "retry-after": "0" } });
    backend.pool().intercept({ path: BASE, method: "POST" }).reply(201, connector, json);
    expect(await backend.client.create("acme", body)).toEqual(connector);
    expect(backend.client.requestCount).toBe(2);
  });

  it("gives up after the configured retries and says how many attempts it made", async () => {
    for (let i = 0; i < 3; i++)
      backend
        .pool()
        .intercept({ path: `${BASE}/c-1/deactivate`, method: "POST" })
        .reply(502, errorBody("INTERNAL", "bad gateway"), json);
    const e = await failure(backend.client.deactivate("acme", "c-1"));
    expect(e.code).toBe("INTERNAL");
    expect(e.message).toContain("after 3 attempts: 502 INTERNAL");
  });

  it("reconciles a create whose answer was lost by finding it by name, without a second POST", async () => {
    backend.pool().intercept({ path: BASE, method: "POST" }).replyWithError(new Error("connection reset"));
    backend
      .pool()
      .intercept({ path: `${BASE}?type=CUSTOM`, method: "GET" })
      .reply(200, { items: [connector] }, json);
    expect(await backend.client.create("acme", body)).toEqual(connector);
    expect(backend.client.requestCount).toBe(2);
  });

  it("sends the create again when the lost one never reached the backend", async () => {
    backend.pool().intercept({ path: BASE, method: "POST" }).reply(500, errorBody("INTERNAL", "boom"), json);
    backend
      .pool()
      .intercept({ path: `${BASE}?type=CUSTOM`, method: "GET" })
      .reply(200, { items: [] }, json);
    backend.pool().intercept({ path: BASE, method: "POST" }).reply(201, connector, json);
    expect(await backend.client.create("acme", body)).toEqual(connector);
  });

  it("treats a PUT whose answer was lost as done when the live connector holds the edit", async () => {
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1`, method: "PUT" })
      .replyWithError(new Error("connection reset"));
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1`, method: "GET" })
      .reply(200, { ...connector, status: "INACTIVE", version: 3 }, json);
    expect((await backend.client.replace("acme", "c-1", body, { ifMatch: 2 })).version).toBe(3);
  });

  it("counts deleting a connector that is already gone as success", async () => {
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1`, method: "DELETE" })
      .reply(404, errorBody("NOT_FOUND", "gone"), json);
    await expect(backend.client.delete("acme", "c-1")).resolves.toBeUndefined();
  });

  it("reports an unreachable backend with the base URL and the config key to check", async () => {
    backend.agent.enableNetConnect();
    const c = new ConnectorsClient({ baseUrl: "http://127.0.0.1:1", accessToken: TOKEN, maxRetries: 1, retryBaseMs: 1 });
    const e = await failure(c.list("acme"));
    expect([e.code, e.attempts]).toEqual(["NETWORK_ERROR", 2]);
    expect(e.message).toMatch(
      /^Could not reach the backend at http:\/\/127\.0\.0\.1:1 for GET connector list in org "acme" after 2 attempts: ECONNREFUSED .* — check `wxcc:baseUrl`/,
    );
  });
});
