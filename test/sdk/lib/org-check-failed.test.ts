import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { inProgramRunner, registersRefusedConnectors, waitingForCheck } from "../../../sdk/lib/org-check-failed";

// What a connector does after its program's org check failed: under the CLI's runner it never
// registers (the failed program fails the run by itself); in an inline Automation API program
// it registers with a hidden input its provider's check refuses, so the engine fails the run
// before it deletes anything, whichever resources are targeted.
// test/e2e/inline-program.e2e.test.ts runs both for real.

/**
 * How an output settles: its value or its error. Every side of it is read, as Pulumi's
 * serializer reads them when it registers the resource, so none is left unhandled.
 */
function settle(o: pulumi.Output<unknown>): Promise<{ value: unknown } | { error: unknown }> {
  const out = o as any;
  for (const side of [out.isKnown, out.isSecret, out.allResources?.()]) side?.catch?.(() => undefined);
  return (out.promise() as Promise<unknown>).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

describe("a connector after a failed org check", () => {
  it("tells the CLI's program runner from any other main module (an inline host script, a test runner)", () => {
    expect(inProgramRunner("/p/node_modules/@pulumi/pulumi/cmd/run/index.js")).toBe(true);
    expect(inProgramRunner("C:\\p\\node_modules\\@pulumi\\pulumi\\cmd\\run\\index.js")).toBe(true);
    expect(inProgramRunner("/home/me/deploy/automation.js")).toBe(false);
    expect(inProgramRunner("/p/node_modules/vitest/dist/worker.js")).toBe(false);
    expect(inProgramRunner(undefined)).toBe(false);
  });

  it("registers nothing extra without an engine or under setMocks (a user's unit tests: nothing would refuse it)", async () => {
    expect(registersRefusedConnectors()).toBe(false);
    await pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: (a) => a.inputs }, "p", "s", true);
    expect(registersRefusedConnectors()).toBe(false);
  });

  it("where connectors register after a failure: the name settles either way, the hidden input is true only after one", async () => {
    const failed = waitingForCheck("CRM", Promise.reject(new Error("clash")), true);
    expect(await settle(failed.name)).toEqual({ value: "CRM" });
    expect(await settle(failed.__wxccRefusal!)).toEqual({ value: "org-check" });
    const passed = waitingForCheck(pulumi.output("CRM"), Promise.resolve(), true);
    expect(await settle(passed.name)).toEqual({ value: "CRM" });
    expect(await settle(passed.__wxccRefusal!)).toEqual({ value: undefined });
  });

  it("elsewhere: the name rejects with the check's own error, and no hidden input is added", async () => {
    const error = new Error("clash");
    const failed = waitingForCheck("CRM", Promise.reject(error), false);
    expect(await settle(failed.name)).toEqual({ error });
    expect(Object.keys(failed)).toEqual(["name"]);
    expect(await settle(waitingForCheck("CRM", Promise.resolve(), false).name)).toEqual({ value: "CRM" });
  });
});
