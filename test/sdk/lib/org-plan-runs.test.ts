import * as pulumi from "@pulumi/pulumi";
import { afterAll, describe, expect, it } from "vitest";
import { type OrgPlanError, planOrg, resetOrgPlan, setOrgPlanSource } from "../../../sdk/lib/org-plan";

const mocks: pulumi.runtime.Mocks = { newResource: (a) => ({ id: a.name, state: a.inputs }), call: (a) => a.inputs };

/** The code of the `OrgPlanError` that `declare` throws, or `undefined` when it throws none. */
function refusal(declare: () => unknown): string | undefined {
  try {
    declare();
    return undefined;
  } catch (err) {
    return (err as OrgPlanError).code;
  }
}

afterAll(() => setOrgPlanSource(undefined));

describe("the org plan belongs to one run of the program", () => {
  // An inline Automation API program runs once per `up`/`preview` in one process, and a user's
  // unit tests set mocks again per case: each run has a resource monitor of its own.
  it("starts afresh when the run changes, and still refuses a name declared twice within one run", async () => {
    const failures: OrgPlanError[] = [];
    setOrgPlanSource({ config: { get: (k) => (k === "wxcc:offlinePreview" ? "true" : undefined) }, env: {}, dryRun: true, report: (e) => failures.push(e) });
    resetOrgPlan();
    await pulumi.runtime.setMocks(mocks, "project", "run-1", true);
    expect(refusal(() => planOrg("custom", "crm", { name: "CRM API", orgId: "acme" }))).toBeUndefined();
    await pulumi.runtime.setMocks(mocks, "project", "run-2", true);
    expect(refusal(() => planOrg("custom", "crm", { name: "CRM API", orgId: "acme" }))).toBeUndefined();
    expect(refusal(() => planOrg("custom", "crm-again", { name: "crm api", orgId: "acme" }))).toBe("NAME_CONFLICT");
    expect(failures.map((f) => f.code)).toEqual(["NAME_CONFLICT"]);
  });

  it("keeps interleaved runs apart (two inline stacks at once): each refuses its own duplicate and nothing of the other's", async () => {
    // Pulumi keeps each run's monitor in async context, so two stacks' programs running at once
    // in one process declare alternately, each under its own monitor (found by review: one
    // plan per process, restarted at each switch, split both runs' declarations).
    const failures: OrgPlanError[] = [];
    setOrgPlanSource({ config: { get: (k) => (k === "wxcc:offlinePreview" ? "true" : undefined) }, env: {}, dryRun: true, report: (e) => failures.push(e) });
    resetOrgPlan();
    await pulumi.runtime.setMocks(mocks, "project", "stack-a", true);
    const runA = pulumi.runtime.getMonitor();
    await pulumi.runtime.setMocks(mocks, "project", "stack-b", true);
    const runB = pulumi.runtime.getMonitor();
    const under = (run: unknown, stack: string, declare: () => unknown) => {
      (pulumi.runtime as unknown as { setMockOptions(m: unknown, p: string, s: string, preview: boolean): void }).setMockOptions(run, "project", stack, true);
      return refusal(declare);
    };
    expect(under(runA, "stack-a", () => planOrg("custom", "a1", { name: "NewDup", orgId: "acme" }))).toBeUndefined();
    expect(under(runB, "stack-b", () => planOrg("custom", "b1", { name: "Other", orgId: "acme" }))).toBeUndefined();
    // Run A's duplicate is refused although run B declared in between.
    expect(under(runA, "stack-a", () => planOrg("custom", "a2", { name: "NEWDUP", orgId: "acme" }))).toBe("NAME_CONFLICT");
    // Run B may declare the same names as run A (another stack, another org's plan).
    expect(under(runB, "stack-b", () => planOrg("custom", "b2", { name: "NewDup", orgId: "acme" }))).toBeUndefined();
    expect(under(runB, "stack-b", () => planOrg("custom", "b3", { name: "other", orgId: "acme" }))).toBe("NAME_CONFLICT");
    expect(failures.map((f) => f.message)).toEqual([
      expect.stringContaining('resources "a1" and "a2" declare [name] "NewDup" and "NEWDUP"'),
      expect.stringContaining('resources "b1" and "b3" declare [name] "Other" and "other"'),
    ]);
  });
});
