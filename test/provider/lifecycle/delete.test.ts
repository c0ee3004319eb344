import { describe, expect, it } from "vitest";
import { FIXTURES } from "../../support/fixtures";
import { useKindFixture, useLifecycleEmulator } from "../../support/lifecycle";
import { createVia, makeProvider } from "../../support/provider";

const { env, progress } = useLifecycleEmulator();

const kinds = async (id: string) => (await env.transitions(id)).map(([kind]) => kind);

describe.each(FIXTURES)("%s delete", (_label, setup) => {
  const fx = useKindFixture(env, setup);

  it("deactivates an active connector, then deletes it", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("doomed"));
    progress.take();

    await provider.delete(id, outs);

    expect(await env.byHand(org).get(id)).toBeUndefined();
    expect(await kinds(id)).toEqual(["CREATE", "DEACTIVATE", "DELETE"]);
    expect(progress.take().map((l) => l.split(": ").pop())).toEqual(["deactivating…", "deleting…"]);
  });

  it("deletes an inactive connector without deactivating it again", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("idle", { active: false }));

    await provider.delete(id, outs);

    expect(await env.byHand(org).get(id)).toBeUndefined();
    expect(await kinds(id)).toEqual(["CREATE", "DEACTIVATE", "DELETE"]);
  });

  it("succeeds when the connector was already deleted by hand", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("ghost"));
    await env.byHand(org).deactivate(id);
    await env.byHand(org).delete(id);

    await expect(provider.delete(id, outs)).resolves.toBeUndefined();
  });
});
