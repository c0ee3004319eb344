import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnEmulator, type EmulatorProcess } from "../../harness/emulator-process";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { handOperator, type TestOrg } from "../support/emulator";
import { basicFixture, oauthFixture, salesforceFixture, type Args, type IdpHost, type KindFixture } from "../support/fixtures";
import { SecretCatalog } from "../support/secret-catalog";
import { declaration } from "./support/declarations";
import { DEBUG_VERBOSITY, E2EStack, type Declaration, type Verbosity } from "./support/e2e-stack";
import { Evidence } from "./support/evidence";
import { withoutPulumiDumps } from "./support/pulumi-own-dumps";
import { rotateSecret } from "./support/rotation";

// SPEC §2 and §5 through the real Pulumi CLI and the emulator as its own process: no secret
// (keys and their lines, passwords, client secrets, org and admin tokens) shows in the state
// on disk, any file under the stack's directory, the CLI output or engine events of preview,
// up, refresh and destroy at default and at the highest verbosity, any error, or the
// emulator's output and logs; and a token only ever acts on its own org. Records in which
// Pulumi itself prints secret values are cut out first (see support/pulumi-own-dumps.ts).

const DEFAULT = "default verbosity";
/** The main stack's connectors: resource name → display name. */
const CONNECTORS = { sales: "Sales Cloud", orders: "Orders API", crm: "CRM API" };
const NAMES = Object.values(CONNECTORS);
const DEBUG = "debug verbosity: --debug -v=9 --logtostderr --logflow";
/** Without `--logtostderr` the engine and plugins write their logs to files in the temp dir. */
const DEBUG_TO_FILES: Verbosity = { debug: true, logVerbosity: 9, logFlow: true };
const DEBUG_FILES = "debug verbosity, logs to files: --debug -v=9 --logflow";

/** Catalogues a fixture's secrets: PEM keys with their lines, passwords with their Basic credential. */
function catalogue(secrets: SecretCatalog, fixture: KindFixture, args: Args): void {
  const pems = fixture.secrets.filter((v) => v.includes("-----BEGIN"));
  for (const [i, value] of fixture.secrets.entries()) {
    const label = `${fixture.label} secret #${i + 1}`;
    if (pems.includes(value)) secrets.addPem(label, value);
    else if (pems.some((pem) => pem.includes(value)))
      continue; // a PEM line prefix: addPem has the whole line
    else secrets.addCredential(label, (args.username ?? args.clientId) as string, value);
  }
}

/** Contract calls (not the fake IdPs' or the admin API's) since the `since`-th logged request. */
async function contractCalls(admin: EmulatorAdmin, since = 0) {
  return (await admin.requests()).slice(since).filter((r) => r.path.startsWith("/v1/"));
}

