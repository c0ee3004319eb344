import type { FaultSpec } from "../../../emulator/faults";

/** `wxcc:requestTimeoutMs` of the matrix stacks; the "timeout" fault answers twice as late. */
export const REQUEST_TIMEOUT_MS = 1500;

/** A column of the matrix: one way a call can go wrong. */
export interface FaultKind {
  label: string;
  spec: Pick<FaultSpec, "status" | "delayMs" | "drop" | "after">;
}

/**
 * Every fault persists for the whole first `pulumi up` (so retries cannot hide it and the
 * failure paths run), then is cleared before the one re-run.
 */
export const FAULT_KINDS: FaultKind[] = [
  { label: "500", spec: { status: 500 } },
  { label: "429", spec: { status: 429 } },
  // Handled, then answered after the client gave up: the change landed, the answer did not.
  { label: "timeout", spec: { delayMs: 2 * REQUEST_TIMEOUT_MS, after: true } },
  // Cut before the backend saw it.
  { label: "dropped", spec: { drop: true } },
  // Handled, then the connection cut: the change landed, no answer at all.
  { label: "answer lost", spec: { drop: true, after: true } },
];

export type Operation = "create" | "update" | "delete";

/** A row of the matrix: the call of one operation that meets the fault. */
export interface Step {
  op: Operation;
  step: "create" | "preflight" | "deactivate" | "edit" | "activate" | "delete";
  method: string;
  /** Path regex of the faulted call; `connectorId` is unknown for a create. */
  path(orgId: string, connectorId?: string): string;
}

const item = (orgId: string, id?: string) => `^/v1/organizations/${orgId}/connectors/${id}`;

/**
 * The calls of each operation, in order: create = POST; update = preflight (IdP) + deactivate
 * + PUT + activate; delete = deactivate + DELETE (no read before either: issue 12).
 */
export const STEPS: Step[] = [
  { op: "create", step: "create", method: "POST", path: (org) => `^/v1/organizations/${org}/connectors$` },
  { op: "update", step: "preflight", method: "POST", path: () => "^/oauth/token$" },
  { op: "update", step: "deactivate", method: "POST", path: (org, id) => `${item(org, id)}/deactivate$` },
  { op: "update", step: "edit", method: "PUT", path: (org, id) => `${item(org, id)}$` },
  { op: "update", step: "activate", method: "POST", path: (org, id) => `${item(org, id)}/activate$` },
  { op: "delete", step: "deactivate", method: "POST", path: (org, id) => `${item(org, id)}/deactivate$` },
  { op: "delete", step: "delete", method: "DELETE", path: (org, id) => `${item(org, id)}$` },
];

/** What one cell showed: after the faulted `pulumi up`, and after the re-run (when needed). */
export interface CellOutcome {
  firstUpOk: boolean;
  /** e.g. "old", "INACTIVE old", "kept", "none". */
  afterFirst: string;
  /** After the re-run (or the first up when it succeeded). */
  final: string;
  rerunOk?: boolean;
  /** Broken guarantees; empty when the cell holds. */
  problems: string[];
  /**
   * The connector's longest INACTIVE window during the faulted up, from the event log
   * (DEACTIVATE → ACTIVATE; a delete's DEACTIVATE → DELETE is not downtime), in ms; absent
   * when it never went down. `leftDown` when the up ended with it still INACTIVE: then the
   * window ends at the provider's last call about it (when it gave up and said so).
   */
  downMs?: number;
  leftDown?: boolean;
  /** Longest pause between two requests about the connector while it was down, in ms. */
  longestWaitMs?: number;
}

export const rowLabel = (s: Step) => `${s.op} · ${s.step}`;

/**
 * The matrix as a Markdown table. A cell reads `✓ new` when the faulted up succeeded anyway,
 * or `✗ old → ✓ new` when it failed, leaving the connector as shown, and the re-run converged.
 */
export function renderMatrix(outcomes: Map<string, CellOutcome>, steps: Step[] = STEPS): string {
  const header = `| operation · step | ${FAULT_KINDS.map((f) => f.label).join(" | ")} |`;
  const rule = `|---|${FAULT_KINDS.map(() => "---").join("|")}|`;
  const rows = steps.map((s) => {
    const cells = FAULT_KINDS.map((f) => {
      const o = outcomes.get(cellKey(s, f));
      if (!o) return "not run";
      const text = o.firstUpOk ? `✓ ${o.final}` : `✗ ${o.afterFirst} → ${o.rerunOk ? "✓" : "✗"} ${o.final}`;
      return o.problems.length ? `${text} ⚠` : text;
    });
    return `| ${rowLabel(s)} | ${cells.join(" | ")} |`;
  });
  return [header, rule, ...rows].join("\n");
}

export const cellKey = (s: Step, f: FaultKind) => `${rowLabel(s)} / ${f.label}`;

/**
 * The worst INACTIVE window per fault kind over `outcomes` (every step), with the cell it
 * came from and the longest single pause while down, as a Markdown table.
 */
export function renderDowntime(outcomes: Map<string, CellOutcome>, steps: Step[] = STEPS): string {
  const rows = FAULT_KINDS.map((f) => {
    let worst: { key: string; o: CellOutcome } | undefined;
    let longestWait = 0;
    let windows = 0;
    for (const s of steps) {
      const o = outcomes.get(cellKey(s, f));
      if (o?.downMs === undefined) continue;
      windows++;
      longestWait = Math.max(longestWait, o.longestWaitMs ?? 0);
      if (!worst || o.downMs > worst.o.downMs!) worst = { key: rowLabel(s), o };
    }
    if (!worst) return `| ${f.label} | — | — | — | 0 |`;
    const down = `${(worst.o.downMs! / 1000).toFixed(2)} s${worst.o.leftDown ? " (left INACTIVE: until the provider gave up; the re-run restored it)" : ""}`;
    return `| ${f.label} | ${down} | ${worst.key} | ${(longestWait / 1000).toFixed(2)} s | ${windows} |`;
  });
  return ["| fault | worst INACTIVE window | in cell | longest single pause while down | cells that went down |", "|---|---|---|---|---|", ...rows].join("\n");
}
