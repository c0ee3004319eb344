import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { startEmulator } from "../../emulator/index";
import { registerBasicUser, registerConnectedApp } from "../../harness/identities";
import { handOperator } from "../support/emulator";
import type { Connector } from "../../contract";
import { E2EStack, type Declaration } from "./support/e2e-stack";

/** Lists by hand with the stack's token, waiting out the emulator's 1 request/s like any client. */
async function listPolitely(url: string, org: { orgId: string; token: string }): Promise<Connector[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await handOperator(url, org).list();
    } catch (err) {
      if (attempt >= 10 || !String(err).includes("429")) throw err;
      await new Promise((r) => setTimeout(r, 1100));
    }
  }
}

/**
 * Issue 12, "rate limits make it slower, not red": against an emulator allowing one request
 * per second per token, `pulumi up` of 15 connectors (the org's 5 Salesforce + 10 custom) at
 * Pulumi's default parallelism creates, edits and destroys them each in one run. The
 * provider plugin's resources share one rate gate that backs off on 429s, and a 429 outside
 * a down window is a reason to wait, not to fail. Times are printed, not asserted.
 */
describe("a rate-limited backend (--rate-limit 1)", () => {
  it("creates, edits and destroys 15 connectors, each in one `pulumi up` at the default parallelism", async () => {
    const org = { orgId: "throttled", token: `tok-${randomBytes(8).toString("hex")}` };
    const emu = await startEmulator({ port: 0, orgs: [org], rateLimit: 1 });
    const admin = new EmulatorAdmin(emu.url, emu.adminToken);
    let stack: E2EStack | undefined;
    try {
      const app = await registerConnectedApp(admin, emu.url);
      const basic = await registerBasicUser(admin, emu.url);
      const declarations = (round: number): Declaration[] => [
        ...Array.from(
          { length: 5 },
          (_, i): Declaration => ({
            resource: `sf${i + 1}`,
            kind: "salesforce",
            args: { name: `Throttled SF ${i + 1}`, clientId: app.clientId, userEmail: app.users[0], authServerUrl: app.authServerUrl },
            secrets: { privateKey: app.keys.privateKeyPem },
          }),
        ),
        ...Array.from(
          { length: 10 },
          (_, i): Declaration => ({
            resource: `api${i + 1}`,
            kind: "custom",
            args: {
              name: `Throttled API ${i + 1}`,
              domainUrl: `https://api-r${round}.example.com`,
              username: basic.username,
              validationUrl: basic.validationUrl,
            },
            secrets: { password: basic.password },
          }),
        ),
      ];
      stack = await E2EStack.create("rate-limit", { url: emu.url, ...org });
      const times: string[] = [];
      const timed = async <T>(what: string, op: () => Promise<T>): Promise<T> => {
        const started = Date.now();
        const result = await op();
        times.push(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return result;
      };

      await stack.declare(declarations(0));
      const created = await timed("create 15", () => stack!.up());
      expect(created.summary.result).toBe("succeeded");
      expect(created.summary.resourceChanges).toMatchObject({ create: 16 });

      await stack.declare(declarations(1));
      const edited = await timed("edit 10 (deactivate, PUT, activate each)", () => stack!.up());
      expect(edited.summary.result).toBe("succeeded");
      expect(edited.summary.resourceChanges).toMatchObject({ update: 10, same: 6 });
      // One connector down at a time while the backend limits: the rows of the others say they wait, until they go.
      const waiting = edited.stdout.match(
        /CustomConnector (api\d+) updating [^\n]*: waiting for another connector's change to finish \(the backend is rate-limiting/,
      );
      expect(waiting).not.toBeNull();
      expect(edited.stdout.slice(waiting!.index)).toMatch(new RegExp(`CustomConnector ${waiting![1]} updating [^\\n]*: deactivating…`));
      const live = await listPolitely(emu.url, org);
      expect(live.filter((c) => c.status === "ACTIVE")).toHaveLength(15);
      expect(live.filter((c) => c.custom?.domainUrl === "https://api-r1.example.com")).toHaveLength(10);

      const destroyed = await timed("destroy 15", () => stack!.destroy());
      expect(destroyed.summary.result).toBe("succeeded");
      expect(await listPolitely(emu.url, org)).toEqual([]);
      const limited = (await admin.requests()).filter((r) => r.status === 429).length;
      console.log(`\n--rate-limit 1, 15 connectors, default parallelism: ${times.join("; ")}; ${limited} requests answered 429 along the way\n`);
    } finally {
      await stack?.dispose();
      await emu.close();
    }
  }, 900_000);
});
