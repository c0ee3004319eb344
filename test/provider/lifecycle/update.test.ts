import { describe, expect, it } from "vitest";
import { diffConnector } from "../../../provider/diff";
import { FIXTURES } from "../../support/fixtures";
import { useKindFixture, useLifecycleEmulator } from "../../support/lifecycle";
import { checked, createVia, leakedSecrets, makeProvider, rejection } from "../../support/provider";

const { env, progress } = useLifecycleEmulator();

describe.each(FIXTURES)("%s update", (_label, setup) => {
  const fx = useKindFixture(env, setup);

  it("deactivates, edits and reactivates, reporting each step", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("support"));
    const news = await checked(provider, fx.edit(fx.args("support")), outs);
    expect(diffConnector(fx.kind, outs, news)).toMatchObject({ changes: true });
    expect(diffConnector(fx.kind, outs, news).replaces ?? []).toEqual([]);
    progress.take();

    const { outs: updated } = await provider.update(id, outs, news);

    const live = (await env.byHand(org).get(id))!;
    expect(live.status).toBe("ACTIVE");
    expect(fx.editedValue(live)).toBe(fx.editedTo);
    expect(updated).toMatchObject({ connectorId: id, status: "ACTIVE", active: true, version: live.version, updatedAt: live.updatedAt });
    expect((await env.transitions(id)).slice(1)).toEqual([
      ["DEACTIVATE", "ACTIVE", "INACTIVE"],
      ["EDIT", "INACTIVE", "INACTIVE"],
      ["ACTIVATE", "INACTIVE", "ACTIVE"],
    ]);
    const who = `wxcc: ${fx.kind.resourceType} "support" (${id}) in org "${org.orgId}"`;
    expect(progress.take()).toEqual([
      `${who}: preflight: verifying the new credentials…`,
      `${who}: deactivating…`,
      `${who}: editing…`,
      `${who}: reactivating…`,
    ]);
  });

  it("refuses an edit whose credentials fail the preflight, with zero writes, leaving the connector unchanged", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("guarded"));
    const before = await env.byHand(org).get(id);
    const news = await checked(provider, fx.badSecret(fx.edit(fx.args("guarded"))), outs);
    await env.admin.clearRequests();

    const err = await rejection(provider.update(id, outs, news));

    expect(err.code).toBe("PREFLIGHT_FAILED");
    expect(err.message).toContain(`${fx.kind.resourceType} "guarded" (${id}) in org "${org.orgId}": preflight failed: `);
    // The status in state is not what the backend said, so the message does not claim one.
    expect(err.message).toContain("the connector was left unchanged (nothing was written)");
    expect(leakedSecrets([err.message, String(err.stack)], fx.secrets)).toEqual([]);
    const writes = (await env.admin.requests()).filter((r) => r.path.startsWith("/v1/") && r.method !== "GET");
    expect(writes).toEqual([]);
    expect(await env.byHand(org).get(id)).toEqual(before);
  });

  it("with wxcc:preflight false skips the preflight", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind, { preflight: false });
    const { id, outs } = await createVia(provider, fx.args("unchecked"));
    progress.take();
    await provider.update(id, outs, await checked(provider, fx.edit(fx.args("unchecked")), outs));
    expect(progress.take().some((l) => l.includes("preflight"))).toBe(false);
    expect(fx.editedValue((await env.byHand(org).get(id))!)).toBe(fx.editedTo);
  });

  it("flips active: true → false → true without editing", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("switch"));

    const off = await provider.update(id, outs, await checked(provider, fx.args("switch", { active: false }), outs));
    expect(off.outs).toMatchObject({ active: false, status: "INACTIVE" });
    const on = await provider.update(id, off.outs!, await checked(provider, fx.args("switch"), off.outs));
    expect(on.outs).toMatchObject({ active: true, status: "ACTIVE" });

    expect((await env.transitions(id)).slice(1)).toEqual([
      ["DEACTIVATE", "ACTIVE", "INACTIVE"],
      ["ACTIVATE", "INACTIVE", "ACTIVE"],
    ]);
  });

  it("edits a connector declared active: false without activating it", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("parked", { active: false }));
    progress.take();

    const { outs: updated } = await provider.update(id, outs, await checked(provider, fx.edit(fx.args("parked", { active: false })), outs));

    expect(updated).toMatchObject({ active: false, status: "INACTIVE" });
    expect((await env.transitions(id)).slice(2)).toEqual([["EDIT", "INACTIVE", "INACTIVE"]]);
    expect(progress.take().map((l) => l.split(": ").pop())).toEqual(["editing…"]);
  });

  it("reactivates a connector deactivated by hand while editing it", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("revived"));
    await env.byHand(org).deactivate(id);

    const { outs: updated } = await provider.update(id, outs, await checked(provider, fx.edit(fx.args("revived")), outs));

    expect(updated).toMatchObject({ status: "ACTIVE" });
    expect((await env.transitions(id)).slice(2)).toEqual([
      ["EDIT", "INACTIVE", "INACTIVE"],
      ["ACTIVATE", "INACTIVE", "ACTIVE"],
    ]);
  });

  it("fails clearly when the connector was deleted by hand", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("vanished"));
    await env.byHand(org).deactivate(id);
    await env.byHand(org).delete(id);

    const err = await rejection(provider.update(id, outs, await checked(provider, fx.edit(fx.args("vanished")), outs)));
    expect(err.code).toBe("NOT_FOUND");
    expect(err.message).toContain(`(${id}) in org "${org.orgId}": the connector no longer exists`);
    expect(err.message).toContain("pulumi refresh");
  });
});
