import { describe, expect, it } from "vitest";
import { customKind, salesforceKind } from "../../../provider/kinds";
import { basicFixture, FIXTURES } from "../../support/fixtures";
import { useKindFixture, useLifecycleEmulator } from "../../support/lifecycle";
import { checked, leakedSecrets, makeProvider, rejection } from "../../support/provider";

const { env, progress } = useLifecycleEmulator();

describe.each(FIXTURES)("%s adopt (connectorId)", (_label, setup) => {
  const fx = useKindFixture(env, setup);

  it("takes over the existing connector and converges it to the declared inputs instead of creating one", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const existing = await env.byHand(org).create(fx.kind.toWrite(await checked(provider, fx.args("legacy"))));
    progress.take();

    const { id, outs } = await provider.create(await checked(provider, fx.edit(fx.args("adopted", { connectorId: existing.id }))));

    expect(id).toBe(existing.id);
    const all = await env.byHand(org).list();
    expect(all.map((c) => c.id)).toEqual([existing.id]);
    expect(all[0]).toMatchObject({ name: "adopted", status: "ACTIVE" });
    expect(fx.editedValue(all[0]!)).toBe(fx.editedTo);
    expect(outs).toMatchObject({ connectorId: existing.id, name: "adopted", status: "ACTIVE", active: true, version: all[0]!.version });
    expect((await env.transitions(id)).slice(1)).toEqual([
      ["DEACTIVATE", "ACTIVE", "INACTIVE"],
      ["EDIT", "INACTIVE", "INACTIVE"],
      ["ACTIVATE", "INACTIVE", "ACTIVE"],
    ]);
    expect(progress.take()[0]).toBe(`wxcc: ${fx.kind.resourceType} "adopted" (${id}) in org "${org.orgId}": adopting the existing connector…`);
  });

  it("writes the declared secrets once even when nothing else differs", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const inputs = await checked(provider, fx.args("same"));
    const existing = await env.byHand(org).create(fx.kind.toWrite(inputs));

    await provider.create({ ...inputs, connectorId: existing.id });

    expect((await env.transitions(existing.id)).map(([k]) => k)).toEqual(["CREATE", "DEACTIVATE", "EDIT", "ACTIVATE"]);
  });

  it("adopts an inactive connector declared active: false without activating it", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const existing = await env.byHand(org).create(fx.kind.toWrite(await checked(provider, fx.args("sleeper"))));
    await env.byHand(org).deactivate(existing.id);

    const { outs } = await provider.create(await checked(provider, fx.args("sleeper", { connectorId: existing.id, active: false })));

    expect(outs).toMatchObject({ status: "INACTIVE", active: false });
    expect((await env.transitions(existing.id)).slice(2)).toEqual([["EDIT", "INACTIVE", "INACTIVE"]]);
  });

  it("refuses declared credentials that fail the preflight and leaves the existing connector untouched", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const existing = await env.byHand(org).create(fx.kind.toWrite(await checked(provider, fx.args("precious"))));
    await env.admin.clearRequests();

    const err = await rejection(provider.create(await checked(provider, fx.badSecret(fx.args("precious", { connectorId: existing.id })))));

    expect(err.code).toBe("PREFLIGHT_FAILED");
    expect(err.message).toContain("left active and unchanged");
    expect(err.id).toBeUndefined();
    expect(leakedSecrets([err.message], fx.secrets)).toEqual([]);
    expect((await env.admin.requests()).filter((r) => r.path.startsWith("/v1/") && r.method !== "GET")).toEqual([]);
    expect(await env.byHand(org).get(existing.id)).toEqual(existing);
  });

  it("fails naming the connectorId and the org when there is no such connector", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);

    const err = await rejection(provider.create(await checked(provider, fx.args("nobody", { connectorId: "c-does-not-exist" }))));

    expect(err.code).toBe("NOT_FOUND");
    expect(err.message).toContain(`cannot adopt connectorId "c-does-not-exist": no such connector in org "${org.orgId}"`);
    expect(await env.byHand(org).list()).toEqual([]);
  });
});

describe("adopt across kinds", () => {
  it("refuses to adopt a custom connector as a SalesforceConnector", async () => {
    const basic = await basicFixture(env);
    const org = await env.freshOrg();
    const existing = await env.byHand(org).create(customKind.toWrite((await checked(makeProvider(env, org, basic.kind), basic.args("crm"))) as never));
    const sf = makeProvider(env, org, salesforceKind as never);

    const err = await rejection(
      sf.create({
        name: "crm",
        clientId: "x",
        userEmail: "ops@example.com",
        authServerUrl: `${env.url}/salesforce`,
        privateKey: "unused",
        active: true,
        orgId: org.orgId,
        connectorId: existing.id,
      } as never),
    );

    expect(err.message).toContain(`cannot adopt connectorId "${existing.id}": it is a CUSTOM connector ("crm"); declare it as a CustomConnector`);
  });
});
