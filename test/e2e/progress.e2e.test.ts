import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basicFixture, type KindFixture } from "../support/fixtures";
import { startLifecycleEmulator, type LifecycleEmulator, type TestOrg } from "../support/emulator";
import { declaration } from "./support/declarations";
import { E2EStack, type Declaration } from "./support/e2e-stack";
import { SHOW_AFTER_MS } from "../../provider/engine-log";

// The shared e2e program, plus one thing it lacks: a connector under a component, so its URN
// carries a parent type (`e2e:index:Team$…`) the provider cannot guess.
const PROGRAM = `
"use strict";
const pulumi = require("@pulumi/pulumi");
const { CustomConnector } = require("pulumi-wxcc-connectors");
const config = new pulumi.Config("e2e");
const secrets = config.getSecretObject("secrets") || pulumi.secret({});
const team = new pulumi.ComponentResource("e2e:index:Team", "team");
for (const d of config.requireObject("connectors")) {
  const args = { ...d.args };
  for (const field of d.secretFields || []) args[field] = secrets.apply((s) => (s[d.resource] || {})[field]);
  new CustomConnector(d.resource, args, d.resource === "crm" ? { parent: team } : {});
}
team.registerOutputs({});
`;

const TYPE = "pulumi-nodejs:dynamic/wxcc:CustomConnector";
const URNS = {
  orders: `urn:pulumi:e2e::wxcc-e2e::${TYPE}::orders`,
  crm: `urn:pulumi:e2e::wxcc-e2e::e2e:index:Team$${TYPE}::crm`,
};

interface Diagnostic {
  urn?: string;
  message: string;
  ephemeral?: boolean;
  severity: string;
}

/** The diagnostic events of the operations run since `mark` (a length of `stack.events`). */
function diagnosticsSince(stack: E2EStack, mark: number): Diagnostic[] {
  return stack.events
    .slice(mark)
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line).diagnosticEvent as Diagnostic | undefined)
    .filter((d): d is Diagnostic => d !== undefined);
}

/** The `Diagnostics:` section of a CLI output ("" when there is none). */
function diagnosticsSection(stdout: string): string {
  const at = stdout.indexOf("Diagnostics:");
  if (at < 0) return "";
  const end = stdout.indexOf("Resources:", at);
  return stdout.slice(at, end < 0 ? undefined : end);
}

/** Each resource's `__wxccUrn` in the stack's state, inputs and outputs. */
async function urnsInState(stack: E2EStack): Promise<Record<string, { inputs: unknown; outputs: unknown }>> {
  const deployment = await stack.stack.exportStack();
  const out: Record<string, { inputs: unknown; outputs: unknown }> = {};
  for (const r of deployment.deployment.resources ?? []) {
    if (r.type !== TYPE) continue;
    out[r.urn.split("::").pop()] = { inputs: r.inputs?.__wxccUrn, outputs: r.outputs?.__wxccUrn };
  }
  return out;
}

