import { describe, expect, it } from "vitest";
import { basicBody, http, useTestEmulator } from "./support";

const t = useTestEmulator({ orgs: [{ orgId: "acme", token: "acme-token" }, { orgId: "globex", token: "globex-token" }], adminToken: "admin-secret" });

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

  it("keeps the admin API behind the admin token and never accepts an org token there", async () => {
    for (const token of [undefined, "acme-token", "wrong"]) {
      const r = await http(`${t.emu.url}/_admin/requests`, { token });
      expect(r.status).toBe(401);
      expect(r.body.code).toBe("UNAUTHORIZED");
    }
    expect((await http(`${t.emu.url}/_admin/requests`, { token: "admin-secret" })).status).toBe(200);
  });

  it("uses a random admin token when none is given", async () => {
    const { startEmulator } = await import("../../emulator/index");
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
