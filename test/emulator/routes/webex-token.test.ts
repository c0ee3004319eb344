import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorAdmin, EmulatorAdminError } from "../../../emulator/admin-client";
import { startEmulator } from "../../../emulator/index";
import { WebexIntegrations } from "../../../emulator/webex-integrations";
import { http, useTestEmulator } from "../support";

const t = useTestEmulator({
  orgs: [
    { orgId: "acme", token: "acme-static" },
    { orgId: "globex", token: "globex-static" },
  ],
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  await t.admin.registerWebexIntegration({
    clientId: "C-int",
    clientSecret: "int-secret",
    refreshTokens: [
      { refreshToken: "rt-acme", orgId: "acme" },
      { refreshToken: "rt-globex", orgId: "globex" },
    ],
  });
  await t.admin.registerWebexIntegration({
    clientId: "C-short",
    clientSecret: "short-secret",
    accessTokenTtlSeconds: 1,
    refreshTokens: [{ refreshToken: "rt-short", orgId: "acme" }],
  });
  await t.admin.registerWebexIntegration({ clientId: "C-other", clientSecret: "other-secret", refreshTokens: [{ refreshToken: "rt-other", orgId: "acme" }] });
});

const form = (f: Record<string, string>) => ({
  method: "POST",
  raw: new URLSearchParams(f).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});
const refresh = (clientId: string, clientSecret: string, refreshToken: string, url = t.emu.url) =>
  http(`${url}/v1/access_token`, form({ grant_type: "refresh_token", client_id: clientId, client_secret: clientSecret, refresh_token: refreshToken }));
const list = (orgId: string, token: string) => http(`${t.emu.url}/v1/organizations/${orgId}/connectors`, { token });

