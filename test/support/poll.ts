/**
 * Calls `probe` every `intervalMs` until it returns something other than `undefined`, and
 * returns that. Fails naming `what` after `timeoutMs`: a guard against a hung test, never
 * a timing assertion.
 *
 * @example
 * ```ts
 * const created = await pollUntil("5 creates answered", async () => {
 *   const n = (await admin.requests()).filter((r) => r.status === 201).length;
 *   return n >= 5 ? n : undefined;
 * });
 * ```
 */
export async function pollUntil<T>(what: string, probe: () => Promise<T | undefined>, opts: { timeoutMs?: number; intervalMs?: number } = {}): Promise<T> {
  const { timeoutMs = 120_000, intervalMs = 25 } = opts;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
