import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetProviders } from "../../provider/connector-provider";
import { customHooks } from "../../provider/hooks";
import { resetOwnership } from "../../provider/lifecycle/ownership";
import { setProgressSink } from "../../provider/progress";
import { URN_INPUT } from "../../provider/resource-urn";
import { adoptionConflict, keptConnectorConflict, OWNERS_INPUT, type StackOwner, takeOwners } from "../../provider/stack-owners";
import { basicFixture } from "../support/fixtures";
import { startLifecycleEmulator, type TestOrg } from "../support/emulator";
import { useKindFixture } from "../support/lifecycle";
import { suiteValue } from "../support/suite-value";

const ids = fc.constantFrom("c-1", "c-2", "c-3");
const orgs = fc.option(fc.constantFrom("acme", "globex"), { nil: undefined });
const owner = fc.record({ resource: fc.constantFrom("a", "b", "c"), orgId: orgs, connectorId: fc.option(ids, { nil: undefined }), declared: fc.boolean() });

describe("stack owners: one connector, one owner across updates (issue 10)", () => {
  it("an adopter conflicts exactly when another resource manages or declares its id in its org", () => {
    fc.assert(
      fc.property(fc.array(owner), fc.constantFrom("acme", "globex"), ids, (owners, orgId, connectorId) => {
        const expected = owners.find((o) => o.connectorId === connectorId && (o.orgId ?? "acme") === orgId);
        const got = adoptionConflict({ orgId, connectorId }, owners as StackOwner[], "acme");
        expect(got !== undefined).toBe(expected !== undefined);
        if (expected?.declared) expect(got).toContain(`is also declared by resource "${expected.resource}" of this stack`);
        else if (expected) expect(got).toContain(`resource "${expected.resource}" of this stack manages`);
      }),
    );
  });

  it("a resource keeping its connector conflicts exactly when an adopter declares it, unless it moves to another id", () => {
    fc.assert(
      fc.property(fc.array(owner), fc.constantFrom("acme", "globex"), ids, fc.option(ids, { nil: undefined }), (owners, orgId, held, declaredNow) => {
        const moving = declaredNow !== undefined && declaredNow !== held;
        const expected = moving ? undefined : owners.find((o) => o.declared && o.connectorId === held && (o.orgId ?? "acme") === orgId);
        const got = keptConnectorConflict({ orgId, connectorId: held }, declaredNow, owners as StackOwner[], "acme");
        expect(got?.adopter).toBe(expected?.resource);
      }),
    );
  });

  it("ignores malformed and unknown entries (a preview's unknown outputs)", () => {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const { owners, props } = takeOwners({
      name: "x",
      [OWNERS_INPUT]: [unknown, null, { resource: "a", declared: "yes" }, { resource: "b", declared: false, connectorId: "c-1" }],
    });
    expect(owners).toEqual([{ resource: "b", declared: false, connectorId: "c-1" }]);
    expect(props).toEqual({ name: "x" });
    expect(takeOwners({ name: "x", [OWNERS_INPUT]: unknown }).owners).toEqual([]);
  });
});

const env = suiteValue(startLifecycleEmulator, (e) => e.close());
const basic = useKindFixture(env, basicFixture);
afterEach(() => resetProviders());
let previousSink: ReturnType<typeof setProgressSink>;
beforeAll(() => {
  previousSink = setProgressSink(() => {});
});
afterAll(() => setProgressSink(previousSink));

const configFor = (org: TestOrg) => {
  const values: Record<string, string> = { "wxcc:baseUrl": env.url, "wxcc:orgId": org.orgId, "wxcc:accessToken": org.token };
  return { get: (k: string) => values[k], require: (k: string) => values[k] ?? "" };
};

