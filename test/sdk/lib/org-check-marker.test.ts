import { describe, expect, it } from "vitest";
import * as orgCheckHooks from "../../../provider/org-check-hooks";
import { inProgramRunner, MARKER_REASON } from "../../../sdk/lib/org-check-marker";

// The marker makes the engine fail an inline Automation API run whose org check failed (its
// runtime tells the engine the program is complete before reporting the error, and the engine
// would delete every connector that waited for the check); under the CLI's runner the failed
// program fails the run by itself. test/e2e/inline-program.e2e.test.ts runs both for real.

describe("the org check's failure marker", () => {
  it("tells the CLI's program runner from any other main module (an inline host script, a test runner)", () => {
    expect(inProgramRunner("/p/node_modules/@pulumi/pulumi/cmd/run/index.js")).toBe(true);
    expect(inProgramRunner("C:\\p\\node_modules\\@pulumi\\pulumi\\cmd\\run\\index.js")).toBe(true);
    expect(inProgramRunner("/home/me/deploy/automation.js")).toBe(false);
    expect(inProgramRunner("/p/node_modules/vitest/dist/worker.js")).toBe(false);
    expect(inProgramRunner(undefined)).toBe(false);
  });

  it("has a provider whose check always fails with the marker's reason, naming no property, and which never creates", async () => {
    const { failures } = await orgCheckHooks.check({}, { reason: MARKER_REASON });
    expect(failures).toEqual([{ property: "", reason: MARKER_REASON }]);
    expect((await orgCheckHooks.check({}, {})).failures).toHaveLength(1);
    await expect(orgCheckHooks.create()).rejects.toThrow(/never created/);
  });
});
