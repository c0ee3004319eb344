import { createPublicKey } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connector } from "../../contract";
import { oauthFixture, salesforceFixture, type KindFixture } from "../support/fixtures";
import { startLifecycleEmulator, type LifecycleEmulator, type TestOrg } from "../support/emulator";
import { declaration } from "./support/declarations";
import { E2EStack } from "./support/e2e-stack";
import { rotateSecret } from "./support/rotation";

/**
 * Adoption through the `import` resource option, quiet afterwards, and drift done by hand
 * that only a secret explains (SPEC §2 Ownership), through the real Pulumi CLI.
 */
describe("adopting with the import option, and secrets changed by hand", () => {
  let env: LifecycleEmulator;
  let oauth: KindFixture, sf: KindFixture;
  let org: TestOrg;
  let stack: E2EStack;
  let crm: Connector, sales: Connector;
  const rotated: string[] = [];

  beforeAll(async () => {
    env = await startLifecycleEmulator();
    [oauth, sf] = await Promise.all([oauthFixture(env), salesforceFixture(env)]);
    org = await env.freshOrg();
    stack = await E2EStack.create("ownership-adopt", { url: env.url, ...org });
    // Made by hand with exactly the settings the program declares.
    const hand = env.byHand(org);
    crm = await hand.create(oauth.kind.toWrite((await oauth.kind.check(oauth.args("CRM API"), { orgId: org.orgId })).inputs!));
    sales = await hand.create(sf.kind.toWrite((await sf.kind.check(sf.args("Sales Cloud"), { orgId: org.orgId })).inputs!));
  });
  afterAll(async () => {
    await stack?.dispose();
    await env?.close();
  });

  const declared = (crmArgs = oauth.args("CRM API")) => [
    { ...declaration("crm", oauth, crmArgs), options: { import: crm.id } },
    { ...declaration("sales", sf, sf.args("Sales Cloud")), options: { import: sales.id } },
  ];

  it("`import: id` on either resource adopts the connector: no crash, no second connector, one edit cycle that says why", async () => {
    await stack.declare(declared());
    const up = await stack.up();
    expect(up.outputs.crm.value).toMatchObject({ connectorId: crm.id, status: "ACTIVE" });
    expect(up.outputs.sales.value).toMatchObject({ connectorId: sales.id, status: "ACTIVE" });
    expect((await env.byHand(org).list()).map((c) => c.id).sort()).toEqual([crm.id, sales.id].sort());
    for (const c of [crm, sales]) {
      expect((await env.transitions(c.id)).map(([k]) => k)).toEqual(["CREATE", "DEACTIVATE", "EDIT", "ACTIVATE"]);
      expect(up.stdout).toContain(
        `(${c.id}) in org "${org.orgId}": the declared settings already match the live connector; one edit cycle writes the declared secrets`,
      );
    }
    expect(up.stdout).not.toMatch(/toJavaScript|TypeError/);
  });

  it("after adopting, preview → refresh → preview shows nothing", async () => {
    expect((await stack.preview()).changeSummary).toEqual({ same: 3 });
    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 3 });
    expect((await stack.preview()).changeSummary).toEqual({ same: 3 });
  });

  it("an edit after the refresh shows only what changed (connectorId is not shown as added)", async () => {
    await stack.declare(declared(oauth.edit(oauth.args("CRM API"))));
    const preview = await stack.preview();
    expect(preview.changeSummary).toEqual({ same: 2, update: 1 });
    expect(preview.stdout).toMatch(/~ scope\s+: "read" => "read write"/);
    // Listed as an unchanged property, never as added.
    expect(preview.stdout).toMatch(new RegExp(`^ {8}connectorId\\s+: "${crm.id}"$`, "m"));
    expect(preview.stdout).not.toMatch(/[-+~] connectorId/);
    await stack.declare(declared());
  });

  it("a secret rotated by hand is reported by refresh, proposed by preview and re-applied by up", async () => {
    const hand = env.byHand(org);
    // An admin rotates the OAuth client secret and the Salesforce key, each deactivate → PUT → activate (version +3).
    for (const [c, fx, name] of [
      [crm, oauth, "CRM API"],
      [sales, sf, "Sales Cloud"],
    ] as const) {
      const rotation = await rotateSecret(env, fx.args(name));
      rotated.push(rotation.secret);
      const before = (await hand.get(c.id))!;
      const after = await hand.edit(c.id, fx.kind.toWrite((await fx.kind.check(rotation.args, { orgId: org.orgId })).inputs!));
      expect(after.version).toBe(before.version + 3);
    }

    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 2 });
    // Warnings the CLI keeps under Diagnostics, and the refreshed state shows the secrets as no longer known.
    expect(refresh.stdout).toMatch(/CustomConnector crm updated .*\[diff: -clientSecret\]/);
    expect(refresh.stdout).toMatch(/SalesforceConnector sales updated .*\[diff: -privateKey\]/);
    for (const [c, field] of [
      [crm, "clientSecret"],
      [sales, "privateKey"],
    ] as const) {
      expect(diagnostics(refresh.stdout)).toMatch(
        new RegExp(
          `warning: wxcc: .*\\(${c.id}\\) in org "${org.orgId}": changed outside Pulumi \\(version \\d+ → \\d+, more than its status explains\\); the state no longer vouches for its secrets \\(${field}\\)`,
        ),
      );
    }
    const preview = await stack.preview();
    expect(preview.changeSummary).toEqual({ same: 1, update: 2 });

    // The declared secrets are the valid ones again at the IdPs (the hand rotation is what Pulumi must undo).
    await env.admin.registerOAuthClient({ clientId: oauth.args("x").clientId as string, clientSecret: oauth.args("x").clientSecret as string });
    const key = sf.args("x");
    await env.admin.registerSalesforceApp({
      clientId: key.clientId as string,
      publicKeyPem: publicKeyOf(key.privateKey as string),
      users: [key.userEmail as string],
    });

    const up = await stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ update: 2 });
    expect(up.stdout).toContain(`(${crm.id}) in org "${org.orgId}": re-applying the declared secrets (clientSecret): changed outside Pulumi`);
    expect(up.stdout).toContain(`(${sales.id}) in org "${org.orgId}": re-applying the declared secrets (privateKey): changed outside Pulumi`);
    // Each connector holds the declared secret again: reactivating it validates it at the IdP.
    for (const c of [crm, sales]) {
      await hand.deactivate(c.id);
      expect(await hand.activate(c.id)).toMatchObject({ status: "ACTIVE" });
    }
    expect((await stack.refresh()).summary.resourceChanges).toEqual({ same: 3 });
    expect((await stack.preview()).changeSummary).toEqual({ same: 3 });
  });

  it("never prints a secret", async () => {
    const state = await stack.exportedState();
    for (const secret of [...oauth.secrets, ...sf.secrets, ...rotated, org.token]) {
      expect(stack.output.includes(secret)).toBe(false);
      expect(state.includes(secret)).toBe(false);
    }
  });
});

/** The `Diagnostics:` section of a CLI output: what stays after the rows' statuses are gone. */
function diagnostics(stdout: string): string {
  const at = stdout.indexOf("Diagnostics:");
  return at < 0 ? "" : stdout.slice(at, stdout.indexOf("Resources:", at));
}

/** The SPKI public key of a PEM private key (what the Connected App holds). */
function publicKeyOf(privateKeyPem: string): string {
  return createPublicKey(privateKeyPem).export({ type: "spki", format: "pem" }).toString();
}
