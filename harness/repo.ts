import * as fs from "node:fs";
import * as path from "node:path";

const PACKAGE_NAME = "pulumi-wxcc-connectors";

/**
 * The repository root: the nearest directory above `from` whose package.json is this
 * package's. Works from the sources (`harness/`, under vitest) and from the build
 * (`dist/harness/`) alike, so no caller counts `..` for itself.
 *
 * @throws Error when no such directory exists (the harness runs outside a checkout).
 * @example
 * findRepoRoot(__dirname); // "/home/me/pulumi-wxcc-connectors"
 */
export function findRepoRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    // node_modules/pulumi-wxcc-connectors (the self-installed copy) is not the checkout.
    if (fs.existsSync(manifest) && path.basename(path.dirname(dir)) !== "node_modules") {
      const { name } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string };
      if (name === PACKAGE_NAME) return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`no ${PACKAGE_NAME} checkout above ${from}: the harness runs inside the repository`);
  }
}

/** The repository root of this checkout (see {@link findRepoRoot}). */
export const repoRoot = findRepoRoot(__dirname);

/**
 * Where sandboxes and scratch files go: `<repo>/.tmp` (git-ignored). Inside the repository
 * so a program there resolves `pulumi-wxcc-connectors` from node_modules, as a user's does.
 */
export const scratchRoot = path.join(repoRoot, ".tmp");
