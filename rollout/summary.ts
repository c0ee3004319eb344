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
  /**
   * Changed top-level properties: for update and replace, the inputs whose declared value
   * differs from the state; with a refresh (drift), also the ones the backend changed. A
   * secret is named when it changed, never shown.
   */
  diffs: string[];
}

/** What one stack's preview or update did, built from engine events. */
export interface StackChanges {
  changes: ChangeCounts;
  resources: ResourceChange[];
  /** Error diagnostics the engine printed (the provider's messages name org and code). */
  errors: string[];
  /** Warning diagnostics (a check that was skipped, pending operations…). */
  warnings: string[];
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

type Props = Record<string, unknown> | undefined;

/** Top-level keys whose values differ between `olds` and `news` (`__provider` aside). */
function changedKeys(olds: Props, news: Props, keys: Iterable<string>): string[] {
  const out: string[] = [];
  for (const k of new Set(keys)) {
    if (k === "__provider") continue;
    if (JSON.stringify(olds?.[k]) !== JSON.stringify(news?.[k])) out.push(k);
  }
  return out;
}

/** The properties of an event's old/new state (inputs or outputs). */
type StateMeta = { inputs?: Props; outputs?: Props } | undefined;

/**
 * The fields an update or replace changes. Dynamic providers report no changed keys (the
 * engine's `diffs` is empty), so they are computed as the provider's diff does: old state
 * (outputs, else inputs) against the new inputs, over the inputs' keys. Secrets show as
 * `[secret]` on both sides, so a secret that changed is caught only when it appears or
 * disappears (a refresh that drops an unverifiable secret does that).
 */
function stepFields(meta: { diffs?: string[]; keys?: string[]; detailedDiff?: Record<string, unknown>; old?: StateMeta; new?: StateMeta }): string[] {
  const reported = [...(meta.diffs ?? []), ...(meta.keys ?? []), ...Object.keys(meta.detailedDiff ?? {}).map((p) => p.split(/[.[]/)[0])];
  if (reported.length > 0) return reported;
  const olds = meta.old?.outputs ?? meta.old?.inputs;
  const keys = [...Object.keys(meta.new?.inputs ?? {}), ...Object.keys(meta.old?.inputs ?? {})];
  return changedKeys(olds, meta.new?.inputs, keys);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour escapes from Pulumi's output
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "").trim();

/**
 * Collects engine events into per-stack counts, changed fields, errors and warnings. With
 * a refresh first (`preview --refresh`: a drift check), the fields the refresh found
 * changed join the fields of the step that follows, and a resource the refresh changed
 * counts as changed even when the program accepts the live value.
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
  private readonly refreshed = new Map<string, string[]>();
  private readonly errors: string[] = [];
  private readonly warnings: string[] = [];

  onEvent = (event: EngineEvent): void => {
    const meta = event.resourcePreEvent?.metadata;
    if (meta) {
      if (meta.type === "pulumi:pulumi:Stack" || meta.type.startsWith("pulumi:providers:")) return;
      if (meta.op === "refresh") {
        const fields = meta.new
          ? changedKeys(meta.old?.inputs, meta.new.inputs, [...Object.keys(meta.old?.inputs ?? {}), ...Object.keys(meta.new.inputs ?? {})])
          : [];
        this.refreshed.set(meta.urn, fields);
        return;
      }
      const op = counted[meta.op];
      if (!op) return;
      const own = op === "update" || op === "replace" ? stepFields(meta as Parameters<typeof stepFields>[0]) : [];
      const diffs = [...new Set([...own, ...(this.refreshed.get(meta.urn) ?? [])])].sort();
      this.byUrn.set(meta.urn, { urn: meta.urn, op, diffs });
      return;
    }
    const diag = event.diagnosticEvent;
    if (!diag) return;
    const text = plain(diag.message);
    if (!text) return;
    if (diag.severity === "error" && !this.errors.includes(text)) this.errors.push(text);
    if (diag.severity === "warning" && !this.warnings.includes(text)) this.warnings.push(text);
  };

  result(): StackChanges {
    const changes: ChangeCounts = { create: 0, update: 0, replace: 0, delete: 0, same: 0 };
    const resources = [...this.byUrn.values()].sort((a, b) => a.urn.localeCompare(b.urn));
    for (const r of resources) changes[r.op] += 1;
    return { changes, resources, errors: [...this.errors], warnings: [...this.warnings] };
  }
}

/** `name` of a URN (`urn:pulumi:stack::project::type::name` → `name`). */
export function urnName(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}
