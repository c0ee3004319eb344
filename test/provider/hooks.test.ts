import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetProviders } from "../../provider/connector-provider";
import { customHooks, salesforceHooks } from "../../provider/hooks";
import type { TestOrg } from "../support/emulator";
import { basicFixture, salesforceFixture } from "../support/fixtures";
import { useKindFixture, useLifecycleEmulator } from "../support/lifecycle";

const { env } = useLifecycleEmulator();
const savedEnv = { ...process.env };
beforeAll(() => {
  for (const k of ["WXCC_BASE_URL", "WXCC_ORG_ID", "WXCC_ACCESS_TOKEN"]) delete process.env[k];
});
afterAll(() => {
  process.env = savedEnv;
});
afterEach(() => resetProviders());

/** Pulumi's dynamic `Config` as the plugin builds it from the stack config. */
function stackConfig(values: Record<string, string>) {
  return { get: (key: string) => values[key], require: (key: string) => values[key] ?? "" };
}

const configFor = (org: TestOrg) => stackConfig({ "wxcc:baseUrl": env.url, "wxcc:orgId": org.orgId, "wxcc:accessToken": org.token });

describe("the serializable hooks, called as the dynamic-provider plugin calls them", () => {
  const basic = useKindFixture(env, basicFixture);
  const sf = useKindFixture(env, salesforceFixture);

  it("configure → check (orgId from config) → create → read → diff → delete for a CustomConnector", async () => {
    const org = await env.freshOrg();
    await customHooks.configure!({ config: configFor(org) });

    const { inputs, failures } = await customHooks.check!({}, basic.args("hooked"));
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({ orgId: org.orgId, authenticationType: "basic", active: true });
    const { id, outs } = await customHooks.create(inputs);
    expect(outs).toMatchObject({ connectorId: id, status: "ACTIVE" });
    const read = await customHooks.read!(id, outs);
    expect(read.props).toEqual(outs);
    expect(await customHooks.diff!(id, read.props, inputs)).toEqual({ changes: false });
    await customHooks.delete!(id, outs);
    expect(await env.byHand(org).get(id)).toBeUndefined();
  });

  it("keeps one provider per kind: configuring the Salesforce hooks does not touch the custom ones", async () => {
    const a = await env.freshOrg();
    const b = await env.freshOrg();
    await customHooks.configure!({ config: configFor(a) });
    await salesforceHooks.configure!({ config: configFor(b) });

    const custom = await customHooks.create((await customHooks.check!({}, basic.args("in-a"))).inputs);
    const salesforce = await salesforceHooks.create((await salesforceHooks.check!({}, sf.args("in-b"))).inputs);

    expect(custom.outs.orgId).toBe(a.orgId);
    expect(salesforce.outs.orgId).toBe(b.orgId);
  });

  it("checks offline: no backend call, even with no access token configured", async () => {
    const org = await env.freshOrg();
    await customHooks.configure!({ config: stackConfig({ "wxcc:orgId": org.orgId }) });
    await env.admin.clearRequests();

    const ok = await customHooks.check!({}, basic.args("offline"));
    const bad = await customHooks.check!({}, basic.args("offline", { domainUrl: "http://api.example.com" }));

    expect(ok.failures).toEqual([]);
    expect(ok.inputs.orgId).toBe(org.orgId);
    // Handed to the engine without a property name (it would print the value), named in the reason.
    expect(bad.failures).toEqual([{ property: "", reason: expect.stringMatching(/^\[domainUrl\] must use https:\/\//) }]);
    expect(await env.admin.requests()).toEqual([]);
  });

  it("refuses at check, for both kinds, a connector registered only to be refused (a failed org check, a failed input), naming no property", async () => {
    const org = await env.freshOrg();
    await env.admin.clearRequests();
    for (const [hooks, args] of [
      [customHooks, basic.args("refused")],
      [salesforceHooks, sf.args("refused")],
    ] as const) {
      await hooks.configure!({ config: configFor(org) });
      expect((await hooks.check!({}, { ...args, __wxccRefusal: "org-check" })).failures).toEqual([
        {
          property: "",
          reason: "the org check of this program failed (its error is above), so this connector was not checked against its org and is left as it is",
        },
      ]);
      // A stand-in carries nothing but the refusal (its inputs failed in the program).
      expect((await hooks.check!({}, { __wxccRefusal: "input" })).failures).toEqual([
        {
          property: "",
          reason: "an input of this connector failed in the program (its error is above), so it was not registered as declared and is left as it is",
        },
      ]);
      // A declaration refused in the program for another reason (`import` beside another connectorId).
      expect((await hooks.check!({}, { __wxccRefusal: "declaration" })).failures).toEqual([
        {
          property: "",
          reason:
            "the declaration of this connector was refused in the program (its error is above), so it was not registered as declared and is left as it is",
        },
      ]);
      // Any other value is not a refusal (the SDK sets one of the three, or nothing).
      for (const value of [true, "toString", "constructor"]) {
        const other = await hooks.check!({}, { ...args, __wxccRefusal: value });
        expect((other.failures ?? []).map((f) => f.reason).join("\n")).not.toMatch(/is left as it is/);
      }
    }
    expect(await env.admin.requests()).toEqual([]);
  });

  it("fails a backend operation with the config key to set when the access token is missing", async () => {
    const org = await env.freshOrg();
    await customHooks.configure!({ config: stackConfig({ "wxcc:baseUrl": env.url, "wxcc:orgId": org.orgId }) });
    const { inputs } = await customHooks.check!({}, basic.args("tokenless"));

    await expect(customHooks.create(inputs)).rejects.toMatchObject({
      code: "CONFIG_MISSING",
      message: expect.stringContaining("pulumi config set --secret wxcc:accessToken"),
    });
  });
});
