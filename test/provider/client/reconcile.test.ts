import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectorsClient } from "../../../provider/client/connectors-client";
import type { Connector, ConnectorWrite } from "../../../contract";
import { clientFailure, useMockBackend } from "./mock-backend";

const ORIGIN = "http://backend.test";
const TOKEN = "tok-another-secret-456";
const SECRET = "pw-s3cret-basic";
const BASE = "/v1/organizations/acme/connectors";
const json = { headers: { "content-type": "application/json" } };

const body: ConnectorWrite = {
  type: "CUSTOM",
  name: "Orders API",
  custom: { authenticationType: "BASIC", domainUrl: "https://orders.example.com", username: "svc", password: SECRET },
};
const live: Connector = {
  id: "c-1",
  orgId: "acme",
  type: "CUSTOM",
  name: "orders api",
  status: "ACTIVE",
  version: 1,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
  custom: { authenticationType: "BASIC", domainUrl: "https://orders.example.com", username: "svc" },
};
const err = (code: string, message: string) => ({ code, message, trackingId: "t-7" });

const failure = (p: Promise<unknown>) => clientFailure(p, [TOKEN, SECRET]);

describe("ConnectorsClient reconciliation and error messages", () => {
  const backend = useMockBackend(ORIGIN, TOKEN);

  it.each([
    [401, "UNAUTHORIZED", "bad token", "401 UNAUTHORIZED — the access token was rejected; check `wxcc:accessToken`"],
    [403, "FORBIDDEN", "nope", '403 FORBIDDEN — the token is not valid for org "acme"; check `wxcc:orgId` and `wxcc:accessToken`'],
    [
      409,
      "NAME_CONFLICT",
      'A connector named "Orders API" already exists',
      '409 NAME_CONFLICT — A connector named "Orders API" already exists; choose another name, or adopt the existing connector with the `connectorId` input',
    ],
    [
      409,
      "LIMIT_EXCEEDED",
      "maximum of 10 CUSTOM connectors",
      "409 LIMIT_EXCEEDED — maximum of 10 CUSTOM connectors; delete an unused connector of this type first (inactive ones count)",
    ],
    [
      422,
      "CONNECTIVITY_FAILED",
      "invalid_grant: user hasn't approved this consumer",
      "422 CONNECTIVITY_FAILED — connectivity validation failed: invalid_grant: user hasn't approved this consumer; check the credentials",
    ],
    [
      400,
      "IMMUTABLE_FIELD",
      "type cannot change",
      "400 IMMUTABLE_FIELD — the connector's id and type can never change; replace the resource instead (backend: type cannot change)",
    ],
  ])("explains a %i %s with its remedy and sends the create only once", async (status, code, message, expected) => {
    backend
      .pool()
      .intercept({ path: BASE, method: "POST" })
      .reply(status, err(code, `${message} ${TOKEN}`), json);
    const e = await failure(backend.client.create("acme", body));
    expect([e.code, e.statusCode, e.trackingId]).toEqual([code, status, "t-7"]);
    // The server echoed the token; it comes back redacted wherever the message is quoted.
    expect(e.message).toContain(`Backend refused POST new connector "Orders API" in org "acme": ${expected.replace(message, `${message} [redacted]`)}`);
    expect(e.message).toContain("(trackingId t-7)");
    expect(backend.client.requestCount).toBe(1);
  });

  it("reconciles a retried create that meets NAME_CONFLICT by returning the matching connector", async () => {
    backend.pool().intercept({ path: BASE, method: "POST" }).reply(503, err("INTERNAL", "busy"), json);
    backend
      .pool()
      .intercept({ path: `${BASE}?type=CUSTOM`, method: "GET" })
      .reply(200, { items: [] }, json);
    backend.pool().intercept({ path: BASE, method: "POST" }).reply(409, err("NAME_CONFLICT", "taken"), json);
    backend
      .pool()
      .intercept({ path: `${BASE}?type=CUSTOM`, method: "GET" })
      .reply(200, { items: [live] }, json);
    expect(await backend.client.create("acme", body)).toEqual(live);
    expect(backend.client.requestCount).toBe(4);
  });

  it("sends the create again when the lost answer's lookup by name finds nothing", async () => {
    backend.pool().intercept({ path: BASE, method: "POST" }).replyWithError(new Error("socket hang up"));
    backend
      .pool()
      .intercept({ path: `${BASE}?type=CUSTOM`, method: "GET" })
      .reply(200, { items: [] }, json);
    backend.pool().intercept({ path: BASE, method: "POST" }).reply(201, live, json);
    expect(await backend.client.create("acme", body)).toEqual(live);
    expect(backend.client.requestCount).toBe(3);
  });

  it("refuses to adopt a same-named connector whose settings differ after a lost create", async () => {
    backend.pool().intercept({ path: BASE, method: "POST" }).replyWithError(new Error("socket hang up"));
    const other = { ...live, custom: { ...live.custom!, domainUrl: "https://other.example.com" } };
    backend
      .pool()
      .intercept({ path: `${BASE}?type=CUSTOM`, method: "GET" })
      .reply(200, { items: [other] }, json);
    const e = await failure(backend.client.create("acme", body));
    expect(e.code).toBe("NAME_CONFLICT");
    expect(e.message).toContain("connector c-1 already has this name with different settings");
  });

  it("returns an already-active connector when a re-sent activate is refused", async () => {
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1/activate`, method: "POST" })
      .reply(502, "bad gateway");
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1/activate`, method: "POST" })
      .reply(409, err("CONNECTOR_ACTIVE", "already active"), json);
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1`, method: "GET" })
      .reply(200, live, json);
    expect(await backend.client.activate("acme", "c-1")).toEqual(live);
  });

  it("does not retry a 422 from activate", async () => {
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1/activate`, method: "POST" })
      .reply(422, err("CONNECTIVITY_FAILED", "invalid_client"), json);
    const e = await failure(backend.client.activate("acme", "c-1"));
    expect(e.code).toBe("CONNECTIVITY_FAILED");
    expect(backend.client.requestCount).toBe(1);
  });

  it("treats a 412 on a re-sent If-Match PUT as success when the first one landed", async () => {
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1`, method: "PUT" })
      .reply(504, "timeout");
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1`, method: "GET" })
      .reply(200, { ...live, name: "Orders API", status: "INACTIVE", version: 2 }, json);
    // The GET shows version 2 > If-Match 1 with the edit applied: no second PUT.
    const done = await backend.client.replace("acme", "c-1", body, { ifMatch: 1 });
    expect(done.version).toBe(2);
    expect(backend.client.requestCount).toBe(2);
  });

  it("treats a 412 on a re-sent If-Match deactivate as success when the first one landed", async () => {
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1/deactivate`, method: "POST", headers: { "if-match": "1" } })
      .reply(504, "timeout");
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1/deactivate`, method: "POST", headers: { "if-match": "1" } })
      .reply(412, err("VERSION_MISMATCH", "current version 2"), json);
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1`, method: "GET" })
      .reply(200, { ...live, status: "INACTIVE", version: 2 }, json);
    const done = await backend.client.deactivate("acme", "c-1", { ifMatch: 1 });
    expect(done).toMatchObject({ status: "INACTIVE", version: 2 });
  });

  it("keeps a 412 on a re-sent If-Match deactivate when someone else changed the connector meanwhile", async () => {
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1/deactivate`, method: "POST" })
      .reply(504, "timeout");
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1/deactivate`, method: "POST" })
      .reply(412, err("VERSION_MISMATCH", "current version 4"), json);
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1`, method: "GET" })
      .reply(200, { ...live, status: "INACTIVE", version: 4 }, json);
    const e = await failure(backend.client.deactivate("acme", "c-1", { ifMatch: 1 }));
    expect(e.code).toBe("VERSION_MISMATCH");
  });

  it("re-sends a deactivate after a dropped connection and reports retries", async () => {
    const seen: number[] = [];
    const c = new ConnectorsClient({ baseUrl: ORIGIN, accessToken: TOKEN, dispatcher: backend.agent, retryBaseMs: 1, onRetry: (i) => seen.push(i.attempt) });
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1/deactivate`, method: "POST" })
      .replyWithError(new Error("ECONNRESET"));
    backend
      .pool()
      .intercept({ path: `${BASE}/c-1/deactivate`, method: "POST" })
      .reply(200, { ...live, status: "INACTIVE" }, json);
    expect((await c.deactivate("acme", "c-1")).status).toBe("INACTIVE");
    expect(seen).toEqual([1]);
  });

  it("never shows the token when the client itself is printed", () => {
    expect(JSON.stringify(backend.client)).not.toContain(TOKEN);
    expect(inspect(backend.client, { showHidden: false })).not.toContain(TOKEN);
  });

  it("encodes path segments", async () => {
    backend.pool().intercept({ path: "/v1/organizations/a%2Fb/connectors/c%201", method: "DELETE" }).reply(204, "");
    await backend.client.delete("a/b", "c 1");
  });
});

describe("ConnectorsClient timeouts", () => {
  let server: Server;
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  it("gives up with TIMEOUT when the backend never answers", async () => {
    server = createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const c = new ConnectorsClient({ baseUrl: url, accessToken: TOKEN, requestTimeoutMs: 100, maxRetries: 1, retryBaseMs: 1 });
    const e = await failure(c.get("acme", "c-1"));
    expect([e.code, e.attempts]).toEqual(["TIMEOUT", 2]);
    expect(e.message).toMatch(/did not answer GET connector c-1 in org "acme" after 2 attempts: UND_ERR_HEADERS_TIMEOUT/);
    server.closeAllConnections();
  });
});
