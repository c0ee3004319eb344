import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Repository root (this file runs from dist/demo/). */
export const repoRoot = path.resolve(__dirname, "..", "..");

/**
 * Makes sure a Pulumi CLI is available (scripts/install-pulumi.sh) and returns the
 * directory to put first on PATH.
 */
export function installPulumi(): string {
  const result = spawnSync("bash", [path.join(repoRoot, "scripts", "install-pulumi.sh")], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`scripts/install-pulumi.sh failed with exit code ${result.status}`);
  }
  return result.stdout.trim().split("\n").pop()!;
}

/**
 * A throwaway Pulumi home: a local file state backend and a passphrase secrets provider,
 * so nothing touches the user's own Pulumi login or stacks.
 */
export interface PulumiSandbox {
  dir: string;
  env: NodeJS.ProcessEnv;
  dispose(): void;
}

export function createPulumiSandbox(binDir: string, passphrase: string): PulumiSandbox {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-pulumi-"));
  fs.mkdirSync(path.join(dir, "state"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_HOME: path.join(dir, "home"),
    PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
  };
  return { dir, env, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
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

/**
 * Runs `pulumi …` in `cwd`. Output streams to the terminal unless `capture` is set;
 * `input` is written to stdin (how secrets reach `pulumi config set` without appearing
 * in a process listing).
 */
export function pulumi(
  sandbox: PulumiSandbox,
  cwd: string,
  args: string[],
  opts: { input?: string; capture?: boolean } = {},
): string {
  const result = spawnSync("pulumi", args, {
    cwd,
    env: sandbox.env,
    input: opts.input,
    encoding: "utf8",
    stdio: [opts.input === undefined ? "ignore" : "pipe", opts.capture ? "pipe" : "inherit", "inherit"],
  });
  if (result.status !== 0) throw new PulumiCommandError(args, result.status);
  return result.stdout ?? "";
}
