import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Pool } from "undici";
import { afterAll, describe, expect, it } from "vitest";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { startEmulator } from "../../emulator/index";
import { buildCli } from "./cli-process";
import { basicBody, http, rsaKeyPair } from "./support";

const built = buildCli();
const dir = mkdtempSync(path.join(tmpdir(), "wxcc-state-"));
afterAll(() => {
  built.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const ORGS = Array.from({ length: 30 }, (_, i) => ({ orgId: `org${i}`, token: `tok${i}` }));
const orgFlags = ORGS.flatMap((o) => ["--org", `${o.orgId}:${o.token}`]);

describe("--state FILE durability", () => {
  it("keeps every acknowledged create across a SIGKILL in the middle of a burst", async () => {
    const file = path.join(dir, "burst.json");
    const first = await built.spawn(["--port", "0", "--state", file, ...orgFlags]);
    const pool = new Pool(first.url, { connections: 16 });
    const acknowledged: Array<{ orgId: string; id: string }> = [];
    let sent = 0;
    let killed = false;
    const worker = async () => {
      while (!killed && sent < ORGS.length * 10) {
        const n = sent++;
        const org = ORGS[n % ORGS.length]!;
        try {
          const res = await pool.request({
            method: "POST",
            path: `/v1/organizations/${org.orgId}/connectors`,
            headers: { authorization: `Bearer ${org.token}`, "content-type": "application/json" },
            body: JSON.stringify(basicBody(`burst ${n}`)),
          });
          const body = (await res.body.json()) as { id: string };
          if (res.statusCode === 201) acknowledged.push({ orgId: org.orgId, id: body.id });
          if (acknowledged.length === 60 && !killed) {
            killed = true;
            void first.kill();
          }
        } catch {
          // Requests in flight when the process dies fail; they were never acknowledged.
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect((await first.exited).signal).toBe("SIGKILL");
    await pool.destroy();
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);

    const second = await built.spawn(["--port", "0", "--state", file, ...orgFlags]);
    try {
      const present = new Set<string>();
      for (const o of ORGS) {
        const r = await http(`${second.url}/v1/organizations/${o.orgId}/connectors`, { token: o.token });
        for (const c of r.body.items as Array<{ id: string }>) present.add(`${o.orgId}/${c.id}`);
      }
      const missing = acknowledged.filter((a) => !present.has(`${a.orgId}/${a.id}`));
      expect(missing).toEqual([]);
      // The temp file the killed process may have left behind is cleaned up on start.
      expect(readdirSync(dir).filter((f) => f.startsWith(".burst.json."))).toEqual([]);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it("restores connectors, secrets, orgs and registered IdP apps after a restart", async () => {
    const file = path.join(dir, "restart.json");
    const keys = rsaKeyPair();
    const a = await built.spawn(["--port", "0", "--state", file]);
    const admin = new EmulatorAdmin(a.url, a.adminToken);
    await admin.registerSalesforceApp({ clientId: "3MVG9-persist", publicKeyPem: keys.publicKeyPem, users: ["ops@example.com"] });
    await admin.registerOrg({ orgId: "late", token: "late-token" });
    const created = await http(`${a.url}/v1/organizations/demo/connectors`, {
      method: "POST",
      token: "demo-token",
      body: {
        type: "SALESFORCE",
        name: "persisted",
        salesforce: { clientId: "3MVG9-persist", userEmail: "ops@example.com", authServerUrl: `${a.url}/salesforce`, privateKey: keys.privateKeyPem },
      },
    });
    expect(created.status).toBe(201);
    await http(`${a.url}/v1/organizations/demo/connectors/${created.body.id}/deactivate`, { method: "POST", token: "demo-token" });
    await a.stop();
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(JSON.parse(readFileSync(file, "utf8")).connectors).toHaveLength(1);

    // Same port is not guaranteed, so the stored authServerUrl may point at the old port;
    // re-point it with an edit (omitting the key keeps the stored one) and re-activate.
    const b = await built.spawn(["--port", "0", "--state", file]);
    try {
      const got = await http(`${b.url}/v1/organizations/demo/connectors/${created.body.id}`, { token: "demo-token" });
      expect(got.body).toMatchObject({ name: "persisted", status: "INACTIVE", version: 2 });
      expect((await http(`${b.url}/v1/organizations/late/connectors`, { token: "late-token" })).status).toBe(200);
      const put = await http(`${b.url}/v1/organizations/demo/connectors/${created.body.id}`, {
        method: "PUT",
        token: "demo-token",
        body: {
          type: "SALESFORCE",
          name: "persisted",
          salesforce: { clientId: "3MVG9-persist", userEmail: "ops@example.com", authServerUrl: `${b.url}/salesforce` },
        },
      });
      expect(put.status).toBe(200);
      const act = await http(`${b.url}/v1/organizations/demo/connectors/${created.body.id}/activate`, { method: "POST", token: "demo-token" });
      expect(act.status).toBe(200);
      expect(act.body.status).toBe("ACTIVE");
    } finally {
      await b.stop();
    }
  }, 30_000);

  it("refuses to start on a corrupt state file instead of overwriting it", async () => {
    const file = path.join(dir, "corrupt.json");
    writeFileSync(file, "{not json");
    await expect(built.spawn(["--port", "0", "--state", file])).rejects.toThrow(/exited with 1/);
    expect(readFileSync(file, "utf8")).toBe("{not json");
  });

  it("answers 500 INTERNAL, never a false success, when the state file cannot be written", async () => {
    const sub = mkdtempSync(path.join(dir, "vanishing-"));
    const emu = await startEmulator({ port: 0, stateFile: path.join(sub, "state.json") });
    try {
      const url = `${emu.url}/v1/organizations/demo/connectors`;
      expect((await http(url, { method: "POST", token: "demo-token", body: basicBody("saved") })).status).toBe(201);
      rmSync(sub, { recursive: true, force: true });
      const r = await http(url, { method: "POST", token: "demo-token", body: basicBody("unsaved") });
      expect(r.status).toBe(500);
      expect(r.body.code).toBe("INTERNAL");
      expect(r.body.message).toMatch(/could not be saved to the state file/);
    } finally {
      await emu.close();
    }
  });
});
