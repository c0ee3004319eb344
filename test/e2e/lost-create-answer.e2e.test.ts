import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestOrg } from "../support/emulator";
import { oauthFixture, type KindFixture } from "../support/fixtures";
import { pollUntil } from "../support/poll";
import { declaration } from "./support/declarations";
import { E2EStack } from "./support/e2e-stack";
import { connectorState } from "./support/state-connectors";
import { StatefulEmulator } from "./support/stateful-emulator";

const org: TestOrg = { orgId: "lost-answer", token: `tok-${randomBytes(12).toString("hex")}` };
/** A V8 stack frame, e.g. `    at create (/x/provider/lifecycle/create.js:28:9)`. */
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

/**
 * The worst moment for a crash: the backend has saved a new connector, but its answer never
 * reached the provider, and the backend stays down longer than the client retries, so the
 * client cannot look the connector up by name either. The state cannot know its ID.
 */
describe("a create the backend saved whose answer was lost, with the backend down past the client's retries", () => {
  let backend: StatefulEmulator;
  let stack: E2EStack;
  let oauth: KindFixture;
  let orphanId: string;

  beforeAll(async () => {
    backend = await StatefulEmulator.start([org]);
    oauth = await oauthFixture({ url: backend.url, admin: backend.admin });
    stack = await E2EStack.create("lost-answer", { url: backend.url, ...org });
    await stack.stack.setConfig("wxcc:requestTimeoutMs", { value: "4000" });
    await stack.declare([declaration("crm", oauth, oauth.args("Lost Answer API"))]);
  });

  afterAll(async () => {
    await stack?.dispose();
    await backend?.dispose();
  });

  it("the interrupted up fails saying the connector may or may not exist, and the restarted backend has it", async () => {
    // The backend validates connectivity inside the create. The first check outlasts the
    // client's 4 s timeout, so the backend saves the connector after the client gave up on
    // that answer (and looked it up: not there yet); the client's re-send is held longer.
    await backend.admin.injectFault({ method: "POST", path: "^/oauth/token$", delayMs: 6_000, times: 1 });
    await backend.admin.injectFault({ method: "POST", path: "^/oauth/token$", delayMs: 9_000, times: 20 });
    const up = stack.up().then(
      () => ({ ok: true as const }),
      (err: Error) => ({ ok: false as const, message: err.message }),
    );
    orphanId = await pollUntil("the first create saved to the state file", async () => backend.savedConnectorIds()[0]);
    await backend.crash();
    // Down until the up has given up; then back with the same state file and port.
    const interrupted = await up;
    await backend.restart();

    expect(interrupted.ok, "the client found the connector before the crash: the scenario did not happen").toBe(false);
    const message = interrupted.ok ? "" : interrupted.message;
    expect(message).toMatch(
      /creating failed \(The response to POST new connector "Lost Answer API" in org "lost-answer" was lost and looking it up by name failed, so it may or may not exist/,
    );
    expect(message).toContain("if it was created, the backend refuses the name with NAME_CONFLICT and names its id; adopt it with the `connectorId` input");
    expect(message).not.toMatch(STACK_FRAME);
    for (const secret of [...oauth.secrets, org.token]) expect(message.includes(secret)).toBe(false);

    expect(await connectorState(stack)).toEqual({ connectors: [], pendingOperations: [] });
    expect(await backend.hand(org).list()).toEqual([expect.objectContaining({ id: orphanId, name: "Lost Answer API", status: "ACTIVE" })]);
  });

  // The message above says what happens next: a re-run does not take over a same-named
  // connector on its own (it could be one made by hand), it refuses naming the id to adopt.
  it("a plain re-run makes no duplicate: it refuses with NAME_CONFLICT, naming the connector and the connectorId remedy", async () => {
    const message = await stack.expectFailure(() => stack.up());
    expect(message).toMatch(new RegExp(`already exists in org "lost-answer" \\(${orphanId}, a CUSTOM connector\\).*declare \\[connectorId\\] "${orphanId}"`));
    expect((await backend.hand(org).list()).map((c) => c.id)).toEqual([orphanId]);
  });

  it("adopting it with connectorId converges: one connector, the same id, then no changes", async () => {
    await stack.declare([declaration("crm", oauth, oauth.args("Lost Answer API", { connectorId: orphanId }))]);
    const up = await stack.up();
    expect(up.outputs.crm.value).toMatchObject({ connectorId: orphanId, status: "ACTIVE" });
    expect((await backend.hand(org).list()).map((c) => [c.id, c.status])).toEqual([[orphanId, "ACTIVE"]]);
    expect((await connectorState(stack)).connectors).toEqual([{ resource: "crm", id: orphanId }]);
    expect((await stack.preview()).changeSummary).toEqual({ same: 2 });
  });

  it("never leaves a secret in the state or the CLI output", async () => {
    const state = await stack.exportedState();
    for (const secret of [...oauth.secrets, org.token]) {
      expect(state.includes(secret)).toBe(false);
      expect(stack.output.includes(secret)).toBe(false);
    }
  });
});
