import { describe, expect, it } from "vitest";
import { FIXTURES } from "../../support/fixtures";
import { useKindFixture, useLifecycleEmulator } from "../../support/lifecycle";
import { checked, createVia, makeProvider } from "../../support/provider";

const { env, progress } = useLifecycleEmulator();

/** The contract calls (not the IdP's) since the request log was cleared, as `METHOD /tail`. */
async function contractCalls(id: string): Promise<string[]> {
  return (await env.admin.requests()).filter((r) => r.path.startsWith("/v1/")).map((r) => `${r.method} ${r.path.split(id).pop() || "/"}`);
}

describe.each(FIXTURES)("%s: the fewest contract calls SPEC §3 allows", (_label, setup) => {
  const fx = useKindFixture(env, setup);

  it("update = deactivate + PUT + activate, no read: the state says it was active, the deactivation gives the version for If-Match", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("lean"));
    const news = await checked(provider, fx.edit(fx.args("lean")), outs);
    await env.admin.clearRequests();

    const { outs: updated } = await provider.update(id, outs, news);

    expect(await contractCalls(id)).toEqual(["POST /deactivate", "PUT /", "POST /activate"]);
    expect(fx.editedValue((await env.byHand(org).get(id))!)).toBe(fx.editedTo);
    expect(updated).toMatchObject({ status: "ACTIVE", version: (await env.byHand(org).get(id))!.version });
  });

  it("delete = deactivate + DELETE, and a connector the state holds as inactive is deleted in one call", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const up = await createVia(provider, fx.args("lean-up"));
    const down = await createVia(provider, fx.args("lean-down", { active: false }));
    await env.admin.clearRequests();

    await provider.delete(up.id, up.outs);
    expect(await contractCalls(up.id)).toEqual(["POST /deactivate", "DELETE /"]);
    await env.admin.clearRequests();
    await provider.delete(down.id, down.outs);
    expect(await contractCalls(down.id)).toEqual(["DELETE /"]);
  });

  it("flipping active alone is one call", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("flip"));
    await env.admin.clearRequests();
    const off = await provider.update(id, outs, await checked(provider, fx.args("flip", { active: false }), outs));
    expect(await contractCalls(id)).toEqual(["POST /deactivate"]);
    expect(off.outs).toMatchObject({ status: "INACTIVE" });
  });
});

describe.each(FIXTURES)("%s: when the state is stale, the backend decides", (_label, setup) => {
  const fx = useKindFixture(env, setup);

  it("edits a connector the state holds as inactive but someone activated by hand: deactivates it first, keeps it inactive as declared", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("woken", { active: false }));
    await env.byHand(org).activate(id);
    const news = await checked(provider, fx.edit(fx.args("woken", { active: false })), outs);
    progress.take();

    const { outs: updated } = await provider.update(id, outs, news);

    const live = (await env.byHand(org).get(id))!;
    expect(fx.editedValue(live)).toBe(fx.editedTo);
    expect(live.status).toBe("INACTIVE");
    expect(updated).toMatchObject({ status: "INACTIVE", version: live.version });
  });

  it("edits a connector the state holds as inactive but someone edited by hand since (If-Match refused): reads it and edits it", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("retouched", { active: false }));
    const current = (await env.byHand(org).get(id))!;
    await env
      .byHand(org)
      .replace(id, { type: current.type, name: "retouched", ...(current.custom ? { custom: current.custom } : { salesforce: current.salesforce }) });

    const { outs: updated } = await provider.update(id, outs, await checked(provider, fx.edit(fx.args("retouched", { active: false })), outs));

    const live = (await env.byHand(org).get(id))!;
    expect(fx.editedValue(live)).toBe(fx.editedTo);
    expect(updated).toMatchObject({ status: "INACTIVE", version: live.version });
  });

  it("deletes a connector the state holds as inactive but someone activated by hand", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("revived-doomed", { active: false }));
    await env.byHand(org).activate(id);

    await provider.delete(id, outs);

    expect(await env.byHand(org).get(id)).toBeUndefined();
  });

  it("deletes a connector already deleted by hand with one call (404 = gone)", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("ghost-2"));
    await env.byHand(org).deactivate(id);
    await env.byHand(org).delete(id);
    await env.admin.clearRequests();
    progress.take();

    await provider.delete(id, outs);

    expect(await contractCalls(id)).toEqual(["POST /deactivate"]);
    expect(progress.take().map((l) => l.split(": ").pop())).toEqual(["deactivating…", "already deleted"]);
  });
});
