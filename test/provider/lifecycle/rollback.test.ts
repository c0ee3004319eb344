import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { PartialFailureError } from "../../../provider/errors";
import { FIXTURES } from "../../support/fixtures";
import { useKindFixture, useLifecycleEmulator } from "../../support/lifecycle";
import { checked, createVia, leakedSecrets, makeProvider, rejection } from "../../support/provider";

const { env, progress } = useLifecycleEmulator();
afterEach(async () => {
  await env.admin.clearFaults();
});

describe.each(FIXTURES)("%s update rollback", (_label, setup) => {
  const fx = useKindFixture(env, setup);

  it("reactivates the previous configuration when the edit (PUT) keeps failing, and says so", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("steady"));
    const news = await checked(provider, fx.edit(fx.args("steady")), outs);
    await env.admin.injectFault({ method: "PUT", path: `/connectors/${id}$`, status: 500, times: 20 });
    progress.take();

    const err = await rejection(provider.update(id, outs, news));

    expect(err).toBeInstanceOf(PartialFailureError);
    expect(err.code).toBe("ROLLBACK");
    expect(err.message).toContain(`${fx.kind.resourceType} "steady" (${id}) in org "${org.orgId}": editing failed (`);
    expect(err.message).toContain("reactivated the previous configuration");
    expect(leakedSecrets([err.message, String(err.stack)], fx.secrets)).toEqual([]);
    const live = (await env.byHand(org).get(id))!;
    expect(live.status).toBe("ACTIVE");
    expect(fx.editedValue(live)).not.toBe(fx.editedTo);
    expect(err.id).toBe(id);
    expect(err.properties).toMatchObject({ status: "ACTIVE", active: true, version: live.version });
    for (const f of fx.kind.secretFields) expect(err.properties[f]).toBe((outs as Record<string, unknown>)[f]);
    expect(progress.take().map((l) => l.split(": ").slice(2).join(": "))).toEqual([
      "preflight: verifying the new credentials…",
      "deactivating…",
      "editing…",
      "rolling back: reactivating the previous configuration…",
    ]);
  });

  it("restores the previous configuration and reactivates it when the new settings cannot be activated", async () => {
    const org = await env.freshOrg();
    // Without the preflight the new (refused) secret reaches the backend; activation then fails.
    const provider = makeProvider(env, org, fx.kind, { preflight: false });
    const { id, outs } = await createVia(provider, fx.args("resilient"));
    const news = await checked(provider, fx.badSecret(fx.edit(fx.args("resilient"))), outs);

    const err = await rejection(provider.update(id, outs, news));

    expect(err).toBeInstanceOf(PartialFailureError);
    expect(err.code).toBe("ROLLBACK");
    expect(err.message).toContain("reactivation with the new settings failed (");
    expect(err.message).toContain("CONNECTIVITY_FAILED");
    expect(err.message).toContain("restored the previous configuration and reactivated it");
    // The error carries the secrets in `properties` for the state, but never prints them.
    expect(leakedSecrets([err.message, String(err.stack), inspect(err, { depth: 10 }), JSON.stringify(err)], fx.secrets)).toEqual([]);
    const live = (await env.byHand(org).get(id))!;
    expect(live.status).toBe("ACTIVE");
    expect(fx.editedValue(live)).not.toBe(fx.editedTo);
    expect((await env.transitions(id)).slice(1)).toEqual([
      ["DEACTIVATE", "ACTIVE", "INACTIVE"],
      ["EDIT", "INACTIVE", "INACTIVE"],
      ["EDIT", "INACTIVE", "INACTIVE"],
      ["ACTIVATE", "INACTIVE", "ACTIVE"],
    ]);
    for (const f of fx.kind.secretFields) expect(err.properties[f]).toBe((outs as Record<string, unknown>)[f]);
    // The restored (old) secret really is in place: the connector can be reactivated by hand.
    await env.byHand(org).deactivate(id);
    await expect(env.byHand(org).activate(id)).resolves.toMatchObject({ status: "ACTIVE" });
  });

  it("reports a partial failure with the real (INACTIVE) state when the rollback fails too", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind, { preflight: false });
    const { id, outs } = await createVia(provider, fx.args("stuck"));
    const news = await checked(provider, fx.edit(fx.args("stuck")), outs);
    await env.admin.injectFault({ method: "POST", path: `/connectors/${id}/activate$`, status: 503, times: 50 });

    const err = await rejection(provider.update(id, outs, news));

    expect(err).toBeInstanceOf(PartialFailureError);
    expect(err.code).toBe("PARTIAL_FAILURE");
    expect(err.message).toContain("reactivation with the new settings failed (");
    expect(err.message).toContain("restored the previous configuration but reactivating it failed too");
    expect(err.message).toContain("the connector is INACTIVE");
    const live = (await env.byHand(org).get(id))!;
    expect(live.status).toBe("INACTIVE");
    expect(err.properties).toMatchObject({ status: "INACTIVE", active: false, version: live.version, connectorId: id });
    expect(leakedSecrets([err.message], fx.secrets)).toEqual([]);
  });
});

describe("update rollback on a backend refusal", () => {
  it("reactivates the previous configuration when the new name is taken (409 NAME_CONFLICT)", async () => {
    const fx = await FIXTURES[1]![1](env);
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    await createVia(provider, fx.args("taken"));
    const { id, outs } = await createVia(provider, fx.args("mine"));

    const err = await rejection(provider.update(id, outs, await checked(provider, fx.args("TAKEN"), outs)));

    expect(err.code).toBe("ROLLBACK");
    expect(err.message).toContain("editing failed (");
    expect(err.message).toContain("NAME_CONFLICT");
    expect(err.message).toContain("reactivated the previous configuration");
    expect(await env.byHand(org).get(id)).toMatchObject({ name: "mine", status: "ACTIVE" });
  });
});
