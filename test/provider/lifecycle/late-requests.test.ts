import { afterEach, describe, expect, it } from "vitest";
import { RateGate } from "../../../provider/client/rate-gate";
import { ConnectorProvider } from "../../../provider/dynamic-provider";
import type { ConnectorInputs } from "../../../provider/kinds/inputs";
import { FIXTURES } from "../../support/fixtures";
import { useKindFixture, useLifecycleEmulator } from "../../support/lifecycle";
import type { TestOrg } from "../../support/emulator";
import { checked, createVia, FAST_CLIENT, rejection } from "../../support/provider";

// A request the client gave up on (its answer came too late) that the backend still applies
// afterwards must change nothing the provider already finished: a green `pulumi up` never
// leaves a connector down behind it (SPEC §7). Found by review: a deactivation answered after
// the timeout landed after the edit had reactivated the connector, leaving it INACTIVE while
// the state said ACTIVE.
const { env } = useLifecycleEmulator();
afterEach(() => env.admin.clearFaults());

const TIMEOUT_MS = 400;
/** Long enough that the client gives up and re-sends, short enough to wait out in a test. */
const LATE_MS = 3 * TIMEOUT_MS;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A provider whose requests time out after TIMEOUT_MS, with a rate gate of its own. */
function makeProvider(org: TestOrg, kind: ConnectorProvider<ConnectorInputs>["kind"]): ConnectorProvider<ConnectorInputs> {
  return new ConnectorProvider(kind, {
    settings: { baseUrl: env.url, accessToken: org.token, orgId: org.orgId, preflight: true },
    client: { ...FAST_CLIENT, requestTimeoutMs: TIMEOUT_MS, gate: new RateGate() },
  });
}

