import { spawnSync } from "node:child_process";
import * as path from "node:path";

export const repoRoot = path.resolve(__dirname, "..", "..", "..");

let prepared = false;

/**
 * Puts the Pulumi CLI on this process's PATH (the Automation API looks it up there).
 * `npm test` has already installed it; this only asks the install script where it is.
 */
export function ensurePulumiOnPath(): void {
  if (prepared) return;
  const result = spawnSync("bash", [path.join(repoRoot, "scripts", "install-pulumi.sh")], { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`scripts/install-pulumi.sh failed (exit ${result.status}):\n${result.stderr}`);
  }
  const bin = result.stdout.trim().split("\n").pop()!;
  process.env.PATH = `${bin}${path.delimiter}${process.env.PATH ?? ""}`;
  prepared = true;
}
