/**
 * Runs `f` and measures its wall time.
 *
 * @example
 * const { ms, result } = await timed(() => stack.up());
 */
export async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await f();
  return { ms: performance.now() - start, result };
}

/**
 * Milliseconds as seconds with one decimal.
 *
 * @example
 * seconds(1234); // "1.2"
 */
export const seconds = (ms: number): string => (ms / 1000).toFixed(1);

/** Order statistics of a sample. */
export interface Summary {
  n: number;
  min: number;
  median: number;
  p95: number;
  max: number;
}

/**
 * Min, median, 95th percentile (nearest rank) and max of a non-empty sample.
 *
 * @example
 * summarize([3, 1, 2]); // { n: 3, min: 1, median: 2, p95: 3, max: 3 }
 */
export function summarize(sample: number[]): Summary {
  if (sample.length === 0) throw new Error("summarize needs at least one value");
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { n: sorted.length, min: sorted[0]!, median, p95: rank(0.95), max: sorted.at(-1)! };
}
