import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";

/**
 * A value made by `start` in `beforeAll` (and handed to `stop` in `afterAll`), or afresh
 * for every test with `{ eachTest: true }`, returned as a stand-in that forwards every
 * property to it. A test file can therefore name the
 * value at its top level, and pass it around, although it exists only once tests run.
 *
 * @example
 * ```ts
 * const env = suiteValue(startLifecycleEmulator, (e) => e.close());
 * it("registers an org", async () => {
 *   await env.freshOrg();
 * });
 * ```
 */
export function suiteValue<T extends object>(start: () => T | Promise<T>, stop?: (value: T) => unknown, opts: { eachTest?: boolean } = {}): T {
  let value: T | undefined;
  const [before, after] = opts.eachTest ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    value = await start();
  });
  if (stop) {
    after(async () => {
      // A failed `start` is already reported by its beforeAll; do not bury it under a second error.
      if (value !== undefined) await stop(value);
    });
  }
  const current = (): T => {
    if (value === undefined) throw new Error("suiteValue: read before its beforeAll ran; use it inside a hook or a test, not while the file is collected");
    return value;
  };
  return new Proxy({} as T, {
    get: (_stand, key) => {
      const target = current();
      const property: unknown = Reflect.get(target, key, target);
      return typeof property === "function" ? property.bind(target) : property;
    },
    has: (_stand, key) => Reflect.has(current(), key),
    ownKeys: () => Reflect.ownKeys(current()),
    getOwnPropertyDescriptor: (_stand, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(current(), key);
      // The stand-in's own target is an empty extensible object, so every forwarded property must be reported configurable.
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}
