import { describe, expect, it } from "vitest";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { formatReport } from "../../rollout/format";
import { ChangeCollector } from "../../rollout/summary";
import { formatTable } from "../../rollout/table";

const pre = (op: string, name: string, diffs?: string[], type = "pulumi-nodejs:dynamic:Resource"): EngineEvent =>
  ({ sequence: 0, timestamp: 0, resourcePreEvent: { metadata: { op, urn: `urn:pulumi:acme::p::${type}::${name}`, type, diffs, provider: "" } } }) as unknown as EngineEvent;

describe("ChangeCollector", () => {
  it("counts one step per resource (a replace once) and keeps the changed fields of updates", () => {
    const c = new ChangeCollector();
    for (const e of [
      pre("same", "acme-wxcc-multi-org", undefined, "pulumi:pulumi:Stack"),
      pre("create", "orders"),
      pre("update", "crm", ["scope", "domainUrl"]),
      pre("replace", "billing", ["orgId"]),
      pre("create-replacement", "billing", ["orgId"]),
      pre("delete-replaced", "billing"),
      pre("delete", "old"),
      pre("same", "kept"),
    ]) c.onEvent(e);
    c.onEvent({ sequence: 0, timestamp: 0, diagnosticEvent: { message: "\u001b[31merror: boom in org acme\u001b[0m\n", color: "raw", severity: "error" } });
    const r = c.result();
    expect(r.changes).toEqual({ create: 1, update: 1, replace: 1, delete: 1, same: 1 });
    expect(r.resources.find((x) => x.urn.endsWith("::crm"))).toMatchObject({ op: "update", diffs: ["domainUrl", "scope"] });
    expect(r.errors).toEqual(["error: boom in org acme"]);
  });
});

describe("formatTable and formatReport", () => {
  it("pads columns to the widest cell", () => {
    expect(formatTable(["org", "n"], [["acme", "12"]])).toBe("org   n\n----  --\nacme  12");
  });

  it("reports done, failed and untouched orgs of an up and the failing org's error", () => {
    const zero = { create: 0, update: 0, replace: 0, delete: 0, same: 0 };
    const text = formatReport({
      command: "up",
      ok: false,
      stacks: [
        { stack: "acme", orgId: "acme", status: "ok", changes: { ...zero, update: 1 }, resources: [{ urn: "urn:pulumi:acme::p::t::crm", op: "update", diffs: ["scope"] }] },
        { stack: "globex", orgId: "globex", status: "failed", changes: zero, resources: [], error: "403 FORBIDDEN in org globex" },
        { stack: "initech", orgId: "initech", status: "untouched", changes: zero, resources: [] },
      ],
    });
    expect(text).toContain("acme     acme     done       0       1");
    expect(text).toContain("~crm(scope)");
    expect(text).toContain("globex (globex) failed:\n  403 FORBIDDEN in org globex");
    expect(text).toContain("done: acme; failed: globex; untouched: initech");
  });
});
