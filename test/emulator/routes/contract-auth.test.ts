import { describe, expect, it } from "vitest";
import { basicBody, http, useTestEmulator } from "../support";

const t = useTestEmulator({
  orgs: [
    { orgId: "acme", token: "acme-token" },
    { orgId: "globex", token: "globex-token" },
  ],
  adminToken: "admin-secret",
});

describe("authentication and org isolation", () => {
  it("answers 401 UNAUTHORIZED without a bearer token", async () => {
    const r = await http(t.connectors("", "acme"));
    expect(r.status).toBe(401);
    expect(r.body.code).toBe("UNAUTHORIZED");
    expect(r.body.message).toMatch(/bearer token/i);
  });

  it("answers 401 UNAUTHORIZED for an unknown token and for a non-Bearer scheme", async () => {
    expect((await http(t.connectors("", "acme"), { token: "nope" })).body.code).toBe("UNAUTHORIZED");
    const basic = await http(t.connectors("", "acme"), { headers: { authorization: "Basic YWNtZTphY21l" } });
    expect(basic.status).toBe(401);
  });

  it("answers 403 FORBIDDEN when a token of one org is used on another", async () => {
    const created = await http(t.connectors("", "acme"), { method: "POST", token: "acme-token", body: basicBody("Acme only") });
    expect(created.status).toBe(201);
    const cross = [
      await http(t.connectors("", "acme"), { token: "globex-token" }),
      await http(t.connectors(`/${created.body.id}`, "acme"), { token: "globex-token" }),
      await http(t.connectors(`/${created.body.id}/deactivate`, "acme"), { method: "POST", token: "globex-token" }),
      await http(t.connectors("", "nosuchorg"), { token: "globex-token" }),
    ];
    for (const r of cross) {
      expect(r.status).toBe(403);
      expect(r.body.code).toBe("FORBIDDEN");
    }
    // The other org's view is untouched.
    expect((await http(t.connectors("", "globex"), { token: "globex-token" })).body.items).toEqual([]);
    expect((await http(t.connectors(`/${created.body.id}`, "acme"), { token: "acme-token" })).body.status).toBe("ACTIVE");
  });

  describe("the admin API", () => {
    /** Every admin route, with a body that would change something if it were accepted. */
    const ROUTES: Array<[method: string, path: string, body?: unknown]> = [
      ["POST", "/_admin/salesforce/apps", { clientId: "intruder-app", publicKeyPem: "not-a-key", users: ["x@example.com"] }],
      ["POST", "/_admin/oauth/clients", { clientId: "intruder-client", clientSecret: "intruder-secret" }],
      ["POST", "/_admin/basic/users", { username: "intruder", password: "intruder-password" }],
      ["POST", "/_admin/orgs", { orgId: "intruder-org", token: "intruder-token" }],
      ["POST", "/_admin/faults", { path: ".*", status: 503, times: 1000 }],
      ["GET", "/_admin/faults"],
      ["DELETE", "/_admin/faults"],
      ["GET", "/_admin/requests"],
      ["DELETE", "/_admin/requests"],
      ["GET", "/_admin/events"],
      ["DELETE", "/_admin/events"],
      ["GET", "/_admin/no-such-route"],
    ];
    /** Authorization headers that are not exactly `Bearer <admin token>`. */
    const NOT_ADMIN: Array<[label: string, authorization: string | undefined]> = [
      ["no Authorization header", undefined],
      ["an org's token", "Bearer acme-token"],
      ["a wrong token", "Bearer wrong-token"],
      ["the admin token with a character more", "Bearer admin-secretX"],
      ["the admin token cut short", "Bearer admin-secre"],
      ["the admin token as a Basic credential", `Basic ${Buffer.from("admin:admin-secret").toString("base64")}`],
      ["the admin token with no scheme", "admin-secret"],
    ];

    it.each(ROUTES)("%s %s answers 401 UNAUTHORIZED to anything but the admin token, and never echoes the token sent", async (method, path, body) => {
      for (const [label, authorization] of NOT_ADMIN) {
        const r = await http(`${t.emu.url}${path}`, { method, body, headers: authorization ? { authorization } : {} });
        expect({ label, status: r.status, code: r.body?.code }).toEqual({ label, status: 401, code: "UNAUTHORIZED" });
        if (authorization) expect(r.text).not.toContain(authorization.replace(/^\S+ /, ""));
      }
    });

    it("changes nothing when it refuses: no org, IdP user or client, fault or cleared log appears", async () => {
      await http(t.connectors("", "acme"), { token: "acme-token" });
      for (const [method, path, body] of ROUTES) await http(`${t.emu.url}${path}`, { method, body, token: "acme-token" });

      expect((await http(t.connectors("", "intruder-org"), { token: "intruder-token" })).status).toBe(401);
      const basic = await http(`${t.emu.url}/basic/validate`, {
        headers: { authorization: `Basic ${Buffer.from("intruder:intruder-password").toString("base64")}` },
      });
      expect(basic.status).toBe(401);
      const oauth = await http(`${t.emu.url}/oauth/token`, {
        method: "POST",
        raw: "grant_type=client_credentials",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from("intruder-client:intruder-secret").toString("base64")}`,
        },
      });
      expect(oauth.status).toBe(401);
      expect((await t.admin.injectFault({ path: "^/never$", times: 1, status: 500 })).id).toBeDefined();
      expect((await http(`${t.emu.url}/_admin/faults`, { token: "admin-secret" })).body.items).toHaveLength(1);
      await t.admin.clearFaults();
      expect((await t.admin.requests()).some((r) => r.path === "/v1/organizations/acme/connectors")).toBe(true);
    });

    it("is not a way into the contract: the admin token gets 401 on every org", async () => {
      const r = await http(t.connectors("", "acme"), { token: "admin-secret" });
      expect(r.status).toBe(401);
      expect(r.body.code).toBe("UNAUTHORIZED");
    });
  });

  it("lets the admin token in, whatever the case of its Bearer scheme", async () => {
    for (const scheme of ["Bearer", "bearer"]) {
      expect((await http(`${t.emu.url}/_admin/requests`, { headers: { authorization: `${scheme} admin-secret` } })).status).toBe(200);
    }
  });

  it("uses a random admin token when none is given", async () => {
    const { startEmulator } = await import("../../../emulator/index");
    const a = await startEmulator({ port: 0 });
    const b = await startEmulator({ port: 0 });
    try {
      expect(a.adminToken.length).toBeGreaterThan(16);
      expect(a.adminToken).not.toBe(b.adminToken);
      // The default org works out of the box.
      expect((await http(`${a.url}/v1/organizations/demo/connectors`, { token: "demo-token" })).status).toBe(200);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe("a token registered for several orgs (a partner-admin token)", () => {
  const p = useTestEmulator({
    orgs: [
      { orgId: "cust-a", token: "partner-token" },
      { orgId: "cust-b", token: "partner-token" },
      { orgId: "cust-c", token: "cust-c-token" },
    ],
  });

  it("works on every org it is registered for, and each org keeps its own connectors", async () => {
    const a = await http(p.connectors("", "cust-a"), { method: "POST", token: "partner-token", body: basicBody("Shared name") });
    const b = await http(p.connectors("", "cust-b"), { method: "POST", token: "partner-token", body: basicBody("Shared name") });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([a.body.orgId, b.body.orgId]).toEqual(["cust-a", "cust-b"]);
    const listA = await http(p.connectors("", "cust-a"), { token: "partner-token" });
    expect(listA.body.items.map((c: { id: string }) => c.id)).toEqual([a.body.id]);
  });

  it("answers 403 FORBIDDEN on an org it is not registered for, as a single-org token does", async () => {
    const partnerOnC = await http(p.connectors("", "cust-c"), { token: "partner-token" });
    expect(partnerOnC.status).toBe(403);
    expect(partnerOnC.body.code).toBe("FORBIDDEN");
    const singleOnA = await http(p.connectors("", "cust-a"), { token: "cust-c-token" });
    expect(singleOnA.status).toBe(403);
    expect(singleOnA.body.code).toBe("FORBIDDEN");
  });

  it("gains an org registered at run time with the same token, and loses only the org given a new token", async () => {
    await p.admin.registerOrg({ orgId: "cust-d", token: "partner-token" });
    expect((await http(p.connectors("", "cust-d"), { token: "partner-token" })).status).toBe(200);

    await p.admin.registerOrg({ orgId: "cust-d", token: "cust-d-own-token" });
    const revoked = await http(p.connectors("", "cust-d"), { token: "partner-token" });
    expect(revoked.status).toBe(403);
    expect(revoked.body.code).toBe("FORBIDDEN");
    expect((await http(p.connectors("", "cust-d"), { token: "cust-d-own-token" })).status).toBe(200);
    expect((await http(p.connectors("", "cust-a"), { token: "partner-token" })).status).toBe(200);
  });

  it("forgets a token entirely (401) once no org is registered with it", async () => {
    await p.admin.registerOrg({ orgId: "cust-c", token: "cust-c-rotated" });
    const old = await http(p.connectors("", "cust-c"), { token: "cust-c-token" });
    expect(old.status).toBe(401);
    expect(old.body.code).toBe("UNAUTHORIZED");
  });
});
