import { afterEach, describe, expect, it } from "vitest";
import { oauthFixture } from "../../support/fixtures";
import { useKindFixture, useLifecycleEmulator } from "../../support/lifecycle";
import { checked, createVia, makeProvider, rejection } from "../../support/provider";

// Changes the backend made whose answers never arrived (`after` faults): the provider must
// find out what landed and end with the connector as it was or as declared, never down.
const { env, progress } = useLifecycleEmulator();
const fx = useKindFixture(env, oauthFixture);
afterEach(() => env.admin.clearFaults());

/** A fresh org with one ACTIVE connector created through the provider. */
async function liveConnector(name: string) {
  const org = await env.freshOrg();
  const provider = makeProvider(env, org, fx.kind);
  const { id, outs } = await createVia(provider, fx.args(name));
  return { org, provider, id, outs };
}

describe("an update whose deactivation answer is lost", () => {
  it("reads the connector, sees the deactivation landed, and finishes the edit", async () => {
    const { org, provider, id, outs } = await liveConnector("lost deactivate");
    await env.admin.injectFault({ method: "POST", path: `/${id}/deactivate$`, drop: true, after: true, times: 100 });

    const { outs: updated } = await provider.update(id, outs, await checked(provider, fx.edit(fx.args("lost deactivate")), outs));

    const live = (await env.byHand(org).get(id))!;
    expect(live.status).toBe("ACTIVE");
    expect(fx.editedValue(live)).toBe(fx.editedTo);
    expect(updated).toMatchObject({ status: "ACTIVE", version: live.version });
  });

  it("reactivates the unchanged connector when the deactivation landed but was answered with a refusal", async () => {
    const { org, provider, id, outs } = await liveConnector("refused deactivate");
    await env.admin.injectFault({ method: "POST", path: `/${id}/deactivate$`, status: 409, code: "CONFLICT", after: true, times: 1 });

    const err = await rejection(provider.update(id, outs, await checked(provider, fx.edit(fx.args("refused deactivate")), outs)));

    expect(err.message).toContain("although it took effect; reactivated the unchanged connector");
    const live = (await env.byHand(org).get(id))!;
    expect(live.status).toBe("ACTIVE");
    expect(fx.editedValue(live)).not.toBe(fx.editedTo);
    // The partial failure carries the real connector, so the state matches the backend.
    expect((err as unknown as { properties: Record<string, unknown> }).properties).toMatchObject({ status: "ACTIVE", version: live.version });
  });
});

describe("a delete", () => {
  it("whose answers are all lost still succeeds once a read shows the connector gone", async () => {
    const { org, provider, id, outs } = await liveConnector("lost delete");
    await env.admin.injectFault({ method: "DELETE", path: `/${id}$`, drop: true, after: true, times: 100 });

    await provider.delete(id, outs);

    expect(await env.byHand(org).get(id)).toBeUndefined();
  });

  it("that keeps failing after the deactivation reactivates the connector, which ends as it was", async () => {
    const { org, provider, id, outs } = await liveConnector("undeletable");
    await env.admin.injectFault({ method: "DELETE", path: `/${id}$`, status: 503, times: 100 });
    progress.take();

    const err = await rejection(provider.delete(id, outs));

    expect(err.message).toContain("reactivated the connector, which is as it was");
    // The plugin prints a failed delete with its stack; the message is all a user needs.
    expect(err.stack).toBe("code INTERNAL");
    expect(await env.byHand(org).get(id)).toMatchObject({ status: "ACTIVE", name: "undeletable" });
    expect(progress.take().map((l) => l.split(": ").pop())).toEqual(["deactivating…", "deleting…", "reactivating the connector as it was…"]);
  });
});