describe.each(FIXTURES)("a late request of an update, %s", (_label, setup) => {
  const fx = useKindFixture(env, setup);

  it("a deactivation applied after the edit reactivated the connector is refused: ACTIVE with the new configuration, state equal to the backend", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("late deactivate"));
    const news = await checked(provider, fx.edit(fx.args("late deactivate")), outs);
    await env.admin.injectFault({ method: "POST", path: `/${id}/deactivate$`, delayMs: LATE_MS, times: 1 });

    const { outs: updated } = await provider.update(id, outs, news);
    await sleep(LATE_MS); // the first deactivation reaches the backend now

    const live = (await env.byHand(org).get(id))!;
    expect(live.status).toBe("ACTIVE");
    expect(fx.editedValue(live)).toBe(fx.editedTo);
    expect(updated).toMatchObject({ status: "ACTIVE", version: live.version });
    const deactivations = (await env.admin.requests()).filter((r) => r.method === "POST" && r.path.endsWith(`/${id}/deactivate`));
    expect(deactivations).toHaveLength(2); // the late one and the re-sent one
  });

  it("a deactivation that never answers fails the update, saying it may still land and that refresh then up reactivates it", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("never answers"));
    const news = await checked(provider, fx.edit(fx.args("never answers")), outs);
    // Later than all the attempts together (3 × TIMEOUT_MS), so none is answered in time.
    const muchLater = 8 * TIMEOUT_MS;
    await env.admin.injectFault({ method: "POST", path: `/${id}/deactivate$`, delayMs: muchLater, times: 100 });

    const err = await rejection(provider.update(id, outs, news));

    expect(err.message).toContain("the connector was left unchanged. A deactivation that got no answer may still reach the backend later");
    expect(err.message).toContain("if `pulumi refresh` then shows the connector INACTIVE, `pulumi up` reactivates it");
    await env.admin.clearFaults();
    await sleep(muchLater); // the late deactivations land: what the message warned of
    const refreshed = await provider.read(id, outs);
    expect(refreshed.props).toMatchObject({ status: "INACTIVE" });
    const { outs: fixed } = await provider.update(id, refreshed.props!, await checked(provider, fx.edit(fx.args("never answers")), refreshed.props!));
    expect(fixed).toMatchObject({ status: "ACTIVE" });
    expect((await env.byHand(org).get(id))!.status).toBe("ACTIVE");
  });

  it("a state whose version is behind the connector's (changed since) still updates: the refused deactivation leads to a fresh read", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("behind"));
    // Twice deactivated and reactivated by hand (or two failed deletes' rollbacks): +4, ACTIVE.
    const byHand = env.byHand(org);
    for (let i = 0; i < 2; i++) {
      await byHand.deactivate(id);
      await byHand.activate(id);
    }
    const news = await checked(provider, fx.edit(fx.args("behind")), outs);

    const { outs: updated } = await provider.update(id, outs, news);

    const live = (await byHand.get(id))!;
    expect(live).toMatchObject({ status: "ACTIVE", version: (outs.version as number) + 7 });
    expect(fx.editedValue(live)).toBe(fx.editedTo);
    expect(updated).toMatchObject({ status: "ACTIVE", version: live.version });
  });
  it("an edit (PUT) applied after the provider gave up on it changes nothing more: ACTIVE with the new configuration, state equal to the backend", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("late edit"));
    const news = await checked(provider, fx.edit(fx.args("late edit")), outs);
    await env.admin.injectFault({ method: "PUT", path: `/${id}$`, delayMs: LATE_MS, times: 1 });

    const { outs: updated } = await provider.update(id, outs, news);
    await sleep(LATE_MS); // the first PUT reaches the backend now

    const live = (await env.byHand(org).get(id))!;
    expect(live.status).toBe("ACTIVE");
    expect(fx.editedValue(live)).toBe(fx.editedTo);
    expect(updated).toMatchObject({ status: "ACTIVE", version: live.version });
  });

  it("a create (POST) applied after the provider gave up on it makes no second connector: one connector, the state's", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(org, fx.kind);
    await env.admin.injectFault({ method: "POST", path: "/connectors$", delayMs: LATE_MS, times: 1 });

    const result = await createVia(provider, fx.args("late create")).then(
      (r) => ({ ok: true as const, ...r }),
      (err: Error) => ({ ok: false as const, err }),
    );
    await sleep(LATE_MS); // the first POST reaches the backend now

    const all = await env.byHand(org).list();
    expect(all.map((c) => c.name)).toEqual([fx.args("late create").name]);
    if (result.ok) expect(result).toMatchObject({ id: all[0]!.id, outs: { status: "ACTIVE", version: all[0]!.version } });
    else expect(result.err.message).toMatch(/may or may not exist|was lost/);
  });
  it("an activation applied after a later `active: false` is refused: the connector stays INACTIVE as declared (found by review)", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("late activate"));
    const edited = await checked(provider, fx.edit(fx.args("late activate")), outs);
    await env.admin.injectFault({ method: "POST", path: `/${id}/activate$`, delayMs: LATE_MS, times: 1 });
    const { outs: up } = await provider.update(id, outs, edited); // the re-sent activation brings it up

    const off = await checked(provider, { ...fx.edit(fx.args("late activate")), active: false }, up!);
    const { outs: down } = await provider.update(id, up!, off);
    await sleep(LATE_MS); // the first activation reaches the backend now

    const live = (await env.byHand(org).get(id))!;
    expect(live.status).toBe("INACTIVE");
    expect(down).toMatchObject({ status: "INACTIVE", version: live.version });
    const activations = (await env.admin.requests()).filter((r) => r.method === "POST" && r.path.endsWith(`/${id}/activate`));
    expect(activations).toHaveLength(2); // the late one and the re-sent one
  });

  it("`active: true` from a state whose version is behind still activates (the refused If-Match leads to a read)", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(org, fx.kind);
    const { id, outs } = await createVia(provider, { ...fx.args("behind, off"), active: false });
    const byHand = env.byHand(org);
    await byHand.activate(id);
    await byHand.deactivate(id); // +2 since the state, INACTIVE

    const on = await checked(provider, { ...fx.args("behind, off"), active: true }, outs);
    const { outs: up } = await provider.update(id, outs, on);

    const live = (await byHand.get(id))!;
    expect(live).toMatchObject({ status: "ACTIVE", version: (outs.version as number) + 3 });
    expect(up).toMatchObject({ status: "ACTIVE", version: live.version });
  });
  it("a create that never answers fails saying it may still land; once it has, the re-run's refusal names it as this resource's (found by review)", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(org, fx.kind);
    const muchLater = 8 * TIMEOUT_MS; // later than all the attempts together
    await env.admin.injectFault({ method: "POST", path: "/connectors$", delayMs: muchLater, times: 100 });

    const err = await rejection(createVia(provider, fx.args("never answers")));
    expect(err.message).toContain("A create that got no answer may still reach the backend later");
    await env.admin.clearFaults();
    await sleep(muchLater); // the held creates land now; names are unique, so one is made

    const made = await env.byHand(org).list();
    expect(made).toHaveLength(1);
    const again = await rejection(createVia(provider, fx.args("never answers")));
    expect(again.message).toContain(
      "If an earlier `pulumi up` failed creating this resource (its create got no answer), that create made this connector after all.",
    );
    expect(again.message).toContain(`To take that connector over (then, or instead of a rename), declare [connectorId] "${made[0]!.id}"`);
  });
  it("an activation that never answers fails the update saying the connector is INACTIVE and that a late activation may still bring it up (found by review)", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("activation never answers"));
    const news = await checked(provider, fx.edit(fx.args("activation never answers")), outs);
    await env.admin.injectFault({ method: "POST", path: `/${id}/activate$`, delayMs: 8 * TIMEOUT_MS, times: 100 });

    const err = await rejection(provider.update(id, outs, news));

    expect(err.message).toContain("the connector is INACTIVE");
    expect(err.message).toContain("An activation that got no answer may still reach the backend later and bring the connector up again");
    await env.admin.clearFaults();
  });
});
