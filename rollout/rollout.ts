import { runStack, type RunOptions, type StackOp, type StackRun } from "./run-stack";
import { discoverStacks, stackOrgId } from "./stacks";
import type { ChangeCounts, ResourceChange } from "./summary";
import { planWaves, runWaves, type RolloutStatus } from "./waves";

/** One org's line of a rollout report (the `--json` shape, see examples/ci/README.md). */
export interface StackReport {
  stack: string;
  orgId?: string;
  /** drift adds `drifted` (checked, differs); `ok` there means checked and in sync. */
  status: RolloutStatus | "drifted";
  changes: ChangeCounts;
  resources: ResourceChange[];
  /** Every warning the engine and the provider printed (a skipped check shows here). */
  warnings: string[];
  error?: string;
  ms?: number;
}

/** The whole report: `ok` is false when any stack failed, was interrupted or drifted. */
export interface RolloutReport {
  command: "preview" | "up" | "drift";
  waves?: string[][];
  stacks: StackReport[];
  ok: boolean;
  /** Set when the operator stopped the rollout (SIGINT or SIGTERM). */
  interrupted?: "SIGINT" | "SIGTERM";
}

/** Options of {@link preview}, {@link up} and {@link drift}. */
export interface RolloutOptions extends RunOptions {
  /** Stacks to use (default: every Pulumi.<stack>.yaml in `dir`); short or fully qualified names. */
  stacks?: string[];
  /** Run stacks of a wave (or, for preview and drift, all stacks) at the same time. */
  parallel?: boolean;
  /** One line per stack started and finished (the CLI writes them to stderr). */
  onProgress?: (line: string, stack: string, phase: "started" | "finished") => void;
}

const zero = (): ChangeCounts => ({ create: 0, update: 0, replace: 0, delete: 0, same: 0 });

/** Warnings that mean a check did not run: the org's answer is unknown, so it is not `ok`. */
const CHECK_NOT_RUN = /\bcheck\b.*\b(skipped|could not run)\b/i;

/**
 * One org's report line. For a check (preview, drift) an `ok` run whose warnings say a check
 * was skipped is `failed`: the check is what was asked for. An `up` keeps its outcome (the
 * backend took the changes) and carries the warning.
 */
function report(dir: string, stack: string, status: RolloutStatus, run?: StackRun, opts: { checking?: boolean } = {}): StackReport {
  const warnings = run?.warnings ?? [];
  let final: StackReport["status"] = status;
  let error = run?.error;
  if (opts.checking && status === "ok" && warnings.some((w) => CHECK_NOT_RUN.test(w))) {
    final = "failed";
    error = `a check could not run:\n${warnings.filter((w) => CHECK_NOT_RUN.test(w)).join("\n")}`;
  }
  return {
    stack,
    orgId: stackOrgId(dir, stack),
    status: final,
    changes: run?.changes ?? zero(),
    resources: run?.resources ?? [],
    warnings,
    ...(error ? { error } : {}),
    ...(run ? { ms: run.ms } : {}),
  };
}

/** Runs one stack with progress lines before and after. */
async function tracked(op: StackOp, stack: string, opts: RolloutOptions): Promise<StackRun> {
  opts.onProgress?.(`[${stack}] ${op} started`, stack, "started");
  const run = await runStack(op, stack, opts);
  const outcome = run.ok ? "done" : run.interrupted ? "interrupted" : "failed";
  const c = run.changes;
  const counts = `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete`;
  opts.onProgress?.(
    `[${stack}] ${op} ${outcome} in ${(run.ms / 1000).toFixed(1)} s${run.ok ? ` (${op === "up" ? counts.replace(/ to /g, " ") : counts})` : ""}`,
    stack,
    "finished",
  );
  return run;
}

/** Runs `op` on every stack (one at a time or all at once); stops starting stacks once interrupted. */
async function everyStack(op: StackOp, stacks: string[], opts: RolloutOptions): Promise<Map<string, StackRun | undefined>> {
  const runs = new Map<string, StackRun | undefined>(stacks.map((s) => [s, undefined]));
  if (opts.parallel) {
    const done = await Promise.all(stacks.map((s) => tracked(op, s, opts)));
    for (const [i, s] of stacks.entries()) runs.set(s, done[i]);
  } else {
    for (const s of stacks) {
      if (opts.signal?.aborted) break;
      runs.set(s, await tracked(op, s, opts));
    }
  }
  return runs;
}

const statusOf = (run?: StackRun): RolloutStatus => (!run ? "untouched" : run.ok ? "ok" : run.interrupted ? "interrupted" : "failed");

/**
 * Previews every (or every chosen) stack; a failed preview does not stop the others. An org
 * whose checks could not run (a warning says a check was skipped) is `failed`, not `ok`.
 *
 * @example
 * ```ts
 * const r = await preview({ dir: "examples/multi-org" });
 * console.log(formatReport(r));
 * ```
 */
export async function preview(opts: RolloutOptions): Promise<RolloutReport> {
  const stacks = discoverStacks(opts.dir, opts.stacks);
  const runs = await everyStack("preview", stacks, opts);
  const out = stacks.map((s) => report(opts.dir, s, statusOf(runs.get(s)), runs.get(s), { checking: true }));
  return { command: "preview", stacks: out, ok: out.every((s) => s.status === "ok") };
}

/**
 * Checks every (or every chosen) stack for drift: `pulumi preview --refresh` reads every
 * connector from the backend into a copy of the state (the stack's state is not written)
 * and previews the program against it. A stack whose refresh or preview finds a change is
 * `drifted`; its `resources` list the connectors and fields (secrets by name only).
 *
 * @example
 * ```ts
 * const r = await drift({ dir: "examples/multi-org" });
 * r.stacks.filter((s) => s.status === "drifted").map((s) => s.stack); // ["acme"]
 * ```
 */
export async function drift(opts: RolloutOptions): Promise<RolloutReport> {
  const stacks = discoverStacks(opts.dir, opts.stacks);
  const runs = await everyStack("drift", stacks, opts);
  const out = stacks.map((s) => {
    const r = report(opts.dir, s, statusOf(runs.get(s)), runs.get(s), { checking: true });
    const drifted = r.resources.filter((x) => x.op !== "same" || x.diffs.length > 0);
    return r.status === "ok" && drifted.length > 0 ? { ...r, status: "drifted" as const, resources: drifted } : { ...r, resources: drifted };
  });
  return { command: "drift", stacks: out, ok: out.every((s) => s.status === "ok") };
}

/**
 * Applies the stacks in waves: the canary first, then `waveSize` at a time; stops after the
 * first wave with a failed org, or when `signal` aborts (running stacks are cancelled and
 * marked `interrupted`). Re-running after a fix resumes: converged stacks are no-ops.
 *
 * @example
 * ```ts
 * const r = await up({ dir: "examples/multi-org", canary: "acme", waveSize: 2 });
 * r.stacks.map((s) => s.status); // ["ok", "ok", "ok"]
 * ```
 */
export async function up(opts: RolloutOptions & { canary?: string; waveSize?: number }): Promise<RolloutReport> {
  const stacks = discoverStacks(opts.dir, opts.stacks);
  const waves = planWaves(stacks, { canary: opts.canary, waveSize: opts.waveSize });
  const outcome = await runWaves(waves, (s) => tracked("up", s, opts), { parallel: opts.parallel, signal: opts.signal });
  const order = waves.flat();
  const out = order.map((s) => report(opts.dir, s, outcome.get(s)!.status, outcome.get(s)!.result));
  return { command: "up", waves, stacks: out, ok: out.every((s) => s.status === "ok") };
}
