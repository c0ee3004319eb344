import * as fs from "node:fs";
import * as path from "node:path";
import type { PackageFacts } from "./render/project-files";

const NAME = "pulumi-wxcc-connectors";

/**
 * This package's name, version and the `@pulumi/pulumi` range it works with (its peer
 * dependency), from its package.json: the
 * nearest one above this file named `pulumi-wxcc-connectors` (works from `dist/export/`
 * and from the sources under vitest alike).
 */
export function packageFacts(from: string = __dirname): PackageFacts {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as {
        name?: string;
        version?: string;
        peerDependencies?: Record<string, string>;
        dependencies?: Record<string, string>;
      };
      if (pkg.name === NAME)
        return {
          name: NAME,
          version: pkg.version ?? "0.0.0",
          pulumiVersion: pkg.peerDependencies?.["@pulumi/pulumi"] ?? pkg.dependencies?.["@pulumi/pulumi"] ?? "^3",
        };
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json of ${NAME} above ${from}`);
  }
}
