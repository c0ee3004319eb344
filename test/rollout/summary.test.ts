import { describe, expect, it } from "vitest";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { formatReport } from "../../rollout/format";
import { ChangeCollector } from "../../rollout/summary";
import { formatTable } from "../../rollout/table";

const pre = (op: string, name: string, diffs?: string[], type = "pulumi-nodejs:dynamic:Resource", extra: object = {}): EngineEvent =>
  ({
    sequence: 0,
    timestamp: 0,
    resourcePreEvent: { metadata: { op, urn: `urn:pulumi:acme::p::${type}::${name}`, type, diffs, provider: "", ...extra } },
  }) as unknown as EngineEvent;
const T = "pulumi-nodejs:dynamic:Resource";
const diag = (severity: string, message: string): EngineEvent =>
  ({ sequence: 0, timestamp: 0, diagnosticEvent: { message, color: "raw", severity } }) as unknown as EngineEvent;

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
    ])
      c.onEvent(e);
    c.onEvent({ sequence: 0, timestamp: 0, diagnosticEvent: { message: "\u001b[31merror: boom in org acme\u001b[0m\n", color: "raw", severity: "error" } });
    const r = c.result();
    expect(r.changes).toEqual({ create: 1, update: 1, replace: 1, delete: 1, same: 1 });
    expect(r.resources.find((x) => x.urn.endsWith("::crm"))).toMatchObject({ op: "update", diffs: ["domainUrl", "scope"] });
    expect(r.errors).toEqual(["error: boom in org acme"]);
  });

  it("names the changed fields of a dynamic resource's update, which the engine reports as empty diffs", () => {
    const c = new ChangeCollector();
    const old = {
      inputs: { name: "CRM", domainUrl: "https://a", clientSecret: "[secret]", __provider: "x" },
      outputs: { name: "CRM", domainUrl: "https://a", clientSecret: "[secret]", status: "ACTIVE", __provider: "x" },
    };
    const next = { inputs: { name: "CRM", domainUrl: "https://b", clientSecret: "[secret]", scope: "s", __provider: "y" } };
    c.onEvent(pre("update", "crm", [], T, { old, new: next }));
    expect(c.result().resources[0]).toMatchObject({ op: "update", diffs: ["domainUrl", "scope"] });
  });

  it("joins the fields a refresh found changed (drift) to the step that follows, secrets by name only", () => {
    const c = new ChangeCollector();
    const state = { inputs: { name: "CRM API", active: true, password: "[secret]" } };
    const live = { inputs: { name: "CRM (hand)", active: false } };
    c.onEvent(pre("refresh", "crm", undefined, T, { old: state, new: live }));
    c.onEvent(pre("update", "crm", [], T, { old: { inputs: live.inputs, outputs: live.inputs }, new: state }));
    c.onEvent(pre("refresh", "orders", undefined, T, { old: state, new: state }));
    c.onEvent(pre("same", "orders", undefined, T));
    const r = c.result();
    expect(r.resources.map((x) => [x.urn.split("::").pop(), x.op, x.diffs])).toEqual([
      ["crm", "update", ["active", "name", "password"]],
      ["orders", "same", []],
    ]);
    expect(JSON.stringify(r)).not.toContain("[secret]");
  });

  it("keeps every warning, once and without colour codes", () => {
    const c = new ChangeCollector();
    c.onEvent(diag("warning", '\u001b[33mOrg limit check for org "acme" skipped: listing its connectors returned HTTP 401.\u001b[0m\n'));
    c.onEvent(diag("warning", 'Org limit check for org "acme" skipped: listing its connectors returned HTTP 401.'));
    c.onEvent(diag("info", "hello"));
    expect(c.result().warnings).toEqual(['Org limit check for org "acme" skipped: listing its connectors returned HTTP 401.']);
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
        {
          stack: "acme",
          orgId: "acme",
          status: "ok",
          changes: { ...zero, update: 1 },
          resources: [{ urn: "urn:pulumi:acme::p::t::crm", op: "update", diffs: ["scope"] }],
          warnings: [],
        },
        { stack: "globex", orgId: "globex", status: "failed", changes: zero, resources: [], warnings: ["careful"], error: "403 FORBIDDEN in org globex" },
        { stack: "initech", orgId: "initech", status: "untouched", changes: zero, resources: [], warnings: [] },
      ],
    });
    expect(text).toContain("acme     acme     done       0       1");
    expect(text).toContain("~crm(scope)");
    expect(text).toContain("globex (globex) failed:\n  403 FORBIDDEN in org globex");
    expect(text).toContain("globex (globex) warnings:\n  careful");
    expect(text).toContain("done: acme; failed: globex; untouched: initech");
  });

  it("lists drifted connectors and fields per org and says how to put them back", () => {
    const zero = { create: 0, update: 0, replace: 0, delete: 0, same: 0 };
    const text = formatReport({
      command: "drift",
      ok: false,
      stacks: [
        {
          stack: "acme",
          orgId: "acme",
          status: "drifted",
          changes: zero,
          warnings: [],
          resources: [
            { urn: "urn:pulumi:acme::p::t::crm", op: "update", diffs: ["name"] },
            { urn: "urn:pulumi:acme::p::t::orders", op: "update", diffs: ["password"] },
          ],
        },
        { stack: "globex", orgId: "globex", status: "failed", changes: zero, warnings: [], resources: [], error: "401" },
        { stack: "initech", orgId: "initech", status: "ok", changes: zero, warnings: [], resources: [] },
      ],
    });
    expect(text).toContain("acme     acme     drifted      crm        name\n                               orders     password");
    expect(text).toContain("globex   globex   not checked  -          -");
    expect(text).toContain("initech  initech  in sync      -          -");
    expect(text).toContain("drift in acme\ncould not check: globex\nput the orgs back with `wxcc-rollout up --refresh --stacks acme`");
  });
});
