import { execFileSync } from "node:child_process";
import * as path from "node:path";

/** The repository root (this file runs from `dist/bench/lib/`). */
export const repoRoot = path.resolve(__dirname, "..", "..", "..");

/**
 * Puts the Pulumi CLI that `npm test` installed (scripts/install-pulumi.sh, cached) on this
 * process's PATH, where the Automation API looks for it. Installs nothing when it is cached.
 *
 * @example
 * putPulumiOnPath();
 * const stack = await LocalWorkspace.createOrSelectStack({ stackName: "dev", workDir });
 */
export function putPulumiOnPath(): void {
  const script = path.join(repoRoot, "scripts", "install-pulumi.sh");
  const bin = execFileSync("bash", [script], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim().split("\n").pop()!;
  process.env.PATH = `${bin}${path.delimiter}${process.env.PATH ?? ""}`;
}

/**
 * The version of the `pulumi` on PATH (call {@link putPulumiOnPath} first).
 *
 * @example
 * pulumiVersion(); // "v3.248.0"
 */
export function pulumiVersion(): string {
  return execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim();
}
