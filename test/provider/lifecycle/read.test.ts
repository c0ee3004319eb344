import { describe, expect, it } from "vitest";
import { diffConnector } from "../../../provider/diff";
import { FIXTURES } from "../../support/fixtures";
import { useKindFixture, useLifecycleEmulator } from "../../support/lifecycle";
import { checked, createVia, makeProvider } from "../../support/provider";

const { env } = useLifecycleEmulator();

describe.each(FIXTURES)("%s read (refresh)", (_label, setup) => {
  const fx = useKindFixture(env, setup);

  it("returns the state unchanged when nothing drifted, keeping the secrets from state", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("calm"));

    const result = await provider.read(id, outs);

    expect(result.id).toBe(id);
    expect(result.props).toEqual(outs);
    expect(diffConnector(fx.kind, result.props!, await checked(provider, fx.args("calm")))).toEqual({ changes: false });
    for (const f of fx.kind.secretFields) expect((result.inputs as Record<string, unknown>)[f]).toBe((outs as Record<string, unknown>)[f]);
  });

  it("reports an edit made by hand, in props and in refreshed inputs, so the next diff updates it back", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("drifty"));
    const live = (await env.byHand(org).get(id))!;
    await env.byHand(org).edit(id, { ...fx.kind.toWrite(await checked(provider, fx.edit(fx.args("drifty")))), name: "drifty-by-hand" });

    const result = await provider.read(id, outs);

    expect(result.props).toMatchObject({ name: "drifty-by-hand", status: "ACTIVE", active: true });
    expect(result.props!.version).toBeGreaterThan(live.version);
    expect(result.inputs).toMatchObject({ name: "drifty-by-hand", active: true, orgId: org.orgId });
    const diff = diffConnector(fx.kind, result.props!, await checked(provider, fx.args("drifty")));
    expect(diff.changes).toBe(true);
    expect(diff.replaces ?? []).toEqual([]);
  });

  it("reports a deactivation by hand as active: false, and the next update reactivates it", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("napping"));
    await env.byHand(org).deactivate(id);

    const result = await provider.read(id, outs);

    expect(result.props).toMatchObject({ status: "INACTIVE", active: false });
    expect(result.inputs).toMatchObject({ active: false });
    const news = await checked(provider, fx.args("napping"));
    expect(diffConnector(fx.kind, result.props!, news).changes).toBe(true);
    const { outs: updated } = await provider.update(id, result.props!, news);
    expect(updated).toMatchObject({ status: "ACTIVE", active: true });
    expect((await env.byHand(org).get(id))?.status).toBe("ACTIVE");
  });

  it("returns no id and no props when the connector was deleted by hand", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("gone"));
    await env.byHand(org).deactivate(id);
    await env.byHand(org).delete(id);

    const result = await provider.read(id, outs);

    expect(result.id).toBeUndefined();
    expect(result.props).toBeUndefined();
  });
});
