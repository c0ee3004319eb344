import type { EngineEvent } from "@pulumi/pulumi/automation";

/** Counts of planned or applied steps of one stack. */
export interface ChangeCounts {
  create: number;
  update: number;
  replace: number;
  delete: number;
  same: number;
}

/** One resource step (the stack resource and providers are left out). */
export interface ResourceChange {
  urn: string;
  op: keyof ChangeCounts;
  /** Changed top-level properties (for update and replace). */
  diffs: string[];
}

/** What one stack's preview or update did, built from engine events. */
export interface StackChanges {
  changes: ChangeCounts;
  resources: ResourceChange[];
  /** Error diagnostics the engine printed (the provider's messages name org and code). */
  errors: string[];
}

const counted: Record<string, keyof ChangeCounts | undefined> = {
  create: "create",
  update: "update",
  replace: "replace",
  "create-replacement": undefined,
  "delete-replaced": undefined,
  delete: "delete",
  same: "same",
};

/**
 * Collects engine events into per-stack counts and changed fields.
 *
 * @example
 * ```ts
 * const summary = new ChangeCollector();
 * await stack.preview({ onEvent: summary.onEvent });
 * summary.result().changes; // { create: 2, update: 0, ... }
 * ```
 */
export class ChangeCollector {
  private readonly byUrn = new Map<string, ResourceChange>();
  private readonly errors: string[] = [];

  onEvent = (event: EngineEvent): void => {
    const meta = event.resourcePreEvent?.metadata;
    if (meta) {
      if (meta.type === "pulumi:pulumi:Stack" || meta.type.startsWith("pulumi:providers:")) return;
      const op = counted[meta.op];
      if (!op) return;
      const diffs = meta.diffs ?? Object.keys(meta.detailedDiff ?? {});
      this.byUrn.set(meta.urn, { urn: meta.urn, op, diffs: op === "update" || op === "replace" ? [...diffs].sort() : [] });
      return;
    }
    const diag = event.diagnosticEvent;
    if (diag && diag.severity === "error") {
      const text = diag.message.replace(/\u001b\[[0-9;]*m/g, "").trim();
      if (text && !this.errors.includes(text)) this.errors.push(text);
    }
  };

  result(): StackChanges {
    const changes: ChangeCounts = { create: 0, update: 0, replace: 0, delete: 0, same: 0 };
    const resources = [...this.byUrn.values()].sort((a, b) => a.urn.localeCompare(b.urn));
    for (const r of resources) changes[r.op] += 1;
    return { changes, resources, errors: [...this.errors] };
  }
}

/** `name` of a URN (`urn:pulumi:stack::project::type::name` → `name`). */
export function urnName(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}
