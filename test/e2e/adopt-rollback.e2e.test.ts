import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basicFixture, oauthFixture, type KindFixture } from "../support/fixtures";
import { startLifecycleEmulator, type LifecycleEmulator, type TestOrg } from "../support/emulator";
import { declaration } from "./support/declarations";
import { E2EStack } from "./support/e2e-stack";

describe("adopting and rolling back through the real Pulumi engine", () => {
  let env: LifecycleEmulator;
  let basic: KindFixture, oauth: KindFixture;

  beforeAll(async () => {
    env = await startLifecycleEmulator();
    [basic, oauth] = await Promise.all([basicFixture(env), oauthFixture(env)]);
  });
  afterAll(() => env?.close());

  describe("connectorId", () => {
    let org: TestOrg;
    let stack: E2EStack;
    beforeAll(async () => {
      org = await env.freshOrg();
      stack = await E2EStack.create("adopt", { url: env.url, ...org });
    });
    afterAll(() => stack?.dispose());

    it("adopts an existing connector instead of creating one, and shows no diff afterwards", async () => {
      const hand = env.byHand(org);
      const args = basic.args("Legacy Orders");
      const existing = await hand.create({
        type: "CUSTOM",
        name: "Legacy Orders",
        custom: { authenticationType: "BASIC", domainUrl: "https://legacy.example.com", username: args.username, password: args.password },
      });
      await stack.declare([declaration("legacy", basic, { ...args, connectorId: existing.id })]);

      const up = await stack.up();
      expect(up.outputs.legacy.value).toMatchObject({ connectorId: existing.id, status: "ACTIVE" });
      const live = await hand.list();
      expect(live).toHaveLength(1);
      expect(live[0]).toMatchObject({ id: existing.id, status: "ACTIVE", custom: { domainUrl: "https://api.example.com" } });
      expect((await stack.preview()).changeSummary).toEqual({ same: 2 });
    });
  });

  describe("a bad credential edit", () => {
    let org: TestOrg;
    let stack: E2EStack;
    let connectorId: string;
    beforeAll(async () => {
      org = await env.freshOrg();
      stack = await E2EStack.create("rollback", { url: env.url, ...org });
      await stack.declare([declaration("crm", oauth, oauth.args("CRM API"))]);
      connectorId = (await stack.up()).outputs.crm.value.connectorId;
    });
    afterAll(() => stack?.dispose());

    it("is refused by the preflight while the connector stays active and untouched", async () => {
      await stack.declare([declaration("crm", oauth, oauth.badSecret(oauth.args("CRM API")))]);
      const before = (await env.admin.requests()).filter((r) => r.path.startsWith("/v1/")).length;
      const message = await stack.expectFailure(() => stack.up());
      expect(message).toMatch(/preflight/i);
      const writes = (await env.admin.requests())
        .filter((r) => r.path.startsWith("/v1/"))
        .slice(before)
        .filter((r) => r.method !== "GET");
      expect(writes).toEqual([]);
      expect(await env.byHand(org).get(connectorId)).toMatchObject({ status: "ACTIVE", version: 1 });
    });

    it("with the preflight off, is rolled back: previous settings restored and the connector active again", async () => {
      await stack.stack.setConfig("wxcc:preflight", { value: "false" });
      await stack.declare([declaration("crm", oauth, oauth.badSecret(oauth.edit(oauth.args("CRM API"))))]);
      const message = await stack.expectFailure(() => stack.up());
      expect(message).toMatch(/restored/i);
      const live = await env.byHand(org).get(connectorId);
      expect(live).toMatchObject({ status: "ACTIVE", custom: { scope: "read" } });

      // The old secret is back too: reactivation re-validates it against the IdP.
      await env.byHand(org).deactivate(connectorId);
      expect(await env.byHand(org).activate(connectorId)).toMatchObject({ status: "ACTIVE" });

      // State matches the backend: after a refresh the fixed declaration converges cleanly.
      await stack.declare([declaration("crm", oauth, oauth.args("CRM API"))]);
      await stack.refresh();
      const up = await stack.up();
      expect(up.outputs.crm.value).toMatchObject({ connectorId, status: "ACTIVE" });
    });

    it("never leaves secrets in the state or the CLI output", async () => {
      const state = await stack.exportedState();
      for (const secret of [...oauth.secrets, org.token]) {
        expect(state.includes(secret)).toBe(false);
        expect(stack.output.includes(secret)).toBe(false);
      }
    });
  });
});