describe("the hidden owners input, through the serializable hooks", () => {
  it("check keeps it in the checked inputs and refuses an adopter of a connector another resource holds, naming both", async () => {
    const org = await env.freshOrg();
    await customHooks.configure!({ config: configFor(org) });
    const owners: StackOwner[] = [{ resource: "alpha", declared: false, connectorId: "c-9" }];
    const ok = await customHooks.check!({}, { ...basic.args("Beta"), [OWNERS_INPUT]: owners, [URN_INPUT]: "urn:pulumi:d::p::t::beta" });
    expect(ok.failures).toEqual([]);
    expect(ok.inputs[OWNERS_INPUT]).toEqual(owners);
    expect(ok.inputs[URN_INPUT]).toBe("urn:pulumi:d::p::t::beta");

    const taken = await customHooks.check!({}, { ...basic.args("Beta", { connectorId: "c-9" }), [OWNERS_INPUT]: owners });
    expect(taken.failures).toEqual([
      { property: "", reason: expect.stringContaining('[connectorId] "c-9" names the connector that resource "alpha" of this stack manages') },
    ]);
  });

  it("diff refuses, without a stack trace, when an adopter declares the connector the state holds; nothing else changes the diff", async () => {
    const org = await env.freshOrg();
    await customHooks.configure!({ config: configFor(org) });
    const checked = (await customHooks.check!({}, basic.args("Alpha"))).inputs;
    const { id, outs } = await customHooks.create(checked);
    const adopters: StackOwner[] = [{ resource: "beta", declared: true, connectorId: id, orgId: org.orgId }];
    const err = await customHooks.diff!(id, outs, { ...checked, [OWNERS_INPUT]: adopters }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toContain(`CustomConnector "Alpha" (${id}) in org "${org.orgId}": resource "beta" of this stack declares [connectorId] "${id}"`);
    expect(err?.stack).toBe("code OWNER_CONFLICT");
    const others: StackOwner[] = [{ resource: "beta", declared: true, connectorId: "c-other" }];
    expect((await customHooks.diff!(id, outs, { ...checked, [OWNERS_INPUT]: others })).changes).toBe(false);
    await customHooks.delete!(id, outs);
  });

  it("a delete of a connector that another resource's diff kept in this deployment only drops the deleted resource from the state", async () => {
    const org = await env.freshOrg();
    await customHooks.configure!({ config: configFor(org) });
    const checked = (await customHooks.check!({}, basic.args("Alpha"))).inputs;
    const { id, outs } = await customHooks.create(checked);
    const alpha = { ...outs, [URN_INPUT]: "urn:pulumi:d::p::pulumi-nodejs:dynamic/wxcc:CustomConnector::alpha" };
    const beta = { ...outs, name: "Beta", connectorId: id, [URN_INPUT]: "urn:pulumi:d::p::pulumi-nodejs:dynamic/wxcc:CustomConnector::beta" };
    // alpha's diff: its state holds the connector and the program keeps it there.
    expect((await customHooks.diff!(id, alpha, { ...checked, [URN_INPUT]: alpha[URN_INPUT] })).changes).toBe(false);
    const lines: string[] = [];
    setProgressSink((line) => lines.push(line));
    await customHooks.delete!(id, beta);
    setProgressSink(() => {});
    expect(lines).toContainEqual(
      expect.stringContaining('not deleting the connector: another resource of this stack ("alpha", declaring [name] "Alpha") keeps it in its state'),
    );
    expect(await env.byHand(org).get(id)).toMatchObject({ status: "ACTIVE", name: "Alpha" });
    // alpha's own delete (same URN) deletes it.
    await customHooks.delete!(id, alpha);
    expect(await env.byHand(org).get(id)).toBeUndefined();
  });

  it("two resources whose states keep one connector: the second diff refuses, and an adoption of a kept connector is refused", async () => {
    const org = await env.freshOrg();
    await customHooks.configure!({ config: configFor(org) });
    const checked = (await customHooks.check!({}, basic.args("Gamma"))).inputs;
    const { id, outs } = await customHooks.create(checked);
    const as = (resource: string) => `urn:pulumi:d::p::pulumi-nodejs:dynamic/wxcc:CustomConnector::${resource}`;
    // Checked before gamma's diff (as the engine may, for a resource not waiting on gamma).
    const adopter = (await customHooks.check!({}, { ...basic.args("Delta", { connectorId: id }), [URN_INPUT]: as("delta") })).inputs;
    expect((await customHooks.diff!(id, { ...outs, [URN_INPUT]: as("gamma") }, { ...checked, [URN_INPUT]: as("gamma") })).changes).toBe(false);
    const twin = await customHooks.diff!(id, { ...outs, [URN_INPUT]: as("twin") }, { ...checked, [URN_INPUT]: as("twin") }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(twin?.message).toContain(`resource "gamma" of this stack (declaring [name] "Gamma") also keeps connector "${id}" in its state`);
    expect(twin?.message).toContain(`\`pulumi state delete '${as("gamma")}'\` drops "gamma" from the state`);

    const refused = await customHooks.create(adopter).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(refused?.message).toContain(`cannot adopt connectorId "${id}": resource "gamma" of this stack (declaring [name] "Gamma") manages it`);
    // Checked after gamma's diff, the adoption is refused already at check (preview).
    const late = await customHooks.check!({}, { ...basic.args("Epsilon", { connectorId: id }), [URN_INPUT]: as("epsilon") });
    expect(late.failures).toEqual([
      { property: "", reason: expect.stringContaining(`[connectorId] "${id}" names the connector that resource "gamma" of this stack manages`) },
    ]);
    expect(await env.byHand(org).get(id)).toMatchObject({ name: "Gamma", version: 1 });
    await customHooks.delete!(id, { ...outs, [URN_INPUT]: as("gamma") });
  });

  it("a hand-over whose adoption fails (pulumi up --continue-on-error) does not delete the connector with the old resource", async () => {
    const org = await env.freshOrg();
    await customHooks.configure!({ config: configFor(org) });
    const as = (resource: string) => `urn:pulumi:d::p::pulumi-nodejs:dynamic/wxcc:CustomConnector::${resource}`;
    const { id, outs } = await customHooks.create((await customHooks.check!({}, basic.args("Zeta"))).inputs);
    resetOwnership(); // a later deployment hands the connector over to "eta"
    const adopter = (await customHooks.check!({}, { ...basic.badSecret(basic.args("Eta", { connectorId: id })), [URN_INPUT]: as("eta") })).inputs;
    const why = await customHooks.create(adopter).then(
      () => "",
      (e: Error) => e.message,
    );
    expect(why).toContain('CustomConnector "Eta"');
    expect(why).not.toContain("cannot adopt");
    const lines: string[] = [];
    setProgressSink((line) => lines.push(line));
    await customHooks.delete!(id, { ...outs, [URN_INPUT]: as("zeta") });
    setProgressSink(() => {});
    expect(lines).toContainEqual(
      expect.stringContaining("declares it ([connectorId]) in this update, though its adoption failed; dropping this resource from the state only"),
    );
    expect(await env.byHand(org).get(id)).toMatchObject({ status: "ACTIVE", name: "Zeta" });
  });
});
