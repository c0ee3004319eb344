import { afterEach, describe, expect, it } from "vitest";
import { oauthFixture } from "../../support/fixtures";
import { useKindFixture, useLifecycleEmulator } from "../../support/lifecycle";
import { checked, createVia, makeProvider, rejection } from "../../support/provider";

const { env } = useLifecycleEmulator();
const fx = useKindFixture(env, oauthFixture);
afterEach(() => env.admin.clearFaults());

/** Calls the provider made to the token endpoint since the log was cleared (the backend's own activation checks included). */
const tokenCalls = async () => (await env.admin.requests()).filter((r) => r.path === "/oauth/token");
const contractWrites = async () => (await env.admin.requests()).filter((r) => r.path.startsWith("/v1/") && r.method !== "GET");

describe("the preflight against a failing authorization server", () => {
  it("asks again after a 503 and goes on with the edit", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("flaky idp"));
    await env.admin.injectFault({ path: "^/oauth/token$", status: 503, times: 1 });

    await provider.update(id, outs, await checked(provider, fx.edit(fx.args("flaky idp")), outs));

    expect(fx.editedValue((await env.byHand(org).get(id))!)).toBe(fx.editedTo);
  });

  it("gives up after three attempts during an outage, says to run again, and writes nothing", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("idp down"));
    await env.admin.injectFault({ path: "^/oauth/token$", status: 503, times: 100 });
    await env.admin.clearRequests();

    const err = await rejection(provider.update(id, outs, await checked(provider, fx.edit(fx.args("idp down")), outs)));

    expect(err.code).toBe("PREFLIGHT_FAILED");
    expect(err.message).toContain("kept failing after 3 attempts; run `pulumi up` again once it answers");
    expect(await tokenCalls()).toHaveLength(3);
    expect(await contractWrites()).toEqual([]);
    expect(await env.byHand(org).get(id)).toMatchObject({ status: "ACTIVE", version: 1 });
  });

  it("does not ask again when the credentials are refused", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("refused"));
    await env.admin.clearRequests();

    const err = await rejection(provider.update(id, outs, await checked(provider, fx.badSecret(fx.edit(fx.args("refused"))), outs)));

    expect(err.message).toContain("Fix the credentials");
    expect(await tokenCalls()).toHaveLength(1);
  });
});

describe("the preflight's message", () => {
  it("does not call a connector active because the state says so: deactivated by hand, it says only that nothing was written", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("stale state"));
    await env.byHand(org).deactivate(id);
    expect(outs.status).toBe("ACTIVE");

    const err = await rejection(provider.update(id, outs, await checked(provider, fx.badSecret(fx.edit(fx.args("stale state"))), outs)));

    expect(err.code).toBe("PREFLIGHT_FAILED");
    expect(err.message).toContain("the connector was left unchanged (nothing was written)");
    expect(err.message).not.toMatch(/left (in)?active/);
    expect(await env.byHand(org).get(id)).toMatchObject({ status: "INACTIVE" });
  });
});
