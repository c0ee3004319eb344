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
});
