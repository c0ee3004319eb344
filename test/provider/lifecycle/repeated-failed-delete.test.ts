import { afterEach, describe, expect, it } from "vitest";
import { basicFixture } from "../../support/fixtures";
import { useKindFixture, useLifecycleEmulator } from "../../support/lifecycle";
import { createVia, makeProvider, rejection } from "../../support/provider";

const { env } = useLifecycleEmulator();
const fx = useKindFixture(env, basicFixture);
afterEach(async () => {
  await env.admin.clearFaults();
});

const AGAIN = "Run the same command again (`pulumi up` or `pulumi destroy`) to delete it";
const REFRESH_FIRST = "run `pulumi refresh`, then the same command again (`pulumi up` or `pulumi destroy`) to delete it";

/**
 * A `pulumi destroy` whose DELETE keeps failing, run again and again: each failure reactivates
 * the connector (+2 to its version) while Pulumi keeps the old state (a delete cannot return
 * outputs). The delete guard cannot tell two such rollbacks (+4) from an edit, so the second
 * failure already says to refresh first, and a delete run without it is refused saying why.
 */
describe("a delete that keeps failing, retried with the same state", () => {
  it("the first failure says to run the same command again; the second, to refresh first", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("stubborn"));
    await env.admin.injectFault({ method: "DELETE", path: `/connectors/${id}$`, status: 500, times: 1000 });

    const first = await rejection(provider.delete(id, outs));
    expect(first.message).toContain(`; reactivated the connector, which is as it was. ${AGAIN}`);
    expect(await env.byHand(org).get(id)).toMatchObject({ status: "ACTIVE", version: 3 });

    const second = await rejection(provider.delete(id, outs));
    expect(second.message).toContain(
      "; reactivated the connector, which is as it was. Its version is now 5 while the state still says 1 " +
        "(each failed delete's rollback moves it by 2, and the state cannot record that), more than the next delete can tell from an edit: " +
        REFRESH_FIRST,
    );
    expect(await env.byHand(org).get(id)).toMatchObject({ status: "ACTIVE", version: 5 });
  });

  it("a third delete without a refresh is refused, naming the failed deletes' rollbacks; after a refresh it deletes", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("twice failed"));
    await env.admin.injectFault({ method: "DELETE", path: `/connectors/${id}$`, status: 500, times: 1000 });
    await rejection(provider.delete(id, outs));
    await rejection(provider.delete(id, outs));
    await env.admin.clearFaults();

    const third = await rejection(provider.delete(id, outs));

    expect(third.code).toBe("VERSION_MISMATCH");
    expect(third.message).toContain(
      "not deleting: the connector may have been edited since the state last saw it: its version is 5 (ACTIVE), the state's 1 (ACTIVE)",
    );
    expect(third.message).toContain("An earlier delete of it that failed moves the version too");
    expect(third.message).toContain("If you mean to delete it, run `pulumi refresh` (the state then takes the live version), then the same command again");
    expect(await env.byHand(org).get(id)).toMatchObject({ status: "ACTIVE", version: 5 });

    const refreshed = await provider.read(id, outs);
    await provider.delete(id, refreshed.props!);

    expect(await env.byHand(org).get(id)).toBeUndefined();
  });

  it("still refuses a connector edited by hand in between (+3), without a word of failed deletes", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("edited meanwhile"));
    await env.admin.injectFault({ method: "DELETE", path: `/connectors/${id}$`, status: 500, times: 1000 });
    const first = await rejection(provider.delete(id, outs));
    expect(first.message).toContain(AGAIN);
    await env.admin.clearFaults();
    // By hand: deactivate, PUT, activate.
    const live = (await env.byHand(org).get(id))!;
    await env.byHand(org).edit(id, { type: live.type, name: live.name, custom: { ...live.custom!, domainUrl: "https://elsewhere.example.com" } });

    const err = await rejection(provider.delete(id, outs));

    expect(err.message).toContain("not deleting: the connector was edited since the state last saw it: its version is 6 (ACTIVE), the state's 1 (ACTIVE)");
    expect(err.message).not.toContain("failed");
    expect(await env.byHand(org).get(id)).toMatchObject({ status: "ACTIVE", version: 6 });
  });
});