describe("progress on the resource's own row of pulumi up", () => {
  let env: LifecycleEmulator;
  let org: TestOrg;
  let basic: KindFixture;
  let stack: E2EStack;
  let declared: Declaration[];
  let edited: Declaration[];

  beforeAll(async () => {
    env = await startLifecycleEmulator();
    org = await env.freshOrg();
    basic = await basicFixture(env);
    stack = await E2EStack.create("progress", { url: env.url, ...org });
    fs.writeFileSync(path.join(stack.dir, "index.js"), PROGRAM);
    declared = [declaration("orders", basic, basic.args("Orders API")), declaration("crm", basic, basic.args("CRM API"))];
    edited = declared.map((d) => ({ ...d, args: { ...d.args, domainUrl: "https://api2.example.com" } }));
    await stack.declare(declared);
  });

  afterAll(async () => {
    await stack?.dispose();
    await env?.close();
  });

  /** Makes the next call of each step, for both connectors, outlast SHOW_AFTER_MS, so the step shows on its row. */
  async function slowSteps(...steps: Array<{ method: string; path: string }>): Promise<void> {
    for (const step of steps) await env.admin.injectFault({ ...step, delayMs: SHOW_AFTER_MS + 500, times: 2 });
  }

  it("pulumi up stores each connector's own URN in its state, as input and output; a fast create sends no progress line", async () => {
    const mark = stack.events.length;
    const result = await stack.up();
    expect(result.summary.resourceChanges).toMatchObject({ create: 4 });
    expect(diagnosticsSince(stack, mark).filter((d) => d.message.includes("wxcc: "))).toEqual([]);
    expect(await urnsInState(stack)).toEqual({
      orders: { inputs: URNS.orders, outputs: URNS.orders },
      crm: { inputs: URNS.crm, outputs: URNS.crm },
    });
  });

  it("a state written before URNs were passed previews as no change, and an edit's preview --diff does not show the hidden input", async () => {
    // Strip the hidden input as older versions of the package wrote state.
    const exported = await stack.stack.exportStack();
    for (const r of exported.deployment.resources ?? []) {
      if (r.type !== TYPE) continue;
      delete r.inputs.__wxccUrn;
      delete r.outputs.__wxccUrn;
    }
    await stack.stack.importStack(exported);
    expect(await urnsInState(stack)).toEqual({ orders: { inputs: undefined, outputs: undefined }, crm: { inputs: undefined, outputs: undefined } });

    const same = await stack.preview();
    expect(same.changeSummary).toEqual({ same: 4 });
    expect(same.stdout).not.toContain("__wxccUrn");

    await stack.declare(edited);
    const preview = await stack.preview();
    expect(preview.changeSummary).toEqual({ same: 2, update: 2 });
    expect(preview.stdout).toContain("domainUrl");
    expect(preview.stdout).not.toContain("__wxccUrn");
  });

  it("pulumi up of an edit shows deactivating… on each connector's row (ephemeral, its URN) and lists no progress under Diagnostics", async () => {
    await slowSteps({ method: "POST", path: "/deactivate$" }, { method: "PUT", path: "/connectors/[^/]+$" }, { method: "POST", path: "/activate$" });
    const mark = stack.events.length;
    const result = await stack.up();
    expect(result.summary.resourceChanges).toMatchObject({ update: 2 });

    const progress = diagnosticsSince(stack, mark).filter((d) => d.message.includes("wxcc: "));
    for (const [resource, urn] of Object.entries(URNS)) {
      const steps = progress.filter((d) => d.urn === urn);
      expect(steps.map((d) => d.message)).toEqual(
        expect.arrayContaining([expect.stringContaining("deactivating…"), expect.stringContaining("editing…"), expect.stringContaining("reactivating…")]),
      );
      expect(
        steps.every((d) => d.ephemeral === true),
        `${resource}: every progress message ephemeral`,
      ).toBe(true);
    }
    expect(progress.filter((d) => !d.ephemeral || !Object.values(URNS).includes(d.urn ?? ""))).toEqual([]);

    // The row shows each step, and "done" beside its final status; the summary at the end
    // does not repeat them.
    expect(result.stdout).toMatch(/CustomConnector crm updating .*: deactivating…/);
    expect(result.stdout).toMatch(/CustomConnector crm updated .*"CRM API" .*: done/);
    expect(diagnosticsSection(result.stdout)).not.toContain("wxcc: ");
    // The update wrote the URN back into the old state's inputs and outputs.
    expect(await urnsInState(stack)).toEqual({
      orders: { inputs: URNS.orders, outputs: URNS.orders },
      crm: { inputs: URNS.crm, outputs: URNS.crm },
    });
    expect((await stack.preview()).changeSummary).toEqual({ same: 4 });
  });

  it("pulumi destroy shows deleting… on each connector's row too", async () => {
    await slowSteps({ method: "DELETE", path: "/connectors/[^/]+$" });
    const mark = stack.events.length;
    const result = await stack.destroy();
    const progress = diagnosticsSince(stack, mark).filter((d) => d.message.includes("wxcc: "));
    for (const urn of Object.values(URNS)) {
      expect(progress.filter((d) => d.urn === urn && d.ephemeral).map((d) => d.message)).toEqual(
        expect.arrayContaining([expect.stringContaining("deleting…")]),
      );
    }
    expect(diagnosticsSection(result.stdout)).not.toContain("wxcc: ");
    expect(await env.byHand(org).list()).toEqual([]);
  });

  it("no secret appears in the CLI output or in any diagnostic message shown (progress included)", () => {
    // Resource events and the SDK's debug diagnostics dump values by Pulumi's own design
    // (test/e2e/support/pulumi-own-dumps.ts); security.e2e.test.ts scans those in full.
    const messages = diagnosticsSince(stack, 0)
      .filter((d) => d.severity !== "debug")
      .map((d) => d.message)
      .join("\n");
    expect(messages).toContain("deactivating…");
    for (const secret of [...basic.secrets, org.token]) {
      expect(stack.output.includes(secret), "secret in CLI output").toBe(false);
      expect(messages.includes(secret), "secret in a diagnostic message").toBe(false);
    }
  });
});
