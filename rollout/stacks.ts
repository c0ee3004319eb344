import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/**
 * The short name of a stack: the last segment of a fully qualified `org/project/stack`
 * (Pulumi names the stack file `Pulumi.<short name>.yaml` either way).
 *
 * @example
 * ```ts
 * shortStackName("acme-corp/wxcc-multi-org/acme"); // "acme"
 * shortStackName("acme"); // "acme"
 * ```
 */
export function shortStackName(stack: string): string {
  return stack.slice(stack.lastIndexOf("/") + 1);
}

/**
 * The stacks of a Pulumi project: every `Pulumi.<stack>.yaml` next to its `Pulumi.yaml`,
 * sorted by name, or exactly the ones asked for (in the order given). Wanted names may be
 * short (`acme`) or fully qualified (`org/project/acme`); they are kept as given, so every
 * Pulumi call and the report use the name the user wrote.
 *
 * @throws Error naming `[--dir]` when there is no `Pulumi.yaml`, and `[--stacks]` with the
 *   names that have no stack file.
 * @example
 * ```ts
 * discoverStacks("examples/multi-org"); // ["acme", "globex", "initech"]
 * discoverStacks("examples/multi-org", ["organization/wxcc-multi-org/globex"]); // as given
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
  const missing = wanted.filter((s) => !found.includes(shortStackName(s)));
  if (missing.length > 0) {
    throw new Error(`[--stacks] names stacks without a Pulumi.<stack>.yaml in ${dir}: ${missing.join(", ")}`);
  }
  const shorts = wanted.map(shortStackName);
  const twice = wanted.filter((_, i) => shorts.indexOf(shorts[i]) !== i);
  if (twice.length > 0) throw new Error(`[--stacks] names a stack twice: ${twice.join(", ")}`);
  return wanted;
}

/**
 * The `wxcc:orgId` a stack file declares (plain value), or undefined. Read from the file so
 * listing the orgs costs no CLI call; a file that is not valid YAML yields undefined (the
 * Pulumi operation then reports the file's error).
 */
export function stackOrgId(dir: string, stack: string): string | undefined {
  for (const ext of ["yaml", "yml"]) {
    const file = path.join(dir, `Pulumi.${shortStackName(stack)}.${ext}`);
    if (!fs.existsSync(file)) continue;
    try {
      const doc = parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> } | null;
      const value = doc?.config?.["wxcc:orgId"];
      const plain = typeof value === "object" && value !== null ? (value as { value?: unknown }).value : value;
      return typeof plain === "string" && plain.trim() ? plain.trim() : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
