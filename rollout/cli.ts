#!/usr/bin/env node
import * as path from "node:path";
import { formatReport } from "./format";
import { preview, up } from "./rollout";

const usage = `usage: wxcc-rollout preview|up [--dir DIR] [--stacks a,b] [--canary STACK] [--wave-size N] [--parallel] [--json]

  preview   pulumi preview on every stack (or --stacks); per-org summary table
  up        pulumi up in waves: --canary first, then --wave-size (default 1) at a time;
            stops after the first wave with a failed org; re-run after a fix to resume
  --json    print the report as JSON (for CI) instead of the table
  --dir     the Pulumi project directory (default: current directory)
`;

interface Args {
  command: "preview" | "up";
  dir: string;
  stacks?: string[];
  canary?: string;
  waveSize?: number;
  parallel: boolean;
  json: boolean;
}

/** Parses the command line; throws with the offending flag named. */
export function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command !== "preview" && command !== "up") throw new Error(`expected preview or up, got ${command ?? "nothing"}`);
  const args: Args = { command, dir: process.cwd(), parallel: false, json: false };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`[${flag}] needs a value`);
      return v;
    };
    if (flag === "--dir") args.dir = path.resolve(value());
    else if (flag === "--stacks") args.stacks = value().split(",").map((s) => s.trim()).filter(Boolean);
    else if (flag === "--canary") args.canary = value();
    else if (flag === "--wave-size") args.waveSize = Number(value());
    else if (flag === "--parallel") args.parallel = true;
    else if (flag === "--json") args.json = true;
    else throw new Error(`unknown flag ${flag}`);
  }
  if (command === "preview" && (args.canary !== undefined || args.waveSize !== undefined)) {
    throw new Error("[--canary] and [--wave-size] apply to up only");
  }
  return args;
}

/**
 * Runs `wxcc-rollout` and returns the exit code (0 ok, 1 a stack failed, 2 usage error).
 * CLI progress goes to stderr so stdout holds only the table or the JSON.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(["preview", "--dir", "examples/multi-org", "--json"]);
 * ```
 */
export async function runCli(
  argv: string[],
  io: { out: (s: string) => void; err: (s: string) => void } = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
  },
): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    io.err(`wxcc-rollout: ${(err as Error).message}\n\n${usage}`);
    return 2;
  }
  const onOutput = args.json ? undefined : (stack: string, text: string) => io.err(prefix(stack, text));
  try {
    const report =
      args.command === "preview"
        ? await preview({ dir: args.dir, stacks: args.stacks, parallel: args.parallel, onOutput })
        : await up({ dir: args.dir, stacks: args.stacks, parallel: args.parallel, canary: args.canary, waveSize: args.waveSize, onOutput });
    io.out(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    return report.ok ? 0 : 1;
  } catch (err) {
    io.err(`wxcc-rollout: ${(err as Error).message}\n`);
    return 2;
  }
}

function prefix(stack: string, text: string): string {
  return text
    .split("\n")
    .map((l) => (l ? `[${stack}] ${l}` : l))
    .join("\n");
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
