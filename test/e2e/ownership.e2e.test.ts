import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oauthFixture, type KindFixture } from "../support/fixtures";
import { startLifecycleEmulator, type LifecycleEmulator, type TestOrg } from "../support/emulator";
import { declaration } from "./support/declarations";
import { type Declaration, E2EStack } from "./support/e2e-stack";
import { customConnectorUrn, stateDelete, stateResources } from "./support/state-connectors";

const urn = customConnectorUrn;

/**
 * SPEC §7 "one connector, one owner", through the real Pulumi CLI: a resource renamed in
 * code (aliases, or adoption by id), two resources adopting one connector in one update,
 * and a delete across updates of a connector another resource took over.
 */
describe("one connector, one owner", () => {
  let env: LifecycleEmulator;
  let oauth: KindFixture;
  let org: TestOrg;
  let stack: E2EStack;
  let crmId: string;

  beforeAll(async () => {
    env = await startLifecycleEmulator();
    oauth = await oauthFixture(env);
    org = await env.freshOrg();
    stack = await E2EStack.create("ownership", { url: env.url, ...org });
    await stack.declare([declaration("crm", oauth, oauth.args("CRM API"))]);
    crmId = (await stack.up()).outputs.crm.value.connectorId;
  });
  afterAll(async () => {
    await stack?.dispose();
    await env?.close();
  });

  const crm = (resource: string, over: Partial<Declaration> = {}, args = {}): Declaration => ({
    ...declaration(resource, oauth, oauth.args("CRM API", args)),
    ...over,
  });

  it("renaming a resource in code without aliases fails at create, advising aliases first and adoption second; nothing is deleted", async () => {
    await stack.declare([crm("crm-api")]);
    const message = await stack.expectFailure(() => stack.up());
    expect(message).toContain(`a connector named "CRM API" already exists in org "${org.orgId}" (${crmId}, a CUSTOM connector)`);
    const aliases = message.indexOf('aliases: [{ name: "<old logical name>" }]');
    const adoption = message.indexOf(`declare [connectorId] "${crmId}"`);
    expect(aliases).toBeGreaterThan(0);
    expect(adoption).toBeGreaterThan(aliases);
    expect(await env.byHand(org).list()).toMatchObject([{ id: crmId, status: "ACTIVE", version: 1 }]);
    expect(await stateResources(stack)).toEqual(["crm"]);
  });

  it("following the first advice (aliases) keeps the connector: no create, no delete, nothing touched", async () => {
    await stack.declare([crm("crm-api", { options: { aliases: [{ name: "crm" }] } })]);
    const up = await stack.up();
    expect(up.summary.resourceChanges).not.toHaveProperty("create");
    expect(up.summary.resourceChanges).not.toHaveProperty("delete");
    expect(await env.byHand(org).list()).toMatchObject([{ id: crmId, status: "ACTIVE", version: 1 }]);
    expect(await stateResources(stack)).toEqual(["crm-api"]);
  });

  it("following the second advice (connectorId) adopts it into the new resource and only drops the old one from the state", async () => {
    await stack.declare([crm("crm-v2", {}, { connectorId: crmId })]);
    const up = await stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 1, delete: 1 });
    const kept = up.stdout.slice(up.stdout.indexOf("Diagnostics:"));
    expect(kept).toContain(
      `warning: wxcc: CustomConnector "CRM API" (${crmId}) in org "${org.orgId}": not deleting the connector: another resource of this stack ("crm-v2", declaring [name] "CRM API") adopted it in this update and manages it now; dropping this resource from the state only`,
    );
    expect(await env.byHand(org).list()).toMatchObject([{ id: crmId, name: "CRM API", status: "ACTIVE" }]);
    expect(await stateResources(stack)).toEqual(["crm-v2"]);
    expect((await stack.preview()).changeSummary).toEqual({ same: 2 });
  });

  it("two resources adopting one connector, the ids Outputs: preview and up fail naming both, nothing adopted; keeping one adopts it once", async () => {
    const args = oauth.args("Shared");
    const shared = await env.byHand(org).create({
      type: "CUSTOM",
      name: "Shared",
      custom: {
        authenticationType: "OAUTH2",
        domainUrl: args.domainUrl,
        clientId: args.clientId,
        clientSecret: args.clientSecret,
        scope: "read",
        tokenUrl: args.tokenUrl,
      },
    });
    // Ids that are Outputs: the SDK's org check compares them once they resolve, before any
    // connector registers (it once skipped Outputs and left this to the second adopter's check).
    const owner = (resource: string, name: string) => ({
      ...declaration(resource, oauth, oauth.args(name, { connectorId: shared.id })),
      outputFields: ["connectorId"],
    });
    await stack.declare([crm("crm-v2", {}, { connectorId: crmId }), owner("dup-a", "Shared A"), owner("dup-b", "Shared B")]);

    const bothNamed = `One connector, one owner: resources "dup-a" and "dup-b" both declare [connectorId] "${shared.id}" in org "${org.orgId}"`;
    expect(await stack.expectFailure(() => stack.preview())).toContain(bothNamed);
    // The Automation API's up skips the preview: the org check refuses before any connector registers.
    expect(await stack.expectFailure(() => stack.up())).toContain(bothNamed);
    expect(await env.byHand(org).get(shared.id)).toMatchObject({ status: "ACTIVE", name: "Shared", version: shared.version });
    expect(await stateResources(stack)).toEqual(["crm-v2"]);

    // Keeping [connectorId] on one of them adopts the connector once.
    await stack.declare([crm("crm-v2", {}, { connectorId: crmId }), owner("dup-a", "Shared A")]);
    await stack.up();
    expect(await env.byHand(org).get(shared.id)).toMatchObject({ name: "Shared A", status: "ACTIVE" });
    expect(await stateResources(stack)).toEqual(["crm-v2", "dup-a"]);
    expect((await env.byHand(org).list()).length).toBe(2);
    expect((await stack.preview()).changeSummary).toEqual({ same: 3 });
  });

  it("across updates, deleting a resource whose connector was taken over elsewhere (another stack) is refused, saying what to do", async () => {
    const winner = (await stateResources(stack)).find((r) => r.startsWith("dup-"))!;
    const sharedId = (await env.byHand(org).list()).find((c) => c.name === "Shared A")!.id;
    const keep = { ...declaration(winner, oauth, oauth.args("Shared A", { connectorId: sharedId })), outputFields: ["connectorId"] };

    // Another stack (a program this one cannot see) adopts the connector and renames it…
    const other = await E2EStack.create("ownership-elsewhere", { url: env.url, ...org });
    try {
      await other.declare([crm("crm-elsewhere", {}, { connectorId: crmId, name: "CRM API v3" })]);
      await other.up();
      const taken = await env.byHand(org).get(crmId);
      expect(taken).toMatchObject({ name: "CRM API v3", status: "ACTIVE" });

      // …then this stack removes crm-v2, whose state still shows the connector as it was.
      await stack.declare([keep]);
      const message = await stack.expectFailure(() => stack.up());
      expect(message).toContain(`not deleting: the connector was edited since the state last saw it: its version is ${taken!.version} (ACTIVE), the state's`);
      expect(message).toContain(`\`pulumi state delete '${urn("crm-v2")}'\` drops this one from the state without deleting the connector`);
      expect(message).toContain("if you mean to delete it, run `pulumi refresh` (the state then takes the live version), then the same command again");
      expect(message).not.toContain("failed deletes");
      // Said once, on the resource: the plugin's own echo of the error (with a stack) is left out.
      expect(message).not.toContain("LifecycleError:");
      expect(await env.byHand(org).get(crmId)).toEqual(taken);

      // Following the message: drop crm-v2 from the state; the connector stays, managed by the other stack.
      stateDelete(stack, urn("crm-v2"));
      expect((await stack.preview()).changeSummary).toEqual({ same: 2 });
      expect(await env.byHand(org).get(crmId)).toEqual(taken);
      for (const secret of [...oauth.secrets, org.token]) expect(other.output.includes(secret)).toBe(false);
    } finally {
      await other.dispose();
    }
  });

  it("a destroy whose DELETE keeps failing: the second failure says to refresh first, a third destroy without it is refused saying why; refresh, then destroy deletes it", async () => {
    const other = await env.freshOrg();
    const retried = await E2EStack.create("ownership-failed-deletes", { url: env.url, ...other });
    try {
      await retried.declare([declaration("stubborn", oauth, oauth.args("Stubborn"))]);
      const id = (await retried.up()).outputs.stubborn.value.connectorId as string;
      await env.admin.injectFault({ method: "DELETE", path: `/connectors/${id}$`, status: 500, times: 1000 });

      const first = await retried.expectFailure(() => retried.destroy());
      expect(first).toContain("reactivated the connector, which is as it was. Run the same command again (`pulumi up` or `pulumi destroy`) to delete it");
      const second = await retried.expectFailure(() => retried.destroy());
      expect(second).toContain("Its version is now 5 while the state still says 1");
      expect(second).toContain("run `pulumi refresh`, then the same command again (`pulumi up` or `pulumi destroy`) to delete it");
      await env.admin.clearFaults();

      // Ignoring that advice: the guard cannot tell two rollbacks from an edit, and says so.
      const third = await retried.expectFailure(() => retried.destroy());
      expect(third).toContain(
        "not deleting: the connector may have been edited since the state last saw it: its version is 5 (ACTIVE), the state's 1 (ACTIVE)",
      );
      expect(third).toContain("An earlier delete of it that failed moves the version too");
      expect(await env.byHand(other).get(id)).toMatchObject({ status: "ACTIVE", version: 5 });

      await retried.refresh();
      await retried.destroy();
      expect(await env.byHand(other).get(id)).toBeUndefined();
      for (const secret of [...oauth.secrets, other.token]) expect(retried.output.includes(secret)).toBe(false);
    } finally {
      await env.admin.clearFaults();
      await retried.dispose();
    }
  });

  it("never prints a secret", () => {
    for (const secret of [...oauth.secrets, org.token]) expect(stack.output.includes(secret)).toBe(false);
  });
});
