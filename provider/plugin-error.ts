import { WxccError } from "./errors";

/**
 * For `read` and `delete`, the dynamic-provider plugin prints a failure as
 * `${err}: ${err.stack}` before returning it, so users would see our message followed by
 * a JavaScript stack trace. A `WxccError` message already says what failed, where, and
 * what to do, so its stack is replaced by its code.
 *
 * @example
 * ```ts
 * await withoutStackTrace(() => deleteConnector(ctx, id, props));
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
