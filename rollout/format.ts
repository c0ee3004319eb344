import type { RolloutReport } from "./rollout";
import { urnName } from "./summary";
import { formatTable } from "./table";

/**
 * The human summary of a rollout: one row per org with its step counts and changed fields,
 * then the error of every failed org and a one-line verdict.
 *
 * @example
 * ```ts
 * console.log(formatReport(await preview({ dir })));
 * ```
 */
export function formatReport(r: RolloutReport): string {
  const header = ["stack", "org", "status", "create", "update", "replace", "delete", "same", "changed fields"];
  const rows = r.stacks.map((s) => [
    s.stack,
    s.orgId ?? "-",
    statusLabel(r.command, s.status),
    ...[s.changes.create, s.changes.update, s.changes.replace, s.changes.delete, s.changes.same].map(String),
    changedFields(s.resources) || "-",
  ]);
  const parts = [formatTable(header, rows)];
  for (const s of r.stacks.filter((x) => x.error)) parts.push(`\n${s.stack} (${s.orgId ?? "?"}) failed:\n${indent(s.error!)}`);
  if (r.command === "up") {
    const by = (st: string) => r.stacks.filter((s) => s.status === st).map((s) => s.stack).join(", ") || "none";
    parts.push(`\ndone: ${by("ok")}; failed: ${by("failed")}; untouched: ${by("untouched")}`);
    if (!r.ok) parts.push("fix the failure and run `wxcc-rollout up` again: converged stacks are no-ops");
  } else {
    parts.push(r.ok ? "\npreview ok for every stack" : `\npreview failed for ${r.stacks.filter((s) => s.status === "failed").length} stack(s)`);
  }
  return parts.join("\n");
}

function statusLabel(cmd: "preview" | "up", s: string): string {
  if (s === "ok") return cmd === "up" ? "done" : "ok";
  return s;
}

/** `resource.field, …` for updated/replaced resources; `+resource` / `-resource` for others. */
function changedFields(resources: RolloutReport["stacks"][number]["resources"]): string {
  const out: string[] = [];
  for (const r of resources) {
    const name = urnName(r.urn);
    if (r.op === "create") out.push(`+${name}`);
    else if (r.op === "delete") out.push(`-${name}`);
    else if (r.op === "update" || r.op === "replace") {
      const mark = r.op === "replace" ? "±" : "~";
      out.push(`${mark}${name}(${r.diffs.join(",") || "?"})`);
    }
  }
  return out.join(" ");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
}
