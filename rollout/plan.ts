import { discoverStacks, stackOrgId } from "./stacks";
import { planWaves } from "./waves";

/** One job of a wave: what a GitHub Actions matrix entry holds. */
export interface PlannedJob {
  /** The stack as `--stacks` takes it (short or fully qualified, as given). */
  stack: string;
  orgId?: string;
  /** 1-based wave number (the canary, if any, is wave 1). */
  wave: number;
}

/**
 * The waves of a rollout as CI job matrices: `waves[i]` is `{ include: [...] }`, the shape
 * `strategy.matrix: ${{ fromJSON(needs.plan.outputs.plan).waves[i] }}` takes.
 */
export interface RolloutPlan {
  /** Number of waves. */
  count: number;
  waves: Array<{ include: PlannedJob[] }>;
  /** Every stack in rollout order. */
  stacks: string[];
}

/**
 * Plans a rollout for a CI job matrix: the canary alone first, then `waveSize` stacks per
 * wave. With `maxWaves` (the number of wave jobs a workflow declares) a plan that needs more
 * waves is refused, naming the flags that fix it.
 *
 * @example
 * ```ts
 * plan({ dir: "examples/multi-org", canary: "acme", waveSize: 2 }).waves;
 * // [{ include: [{ stack: "acme", orgId: "acme", wave: 1 }] }, { include: [ globex, initech ] }]
 * ```
 */
export function plan(opts: { dir: string; stacks?: string[]; canary?: string; waveSize?: number; maxWaves?: number }): RolloutPlan {
  const stacks = discoverStacks(opts.dir, opts.stacks);
  const waves = planWaves(stacks, { canary: opts.canary, waveSize: opts.waveSize });
  if (opts.maxWaves !== undefined && waves.length > opts.maxWaves) {
    throw new Error(`the rollout needs ${waves.length} waves but [--max-waves] is ${opts.maxWaves}: raise [--wave-size] or add wave jobs to the workflow`);
  }
  return {
    count: waves.length,
    waves: waves.map((wave, i) => ({ include: wave.map((stack) => ({ stack, orgId: stackOrgId(opts.dir, stack), wave: i + 1 })) })),
    stacks: waves.flat(),
  };
}
