import type { RolloutReport, StackReport } from "./rollout";
import { urnName } from "./summary";
import { formatTable } from "./table";

/**
 * The human summary of a rollout: one row per org with its step counts and changed fields
 * (a drift check: its drifted connectors and fields), then every warning, the error of every
 * failed org and a one-line verdict.
 *
 * @example
 * ```ts
 * console.log(formatReport(await preview({ dir })));
 * ```
 */
export function formatReport(r: RolloutReport): string {
  const parts = [r.command === "drift" ? driftTable(r) : changeTable(r)];
  for (const s of r.stacks.filter((x) => x.warnings?.length)) parts.push(`\n${s.stack} (${s.orgId ?? "?"}) warnings:\n${indent(s.warnings.join("\n"))}`);
  for (const s of r.stacks.filter((x) => x.error)) parts.push(`\n${s.stack} (${s.orgId ?? "?"}) ${s.status}:\n${indent(s.error!)}`);
  parts.push(`\n${verdict(r)}`);
  return parts.join("\n");
}

function changeTable(r: RolloutReport): string {
  const header = ["stack", "org", "status", "create", "update", "replace", "delete", "same", "changed fields"];
  const rows = r.stacks.map((s) => [
    s.stack,
    s.orgId ?? "-",
    statusLabel(r.command, s.status),
    ...[s.changes.create, s.changes.update, s.changes.replace, s.changes.delete, s.changes.same].map(String),
    changedFields(s.resources) || "-",
  ]);
  return formatTable(header, rows);
}

function driftTable(r: RolloutReport): string {
  const header = ["stack", "org", "status", "connector", "drifted fields"];
  const rows: string[][] = [];
  for (const s of r.stacks) {
    if (s.resources.length === 0) rows.push([s.stack, s.orgId ?? "-", driftLabel(s), "-", "-"]);
    s.resources.forEach((x, i) => {
      const fields =
        x.op === "update" || x.op === "replace" || x.op === "same"
          ? x.diffs.join(", ") || "?"
          : x.op === "create"
            ? "(gone: would be created)"
            : "(would be deleted)";
      rows.push([i === 0 ? s.stack : "", i === 0 ? (s.orgId ?? "-") : "", i === 0 ? driftLabel(s) : "", urnName(x.urn), fields]);
    });
  }
  return formatTable(header, rows);
}

function driftLabel(s: StackReport): string {
  return s.status === "ok" ? "in sync" : s.status === "failed" ? "not checked" : s.status;
}

function verdict(r: RolloutReport): string {
  const by = (st: string) => r.stacks.filter((s) => s.status === st).map((s) => s.stack);
  const list = (st: string) => by(st).join(", ") || "none";
  const lines: string[] = [];
  if (r.interrupted) lines.push(`interrupted by ${r.interrupted}`);
  if (r.command === "up") {
    const interrupted = by("interrupted").length ? `; interrupted: ${list("interrupted")}` : "";
    lines.push(`done: ${list("ok")}; failed: ${list("failed")}${interrupted}; untouched: ${list("untouched")}`);
    if (!r.ok && !r.interrupted) lines.push("fix the failure and run `wxcc-rollout up` again: converged stacks are no-ops");
  } else if (r.command === "drift") {
    const drifted = by("drifted");
    const unchecked = [...by("failed"), ...by("interrupted"), ...by("untouched")];
    lines.push(drifted.length ? `drift in ${drifted.join(", ")}` : unchecked.length ? "no drift found in the orgs that could be checked" : "no drift found");
    if (unchecked.length) lines.push(`could not check: ${unchecked.join(", ")}`);
    if (drifted.length) lines.push(`put the orgs back with \`wxcc-rollout up --refresh --stacks ${drifted.join(",")}\`, or change the program to match`);
  } else {
    lines.push(r.ok ? "preview ok for every stack" : `preview failed for ${r.stacks.filter((s) => s.status !== "ok").length} stack(s)`);
  }
  return lines.join("\n");
}

function statusLabel(cmd: RolloutReport["command"], s: string): string {
  if (s === "ok") return cmd === "up" ? "done" : "ok";
  return s;
}

/** `resource.field, …` for updated/replaced resources; `+resource` / `-resource` for others. */
function changedFields(resources: StackReport["resources"]): string {
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
