import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oauthFixture, type KindFixture } from "../support/fixtures";
import { startLifecycleEmulator, type LifecycleEmulator, type TestOrg } from "../support/emulator";
import { declaration } from "./support/declarations";
import { type Declaration, E2EStack } from "./support/e2e-stack";
import { customConnectorUrn, stateDelete, stateResources } from "./support/state-connectors";

/**
 * Issue 10, SPEC §7 "one connector, one owner" across separate updates, through the real
 * Pulumi CLI: a resource that declares the `connectorId` of a connector another resource
 * of the stack created in an earlier update is refused at preview, whichever of the two the
 * program declares first and whether the id is a plain value or an Output; nothing changes
 * in the org. Handing the connector over (the old owner removed in the same update) works.
 */
describe("one connector, one owner, across updates", () => {
  let env: LifecycleEmulator;
  let oauth: KindFixture;
  let org: TestOrg;
  let stack: E2EStack;
  let alphaId: string;

  beforeAll(async () => {
    env = await startLifecycleEmulator();
    oauth = await oauthFixture(env);
    org = await env.freshOrg();
    stack = await E2EStack.create("owners-across", { url: env.url, ...org });
    await stack.declare([alpha()]);
    alphaId = (await stack.up()).outputs.alpha.value.connectorId;
  });
  afterAll(async () => {
    await stack?.dispose();
    await env?.close();
  });

  const alpha = (): Declaration => declaration("alpha", oauth, oauth.args("Alpha"));
  const adopter = (id: string, asOutput = false): Declaration => ({
    ...declaration("beta", oauth, oauth.args("Beta", { connectorId: id })),
    ...(asOutput ? { outputFields: ["connectorId"] } : {}),
  });

  /** The org and the state are exactly as the first update left them. */
  async function nothingChanged(): Promise<void> {
    expect(await env.byHand(org).list()).toMatchObject([{ id: alphaId, name: "Alpha", status: "ACTIVE", version: 1 }]);
    expect(await stateResources(stack)).toEqual(["alpha"]);
  }

  it("the adopter declared after the owner: preview and up fail naming both resources and what to do", async () => {
    await stack.declare([alpha(), adopter(alphaId)]);
    const preview = await stack.expectFailure(() => stack.preview());
    expect(preview).toContain(`[connectorId] "${alphaId}" names the connector that resource "alpha" of this stack manages`);
    expect(preview).toContain('remove "alpha" from the program in this same update');
    expect(preview).toContain("otherwise remove [connectorId] here");
    const up = await stack.expectFailure(() => stack.up());
    expect(up).toContain(`names the connector that resource "alpha" of this stack manages`);
    await nothingChanged();
  });

  it("the owner edited in the same update (its connectorId output unknown at preview): preview still fails naming both", async () => {
    const edited = declaration("alpha", oauth, oauth.edit(oauth.args("Alpha")));
    await stack.declare([edited, adopter(alphaId)]);
    expect(await stack.expectFailure(() => stack.preview())).toContain(
      `[connectorId] "${alphaId}" names the connector that resource "alpha" of this stack manages`,
    );
    await nothingChanged();
  });

  it("the adopter declared before the owner, its id an Output: the owner's diff refuses, naming the adopter; letting go never deletes the connector", async () => {
    await stack.declare([adopter(alphaId, true), alpha()]);
    const preview = await stack.expectFailure(() => stack.preview());
    const refusal = `CustomConnector "Alpha" (${alphaId}) in org "${org.orgId}": resource "beta" of this stack declares [connectorId] "${alphaId}", the connector this resource manages`;
    expect(preview).toContain(refusal);
    expect(preview).toContain('Remove [connectorId] from "beta"');
    // Once, on the resource: no stack trace, and not echoed again on the stack's row by the plugin.
    expect(preview).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(preview).not.toContain("LifecycleError:");

    // The Automation API's up skips the preview (README, Ownership): beta may adopt before
    // alpha's diff refuses. The up fails all the same, naming both.
    expect(await stack.expectFailure(() => stack.up())).toContain(refusal);
    const live = await env.byHand(org).list();
    expect(live).toMatchObject([{ id: alphaId, status: "ACTIVE", name: expect.stringMatching(/^(Alpha|Beta)$/) }]);
    const adopted = live[0]!.name === "Beta";
    expect(await stateResources(stack)).toEqual(adopted ? ["alpha", "beta"] : ["alpha"]);

    // Letting go (beta removed): the connector stays, alpha alone manages it.
    await stack.declare([alpha()]);
    const up = await stack.up();
    if (adopted) {
      expect(up.stdout).toContain(`not deleting the connector: another resource of this stack ("alpha", declaring [name] "Alpha") keeps it in its state`);
      await stack.refresh();
      await stack.up();
    }
    expect(await env.byHand(org).list()).toMatchObject([{ id: alphaId, name: "Alpha", status: "ACTIVE" }]);
    expect(await stateResources(stack)).toEqual(["alpha"]);
  });

  it("a program without the conflict previews as before: nothing to change", async () => {
    await stack.declare([alpha()]);
    expect((await stack.preview()).changeSummary).toEqual({ same: 2 });
  });

  it("handing the connector over (the old owner removed in the same update) keeps it alive, managed once", async () => {
    await stack.declare([adopter(alphaId)]);
    const up = await stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 1, delete: 1 });
    expect(await env.byHand(org).list()).toMatchObject([{ id: alphaId, name: "Beta", status: "ACTIVE" }]);
    expect(await stateResources(stack)).toEqual(["beta"]);
    expect((await stack.preview()).changeSummary).toEqual({ same: 2 });
  });

  it("never prints a secret", () => {
    for (const secret of [...oauth.secrets, org.token]) expect(stack.output.includes(secret)).toBe(false);
  });
});

