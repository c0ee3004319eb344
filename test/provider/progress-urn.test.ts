import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetProviders } from "../../provider/connector-provider";
import { resetOwnership } from "../../provider/lifecycle/ownership";
import { customHooks } from "../../provider/hooks";
import { setProgressSink } from "../../provider/progress";
import { URN_INPUT } from "../../provider/resource-urn";
import { startLifecycleEmulator, type TestOrg } from "../support/emulator";
import { basicFixture } from "../support/fixtures";
import { useKindFixture } from "../support/lifecycle";
import { suiteValue } from "../support/suite-value";

const env = suiteValue(startLifecycleEmulator, (e) => e.close());
const basic = useKindFixture(env, basicFixture);
const URN = "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/wxcc:CustomConnector::orders";
const MOVED = "urn:pulumi:dev::proj::e2e:index:Group$pulumi-nodejs:dynamic/wxcc:CustomConnector::orders";

/** Every progress line with the URN it was reported for. */
const lines: Array<{ step: string; urn: string | undefined }> = [];
let previousSink: ReturnType<typeof setProgressSink>;
beforeAll(() => {
  previousSink = setProgressSink((line, urn) => lines.push({ step: line.split(": ").pop()!, urn }));
});
afterAll(() => setProgressSink(previousSink));
afterEach(() => {
  lines.length = 0;
  resetProviders();
});

const configFor = (org: TestOrg) => {
  const values: Record<string, string> = { "wxcc:baseUrl": env.url, "wxcc:orgId": org.orgId, "wxcc:accessToken": org.token };
  return { get: (k: string) => values[k], require: (k: string) => values[k] ?? "" };
};

/** Checked inputs as the engine stores them: the SDK's props (with the hidden URN) through `check`. */
async function checkedWithUrn(args: Record<string, unknown>, urn = URN) {
  const { inputs, failures } = await customHooks.check!({}, { ...args, [URN_INPUT]: urn, __provider: "serialized" });
  expect(failures).toEqual([]);
  return inputs;
}

describe("the hidden URN input, through the serializable hooks", () => {
  it("passes check untouched (no failure for an unknown property) and is never validated as connector input", async () => {
    const org = await env.freshOrg();
    await customHooks.configure!({ config: configFor(org) });
    const inputs = await checkedWithUrn(basic.args("Orders API"));
    expect(inputs[URN_INPUT]).toBe(URN);
    const bad = await customHooks.check!({}, { ...basic.args("Orders API", { domainUrl: "http://x.example.com" }), [URN_INPUT]: URN });
    // Only domainUrl fails; failures reach the engine with property "" and the field in the reason.
    expect(bad.failures?.map((f) => f.reason.match(/^\[(\w+)\]/)?.[1])).toEqual(["domainUrl"]);
  });

  it("create, update, read and delete report progress for the resource's URN and keep it in state", async () => {
    const org = await env.freshOrg();
    await customHooks.configure!({ config: configFor(org) });
    const inputs = await checkedWithUrn(basic.args("Orders API"));

    const { id, outs } = await customHooks.create(inputs);
    expect(outs[URN_INPUT]).toBe(URN);
    expect(lines).toContainEqual({ step: "creating…", urn: URN });

    lines.length = 0;
    const edited = await checkedWithUrn(basic.edit(basic.args("Orders API")), MOVED);
    const updated = await customHooks.update!(id, outs, edited);
    expect(lines.map((l) => l.step)).toEqual(expect.arrayContaining(["deactivating…", "editing…", "reactivating…"]));
    expect(new Set(lines.map((l) => l.urn))).toEqual(new Set([MOVED]));
    expect(updated.outs[URN_INPUT]).toBe(MOVED);

    const read = await customHooks.read!(id, updated.outs);
    expect(read.props?.[URN_INPUT]).toBe(MOVED);
    expect(read.inputs?.[URN_INPUT]).toBe(MOVED);

    lines.length = 0;
    await customHooks.delete!(id, updated.outs);
    expect(lines.map((l) => l.step)).toEqual(["deactivating…", "deleting…", "done"]);
    expect(new Set(lines.map((l) => l.urn))).toEqual(new Set([MOVED]));
  });

  it("never makes a diff: added to, changed in or missing from the old state, it is no change", async () => {
    const org = await env.freshOrg();
    await customHooks.configure!({ config: configFor(org) });
    const inputs = await checkedWithUrn(basic.args("Orders API"));
    const { id, outs } = await customHooks.create(inputs);
    const { [URN_INPUT]: _dropped, ...oldState } = outs;

    expect(await customHooks.diff!(id, oldState, inputs)).toEqual({ changes: false });
    // Each call stands for another deployment (one diff per resource each): forget what the last one saw.
    resetOwnership();
    expect(await customHooks.diff!(id, outs, await checkedWithUrn(basic.args("Orders API"), MOVED))).toEqual({ changes: false });
    resetOwnership();
    expect(await customHooks.diff!(id, outs, { ...inputs, [URN_INPUT]: undefined })).toEqual({ changes: false });
    expect((await customHooks.diff!(id, oldState, await checkedWithUrn(basic.edit(basic.args("Orders API"))))).changes).toBe(true);
  });

  it("a state written before URNs were passed still reads, updates and deletes; its progress has no URN (stdout)", async () => {
    const org = await env.freshOrg();
    await customHooks.configure!({ config: configFor(org) });
    const { inputs: plain } = await customHooks.check!({}, basic.args("Legacy"));
    const { id, outs } = await customHooks.create(plain);
    expect(URN_INPUT in outs).toBe(false);
    expect(lines).toContainEqual({ step: "creating…", urn: undefined });

    const read = await customHooks.read!(id, outs);
    expect(read.props && URN_INPUT in read.props).toBe(false);
    lines.length = 0;
    await customHooks.delete!(id, outs);
    expect(lines).toEqual([
      { step: "deactivating…", urn: undefined },
      { step: "deleting…", urn: undefined },
    ]);
  });
});
