import { SHOW_AFTER_MS } from "../../provider/engine-log";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basicFixture, oauthFixture, salesforceFixture, type KindFixture } from "../support/fixtures";
import { startLifecycleEmulator, type LifecycleEmulator, type TestOrg } from "../support/emulator";
import { declaration } from "./support/declarations";
import { E2EStack, type Declaration } from "./support/e2e-stack";

/**
 * The contract calls the backend saw since `since` (admin and IdP calls excluded), apart
 * from the one read-only org listing the SDK's program-wide limit check makes per org.
 */
async function contractCallsSince(env: LifecycleEmulator, since: number) {
  const log = await env.admin.requests();
  const orgListing = /^\/v1\/organizations\/[^/]+\/connectors$/;
  return log.slice(since).filter((r) => r.path.startsWith("/v1/") && !(r.method === "GET" && orgListing.test(r.path)));
}

describe("connectors through the real Pulumi engine", () => {
  let env: LifecycleEmulator;
  let org: TestOrg;
  let stack: E2EStack;
  let sf: KindFixture, basic: KindFixture, oauth: KindFixture;
  let declared: Declaration[];
  /** Exported state snapshots taken while connectors existed (checked for secrets at the end). */
  const liveStates: string[] = [];

  beforeAll(async () => {
    env = await startLifecycleEmulator();
    org = await env.freshOrg();
    [sf, basic, oauth] = await Promise.all([salesforceFixture(env), basicFixture(env), oauthFixture(env)]);
    stack = await E2EStack.create("lifecycle", { url: env.url, ...org });
    declared = [
      declaration("sales", sf, sf.args("Sales Cloud")),
      declaration("orders", basic, basic.args("Orders API")),
      declaration("crm", oauth, oauth.args("CRM API")),
    ];
    await stack.declare(declared);
  });

  afterAll(async () => {
    await stack?.dispose();
    await env?.close();
  });

  it("pulumi up creates a Salesforce, a Basic and an OAuth 2.0 connector, all ACTIVE", async () => {
    const result = await stack.up();
    expect(result.summary.resourceChanges).toMatchObject({ create: 4 });
    liveStates.push(await stack.exportedState());
    const live = await env.byHand(org).list();
    expect(live.map((c) => [c.name, c.type, c.status]).sort()).toEqual([
      ["CRM API", "CUSTOM", "ACTIVE"],
      ["Orders API", "CUSTOM", "ACTIVE"],
      ["Sales Cloud", "SALESFORCE", "ACTIVE"],
    ]);
    for (const key of ["sales", "orders", "crm"]) {
      expect(result.outputs[key].value).toMatchObject({ status: "ACTIVE", version: expect.any(Number) });
      expect(live.map((c) => c.id)).toContain(result.outputs[key].value.connectorId);
    }
  });

  it("a second up with nothing changed is a no-op", async () => {
    const preview = await stack.preview();
    expect(preview.changeSummary).toEqual({ same: 4 });
  });

  it("a preview of an edit is an in-place update and writes nothing to the backend", async () => {
    await stack.declare([declared[0], declared[1], declaration("crm", oauth, oauth.edit(oauth.args("CRM API")))]);
    const before = (await env.admin.requests()).length;
    const preview = await stack.preview();
    expect(preview.changeSummary).toEqual({ same: 3, update: 1 });
    const writes = (await contractCallsSince(env, before)).filter((r) => r.method !== "GET");
    expect(writes).toEqual([]);
  });

  it("pulumi up applies the edit as deactivate → edit → reactivate and shows each step that takes time", async () => {
    const crmId = (await stack.stack.outputs()).crm.value.connectorId as string;
    const eventsBefore = (await env.admin.events()).length;
    // Steps shorter than SHOW_AFTER_MS are not shown (progress.ts); these two take longer.
    for (const path of ["/deactivate$", "/activate$"]) await env.admin.injectFault({ method: "POST", path, delayMs: SHOW_AFTER_MS + 500, times: 1 });
    const result = await stack.up();
    expect(result.summary.resourceChanges).toMatchObject({ update: 1, same: 3 });
    liveStates.push(await stack.exportedState());
    const live = await env.byHand(org).get(crmId);
    expect(live).toMatchObject({ status: "ACTIVE", custom: { scope: oauth.editedTo } });
    const kinds = (await env.admin.events())
      .slice(eventsBefore)
      .filter((e) => e.connectorId === crmId)
      .map((e) => e.kind);
    expect(kinds).toEqual(["DEACTIVATE", "EDIT", "ACTIVATE"]);
    expect(result.stdout).toMatch(/crm updating .*: deactivating…/);
    expect(result.stdout).toMatch(/crm updating .*: reactivating…/);
  });

  it("a preview of a connectorId change is a replacement", async () => {
    const other = await env.byHand(org).create({
      type: "CUSTOM",
      name: "Adoptable",
      custom: { authenticationType: "BASIC", domainUrl: "https://other.example.com", username: "u", password: "p-adoptable" },
    });
    const edited = declaration("orders", basic, basic.args("Orders API", { connectorId: other.id }));
    await stack.declare([declared[0], edited, declaration("crm", oauth, oauth.edit(oauth.args("CRM API")))]);
    const preview = await stack.preview();
    expect(preview.changeSummary).toMatchObject({ replace: 1 });
    await env.byHand(org).deactivate(other.id);
    await env.byHand(org).delete(other.id);
    await stack.declare([declared[0], declared[1], declaration("crm", oauth, oauth.edit(oauth.args("CRM API")))]);
  });

  it("bad input fails preview with the property named and no call to the backend", async () => {
    const before = (await env.admin.requests()).length;
    const bad = declaration("orders", basic, basic.args("Orders API", { domainUrl: "http://orders.example.com" }));
    await stack.declare([declared[0], bad, declaration("crm", oauth, oauth.edit(oauth.args("CRM API")))]);
    const message = await stack.expectFailure(() => stack.preview());
    expect(message).toMatch(/domainUrl/);
    expect(message).toMatch(/https/);
    expect(await contractCallsSince(env, before)).toEqual([]);
    await stack.declare([declared[0], declared[1], declaration("crm", oauth, oauth.edit(oauth.args("CRM API")))]);
  });

  it("refresh detects a connector deactivated by hand and one edited by hand, and up restores both", async () => {
    const outputs = await stack.stack.outputs();
    const salesId = outputs.sales.value.connectorId as string;
    const ordersId = outputs.orders.value.connectorId as string;
    const hand = env.byHand(org);
    await hand.deactivate(salesId);
    const orders = (await hand.get(ordersId))!;
    await hand.edit(ordersId, { type: "CUSTOM", name: orders.name, custom: { ...orders.custom, domainUrl: "https://hand-edited.example.com" } });

    // Before the refresh, the preview shows no change for the connector that is down (the
    // state still says ACTIVE); the org check's listing sees it and says what to do.
    const mark = stack.output.length;
    expect((await stack.preview()).changeSummary).toEqual({ same: 4 });
    expect(stack.output.slice(mark)).toContain(
      `(${salesId}) in org "${org.orgId}", managed by resource "sales", is INACTIVE although declared active. If this preview shows no change for it, the state still says ACTIVE: run \`pulumi refresh\`, then \`pulumi up\` reactivates it.`,
    );

    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 2 });
    const preview = await stack.preview();
    expect(preview.changeSummary).toMatchObject({ update: 2 });

    await stack.up();
    expect(await hand.get(salesId)).toMatchObject({ status: "ACTIVE" });
    expect(await hand.get(ordersId)).toMatchObject({ status: "ACTIVE", custom: { domainUrl: "https://api.example.com" } });
    expect((await stack.preview()).changeSummary).toEqual({ same: 4 });
  });

  it("destroy deactivates and deletes every connector, leaving the org empty", async () => {
    await stack.destroy();
    expect(await env.byHand(org).list()).toEqual([]);
  });

  it("no secret appears in the exported state or in any CLI output", async () => {
    expect(liveStates.length).toBeGreaterThan(0);
    const state = liveStates.join("\n");
    expect(state).toContain("ciphertext");
    const secrets = [...sf.secrets, ...basic.secrets, ...oauth.secrets, org.token];
    for (const secret of secrets) {
      expect(state.includes(secret), "secret found in exported state").toBe(false);
      expect(stack.output.includes(secret), "secret found in CLI output").toBe(false);
    }
  });
});
