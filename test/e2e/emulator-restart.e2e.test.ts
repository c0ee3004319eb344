import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestLogEntry } from "../../emulator/logs";
import type { Connector } from "../../contract";
import { verifyBasic, verifyOAuth2, verifySalesforce } from "../../connectivity";
import type { TestOrg } from "../support/emulator";
import { basicFixture, oauthFixture, salesforceFixture, type KindFixture } from "../support/fixtures";
import { pollUntil } from "../support/poll";
import { declaration } from "./support/declarations";
import { E2EStack, type Declaration } from "./support/e2e-stack";
import { connectorState, type StateConnector } from "./support/state-connectors";
import { StatefulEmulator } from "./support/stateful-emulator";

const org: TestOrg = { orgId: "restart", token: `tok-${randomBytes(12).toString("hex")}` };
const CREATES = `/v1/organizations/${org.orgId}/connectors`;
const isCreate = (r: RequestLogEntry) => r.method === "POST" && r.path === CREATES;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** A V8 stack frame, e.g. `    at create (/x/provider/lifecycle/create.js:28:9)`. */
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

describe("the emulator killed (SIGKILL) and restarted in the middle of a 15-connector pulumi up", () => {
  let backend: StatefulEmulator;
  let stack: E2EStack;
  let sf: KindFixture, basic: KindFixture, oauth: KindFixture;
  let declared: Declaration[];
  /** The state the interrupted up left. */
  let stateAfterCrash: StateConnector[];

  beforeAll(async () => {
    backend = await StatefulEmulator.start([org]);
    const idps = { url: backend.url, admin: backend.admin };
    [sf, basic, oauth] = await Promise.all([salesforceFixture(idps), basicFixture(idps), oauthFixture(idps)]);
    // The org maximum, 5 Salesforce + 10 custom, so the up is long enough to interrupt.
    declared = [
      ...range(5).map((i) => declaration(`sales-${i}`, sf, sf.args(`Sales Cloud ${i}`))),
      ...range(5).map((i) => declaration(`orders-${i}`, basic, basic.args(`Orders API ${i}`))),
      ...range(5).map((i) => declaration(`crm-${i}`, oauth, oauth.args(`CRM API ${i}`))),
    ];
    stack = await E2EStack.create("restart", { url: backend.url, ...org });
    await stack.declare(declared);
  });

  afterAll(async () => {
    await stack?.dispose();
    await backend?.dispose();
  });

  it("keeps every connector the backend created and every one the state recorded, ACTIVE under the same id", async () => {
    // Five creates go through; every later one is held inside the backend until the crash.
    await backend.admin.injectFault({ method: "POST", path: `^${CREATES}$`, delayMs: 50, times: 5 });
    await backend.admin.injectFault({ method: "POST", path: `^${CREATES}$`, delayMs: 120_000, times: 100 });
    const up = stack.up().then(
      () => ({ ok: true as const }),
      (err: Error) => ({ ok: false as const, message: err.message }),
    );

    // Answered creates only: the event log shows a create before it is saved (see the report).
    const createdBeforeKill = await pollUntil("five creates answered and more held in the backend", async () => {
      const creates = (await backend.admin.requests()).filter(isCreate);
      const events = (await backend.admin.events({ orgId: org.orgId })).filter((e) => e.kind === "CREATE");
      const answered = creates.filter((r) => r.status === 201).length;
      const held = creates.filter((r) => r.status === 0).length;
      return answered === 5 && events.length === 5 && held > 0 ? events.map((e) => e.connectorId) : undefined;
    });
    const url = backend.url;
    await backend.crash();
    await backend.restart();
    expect(backend.url).toBe(url);

    // The client rides out a short outage by retrying; when the outage outlasts its retries
    // (a slow restart), the up fails, and says why for each connector, plainly.
    const interrupted = await up;
    if (!interrupted.ok) {
      const failures = interrupted.message.split("\n").filter((l) => /^\s+error: .*creating failed/.test(l));
      expect(failures.length).toBeGreaterThan(0);
      for (const line of failures)
        expect(line).toMatch(/creating failed \((The response to POST new connector ".+" in org "restart" was lost|Could not reach the backend at http)/);
      expect(interrupted.message).not.toMatch(STACK_FRAME);
      for (const secret of [...sf.secrets, ...basic.secrets, ...oauth.secrets, org.token]) expect(interrupted.message.includes(secret)).toBe(false);
    }

    const state = await connectorState(stack);
    // The CLI itself did not crash, so the engine closed every operation it started.
    expect(state.pendingOperations).toEqual([]);
    stateAfterCrash = state.connectors;
    expect(stateAfterCrash.length).toBeGreaterThanOrEqual(5);

    const live = new Map((await backend.hand(org).list()).map((c) => [c.id, c]));
    for (const c of stateAfterCrash) {
      expect(live.get(c.id), `${c.resource} (${c.id}) from the state`).toMatchObject({ status: "ACTIVE", name: nameOf(declared, c.resource) });
    }
    for (const id of createdBeforeKill) expect(live.get(id), `${id}, created before the kill`).toMatchObject({ status: "ACTIVE" });
    expectUniqueNames([...live.values()]);
  });

  it("restarted from its state file, still knows the registered Connected App, OAuth client and Basic user", async () => {
    const s = sf.args("probe") as Record<string, string>;
    const o = oauth.args("probe") as Record<string, string>;
    const b = basic.args("probe") as Record<string, string>;
    expect(await verifySalesforce({ clientId: s.clientId!, userEmail: s.userEmail!, authServerUrl: s.authServerUrl!, privateKeyPem: s.privateKey! })).toEqual({
      ok: true,
    });
    expect(
      await verifyOAuth2({ tokenUrl: o.tokenUrl!, grantType: "client_credentials", clientId: o.clientId!, clientSecret: o.clientSecret!, scope: o.scope }),
    ).toEqual({ ok: true });
    expect(await verifyBasic({ validationUrl: b.validationUrl!, username: b.username!, password: b.password! })).toEqual({ ok: true });
  });

  it("a re-run converges: exactly the declared connectors, once each, all ACTIVE, with the ids the state holds", async () => {
    const up = await stack.up();
    const live = await backend.hand(org).list();
    expect(live.map((c) => c.name).sort()).toEqual(declared.map((d) => d.args.name).sort());
    expectUniqueNames(live);
    expect(live.filter((c) => c.status !== "ACTIVE")).toEqual([]);

    const { connectors, pendingOperations } = await connectorState(stack);
    expect(pendingOperations).toEqual([]);
    expect(connectors.map((c) => c.id).sort()).toEqual(live.map((c) => c.id).sort());
    for (const c of connectors) {
      expect(live.find((l) => l.id === c.id)?.name).toBe(nameOf(declared, c.resource));
      expect(up.outputs[c.resource]?.value).toMatchObject({ connectorId: c.id, status: "ACTIVE" });
    }
    // Nothing the interrupted up recorded was replaced.
    for (const c of stateAfterCrash) expect(connectors).toContainEqual(c);
  });

  it("then preview shows no changes and refresh finds no drift", async () => {
    expect((await stack.preview()).changeSummary).toEqual({ same: declared.length + 1 });
    expect((await stack.refresh()).summary.resourceChanges).toEqual({ same: declared.length + 1 });
  });

  it("never leaves a secret in the state or the CLI output", async () => {
    const state = await stack.exportedState();
    for (const secret of [...sf.secrets, ...basic.secrets, ...oauth.secrets, org.token]) {
      expect(state.includes(secret)).toBe(false);
      expect(stack.output.includes(secret)).toBe(false);
    }
  });
});

/** The declared `name` of a resource. */
function nameOf(declared: Declaration[], resource: string): unknown {
  return declared.find((d) => d.resource === resource)?.args.name;
}

function expectUniqueNames(live: Connector[]): void {
  const names = live.map((c) => c.name.toLowerCase());
  expect(
    names.filter((n, i) => names.indexOf(n) !== i),
    "duplicate connector names",
  ).toEqual([]);
}
