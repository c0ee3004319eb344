import { describe, expect, it } from "vitest";
import { PartialFailureError } from "../../../provider/errors";
import { FIXTURES } from "../../support/fixtures";
import { useKindFixture, useLifecycleEmulator } from "../../support/lifecycle";
import { checked, createVia, leakedSecrets, makeProvider, rejection } from "../../support/provider";

const { env, progress } = useLifecycleEmulator();

describe.each(FIXTURES)("%s create", (_label, setup) => {
  const fx = useKindFixture(env, setup);

  it("creates an ACTIVE connector and outputs every input plus the backend's fields", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    progress.take();
    const { id, outs } = await createVia(provider, fx.args("support"));

    const live = await env.byHand(org).get(id);
    expect(live?.status).toBe("ACTIVE");
    expect(outs).toMatchObject({ name: "support", active: true, orgId: org.orgId, connectorId: id, status: "ACTIVE", version: live!.version });
    expect(outs.createdAt).toBe(live!.createdAt);
    expect(Object.values(outs)).not.toContain(undefined);
    expect((await env.transitions(id)).map(([kind]) => kind)).toEqual(["CREATE"]);
    expect(progress.take()).toEqual([`wxcc: ${fx.kind.resourceType} "support" in org "${org.orgId}": creating…`]);
  });

  it("with active: false creates the connector and then deactivates it", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("dormant", { active: false }));

    expect(outs).toMatchObject({ active: false, status: "INACTIVE", connectorId: id });
    expect((await env.byHand(org).get(id))?.status).toBe("INACTIVE");
    expect(await env.transitions(id)).toEqual([
      ["CREATE", null, "ACTIVE"],
      ["DEACTIVATE", "ACTIVE", "INACTIVE"],
    ]);
  });

  it("fails with resource, name, org and backend code when the service refuses the credentials, creating nothing", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const err = await rejection(createVia(provider, fx.badSecret(fx.args("refused"))));

    expect(err.code).toBe("CONNECTIVITY_FAILED");
    expect(err.message).toContain(`${fx.kind.resourceType} "refused" in org "${org.orgId}": creating failed`);
    expect(err.message).toMatch(/CONNECTIVITY_FAILED/);
    expect(err).not.toBeInstanceOf(PartialFailureError);
    expect(leakedSecrets([err.message, String(err.stack)], fx.secrets)).toEqual([]);
    expect(await env.byHand(org).list()).toEqual([]);
  });

  it("reports a failure after the POST as a partial failure carrying the new connector's id and real state", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const inputs = await checked(provider, fx.args("half-made", { active: false }));
    await env.admin.injectFault({ method: "POST", path: `/organizations/${org.orgId}/connectors/[^/]+/deactivate$`, status: 500, times: 10 });
    try {
      const err = await rejection(provider.create(inputs));
      expect(err).toBeInstanceOf(PartialFailureError);
      const [live] = await env.byHand(org).list();
      expect(err.id).toBe(live!.id);
      expect(err.properties).toMatchObject({ connectorId: live!.id, status: "ACTIVE", active: true, name: "half-made", version: live!.version });
      expect(err.reasons).toEqual([err.message]);
      expect(err.message).toContain(`(${live!.id}) in org "${org.orgId}": created the connector, but deactivating it (declared active: false) failed`);
      expect(leakedSecrets([err.message], fx.secrets)).toEqual([]);
    } finally {
      await env.admin.clearFaults();
    }
  });
});
