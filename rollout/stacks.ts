import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The stacks of a Pulumi project: every `Pulumi.<stack>.yaml` next to its `Pulumi.yaml`,
 * sorted by name, or exactly the ones asked for (in the order given).
 *
 * @example
 * ```ts
 * discoverStacks("examples/multi-org"); // ["acme", "globex", "initech"]
 * discoverStacks("examples/multi-org", ["globex"]); // ["globex"]
 * ```
 */
export function discoverStacks(dir: string, wanted?: string[]): string[] {
  if (!fs.existsSync(path.join(dir, "Pulumi.yaml"))) {
    throw new Error(`no Pulumi.yaml in ${dir}: pass the project directory with [--dir]`);
  }
  const found = fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
  if (!wanted || wanted.length === 0) {
    if (found.length === 0) throw new Error(`no stack files (Pulumi.<stack>.yaml) in ${dir}`);
    return found;
  }
  const missing = wanted.filter((s) => !found.includes(s));
  if (missing.length > 0) {
    throw new Error(`[--stacks] names stacks without a Pulumi.<stack>.yaml in ${dir}: ${missing.join(", ")}`);
  }
  return wanted;
}

/**
 * The `wxcc:orgId` a stack file declares (plain value), or undefined. Read from the file so
 * listing the orgs costs no CLI call.
 */
export function stackOrgId(dir: string, stack: string): string | undefined {
  for (const ext of ["yaml", "yml"]) {
    const file = path.join(dir, `Pulumi.${stack}.${ext}`);
    if (!fs.existsSync(file)) continue;
    const m = /^\s+wxcc:orgId:\s*["']?([^"'\s#]+)["']?\s*$/m.exec(fs.readFileSync(file, "utf8"));
    return m?.[1];
  }
  return undefined;
}
