import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";

/** The Automation API's internal runner, which `PulumiCommand` has but does not declare. */
type Run = (args: string[], cwd: string, env: Record<string, string>, ...rest: unknown[]) => Promise<unknown>;

let command: Promise<{ pulumi: PulumiCommand; detached: boolean }> | undefined;

/**
 * The Pulumi CLI every rollout operation runs, started in a session of its own (`setsid`)
 * where the system has it. Why: a Ctrl-C in the terminal reaches the whole foreground
 * process group, and Pulumi treats a second SIGINT as "terminate now" (locks and pending
 * operations left behind). In its own session the CLI hears only the one SIGINT the
 * rollout forwards through the Automation API's abort signal. `detached` tells the
 * rollout whether that holds (without `setsid`, e.g. macOS, the CLI may have heard the
 * terminal's signal itself).
 */
export function rolloutPulumiCommand(): Promise<{ pulumi: PulumiCommand; detached: boolean }> {
  command ??= (async () => {
    const base = await PulumiCommand.get();
    const setsid = onPath("setsid");
    if (!setsid) return { pulumi: base, detached: false };
    const run = (base as unknown as { run: Run }).run;
    const detached = Object.create(base, { command: { value: setsid } }) as PulumiCommand & { run: Run };
    // setsid runs in the child Node spawns (never a group leader), so it calls setsid(2) and
    // execs pulumi in place: same pid, so the abort's SIGINT still reaches the CLI.
    detached.run = (args, cwd, env, ...rest) => run.call(detached, [base.command, ...args], cwd, env, ...rest);
    return { pulumi: detached, detached: true };
  })();
  return command;
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * An existing stack of the project in `dir`, ready for operations, without changing which
 * stack the user has selected: every operation passes `--stack`, so the selection the
 * Automation API would make (`pulumi stack select`) is skipped. A stack that does not exist
 * fails its operation with Pulumi's own "no stack named" error.
 *
 * @example
 * ```ts
 * const stack = await openStack("org/wxcc-multi-org/acme", { dir: "examples/multi-org" });
 * await stack.preview();
 * ```
 */
export async function openStack(stackName: string, opts: { dir: string; envVars?: Record<string, string> }): Promise<Stack> {
  const { pulumi } = await rolloutPulumiCommand();
  const ws = await LocalWorkspace.create({ workDir: opts.dir, envVars: opts.envVars, pulumiCommand: pulumi });
  ws.selectStack = async () => undefined;
  return Stack.select(stackName, ws);
}
