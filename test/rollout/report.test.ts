import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { drift, preview, up } from "../../rollout/rollout";
import type { StackRun } from "../../rollout/run-stack";

// The Pulumi side is covered end to end (test/e2e/rollout-*.e2e.test.ts); here each stack's
// run is given, to pin down how a run becomes the org's line of the report.
const runs = new Map<string, Partial<StackRun>>();
vi.mock("../../rollout/run-stack", () => ({
  runStack: async (op: string, stack: string): Promise<StackRun> => ({
    stack,
    ok: true,
    changes: { create: 0, update: 0, replace: 0, delete: 0, same: 1 },
    resources: [],
    errors: [],
    warnings: [],
    ms: 5,
    ...runs.get(`${op}:${stack}`),
  }),
}));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rollout-report-"));
fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
for (const s of ["acme", "globex"]) fs.writeFileSync(path.join(dir, `Pulumi.${s}.yaml`), `config:\n  wxcc:orgId: ${s}\n`);
const SKIPPED = 'Org limit check for org "globex" skipped: listing its connectors returned HTTP 401.';

describe("the rollout report is true", () => {
  it("a preview whose org check was skipped is failed, naming the warning; every warning is in the report", async () => {
    runs.set("preview:globex", { warnings: [SKIPPED] });
    runs.set("preview:acme", { warnings: ["something harmless"] });
    const r = await preview({ dir });
    expect(r.ok).toBe(false);
    expect(r.stacks.map((s) => [s.stack, s.status, s.warnings])).toEqual([
      ["acme", "ok", ["something harmless"]],
      ["globex", "failed", [SKIPPED]],
    ]);
    expect(r.stacks[1].error).toBe(`a check could not run:\n${SKIPPED}`);
  });

  it("an up keeps its outcome and carries the warning (the backend took the changes)", async () => {
    runs.set("up:globex", { warnings: [SKIPPED] });
    const r = await up({ dir });
    expect(r.stacks.map((s) => [s.stack, s.status, s.warnings.length])).toEqual([
      ["acme", "ok", 0],
      ["globex", "ok", 1],
    ]);
  });

  it("drift: changed connectors make an org drifted; a skipped check makes it unchecked, not in sync", async () => {
    runs.set("drift:acme", {
      resources: [
        { urn: "urn:pulumi:acme::p::t::crm", op: "update", diffs: ["name"] },
        { urn: "urn:pulumi:acme::p::t::orders", op: "same", diffs: [] },
      ],
    });
    runs.set("drift:globex", { warnings: [SKIPPED] });
    const r = await drift({ dir });
    expect(r.stacks.map((s) => [s.stack, s.status, s.resources.map((x) => x.urn.split("::").pop())])).toEqual([
      ["acme", "drifted", ["crm"]],
      ["globex", "failed", []],
    ]);
  });

  it("progress: one line per org started and finished", async () => {
    runs.set("preview:globex", { ok: false, error: "boom" });
    const lines: string[] = [];
    await preview({ dir, onProgress: (l) => lines.push(l) });
    expect(lines).toEqual([
      "[acme] preview started",
      "[acme] preview done in 0.0 s (0 to create, 0 to update, 0 to replace, 0 to delete)",
      "[globex] preview started",
      "[globex] preview failed in 0.0 s",
    ]);
  });
});
