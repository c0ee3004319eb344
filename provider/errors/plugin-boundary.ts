import { PartialFailureError } from "./partial-failure-error";
import { WxccError } from "./wxcc-error";

/**
 * For `read` and `delete`, the dynamic-provider plugin prints a failure as
 * `${err}: ${err.stack}` before returning it, so users would see our message followed by
 * a JavaScript stack trace. A `WxccError` message already says what failed, where, and
 * what to do, so its stack is replaced by its code.
 *
 * @example
 * ```ts
 * await withoutStackTrace(() => deleteConnector(ctx, id, olds));
 * ```
 */
export async function withoutStackTrace<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof WxccError) Object.defineProperty(err, "stack", { value: `code ${err.code}`, configurable: true, writable: true });
    throw err;
  }
}

/**
 * Runs a create/update and makes a partial failure carry the serialized provider. The
 * dynamic-provider plugin stores a partial failure's `properties` as they are (unlike a
 * success, it does not re-add `__provider`), and a resource whose state lacks it can no
 * longer be refreshed, updated or deleted.
 *
 * @example
 * ```ts
 * return keepingProvider(props, () => create(ctx, inputs));
 * ```
 */
export async function keepingProvider<T>(props: Record<string, unknown>, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof PartialFailureError && props.__provider !== undefined) {
      err.properties.__provider = props.__provider;
    }
    throw err;
  }
}
