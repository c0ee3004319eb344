import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetProviders } from "../../provider/connector-provider";
import { PartialFailureError } from "../../provider/errors";
import { customHooks } from "../../provider/hooks";
import { subjectLabel } from "../../provider/lifecycle/subject";
import { hideSecretInputs, hidingSecretInputs, SECRET_INPUTS } from "../../provider/secret-inputs";
import { OWNERS_INPUT } from "../../provider/stack-owners";
import type { TestOrg } from "../support/emulator";
import { basicFixture } from "../support/fixtures";
import { useKindFixture, useLifecycleEmulator } from "../support/lifecycle";

// "No secret printed" (SPEC §7) for the values messages quote: a name, org or connector id the
// program marked secret reaches the provider as a plain value, named secret by the SDK's hidden
// input; every line and message of the hook shows it as [secret] (issue 12, review of session 8).

const { env, progress } = useLifecycleEmulator();
const savedEnv = { ...process.env };
beforeAll(() => {
  for (const k of ["WXCC_BASE_URL", "WXCC_ORG_ID", "WXCC_ACCESS_TOKEN"]) delete process.env[k];
});
afterAll(() => {
  process.env = savedEnv;
});
afterEach(async () => {
  resetProviders();
  await env.admin.clearFaults();
});

const config = (org: TestOrg) => {
  const values: Record<string, string> = { "wxcc:baseUrl": env.url, "wxcc:accessToken": org.token };
  return { get: (key: string) => values[key], require: (key: string) => values[key] ?? "" };
};

/** Whether `text` shows any of `values`, in any case. */
const shows = (text: string, values: string[]) => values.some((v) => text.toLowerCase().includes(v.toLowerCase()));

/** Everything the plugin would show of an error. */
const shown = (err: unknown) => {
  const e = err as { message?: string; stack?: string; reasons?: string[] };
  return [String(e.message), String(e.stack), ...(e.reasons ?? [])].join("\n");
};

