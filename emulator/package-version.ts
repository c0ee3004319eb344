import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

/** This package's name, as its package.json spells it. */
const PACKAGE_NAME = "pulumi-wxcc-connectors";

/**
 * The version of the installed package, read from its package.json: the nearest one up
 * from this file that is ours (the file is `dist/emulator/` in the package, `emulator/`
 * in the repository). Throws if none is found.
 *
 * @example
 * program.version(packageVersion()); // "0.1.0"
 */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME && pkg.version) return pkg.version;
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json of ${PACKAGE_NAME} above ${from}`);
  }
}
