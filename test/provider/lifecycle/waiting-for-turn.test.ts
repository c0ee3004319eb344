import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConnectorsClient } from "../../../provider/client/connectors-client";
import { RateGate } from "../../../provider/client/rate-gate";
import { ConnectorProvider } from "../../../provider/dynamic-provider";
import type { ConnectorInputs } from "../../../provider/kinds/inputs";
import { WAITING_FOR_TURN } from "../../../provider/lifecycle/turn";
import { onResourceRow, setProgressSink } from "../../../provider/progress";
import type { TestOrg } from "../../support/emulator";
import { basicFixture } from "../../support/fixtures";
import { useKindFixture, useLifecycleEmulator } from "../../support/lifecycle";
import { checked, createVia, FAST_CLIENT } from "../../support/provider";

const { env } = useLifecycleEmulator();
const fx = useKindFixture(env, basicFixture);
afterEach(async () => {
  await env.admin.clearFaults();
});

const ROW_A = "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/wxcc:CustomConnector::first";
const ROW_B = "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/wxcc:CustomConnector::second";

/** Each row's steps, as `pulumi up` shows them on that resource's row. */
const rows = new Map<string | undefined, string[]>();
let previousSink: ReturnType<typeof setProgressSink>;
beforeAll(() => {
  previousSink = setProgressSink((line, urn) => rows.set(urn, [...(rows.get(urn) ?? []), line.split(": ").slice(2).join(": ")]));
});
afterAll(() => setProgressSink(previousSink));

/**
 * Two connectors of one `pulumi up` (one plugin process, one gate) on a backend that has
 * answered a 429: the first is down for its edit (its PUT answered late), so the second waits
 * before its deactivation. Returns what the second's row needs.
 */
async function whileFirstIsDown(org: TestOrg) {
  const gate = new RateGate();
  const provider = new ConnectorProvider<ConnectorInputs>(fx.kind, {
    settings: { baseUrl: env.url, accessToken: org.token, orgId: org.orgId, preflight: false },
    client: { ...FAST_CLIENT, gate },
  });
  const first = await createVia(provider, fx.args("first"));
  const second = await createVia(provider, fx.args("second"));
  // The backend limits: one 429 (Retry-After: 0) reaches the shared gate.
  await env.admin.injectFault({ method: "GET", path: `/connectors/${first.id}$`, status: 429, retryAfter: 0, times: 1 });
  await new ConnectorsClient({ baseUrl: env.url, accessToken: org.token, gate }).get(org.orgId, first.id);
  await env.admin.injectFault({ method: "PUT", path: `/connectors/${first.id}$`, delayMs: 1500, times: 1 });
  rows.clear();
  const editOfFirst = onResourceRow(ROW_A, async () => provider.update(first.id, first.outs, await checked(provider, fx.edit(fx.args("first")), first.outs)));
  while (!rows.get(ROW_A)?.includes("editing…")) await new Promise((r) => setTimeout(r, 10));
  return { provider, second, editOfFirst };
}

describe("a connector waiting in the shared rate gate for another connector's down window", () => {
  it("an edit's row says it waits for its turn, then deactivating… once it goes; the other row never says it waits", async () => {
    const org = await env.freshOrg();
    const { provider, second, editOfFirst } = await whileFirstIsDown(org);

    await onResourceRow(ROW_B, async () => provider.update(second.id, second.outs, await checked(provider, fx.edit(fx.args("second")), second.outs)));
    await editOfFirst;

    expect(rows.get(ROW_B)).toEqual([WAITING_FOR_TURN, "deactivating…", "editing…", "reactivating…", "done"]);
    expect(rows.get(ROW_A)).toEqual(["deactivating…", "editing…", "reactivating…", "done"]);
    expect(WAITING_FOR_TURN).toBe("waiting for another connector's change to finish (the backend is rate-limiting, so one connector goes down at a time)…");
  });

  it("a delete's row says the same while it waits", async () => {
    const org = await env.freshOrg();
    const { provider, second, editOfFirst } = await whileFirstIsDown(org);

    await onResourceRow(ROW_B, () => provider.delete(second.id, second.outs));
    await editOfFirst;

    expect(rows.get(ROW_B)).toEqual([WAITING_FOR_TURN, "deactivating…", "deleting…", "done"]);
    expect(await env.byHand(org).get(second.id)).toBeUndefined();
  });
});