describe("Webex token endpoint /v1/access_token", () => {
  it("mints an access token with the refresh_token grant and hands back the same refresh token with its remaining lifetime", async () => {
    const r = await refresh("C-int", "int-secret", "rt-acme");
    expect(r.status).toBe(200);
    expect(r.headers["cache-control"]).toBe("no-store");
    expect(r.body).toMatchObject({ token_type: "Bearer", expires_in: 14 * 24 * 3600, refresh_token: "rt-acme" });
    expect(r.body.access_token).toEqual(expect.any(String));
    expect(r.body.refresh_token_expires_in).toBeGreaterThan(90 * 24 * 3600 - 60);
    expect(r.body.refresh_token_expires_in).toBeLessThanOrEqual(90 * 24 * 3600);
    const again = await refresh("C-int", "int-secret", "rt-acme");
    expect(again.body.access_token).not.toBe(r.body.access_token);
  });

  it("binds a minted token to its refresh token's org: 200 there, 403 on another org", async () => {
    const acme = (await refresh("C-int", "int-secret", "rt-acme")).body.access_token;
    expect((await list("acme", acme)).status).toBe(200);
    const other = await list("globex", acme);
    expect(other.status).toBe(403);
    expect(other.body.code).toBe("FORBIDDEN");
    const globex = (await refresh("C-int", "int-secret", "rt-globex")).body.access_token;
    expect((await list("globex", globex)).status).toBe(200);
  });

  it("refuses a minted token with 401 once its TTL has passed, and a new refresh works again", async () => {
    const r = await refresh("C-short", "short-secret", "rt-short");
    expect(r.body.expires_in).toBe(1);
    expect((await list("acme", r.body.access_token)).status).toBe(200);
    await sleep(1100);
    const expired = await list("acme", r.body.access_token);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ code: "UNAUTHORIZED", message: expect.stringMatching(/expired/) });
    const fresh = (await refresh("C-short", "short-secret", "rt-short")).body.access_token;
    expect((await list("acme", fresh)).status).toBe(200);
  });

  it("answers 401 invalid_client for an unknown client or a wrong secret, also by HTTP Basic", async () => {
    for (const r of [await refresh("C-int", "wrong", "rt-acme"), await refresh("C-nobody", "int-secret", "rt-acme")]) {
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: "invalid_client", error_description: "client authentication failed" });
    }
    const basic = (secret: string) =>
      http(`${t.emu.url}/v1/access_token`, {
        ...form({ grant_type: "refresh_token", refresh_token: "rt-acme" }),
        headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`C-int:${secret}`).toString("base64")}` },
      });
    expect((await basic("int-secret")).status).toBe(200);
    expect((await basic("nope")).body.error).toBe("invalid_client");
  });

  it("answers 400 invalid_grant for an unknown refresh token or one of another client", async () => {
    for (const rt of ["rt-nobody", "rt-other"]) {
      const r = await refresh("C-int", "int-secret", rt);
      expect(r.status).toBe(400);
      expect(r.body).toEqual({ error: "invalid_grant", error_description: "the refresh token is not valid for this client" });
    }
  });

  it("answers invalid_request, unsupported_grant_type and 405 per RFC 6749 §5.2", async () => {
    const url = `${t.emu.url}/v1/access_token`;
    expect((await http(url, form({ client_id: "C-int", client_secret: "int-secret", refresh_token: "rt-acme" }))).body.error).toBe("invalid_request");
    expect((await http(url, form({ grant_type: "refresh_token", client_id: "C-int", client_secret: "int-secret" }))).body).toEqual({
      error: "invalid_request",
      error_description: "refresh_token is required",
    });
    const code = await http(url, form({ grant_type: "authorization_code", client_id: "C-int", client_secret: "int-secret", code: "x" }));
    expect(code.status).toBe(400);
    expect(code.body.error).toBe("unsupported_grant_type");
    const json = await http(url, {
      method: "POST",
      body: { grant_type: "refresh_token", client_id: "C-int", client_secret: "int-secret", refresh_token: "rt-acme" },
    });
    expect(json.status).toBe(400);
    expect(json.body.error_description).toMatch(/application\/x-www-form-urlencoded/);
    const get = await http(url);
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe("POST");
  });

  it("is logged and meets injected faults like any non-admin endpoint", async () => {
    await t.admin.clearRequests();
    await t.admin.injectFault({ method: "POST", path: "^/v1/access_token$", status: 503, times: 1 });
    expect((await refresh("C-int", "int-secret", "rt-acme")).status).toBe(503);
    expect((await refresh("C-int", "int-secret", "rt-acme")).status).toBe(200);
    expect((await t.admin.requests()).map((e) => [e.method, e.path, e.status])).toEqual([
      ["POST", "/v1/access_token", 503],
      ["POST", "/v1/access_token", 200],
    ]);
  });
});

describe("POST /_admin/webex/integrations", () => {
  const register = (body: unknown, token = t.emu.adminToken) => http(`${t.emu.url}/_admin/webex/integrations`, { method: "POST", token, body });

  it("answers 201 without echoing the client secret or any refresh token", async () => {
    const r = await register({
      clientId: "C-echo",
      clientSecret: "echo-secret",
      accessTokenTtlSeconds: 60,
      refreshTokens: [{ refreshToken: "rt-echo", orgId: "acme" }],
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ clientId: "C-echo", accessTokenTtlSeconds: 60, orgIds: ["acme"] });
    expect(r.text).not.toMatch(/echo-secret|rt-echo/);
  });

  it("refuses anything but the admin token, including a minted access token", async () => {
    const minted = (await refresh("C-int", "int-secret", "rt-acme")).body.access_token;
    for (const token of [minted, "acme-static"]) {
      const r = await register({ clientId: "C-x", clientSecret: "s", refreshTokens: [{ refreshToken: "r", orgId: "acme" }] }, token);
      expect(r.status).toBe(401);
    }
    expect((await refresh("C-x", "s", "r")).body.error).toBe("invalid_client");
  });

  it("names the field at fault", async () => {
    const cases: Array<[unknown, string]> = [
      [{ clientSecret: "s", refreshTokens: [{ refreshToken: "r", orgId: "o" }] }, "clientId"],
      [{ clientId: "c", clientSecret: "s", refreshTokens: [] }, "refreshTokens"],
      [{ clientId: "c", clientSecret: "s", refreshTokens: [{ refreshToken: "r" }] }, "refreshTokens"],
      [{ clientId: "c", clientSecret: "s", accessTokenTtlSeconds: 0, refreshTokens: [{ refreshToken: "r", orgId: "o" }] }, "accessTokenTtlSeconds"],
      [{ clientId: "c", clientSecret: "s", refreshTokenTtlSeconds: 1.5, refreshTokens: [{ refreshToken: "r", orgId: "o" }] }, "refreshTokenTtlSeconds"],
      [{ clientId: "c", clientSecret: "s", scope: "x", refreshTokens: [{ refreshToken: "r", orgId: "o" }] }, "scope"],
    ];
    for (const [body, field] of cases) {
      const r = await register(body);
      expect(r.status).toBe(400);
      expect(r.body.message).toContain(`[${field}]`);
    }
  });

  it("rotates the client secret on re-registration; access tokens already minted stay valid until they expire", async () => {
    await t.admin.registerWebexIntegration({ clientId: "C-rot", clientSecret: "old", refreshTokens: [{ refreshToken: "rt-rot", orgId: "acme" }] });
    const minted = (await refresh("C-rot", "old", "rt-rot")).body.access_token;
    await t.admin.registerWebexIntegration({ clientId: "C-rot", clientSecret: "new", refreshTokens: [{ refreshToken: "rt-rot", orgId: "acme" }] });
    expect((await refresh("C-rot", "old", "rt-rot")).body.error).toBe("invalid_client");
    expect((await refresh("C-rot", "new", "rt-rot")).status).toBe(200);
    expect((await list("acme", minted)).status).toBe(200);
  });

  it("is what EmulatorAdmin.registerWebexIntegration calls, which throws on a refusal", async () => {
    const err = await t.admin.registerWebexIntegration({ clientId: "", clientSecret: "s", refreshTokens: [{ refreshToken: "r", orgId: "o" }] }).catch((e) => e);
    expect(err).toBeInstanceOf(EmulatorAdminError);
    expect(err.statusCode).toBe(400);
  });
});

describe("WebexIntegrations lifetimes", () => {
  it("expires access tokens at their TTL and refresh tokens at theirs, counted from registration", () => {
    let now = 1_000_000;
    const webex = new WebexIntegrations(() => now);
    webex.register({
      clientId: "c",
      clientSecret: "s",
      accessTokenTtlSeconds: 3,
      refreshTokenTtlSeconds: 10,
      refreshTokens: [{ refreshToken: "r", orgId: "o" }],
    });
    const out = webex.refresh("c", "s", "r");
    if (!out.ok) throw new Error("refresh failed");
    expect(out).toMatchObject({ expiresIn: 3, refreshToken: "r", refreshTokenExpiresIn: 10 });
    now += 2999;
    expect(webex.lookup(out.accessToken)).toEqual({ orgId: "o", expired: false });
    now += 1;
    expect(webex.lookup(out.accessToken)).toEqual({ orgId: "o", expired: true });
    expect(webex.lookup("never-minted")).toBeUndefined();
    now += 7000;
    expect(webex.refresh("c", "s", "r")).toEqual({ ok: false, status: 400, error: "invalid_grant", description: "the refresh token has expired" });
  });
});

describe("--state FILE", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "wxcc-webex-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps integrations and unexpired minted tokens across a restart", async () => {
    const stateFile = path.join(dir, "state.json");
    const first = await startEmulator({ port: 0, stateFile, orgs: [{ orgId: "acme", token: "static" }] });
    let minted: string;
    try {
      await new EmulatorAdmin(first.url, first.adminToken).registerWebexIntegration({
        clientId: "C-keep",
        clientSecret: "keep",
        refreshTokens: [{ refreshToken: "rt-keep", orgId: "acme" }],
      });
      minted = (await refresh("C-keep", "keep", "rt-keep", first.url)).body.access_token;
    } finally {
      await first.close();
    }
    expect(JSON.parse(readFileSync(stateFile, "utf8")).webexAccessTokens).toHaveLength(1);
    const second = await startEmulator({ port: 0, stateFile, orgs: [{ orgId: "acme", token: "static" }] });
    try {
      expect((await http(`${second.url}/v1/organizations/acme/connectors`, { token: minted })).status).toBe(200);
      expect((await refresh("C-keep", "keep", "rt-keep", second.url)).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});

describe("GET /_admin/webex/access-tokens", () => {
  it("lists every minted token with its client, org and expiry, to the admin only", async () => {
    const minted = (await refresh("C-int", "int-secret", "rt-globex")).body.access_token;
    const items = await t.admin.webexAccessTokens();
    const mine = items.find((i) => i.accessToken === minted);
    expect(mine).toMatchObject({ clientId: "C-int", orgId: "globex" });
    const left = Date.parse(mine!.expiresAt) - Date.now();
    expect(left).toBeGreaterThan(14 * 24 * 3600_000 - 60_000);
    expect((await http(`${t.emu.url}/_admin/webex/access-tokens`, { token: minted })).status).toBe(401);
  });
});
