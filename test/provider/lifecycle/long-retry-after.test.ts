import { afterEach, describe, expect, it } from "vitest";
import { RateGate } from "../../../provider/client/rate-gate";
import { ConnectorProvider } from "../../../provider/dynamic-provider";
import type { ConnectorInputs } from "../../../provider/kinds/inputs";
import { basicFixture } from "../../support/fixtures";
import type { TestOrg } from "../../support/emulator";
import { useKindFixture, useLifecycleEmulator } from "../../support/lifecycle";
import { checked, createVia, FAST_CLIENT, leakedSecrets, rejection } from "../../support/provider";

const { env } = useLifecycleEmulator();
afterEach(async () => {
  await env.admin.clearFaults();
});

/** Providers of one `pulumi up` share the plugin's gate; this one is the test's own, so no other test is slowed. */
function providerOn(gate: RateGate, org: TestOrg, kind: ConnectorProvider<ConnectorInputs>["kind"]): ConnectorProvider<ConnectorInputs> {
  return new ConnectorProvider(kind, {
    settings: { baseUrl: env.url, accessToken: org.token, orgId: org.orgId, preflight: false },
    client: { ...FAST_CLIENT, gate },
  });
}

const ASKED = "the backend asked to wait 86400 s (Retry-After), more than the provider waits at once (30 s), so it gave up at once instead of waiting";

/**
 * Issue 12: a backend asking for a day before any connector is down. It used to be waited
 * 30 s at a time per call (6 connectors: 514 s before failing, advising a lower --parallel);
 * now each call fails at once, saying what the backend asked and to run again later.
 */
describe("a deactivation answered 429 Retry-After: 86400 (no connector of ours down)", () => {
  const fx = useKindFixture(env, basicFixture);

  it("six edits at once each fail within seconds, saying what the backend asked; every connector stays ACTIVE and unchanged", async () => {
    const org = await env.freshOrg();
    const gate = new RateGate();
    const provider = providerOn(gate, org, fx.kind);
    const created = [];
    for (let i = 1; i <= 6; i++) created.push(await createVia(provider, fx.args(`day ${i}`)));
    await env.admin.injectFault({ method: "POST", path: "/deactivate$", status: 429, retryAfter: 86400, times: 1000 });
    const started = Date.now();

    const errors = await Promise.all(
      created.map(async ({ id, outs }, i) => rejection(provider.update(id, outs, await checked(provider, fx.edit(fx.args(`day ${i + 1}`)), outs)))),
    );

    expect(Date.now() - started).toBeLessThan(15_000);
    for (const [i, err] of errors.entries()) {
      expect(err.message).toContain(`"day ${i + 1}" (${created[i]!.id})`);
      expect(err.message).toContain(`deactivating failed (Backend refused POST deactivate connector ${created[i]!.id}`);
      expect(err.message).toContain(`429 RATE_LIMITED — ${ASKED}; run the same command again once that time has passed`);
      expect(err.message).toContain("the connector was left unchanged");
      expect(err.message).not.toContain("--parallel");
      expect(leakedSecrets([err.message], fx.secrets)).toEqual([]);
    }
    for (const { id } of created) {
      const live = (await env.byHand(org).get(id))!;
      expect([live.status, fx.editedValue(live) === fx.editedTo]).toEqual(["ACTIVE", false]);
    }
    // One deactivation request each: none was re-sent after a wait.
    expect((await env.admin.requests()).filter((r) => r.path.endsWith("/deactivate") && r.time >= new Date(started).toISOString())).toHaveLength(6);
  });

  it("a delete fails at once the same way, and the connector stays ACTIVE", async () => {
    const org = await env.freshOrg();
    const provider = providerOn(new RateGate(), org, fx.kind);
    const { id, outs } = await createVia(provider, fx.args("kept for a day"));
    await env.admin.injectFault({ method: "POST", path: `/connectors/${id}/deactivate$`, status: 429, retryAfter: 86400, times: 1000 });
    const started = Date.now();

    const err = await rejection(provider.delete(id, outs));

    expect(Date.now() - started).toBeLessThan(3000);
    expect(err.message).toContain(`deactivating failed (Backend refused POST deactivate connector ${id}`);
    expect(err.message).toContain(ASKED);
    expect(err.message).toContain("the connector was left active and unchanged");
    expect((await env.byHand(org).get(id))!.status).toBe("ACTIVE");
  });
});
