import { afterEach, describe, expect, it } from "vitest";
import { RateGate } from "../../../provider/client/rate-gate";
import { ConnectorProvider } from "../../../provider/dynamic-provider";
import { PartialFailureError } from "../../../provider/errors";
import type { ConnectorInputs } from "../../../provider/kinds/inputs";
import { inactiveMs } from "../../../bench/engine/event-log";
import { FIXTURES } from "../../support/fixtures";
import { useKindFixture, useLifecycleEmulator } from "../../support/lifecycle";
import type { TestOrg } from "../../support/emulator";
import { checked, createVia, FAST_CLIENT, leakedSecrets, rejection } from "../../support/provider";

const { env, progress } = useLifecycleEmulator();
afterEach(async () => {
  await env.admin.clearFaults();
});

/** How long the connector was INACTIVE between the provider's deactivation and the next activation, from the event log. */
async function downFor(id: string): Promise<number[]> {
  return inactiveMs(await env.admin.events({ connectorId: id })).map((w) => w.ms);
}

const [label, setup] = FIXTURES[0]!;

/**
 * A provider as `makeProvider` builds it, with a rate gate of its own: a 429 asking for a day
 * pauses the (process-wide) gate of the emulator's URL for 30 s, which would slow the next test.
 */
function makeProvider(_env: unknown, org: TestOrg, kind: ConnectorProvider<ConnectorInputs>["kind"]): ConnectorProvider<ConnectorInputs> {
  return new ConnectorProvider(kind, {
    settings: { baseUrl: env.url, accessToken: org.token, orgId: org.orgId, preflight: true },
    client: { ...FAST_CLIENT, gate: new RateGate() },
  });
}

describe(`while a connector the provider deactivated is down (SPEC §7), ${label}`, () => {
  const fx = useKindFixture(env, setup);

  it("a PUT answered 429 Retry-After: 86400 rolls back at once: ACTIVE with the old configuration, and the message says why", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("patient"));
    const news = await checked(provider, fx.edit(fx.args("patient")), outs);
    await env.admin.injectFault({ method: "PUT", path: `/connectors/${id}$`, status: 429, retryAfter: 86400, times: 1000 });
    progress.take();

    const err = await rejection(provider.update(id, outs, news));

    expect(err).toBeInstanceOf(PartialFailureError);
    expect(err.code).toBe("ROLLBACK");
    expect(err.message).toContain("editing failed (Backend refused PUT connector");
    expect(err.message).toContain(
      "429 RATE_LIMITED — the backend asked to wait 86400 s (Retry-After), but the connector is down for this change and no single wait while it is down may exceed 5 s",
    );
    expect(err.message).toContain("; reactivated the previous configuration");
    expect(leakedSecrets([err.message, String(err.stack)], fx.secrets)).toEqual([]);
    const live = (await env.byHand(org).get(id))!;
    expect(live.status).toBe("ACTIVE");
    expect(fx.editedValue(live)).not.toBe(fx.editedTo);
    expect((await env.admin.requests()).filter((r) => r.method === "PUT")).toHaveLength(1);
    const [window] = await downFor(id);
    expect(window).toBeLessThan(1000);
    expect(progress.take().map((l) => l.split(": ").slice(2).join(": "))).toEqual([
      "preflight: verifying the new credentials…",
      "deactivating…",
      "editing…",
      "rolling back: reactivating the previous configuration…",
    ]);
  });

  it("when every request 429s after the deactivate, fails fast with the connector restored once the backend lets one through", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("throttled"));
    const news = await checked(provider, fx.edit(fx.args("throttled")), outs);
    // GET, PUT, activate of this connector, never its deactivate: every call after it. The
    // provider's client re-sends twice (FAST_CLIENT), so the PUT gives up and one more 429
    // meets the rollback's activation before the backend lets it through.
    await env.admin.injectFault({ path: `/connectors/${id}(/activate)?$`, status: 429, times: 4 });

    const err = await rejection(provider.update(id, outs, news));

    expect(err.code).toBe("ROLLBACK");
    expect(err.message).toContain("editing failed (Backend refused PUT connector");
    expect(err.message).toContain("after 3 attempts: 429 RATE_LIMITED");
    expect(err.message).toContain("reactivated the previous configuration");
    const live = (await env.byHand(org).get(id))!;
    expect([live.status, fx.editedValue(live) === fx.editedTo]).toEqual(["ACTIVE", false]);
    const [window] = await downFor(id);
    // Four 1-s waits asked by the backend, nothing longer.
    expect(window).toBeLessThan(6000);
  });

  it("when every request after the deactivate asks for a day, fails fast, says the connector is INACTIVE and why; the next up restores it", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("stranded"));
    const news = await checked(provider, fx.edit(fx.args("stranded")), outs);
    await env.admin.injectFault({ path: `/connectors/${id}(/activate)?$`, status: 429, retryAfter: 86400, times: 1000 });
    const started = Date.now();

    const err = await rejection(provider.update(id, outs, news));

    expect(Date.now() - started).toBeLessThan(3000);
    expect(err).toBeInstanceOf(PartialFailureError);
    expect(err.code).toBe("PARTIAL_FAILURE");
    expect(err.message).toContain("the backend asked to wait 86400 s (Retry-After)");
    expect(err.message).toContain("reactivating the previous configuration failed too (");
    expect(err.message).toContain("the connector is INACTIVE. Fix the cause and run `pulumi up` again");
    await env.admin.clearFaults();
    expect((await env.byHand(org).get(id))!.status).toBe("INACTIVE");
    const failed = err as PartialFailureError;
    // The next `pulumi up` is a new plugin process, with a fresh gate.
    const { outs: after } = await makeProvider(env, org, fx.kind).update(id, { ...outs, ...(failed.properties ?? {}) } as typeof outs, news);
    expect(after).toMatchObject({ status: "ACTIVE" });
    expect(fx.editedValue((await env.byHand(org).get(id))!)).toBe(fx.editedTo);
  });

  it("a DELETE answered 429 Retry-After: 86400 after the deactivate reactivates the connector at once and says why", async () => {
    const org = await env.freshOrg();
    const provider = makeProvider(env, org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("kept"));
    await env.admin.injectFault({ method: "DELETE", path: `/connectors/${id}$`, status: 429, retryAfter: 86400, times: 1000 });

    const err = await rejection(provider.delete(id, outs));

    expect(err.message).toContain("deleting failed (Backend refused DELETE connector");
    expect(err.message).toContain("the backend asked to wait 86400 s");
    expect(err.message).toContain("reactivated the connector, which is as it was");
    expect((await env.byHand(org).get(id))!.status).toBe("ACTIVE");
    const [window] = await downFor(id);
    expect(window).toBeLessThan(1000);
  });
});
