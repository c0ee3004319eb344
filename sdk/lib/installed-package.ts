import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

/**
 * True when `file` (a module of this package, as Node loaded it) lies under a
 * `node_modules` directory. `pulumi.dynamic.Resource` serializes our hooks as
 * `require("pulumi-wxcc-connectors/…")` only then; otherwise it inlines them by value (their
 * module state, zod, undici…), and the provider plugin then crashes on the first hook with
 * "Method Map.prototype.get called on incompatible receiver". Node loads a symlinked package
 * (`npm link`, `npm install <directory>`, a workspace package) from its real path, outside
 * `node_modules`.
 *
 * @example
 * ```ts
 * underNodeModules("/app/node_modules/pulumi-wxcc-connectors/dist/sdk/index.js"); // true
 * underNodeModules("/src/pulumi-wxcc-connectors/dist/sdk/index.js"); // false
 * ```
 */
export function underNodeModules(file: string): boolean {
  return file.split(/[\\/]/).includes("node_modules");
}

/**
 * Throws a `RunError` (the program fails at once, naming the fix, no stack trace) when this
 * package was loaded from outside `node_modules` in a program the Pulumi engine runs (under
 * `pulumi.runtime.setMocks` nothing is serialized, so tests may load it from anywhere).
 * `file` defaults to this module.
 *
 * @example
 * ```ts
 * requireInstalledPackage(); // in a resource constructor
 * ```
 */
export function requireInstalledPackage(file: string = __filename): void {
  if (underNodeModules(file) || usingMocks()) return;
  const root = path.resolve(path.dirname(file), "..", "..", "..");
  throw new pulumi.RunError(
    `pulumi-wxcc-connectors is loaded from ${root}, outside node_modules (a symlinked install: \`npm link\`, \`npm install <directory>\` or a workspace package). ` +
      "Pulumi stores a dynamic provider in the state as a require of its package only when the package lies under node_modules; otherwise the provider plugin cannot run it. " +
      "Install the package from the registry or from a tarball (`npm pack` in its directory, then `npm install <path to the .tgz>`)",
  );
}

/**
 * True when the program runs under `pulumi.runtime.setMocks` (unit tests): the monitor is
 * `@pulumi/pulumi`'s `MockMonitor`. Told by its class name, not `instanceof`: a linked
 * package may load a second copy of `@pulumi/pulumi`, whose classes differ while the
 * monitor (kept on a global) is shared (found by review).
 *
 * @example
 * ```ts
 * await pulumi.runtime.setMocks(mocks);
 * usingMocks(); // true
 * ```
 */
export function usingMocks(): boolean {
  return pulumi.runtime.getMonitor()?.constructor?.name === "MockMonitor";
}
