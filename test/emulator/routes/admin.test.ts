import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { request } from "undici";
import { EmulatorAdminError } from "../../../emulator/admin-client";
import { basicBody, http, useTestEmulator } from "../support";

const t = useTestEmulator();
beforeEach(async () => {
  await t.freshOrg();
});
afterEach(async () => {
  await t.admin.clearFaults();
});

describe("fault injection", () => {
  it("answers an injected status with the default code, only `times` times, and only for the matching method", async () => {
    await t.admin.injectFault({ method: "GET", path: "/connectors$", status: 503, times: 2 });
    expect((await t.api("POST", "", { body: basicBody("unaffected") })).status).toBe(201);
    const first = await t.api("GET");
    expect(first.status).toBe(503);
    expect(first.body).toMatchObject({ code: "INTERNAL" });
    expect(first.body.trackingId).toBeTruthy();
    expect((await t.api("GET")).status).toBe(503);
    expect((await t.api("GET")).status).toBe(200);
  });

  it("uses the given code, and sends Retry-After: 1 with a 429", async () => {
    await t.admin.injectFault({ path: "/connectors", status: 429, times: 1 });
    const r = await t.api("GET");
    expect(r.status).toBe(429);
    expect(r.body.code).toBe("RATE_LIMITED");
    expect(r.headers["retry-after"]).toBe("1");
    await t.admin.injectFault({ path: "/connectors", status: 409, code: "CONNECTOR_ACTIVE", times: 1 });
    expect((await t.api("GET")).body.code).toBe("CONNECTOR_ACTIVE");
  });

  it("lets a delay-only fault proceed normally after the delay", async () => {
    await t.admin.injectFault({ method: "POST", path: "/connectors$", delayMs: 300, times: 1 });
    const started = Date.now();
    const r = await t.api("POST", "", { body: basicBody("slow") });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(r.status).toBe(201);
    expect(r.body.name).toBe("slow");
  });

  it("drops the connection without a response and logs status 0", async () => {
    await t.admin.clearRequests();
    await t.admin.injectFault({ path: "/connectors$", drop: true, times: 1 });
    await expect(request(t.connectors(), { headers: { authorization: "Bearer x" } })).rejects.toThrow();
    expect((await t.api("GET")).status).toBe(200);
    const log = await t.admin.requests();
    expect(log.map((e) => e.status)).toEqual([0, 200]);
  });

  describe("with `after`, the request is handled and only its answer suffers", () => {
    it("drops the answer of a create that was made", async () => {
      const org = await t.freshOrg();
      await t.admin.injectFault({ method: "POST", path: "/connectors$", drop: true, after: true, times: 1 });
      const body = JSON.stringify(basicBody("landed"));
      await expect(
        request(t.connectors(), { method: "POST", body, headers: { authorization: `Bearer ${org.token}`, "content-type": "application/json" } }),
      ).rejects.toThrow();
      const list = await t.api("GET");
      expect(list.body.items.map((c: { name: string }) => c.name)).toEqual(["landed"]);
    });

    it("holds the answer of a deactivation that already took effect", async () => {
      const c = (await t.api("POST", "", { body: basicBody("held") })).body;
      await t.admin.injectFault({ method: "POST", path: "/deactivate$", delayMs: 400, after: true, times: 1 });
      const late = t.api("POST", `/${c.id}/deactivate`);
      await new Promise((r) => setTimeout(r, 100));
      expect((await t.api("GET", `/${c.id}`)).body.status).toBe("INACTIVE");
      expect((await late).body).toMatchObject({ id: c.id, status: "INACTIVE" });
    });

    it("replaces the answer of a change that was made with the injected status", async () => {
      const c = (await t.api("POST", "", { body: basicBody("gateway") })).body;
      await t.admin.injectFault({ method: "POST", path: "/deactivate$", status: 502, after: true, times: 1 });
      const r = await t.api("POST", `/${c.id}/deactivate`);
      expect(r.status).toBe(502);
      expect((await t.api("GET", `/${c.id}`)).body.status).toBe("INACTIVE");
    });

    it("refuses a non-boolean `after`, naming it", async () => {
      const bad = await t.admin.injectFault({ path: "x", drop: true, after: "yes" as unknown as boolean, times: 1 }).catch((e: EmulatorAdminError) => e);
      expect((bad as EmulatorAdminError).message).toContain("[after]");
    });
  });

  it("applies to the fake IdP endpoints too, so a token endpoint outage fails create with 422", async () => {
    await t.admin.registerOAuthClient({ clientId: "faulty", clientSecret: "faulty-secret" });
    await t.admin.injectFault({ path: "^/oauth/token$", status: 503, times: 1 });
    const body = {
      type: "CUSTOM",
      name: "idp down",
      custom: {
        authenticationType: "OAUTH2",
        domainUrl: "https://a.example.com",
        clientId: "faulty",
        clientSecret: "faulty-secret",
        tokenUrl: `${t.emu.url}/oauth/token`,
      },
    };
    const r = await t.api("POST", "", { body });
    expect(r.status).toBe(422);
    expect(r.body.message).toMatch(/http_503/);
    expect((await t.api("POST", "", { body })).status).toBe(201);
  });

  it("rejects a malformed fault with 400 naming the field, and clears faults", async () => {
    const bad = await t.admin.injectFault({ path: "(", status: 500, times: 1 }).catch((e: EmulatorAdminError) => e);
    expect(bad).toBeInstanceOf(EmulatorAdminError);
    expect((bad as EmulatorAdminError).statusCode).toBe(400);
    expect((bad as EmulatorAdminError).message).toContain("[path]");
    const noTimes = await t.admin.injectFault({ path: "x", status: 500, times: 0 }).catch((e: EmulatorAdminError) => e);
    expect((noTimes as EmulatorAdminError).message).toContain("[times]");
    await t.admin.injectFault({ path: ".", status: 500, times: 100 });
    await t.admin.clearFaults();
    expect((await t.api("GET")).status).toBe(200);
  });
});

