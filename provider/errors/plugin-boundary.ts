import { PartialFailureError } from "./partial-failure-error";
import { WxccError } from "./wxcc-error";

/**
 * For `diff`, `read` and `delete`, the dynamic-provider plugin prints a failure to its
 * stderr as `${err}: ${err.stack}` before returning it (pulumi/pulumi
 * `sdk/nodejs/cmd/dynamic-provider/index.ts`), and the CLI shows that line on the stack's
 * row besides the error it shows on the resource's: the message twice, the first time
 * followed by a JavaScript stack trace. A `WxccError` message already says what failed,
 * where, and what to do, so its stack is replaced by its code, and that one echo of it is
 * left out of the plugin's stderr (exactly that line, once; every other line goes through).
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
    if (err instanceof WxccError) {
      Object.defineProperty(err, "stack", { value: `code ${err.code}`, configurable: true, writable: true });
      skipPluginEcho(err);
    }
    throw err;
  }
}

/**
 * Errors the plugin is about to print as well as return to the engine. The line is compared
 * when it is printed, not now: a caller further out may still rewrite the message (it hides
 * secret inputs, `secret-inputs.ts`).
 */
const echoes = new Set<Error>();
let filter: ((...args: unknown[]) => void) | undefined;

/** Drops the next `console.error(line)` whose line is exactly the plugin's echo of `err`. */
function skipPluginEcho(err: Error): void {
  echoes.add(err);
  // Installed again if something replaced it since (a test, another library).
  if (console.error === filter) return;
  const print = console.error;
  filter = (...args: unknown[]) => {
    if (args.length === 1 && typeof args[0] === "string") {
      for (const e of echoes) {
        if (args[0] !== `${e}: ${e.stack}`) continue;
        echoes.delete(e);
        return;
      }
    }
    print.apply(console, args);
  };
  console.error = filter;
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
