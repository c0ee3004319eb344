/**
 * Splits stacks into rollout waves: the canary alone first (if any), then `waveSize` at a
 * time in the given order.
 *
 * @example
 * ```ts
 * planWaves(["acme", "globex", "initech"], { canary: "acme", waveSize: 2 });
 * // [["acme"], ["globex", "initech"]]
 * ```
 */
export function planWaves(stacks: string[], opts: { canary?: string; waveSize?: number } = {}): string[][] {
  const size = opts.waveSize ?? 1;
  if (!Number.isInteger(size) || size < 1) throw new Error(`[--wave-size] must be a positive integer, got ${size}`);
  const waves: string[][] = [];
  let rest = stacks;
  if (opts.canary !== undefined) {
    if (!stacks.includes(opts.canary)) {
      throw new Error(`[--canary] ${opts.canary} is not one of the stacks: ${stacks.join(", ")}`);
    }
    waves.push([opts.canary]);
    rest = stacks.filter((s) => s !== opts.canary);
  }
  for (let i = 0; i < rest.length; i += size) waves.push(rest.slice(i, i + size));
  return waves;
}

/**
 * The outcome of one org in a rollout: `ok` (done), `failed`, `interrupted` (the operator
 * stopped the rollout while it ran) or `untouched` (never started).
 */
export type RolloutStatus = "ok" | "failed" | "interrupted" | "untouched";

/** What a stack run must tell {@link runWaves}. */
export interface WaveRun {
  ok: boolean;
  interrupted?: boolean;
}

const statusOf = (r: WaveRun): RolloutStatus => (r.ok ? "ok" : r.interrupted ? "interrupted" : "failed");

/**
 * Runs the waves in order. Within a wave the stacks run one after another (stopping at the
 * first failure) or all at once with `parallel`; after a wave with a failed org nothing
 * further runs, and once `signal` aborts no further stack starts. Every stack gets a
 * status: done (`ok`), `failed`, `interrupted` or `untouched`.
 *
 * @example
 * ```ts
 * const status = await runWaves([["acme"], ["globex", "initech"]], (s) => up(s));
 * ```
 */
export async function runWaves<R extends WaveRun>(
  waves: string[][],
  run: (stack: string) => Promise<R>,
  opts: { parallel?: boolean; signal?: AbortSignal } = {},
): Promise<Map<string, { status: RolloutStatus; result?: R }>> {
  const out = new Map<string, { status: RolloutStatus; result?: R }>();
  for (const s of waves.flat()) out.set(s, { status: "untouched" });
  for (const wave of waves) {
    if (opts.signal?.aborted) break;
    let failed = false;
    if (opts.parallel) {
      const results = await Promise.all(wave.map(run));
      for (const [i, s] of wave.entries()) out.set(s, { status: statusOf(results[i]), result: results[i] });
      failed = results.some((r) => !r.ok);
    } else {
      for (const s of wave) {
        if (opts.signal?.aborted) break;
        const result = await run(s);
        out.set(s, { status: statusOf(result), result });
        if (!result.ok) {
          failed = true;
          break;
        }
      }
    }
    if (failed) break;
  }
  return out;
}