/**
 * An adoption `pulumi up --target` lets through (the other resources are not diffed) leaves
 * two states holding one connector; from then on every full preview fails, naming both,
 * until one of them lets go, and letting go never deletes the connector.
 */
describe("two states holding one connector (after a --target'ed adoption)", () => {
  let env: LifecycleEmulator;
  let oauth: KindFixture;
  let org: TestOrg;
  let stack: E2EStack;

  beforeAll(async () => {
    env = await startLifecycleEmulator();
    oauth = await oauthFixture(env);
    org = await env.freshOrg();
    stack = await E2EStack.create("owners-target", { url: env.url, ...org });
  });
  afterAll(async () => {
    await stack?.dispose();
    await env?.close();
  });

  it("every full preview fails naming both; dropping one from the state keeps the connector", async () => {
    await stack.declare([declaration("alpha", oauth, oauth.args("Alpha"))]);
    const id = (await stack.up()).outputs.alpha.value.connectorId as string;
    const beta = (extra = {}) => declaration("beta", oauth, oauth.args("Beta", extra));

    await stack.declare([beta({ connectorId: id }), declaration("alpha", oauth, oauth.args("Alpha"))]);
    await stack.up({ target: [customConnectorUrn("beta")] });
    expect(await env.byHand(org).get(id)).toMatchObject({ name: "Beta", status: "ACTIVE" });
    expect(await stack.expectFailure(() => stack.preview())).toContain(`resource "beta" of this stack declares [connectorId] "${id}"`);

    // beta stops declaring the id but its state still holds the connector: alpha's and beta's diffs meet.
    await stack.declare([beta(), declaration("alpha", oauth, oauth.args("Alpha"))]);
    const both = await stack.expectFailure(() => stack.preview());
    expect(both).toMatch(
      new RegExp(`resource "(alpha|beta)" of this stack \\(declaring \\[name\\] "(Alpha|Beta)"\\) also keeps connector "${id}" in its state`),
    );
    expect(await stack.expectFailure(() => stack.up())).toContain(`also keeps connector "${id}" in its state`);

    // Following the message: drop beta from the state and the program; alpha keeps the connector.
    stateDelete(stack, customConnectorUrn("beta"));
    await stack.declare([declaration("alpha", oauth, oauth.args("Alpha"))]);
    await stack.refresh();
    await stack.up();
    expect(await env.byHand(org).list()).toMatchObject([{ id, name: "Alpha", status: "ACTIVE" }]);
    expect((await stack.preview()).changeSummary).toEqual({ same: 2 });
    for (const secret of [...oauth.secrets, org.token]) expect(stack.output.includes(secret)).toBe(false);
  });
});