describe("request and event logs", () => {
  it("records method, path (no query), status and time of every non-admin request", async () => {
    await t.admin.clearRequests();
    await t.api("GET", "?type=CUSTOM");
    await t.api("GET", "/c-nope");
    await http(`${t.emu.url}/basic/validate`);
    await http(`${t.emu.url}/_admin/requests`, { token: t.emu.adminToken });
    const log = await t.admin.requests();
    expect(log.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
      { method: "GET", path: t.connectors().replace(t.emu.url, ""), status: 200 },
      { method: "GET", path: t.connectors("/c-nope").replace(t.emu.url, ""), status: 404 },
      { method: "GET", path: "/basic/validate", status: 401 },
    ]);
    for (const e of log) expect(Number.isNaN(Date.parse(e.time))).toBe(false);
  });

  it("records every status change and edit with from, to, kind and time", async () => {
    const org = await t.freshOrg();
    const c = (await t.api("POST", "", { body: basicBody("tracked") })).body;
    await t.api("POST", `/${c.id}/deactivate`);
    await t.api("POST", `/${c.id}/deactivate`);
    await t.api("PUT", `/${c.id}`, { body: basicBody("tracked 2") });
    await t.api("POST", `/${c.id}/activate`);
    await t.api("POST", `/${c.id}/deactivate`);
    await t.api("DELETE", `/${c.id}`);
    const events = await t.admin.events({ orgId: org.orgId });
    expect(events.map(({ connectorId, orgId, from, to, kind }) => ({ connectorId, orgId, from, to, kind }))).toEqual([
      { connectorId: c.id, orgId: org.orgId, from: null, to: "ACTIVE", kind: "CREATE" },
      { connectorId: c.id, orgId: org.orgId, from: "ACTIVE", to: "INACTIVE", kind: "DEACTIVATE" },
      { connectorId: c.id, orgId: org.orgId, from: "INACTIVE", to: "INACTIVE", kind: "EDIT" },
      { connectorId: c.id, orgId: org.orgId, from: "INACTIVE", to: "ACTIVE", kind: "ACTIVATE" },
      { connectorId: c.id, orgId: org.orgId, from: "ACTIVE", to: "INACTIVE", kind: "DEACTIVATE" },
      { connectorId: c.id, orgId: org.orgId, from: "INACTIVE", to: null, kind: "DELETE" },
    ]);
    const times = events.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("does not record failed operations as events", async () => {
    const org = await t.freshOrg();
    await t.api("POST", "", { body: basicBody("ok") });
    await t.api("POST", "", { body: basicBody("OK") });
    await t.api("POST", "", { body: { type: "CUSTOM" } });
    expect((await t.admin.events({ orgId: org.orgId })).map((e) => e.kind)).toEqual(["CREATE"]);
  });

  it("validates admin bodies", async () => {
    const r = await http(`${t.emu.url}/_admin/basic/users`, { method: "POST", token: t.emu.adminToken, body: { username: "u" } });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([{ field: "password", reason: "is required (a non-empty string)" }]);
    const k = await http(`${t.emu.url}/_admin/salesforce/apps`, {
      method: "POST",
      token: t.emu.adminToken,
      body: { clientId: "c", publicKeyPem: "nope", users: [] },
    });
    expect(k.status).toBe(400);
    expect(k.body.details[0].field).toBe("publicKeyPem");
  });
});
