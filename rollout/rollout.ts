import { runStack, type RunOptions, type StackRun } from "./run-stack";
import { discoverStacks, stackOrgId } from "./stacks";
import type { ChangeCounts, ResourceChange } from "./summary";
import { planWaves, runWaves, type RolloutStatus } from "./waves";

/** One org's line of a rollout report (the `--json` shape, see examples/ci/README.md). */
export interface StackReport {
  stack: string;
  orgId?: string;
  status: RolloutStatus;
  changes: ChangeCounts;
  resources: ResourceChange[];
  error?: string;
  ms?: number;
}

/** The whole report: `ok` is false when any stack failed. */
export interface RolloutReport {
  command: "preview" | "up";
  waves?: string[][];
  stacks: StackReport[];
  ok: boolean;
}

/** Options of {@link preview} and {@link up}. */
export interface RolloutOptions extends RunOptions {
  /** Stacks to use (default: every Pulumi.<stack>.yaml in `dir`). */
  stacks?: string[];
  /** Run stacks of a wave (or, for preview, all stacks) at the same time. */
  parallel?: boolean;
}

const zero = (): ChangeCounts => ({ create: 0, update: 0, replace: 0, delete: 0, same: 0 });

function report(dir: string, stack: string, status: RolloutStatus, run?: StackRun): StackReport {
  return {
    stack,
    orgId: stackOrgId(dir, stack),
    status,
    changes: run?.changes ?? zero(),
    resources: run?.resources ?? [],
    ...(run?.error ? { error: run.error } : {}),
    ...(run ? { ms: run.ms } : {}),
  };
}

/**
 * Previews every (or every chosen) stack; a failed preview does not stop the others.
 *
 * @example
 * ```ts
 * const r = await preview({ dir: "examples/multi-org" });
 * console.log(formatReport(r));
 * ```
 */
export async function preview(opts: RolloutOptions): Promise<RolloutReport> {
  const stacks = discoverStacks(opts.dir, opts.stacks);
  const runs: StackRun[] = [];
  if (opts.parallel) runs.push(...(await Promise.all(stacks.map((s) => runStack("preview", s, opts)))));
  else for (const s of stacks) runs.push(await runStack("preview", s, opts));
  const stacksOut = runs.map((r) => report(opts.dir, r.stack, r.ok ? "ok" : "failed", r));
  return { command: "preview", stacks: stacksOut, ok: runs.every((r) => r.ok) };
}

/**
 * Applies the stacks in waves: the canary first, then `waveSize` at a time; stops after the
 * first wave with a failed org. Re-running after a fix resumes: converged stacks are no-ops.
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
  const outcome = await runWaves(waves, (s) => runStack("up", s, opts), { parallel: opts.parallel });
  const order = waves.flat();
  const stacksOut = order.map((s) => report(opts.dir, s, outcome.get(s)!.status, outcome.get(s)!.result));
  return { command: "up", waves, stacks: stacksOut, ok: stacksOut.every((s) => s.status === "ok") };
}