describe("security through the real Pulumi engine and a real emulator process", () => {
  const secrets = new SecretCatalog();
  const evidence = new Evidence(secrets);
  const orgA: TestOrg = { orgId: "acme", token: `tok-acme-${randomBytes(12).toString("hex")}` };
  const orgB: TestOrg = { orgId: "globex", token: `tok-globex-${randomBytes(12).toString("hex")}` };
  const adminToken = `adm-${randomBytes(16).toString("hex")}`;
  let emulator: EmulatorProcess;
  let env: IdpHost & { admin: EmulatorAdmin };
  let sf: KindFixture, basic: KindFixture, oauth: KindFixture;

  beforeAll(async () => {
    emulator = await spawnEmulator([
      "--port",
      "0",
      "--org",
      `${orgA.orgId}:${orgA.token}`,
      "--org",
      `${orgB.orgId}:${orgB.token}`,
      "--admin-token",
      adminToken,
    ]);
    env = { url: emulator.url, admin: new EmulatorAdmin(emulator.url, adminToken) };
    [sf, basic, oauth] = await Promise.all([salesforceFixture(env), basicFixture(env), oauthFixture(env)]);
    secrets.add("org A access token", orgA.token).add("org B access token", orgB.token).add("emulator admin token", adminToken);
  });
  afterAll(async () => {
    await emulator?.stop();
  });

  describe("one org's Salesforce, Basic and OAuth 2.0 connectors, from create to destroy", () => {
    let stack: E2EStack;
    const args: Record<string, Args> = {};
    const declare = (a: Record<string, Args>) =>
      stack.declare([declaration("sales", sf, a.sales!), declaration("orders", basic, a.orders!), declaration("crm", oauth, a.crm!)]);
    const ids = async (): Promise<string[]> => {
      const outputs = await stack.stack.outputs();
      return ["sales", "orders", "crm"].map((r) => outputs[r]!.value.connectorId as string);
    };

    beforeAll(async () => {
      stack = await E2EStack.create("security", { url: env.url, ...orgA });
      args.sales = sf.args(CONNECTORS.sales);
      args.orders = basic.args(CONNECTORS.orders);
      args.crm = oauth.args(CONNECTORS.crm);
      catalogue(secrets, sf, args.sales);
      catalogue(secrets, basic, args.orders);
      catalogue(secrets, oauth, args.crm);
      await declare(args);
    });
    afterAll(() => stack?.dispose());

    it("pulumi up creates all three with no secret in its output or the state on disk", async () => {
      const up = await evidence.operation(stack, `pulumi up, create (${DEFAULT})`, () => stack.up());
      expect(up.summary.resourceChanges).toEqual({ create: 4 });
      const state = await stack.exportedState();
      expect(state).toContain("ciphertext");
      evidence.add({ "state on disk after create": state });
    });

    it("rotating every secret previews as three updates and applies at debug verbosity with no secret shown", async () => {
      for (const r of ["sales", "orders", "crm"]) {
        const rotated = await rotateSecret(env, args[r]!);
        args[r] = rotated.args;
        if (r === "sales") secrets.addPem("rotated Salesforce private key", rotated.secret);
        else secrets.addCredential(`rotated ${r} secret`, (args[r]!.username ?? args[r]!.clientId) as string, rotated.secret);
      }
      await declare(args);
      const preview = await evidence.operation(stack, `pulumi preview, rotation (${DEFAULT})`, () => stack.preview());
      expect(preview.changeSummary).toEqual({ same: 1, update: 3 });

      const eventsBefore = (await env.admin.events()).length;
      const rawOutput = stack.output.length;
      const up = await evidence.operation(stack, `pulumi up, rotation (${DEBUG})`, () => stack.up(DEBUG_VERBOSITY));
      expect(up.summary.resourceChanges).toEqual({ same: 1, update: 3 });
      // The flags took effect: the engine's JSON log records and debug diagnostics are in the output.
      expect(stack.output.slice(rawOutput)).toMatch(/^\{"time":.*"v":9\}$/m);
      expect(stack.output.slice(rawOutput)).toMatch(/ debug: Registering resource: /);
      // Each connector was re-activated, which the backend only does after validating the new secret at the IdP.
      const events = (await env.admin.events()).slice(eventsBefore);
      for (const id of await ids()) {
        expect(events.filter((e) => e.connectorId === id).map((e) => e.kind)).toEqual(["DEACTIVATE", "EDIT", "ACTIVATE"]);
      }
      evidence.add({ "state on disk after rotation": await stack.exportedState() });
    });

    it("refresh at debug verbosity, logging to files, finds nothing changed and shows no secret", async () => {
      const refresh = await evidence.operation(stack, `pulumi refresh (${DEBUG_FILES})`, () => stack.refresh(DEBUG_TO_FILES));
      expect(refresh.summary.resourceChanges).toEqual({ same: 4 });
    });

    it("wrong secrets are refused by the preflight (debug verbosity) and rolled back without it (default), and no error quotes a secret", async () => {
      await declare({ sales: sf.badSecret(args.sales!), orders: basic.badSecret(args.orders!), crm: oauth.badSecret(args.crm!) });
      const preview = await evidence.operation(stack, `pulumi preview, wrong secrets (${DEBUG})`, () => stack.preview(DEBUG_VERBOSITY));
      expect(preview.changeSummary).toEqual({ same: 1, update: 3 });

      const before = (await env.admin.requests()).length;
      // --continue-on-error: every connector is tried, not only those started before the first failure.
      const refused = await evidence.failure(stack, `pulumi up, wrong secrets, preflight on (${DEBUG})`, () =>
        stack.up({ ...DEBUG_VERBOSITY, continueOnError: true }),
      );
      for (const name of NAMES)
        expect(refused).toMatch(
          new RegExp(`"${name}" \\(c-\\w+\\) in org "${orgA.orgId}": preflight failed: .*; the connector was left unchanged \\(nothing was written\\)`),
        );
      expect((await contractCalls(env.admin, before)).filter((r) => r.method !== "GET")).toEqual([]);

      await stack.stack.setConfig("wxcc:preflight", { value: "false" });
      const rolledBack = await evidence.failure(stack, `pulumi up, wrong secrets, preflight off (${DEFAULT})`, () => stack.up({ continueOnError: true }));
      for (const name of NAMES) {
        expect(rolledBack).toMatch(
          new RegExp(
            `"${name}" \\(c-\\w+\\) in org "${orgA.orgId}": reactivation with the new settings failed .*422 CONNECTIVITY_FAILED.*; restored the previous configuration and reactivated it`,
          ),
        );
      }
      const live = await handOperator(env.url, orgA).list();
      expect(live.map((c) => c.status)).toEqual(["ACTIVE", "ACTIVE", "ACTIVE"]);
      await stack.stack.setConfig("wxcc:preflight", { value: "true" });
      await declare(args);
    });

    it("refresh with org B's token fails with 403 FORBIDDEN naming org A, keeps every connector in state, and recovers with org A's token", async () => {
      const connectorIds = await ids();
      await stack.stack.setConfig("wxcc:accessToken", { value: orgB.token, secret: true });
      // `--run-program`: a plain refresh keeps using the provider config of the last update.
      const message = await evidence.failure(stack, `pulumi refresh --run-program, org B's token (${DEFAULT})`, () => stack.refresh({ runProgram: true }));
      // The program's org check refuses the token first (403 on its listing of org A), naming the fix.
      expect(message).toContain(
        `The org check could not list the connectors of org "${orgA.orgId}" at ${env.url}: the credentials are not valid for this org (403 FORBIDDEN)`,
      );
      expect(message).toContain(`set credentials for org "${orgA.orgId}" with \`pulumi config set --secret wxcc:accessToken <token>\``);
      // (The Automation API's export shows secrets in plaintext by design: `--show-secrets`.)
      const deployment = (await stack.stack.exportStack()).deployment as { resources: Array<{ id?: string; type: string }> };
      const kept = deployment.resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/wxcc:")).map((r) => r.id);
      expect(kept.sort()).toEqual([...connectorIds].sort());

      // The failed refresh stored org B's token with the provider; a refresh with the right one fixes that.
      await stack.stack.setConfig("wxcc:accessToken", { value: orgA.token, secret: true });
      const recovered = await evidence.operation(stack, `pulumi refresh --run-program, org A's token again (${DEFAULT})`, () =>
        stack.refresh({ runProgram: true }),
      );
      expect(recovered.summary.resourceChanges).toEqual({ same: 4 });
    });

    it("destroy at debug verbosity deletes every connector and shows no secret", async () => {
      await evidence.operation(stack, `pulumi destroy (${DEBUG})`, () => stack.destroy(DEBUG_VERBOSITY));
      expect(await handOperator(env.url, orgA).list()).toEqual([]);
    });

    it("no file under the stack's directory holds a secret: config, state and history, PULUMI_HOME, log files", async () => {
      const files = stack.filesOnDisk();
      const logFile = /^tmp\/[^/]+\.log\.INFO\./;
      expect(Object.keys(files)).toEqual(
        expect.arrayContaining([
          "Pulumi.e2e.yaml",
          expect.stringMatching(/^state\/\.pulumi\/stacks\//),
          expect.stringMatching(/^home\//),
          expect.stringMatching(/^tmp\/pulumi\.[^/]+\.log\.INFO\./),
        ]),
      );
      for (const [file, text] of Object.entries(files)) {
        evidence.add({ [`file ${file}`]: logFile.test(file) ? withoutPulumiDumps(text, "").output : text });
      }
    });
  });

  describe("authorization across orgs", () => {
    let stack: E2EStack;
    let orders: KindFixture;
    const connector = (name: string, over: Args = {}): Declaration => declaration(name, orders, orders.args(name, over));

    beforeAll(async () => {
      orders = await basicFixture(env);
      catalogue(secrets, orders, orders.args("Orders"));
      stack = await E2EStack.create("cross-org", { url: env.url, orgId: orgB.orgId, token: orgA.token });
    });
    afterAll(() => stack?.dispose());

    /** Org B as the backend has it: every request to it since `since` refused, no event, no connector. */
    async function expectOrgBUntouched(since: number): Promise<void> {
      const toB = (await contractCalls(env.admin, since)).filter((r) => r.path.startsWith(`/v1/organizations/${orgB.orgId}/`));
      expect(toB.length).toBeGreaterThan(0);
      expect(new Set(toB.map((r) => r.status))).toEqual(new Set([403]));
      expect(await env.admin.events({ orgId: orgB.orgId })).toEqual([]);
      expect(await handOperator(env.url, orgB).list()).toEqual([]);
    }

    it("a stack with org A's token and wxcc:orgId of org B fails with 403 FORBIDDEN naming org B and the fix", async () => {
      const before = (await env.admin.requests()).length;
      await stack.declare([connector("Orders B")]);
      const message = await evidence.failure(stack, `pulumi up, org A's token for org B (${DEFAULT})`, () => stack.up());
      // The program's org check lists org B first and stops the update before any connector is registered.
      expect(message).toContain(
        `The org check could not list the connectors of org "${orgB.orgId}" at ${env.url}: the credentials are not valid for this org (403 FORBIDDEN)`,
      );
      expect(message).toContain(`check [wxcc:orgId] (or the resource's orgId) and set credentials for org "${orgB.orgId}"`);
      await expectOrgBUntouched(before);
    });

    it("a connector declared with orgId B fails the whole update the same way: the org-A connector beside it is not created either", async () => {
      const before = (await env.admin.requests()).length;
      await stack.target({ url: env.url, ...orgA });
      await stack.declare([connector("Orders A"), connector("Orders B", { orgId: orgB.orgId })]);
      const message = await evidence.failure(stack, `pulumi up, connector with orgId B (${DEFAULT})`, () => stack.up({ continueOnError: true }));
      expect(message).toContain(
        `The org check could not list the connectors of org "${orgB.orgId}" at ${env.url}: the credentials are not valid for this org (403 FORBIDDEN)`,
      );
      await expectOrgBUntouched(before);
      expect((await contractCalls(env.admin, before)).filter((r) => r.method !== "GET")).toEqual([]);
      expect((await handOperator(env.url, orgA).list()).map((c) => c.name)).not.toContain("Orders A");
      await evidence.operation(stack, `pulumi destroy (${DEFAULT})`, () => stack.destroy());
    });
  });

  it("the emulator process's own output, request log and event log hold no secret", async () => {
    const requests = await env.admin.requests();
    const events = await env.admin.events();
    expect(requests.length).toBeGreaterThan(0);
    expect(events.length).toBeGreaterThan(0);
    const [readyLine, ...rest] = emulator.stdout().split("\n");
    // The ready line prints the admin token by design (SPEC §5); nothing after it may.
    expect(JSON.parse(readyLine!)).toEqual({ url: emulator.url, adminToken });
    evidence.add({
      "emulator stdout after the ready line": rest.join("\n"),
      "emulator stderr": emulator.stderr(),
      "emulator request log": JSON.stringify(requests),
      "emulator event log": JSON.stringify(events),
    });
    // And everything gathered along the way, now that every secret of the suite is catalogued.
    evidence.expectNoLeaks();
  });
});
