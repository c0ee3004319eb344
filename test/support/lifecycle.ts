import { type LifecycleEmulator, startLifecycleEmulator } from "./emulator";
import type { KindFixture } from "./fixtures";
import { captureProgress, type ProgressCapture } from "./provider";
import { suiteValue } from "./suite-value";

/**
 * The setup every provider lifecycle test file shares: one emulator for the file and the
 * provider's progress lines captured meanwhile. Call it at the top level of the file.
 *
 * @example
 * ```ts
 * const { env, progress } = useLifecycleEmulator();
 * it("creates", async () => {
 *   const org = await env.freshOrg();
 *   progress.take();
 * });
 * ```
 */
export function useLifecycleEmulator(): { env: LifecycleEmulator; progress: ProgressCapture } {
  const env = suiteValue(startLifecycleEmulator, (started) => started.close());
  const progress = suiteValue(captureProgress, (capture) => capture.restore());
  return { env, progress };
}

/**
 * One kind fixture (IdP app or user registered with the emulator) for the enclosing
 * `describe`, set up once before its tests.
 *
 * @example
 * ```ts
 * describe.each(FIXTURES)("%s create", (_label, setup) => {
 *   const fx = useKindFixture(env, setup);
 * });
 * ```
 */
export function useKindFixture(env: LifecycleEmulator, setup: (env: LifecycleEmulator) => Promise<KindFixture>): KindFixture {
  return suiteValue(() => setup(env));
}
