import { execFileSync, spawnSync } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "./repo";
import type { PulumiSandbox } from "./sandbox";

let binDir: string | undefined;

/**
 * The directory holding the Pulumi CLI that scripts/install-pulumi.sh installs (cached
 * under ~/.cache; instant once built). Asked once per process.
 *
 * @throws Error with the script's exit code and stderr when it fails.
 * @example
 * pulumiBinDir(); // "/home/me/.cache/pulumi-wxcc-connectors/pulumi-v3.248.0/bin"
 */
export function pulumiBinDir(): string {
  if (binDir !== undefined) return binDir;
  const result = spawnSync("bash", [path.join(repoRoot, "scripts", "install-pulumi.sh")], {
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`scripts/install-pulumi.sh failed with exit code ${result.status}:\n${result.stderr}`);
  }
  binDir = result.stdout.trim().split("\n").pop()!;
  return binDir;
}

/**
 * Puts the Pulumi CLI first on this process's PATH, where the Automation API looks for it.
 * Idempotent.
 *
 * @example
 * putPulumiOnPath();
 * const stack = await LocalWorkspace.createOrSelectStack({ stackName: "dev", workDir });
 */
export function putPulumiOnPath(): void {
  const dir = pulumiBinDir();
  const entries = (process.env.PATH ?? "").split(path.delimiter);
  if (entries[0] !== dir) process.env.PATH = [dir, ...entries].join(path.delimiter);
}

/**
 * The version of the Pulumi CLI {@link pulumiBinDir} holds.
 *
 * @example
 * pulumiVersion(); // "v3.248.0"
 */
export function pulumiVersion(): string {
  return execFileSync(path.join(pulumiBinDir(), "pulumi"), ["version"], { encoding: "utf8" }).trim();
}

/** A `pulumi` command that exited non-zero. */
export class PulumiCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly exitCode: number | null,
  ) {
    super(`\`pulumi ${args.join(" ")}\` failed with exit code ${exitCode}`);
    this.name = "PulumiCommandError";
  }
}

/** How {@link runPulumi} runs one command. */
export interface RunPulumiOptions {
  /** Written to stdin: how secrets reach `pulumi config set` without showing in a process listing. */
  input?: string;
  /** Return stdout instead of streaming it to the terminal. Default false. */
  capture?: boolean;
  /** Working directory; default the sandbox's project directory. */
  cwd?: string;
}

/**
 * Runs `pulumi …args` in a sandbox (its backend, passphrase and PULUMI_HOME; never the
 * user's own login) and returns stdout when `capture` is set ("" otherwise).
 *
 * @throws PulumiCommandError when the command exits non-zero.
 * @example
 * runPulumi(sandbox, ["config", "set", "--secret", "wxcc:accessToken"], { input: token });
 */
export function runPulumi(sandbox: PulumiSandbox, args: string[], opts: RunPulumiOptions = {}): string {
  const result = spawnSync(path.join(pulumiBinDir(), "pulumi"), args, {
    cwd: opts.cwd ?? sandbox.projectDir,
    env: {
      ...process.env,
      PATH: `${pulumiBinDir()}${path.delimiter}${process.env.PATH ?? ""}`,
      ...sandbox.envVars,
      PULUMI_SKIP_CONFIRMATIONS: "true",
    },
    input: opts.input,
    encoding: "utf8",
    stdio: [opts.input === undefined ? "ignore" : "pipe", opts.capture ? "pipe" : "inherit", "inherit"],
  });
  if (result.status !== 0) throw new PulumiCommandError(args, result.status);
  return result.stdout ?? "";
}