describe("secret name and org: shown as [secret] in every line and message of the hooks", () => {
  const basic = useKindFixture(env, basicFixture);

  it("check → create → update → read → delete: no progress line shows them, and the hidden input stays on what every hook returns", async () => {
    const org = await env.freshOrg();
    const name = `Secret CRM ☃ ${org.orgId}`;
    await customHooks.configure!({ config: config(org) });
    progress.take();

    const args = { ...basic.args(name), orgId: org.orgId, [SECRET_INPUTS]: ["name", "orgId"] };
    const { inputs, failures } = await customHooks.check!({}, args);
    expect(failures).toEqual([]);
    expect(inputs[SECRET_INPUTS]).toEqual(["name", "orgId"]);
    const { id, outs } = await customHooks.create(inputs);
    expect(outs[SECRET_INPUTS]).toEqual(["name", "orgId"]);

    const edited = (await customHooks.check!(outs, basic.edit(args))).inputs;
    const updated = await customHooks.update!(id, outs, edited);
    expect(updated.outs?.[SECRET_INPUTS]).toEqual(["name", "orgId"]);
    const read = await customHooks.read!(id, updated.outs!);
    expect(read.props?.[SECRET_INPUTS]).toEqual(["name", "orgId"]);
    expect(read.inputs?.[SECRET_INPUTS]).toEqual(["name", "orgId"]);
    await customHooks.delete!(id, read.props!);

    const lines = progress.take();
    // The edit cycle reported its steps, each naming the connector by its label.
    expect(lines.some((l) => /deactivat/.test(l))).toBe(true);
    expect(lines.every((l) => l.includes('CustomConnector "[secret]"') || !l.includes("CustomConnector"))).toBe(true);
    expect(lines.filter((l) => shows(l, [name, org.orgId]))).toEqual([]);
    expect(await env.byHand(org).get(id)).toBeUndefined();
  });

  it("a create refused for a case clash does not quote the name in either spelling, nor the org", async () => {
    const org = await env.freshOrg();
    const name = `cAsE cLaSh ${org.orgId}`;
    await env.byHand(org).create({
      type: "CUSTOM",
      name: name.toUpperCase(),
      custom: { authenticationType: "BASIC", domainUrl: "https://x.example.com", username: "u", password: "p" },
    });
    await customHooks.configure!({ config: config(org) });
    const { inputs } = await customHooks.check!({}, { ...basic.args(name), orgId: org.orgId, [SECRET_INPUTS]: ["name", "orgId"] });

    const err = await customHooks.create(inputs).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "NAME_CONFLICT" });
    expect(shown(err)).toContain("[secret]");
    expect(shows(shown(err), [name, org.orgId])).toBe(false);
  });

  it("an update that fails after the deactivate keeps the hidden input on the partial failure's state, and its message hides them", async () => {
    const org = await env.freshOrg();
    const name = `Partial ${org.orgId}`;
    await customHooks.configure!({ config: config(org) });
    const args = { ...basic.args(name), orgId: org.orgId, [SECRET_INPUTS]: ["name", "orgId"] };
    const { id, outs } = await customHooks.create((await customHooks.check!({}, args)).inputs);
    // Every activation refused: neither the edit nor the rollback can bring the connector back.
    await env.admin.injectFault({ method: "POST", path: "/activate$", status: 500, times: 100 });
    progress.take();

    const err = await customHooks.update!(id, outs, (await customHooks.check!(outs, basic.edit(args))).inputs).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PartialFailureError);
    expect((err as PartialFailureError).properties[SECRET_INPUTS]).toEqual(["name", "orgId"]);
    expect(shown(err)).toContain("[secret]");
    expect(shows(shown(err), [name, org.orgId])).toBe(false);
    expect(progress.take().filter((l) => shows(l, [name, org.orgId]))).toEqual([]);
  });

  it("check: an adoption refused because another resource holds the secret connectorId does not quote it", async () => {
    const org = await env.freshOrg();
    await customHooks.configure!({ config: config(org) });
    const connectorId = "c-secret-held-1234";
    const owners = [{ resource: "first", orgId: org.orgId, connectorId, declared: false }];
    const { failures } = await customHooks.check!(
      {},
      { ...basic.args("Adopter"), orgId: org.orgId, connectorId, [OWNERS_INPUT]: owners, [SECRET_INPUTS]: ["connectorId"] },
    );

    expect(failures).toHaveLength(1);
    expect(failures![0]!.reason).toContain("[secret]");
    expect(failures![0]!.reason).not.toContain(connectorId);
  });

  it("diff: the refusal to keep a connector an adopter declares does not quote the secret name", async () => {
    const org = await env.freshOrg();
    const name = `Held ${org.orgId}`;
    await customHooks.configure!({ config: config(org) });
    const args = { ...basic.args(name), orgId: org.orgId, [SECRET_INPUTS]: ["name"] };
    const { id, outs } = await customHooks.create((await customHooks.check!({}, args)).inputs);
    const owners = [{ resource: "adopter", orgId: org.orgId, connectorId: id, declared: true }];
    const news = { ...(await customHooks.check!(outs, args)).inputs, [OWNERS_INPUT]: owners };

    const err = await customHooks.diff!(id, outs, news).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "OWNER_CONFLICT" });
    expect(shown(err)).toContain("[secret]");
    expect(shows(shown(err), [name])).toBe(false);
    await customHooks.delete!(id, outs);
  });

  it("a name newly marked secret is an update without a backend call, after which refresh and delete hide it too (found by review)", async () => {
    const org = await env.freshOrg();
    const name = `Toggled ${org.orgId}`;
    await customHooks.configure!({ config: config(org) });
    const plain = { ...basic.args(name), orgId: org.orgId };
    const { id, outs } = await customHooks.create((await customHooks.check!({}, plain)).inputs);
    const secret = (await customHooks.check!(outs, { ...plain, [SECRET_INPUTS]: ["name"] })).inputs;

    // The engine would keep the old outputs on an unchanged step: refresh and delete read them.
    expect(await customHooks.diff!(id, outs, secret)).toEqual({ changes: true });
    await env.admin.clearRequests();
    const updated = await customHooks.update!(id, outs, secret);
    expect(await env.admin.requests()).toEqual([]);
    expect(updated.outs).toEqual({ ...outs, [SECRET_INPUTS]: ["name"] });
    expect(await customHooks.diff!(id, updated.outs, secret)).toEqual({ changes: false });
    // Back to plain: nothing to store (a hidden name would only be over-cautious).
    expect(await customHooks.diff!(id, updated.outs, (await customHooks.check!(outs, plain)).inputs)).toEqual({ changes: false });

    await env.admin.injectFault({ method: "GET", path: `/connectors/${id}$`, status: 500, times: 100 });
    progress.take();
    const refreshed = await customHooks.read!(id, updated.outs!).catch((e: unknown) => e);
    expect(shown(refreshed)).toContain("[secret]");
    expect(shows(shown(refreshed), [name])).toBe(false);
    await env.admin.clearFaults();
    await customHooks.delete!(id, updated.outs!);
    expect(progress.take().filter((l) => shows(l, [name]))).toEqual([]);
  });

  it("states without the hidden input (written before it existed) print as before", async () => {
    const org = await env.freshOrg();
    const name = `Plain ${org.orgId}`;
    await customHooks.configure!({ config: config(org) });
    progress.take();
    const { id, outs } = await customHooks.create((await customHooks.check!({}, { ...basic.args(name), orgId: org.orgId })).inputs);
    expect(outs).not.toHaveProperty(SECRET_INPUTS);
    await customHooks.delete!(id, outs);
    expect(progress.take().some((l) => l.includes(`"${name}"`))).toBe(true);
  });
});

describe("hideSecretInputs / hidingSecretInputs", () => {
  it("property: a connector's label never shows a secret name or org, whatever their characters or case", () => {
    const value = fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(value, value, fc.option(fc.string({ minLength: 1, maxLength: 12 })), fc.boolean(), (name, orgId, connectorId, upper) => {
        const label = subjectLabel({ resourceType: "CustomConnector", name: upper ? name.toUpperCase() : name, orgId, connectorId: connectorId ?? undefined });
        const out = hideSecretInputs(`wxcc: ${label}: deactivating…`, [name, orgId]);
        expect(out).not.toContain(`"${name}"`);
        expect(out).not.toContain(`"${orgId}"`);
        if (name.toUpperCase().length === name.length) expect(out.toLowerCase()).not.toContain(`"${name.toLowerCase()}"`);
      }),
      { numRuns: 500 },
    );
  });

  it("hides them in an error's message, stack and reasons, rethrowing the same object; strings thrown too", async () => {
    const err = new PartialFailureError({ id: "c-1", message: 'CustomConnector "Secret" in org "acme": activation failed', properties: { name: "Secret" } });
    const caught = await hidingSecretInputs(["Secret", "acme"], () => Promise.reject(err)).catch((e: unknown) => e);
    expect(caught).toBe(err);
    expect(err.message).toBe('CustomConnector "[secret]" in org "[secret]": activation failed');
    expect(err.reasons).toEqual([err.message]);
    expect(err.stack).not.toMatch(/Secret|acme/);
    expect(err.properties.name).toBe("Secret");
    await expect(hidingSecretInputs(["Secret"], () => Promise.reject("raw Secret"))).rejects.toBe("raw [secret]");
    await expect(hidingSecretInputs([], () => Promise.reject(new TypeError("Secret")))).rejects.toThrow("Secret");
  });
});
