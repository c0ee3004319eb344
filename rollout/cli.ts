#!/usr/bin/env node
import * as fs from "node:fs";
import * as path from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { formatReport } from "./format";
import { exitCodeFor, Interruption } from "./interrupt";
import { mergeReports } from "./merge";
import { plan, type RolloutPlan } from "./plan";
import { pendingOperations, resumeAdvice } from "./resume";
import { drift, preview, up, type RolloutOptions, type RolloutReport } from "./rollout";

/** Where the CLI writes: stdout holds only the report (table or JSON); stderr the rest. */
export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

const EXIT_CODES = `
Exit codes:
  preview, up, plan, merge   0 ok, 1 a stack failed (or was left untouched), 2 usage error
  drift                      0 no drift, 2 drift found, 1 an org could not be checked (or usage error)
  interrupted (SIGINT/SIGTERM) 130 / 143, after the report and how to resume`;

const positiveInt = (flag: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`[${flag}] must be a positive integer, got ${v}`);
  return n;
};
const stackList = (v: string) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

function packageVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
  }
  return "unknown";
}

interface Common {
  dir: string;
  stacks?: string[];
  json?: boolean;
  parallel?: boolean;
}

/**
 * Runs `wxcc-rollout` and returns the exit code (see the `--help` text: 0 ok, 1 a stack
 * failed, 2 usage error; drift 0/2/1; 130/143 when interrupted). Progress, one line per stack
 * started and finished, goes to stderr in every mode; stdout holds only the table or JSON.
 * With `interruption`, SIGINT/SIGTERM cancel the running stacks and the report says how to
 * resume.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(["preview", "--dir", "examples/multi-org", "--json"]);
 * ```
 */
export async function runCli(
  argv: string[],
  io: CliIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) },
  interruption: Interruption = Interruption.none(),
): Promise<number> {
  let code = 0;
  const program = new Command("wxcc-rollout")
    .description("Preview, apply and watch one Pulumi program's stacks across many Webex Contact Center orgs.")
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError("(run wxcc-rollout <command> --help for its flags)")
    .addHelpText("after", EXIT_CODES);

  const common = (cmd: Command, opts: { parallel?: boolean } = { parallel: true }) => {
    cmd
      .option("--dir <dir>", "the Pulumi project directory", process.cwd())
      .option("--stacks <a,b>", "only these stacks (short or fully qualified names), in this order", stackList)
      .option("--json", "print the report as JSON (for CI) instead of the table");
    if (opts.parallel) cmd.option("--parallel", "run the stacks of a wave (preview, drift: all stacks) at the same time");
    return cmd.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  };

  const run = async (command: "preview" | "up" | "drift", o: Common & { canary?: string; waveSize?: number; refresh?: boolean }) => {
    const dir = path.resolve(o.dir);
    const running = new Set<string>();
    interruption.onFirst = (s) =>
      io.err(
        `\nwxcc-rollout: ${s} received: cancelling ${[...running].join(", ") || "the rollout"} and waiting for Pulumi to stop cleanly; no new stack starts (send ${s} again to stop at once)\n`,
      );
    interruption.onForce = (s) => {
      const stopped = [...running];
      io.err(`\nwxcc-rollout: ${s} received again: stopping now without waiting for ${stopped.join(", ") || "any stack"}.\n`);
      io.err(`${resumeAdvice({ command, stacks: [], ok: false }, { argv, dir, pending: [], forced: stopped })}\n`);
      interruption.exit(exitCodeFor(s));
    };
    const options: RolloutOptions & { canary?: string; waveSize?: number } = {
      dir,
      stacks: o.stacks,
      parallel: o.parallel,
      canary: o.canary,
      waveSize: o.waveSize,
      refresh: o.refresh,
      signal: interruption.signal,
      onProgress: (line, stack, phase) => {
        if (phase === "started") running.add(stack);
        else running.delete(stack);
        io.err(`wxcc-rollout: ${line}\n`);
      },
      onOutput: o.json ? undefined : (stack, text) => io.err(prefix(stack, text)),
    };
    let report: RolloutReport;
    try {
      report = command === "preview" ? await preview(options) : command === "drift" ? await drift(options) : await up(options);
    } catch (err) {
      io.err(`wxcc-rollout: ${(err as Error).message}\n`);
      return command === "drift" ? 1 : 2;
    }
    if (interruption.received) report = { ...report, interrupted: interruption.received };
    io.out(o.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    if (interruption.received) {
      const stopped = report.stacks.filter((s) => s.status === "interrupted").map((s) => s.stack);
      const pending = await pendingOperations(stopped, { dir, envVars: undefined });
      io.err(`\nwxcc-rollout: interrupted by ${interruption.received}.\n${resumeAdvice(report, { argv, dir, pending })}\n`);
      return exitCodeFor(interruption.received);
    }
    if (command === "drift") return report.stacks.some((s) => s.status !== "ok" && s.status !== "drifted") ? 1 : report.ok ? 0 : 2;
    return report.ok ? 0 : 1;
  };

  common(program.command("preview").description("pulumi preview on every stack (or --stacks); per-org summary table")).action(async (o: Common) => {
    code = await run("preview", o);
  });
  common(
    program
      .command("up")
      .description("pulumi up in waves: --canary first, then --wave-size at a time; stops after the first wave with a failed org; re-run to resume")
      .option("--canary <stack>", "the stack to roll out alone, first")
      .addOption(new Option("--wave-size <n>", "stacks per wave after the canary").argParser(positiveInt("--wave-size")).default(1))
      .option("--refresh", "refresh every connector from the backend first, so hand edits (drift) are put back"),
  ).action(async (o: Common & { canary?: string; waveSize?: number; refresh?: boolean }) => {
    code = await run("up", o);
  });
  common(program.command("drift").description("refresh (without writing state) and preview every stack; reports connectors changed by hand")).action(
    async (o: Common) => {
      code = await run("drift", o);
    },
  );
  common(
    program
      .command("plan")
      .description("print the waves of an up as GitHub Actions job matrices (waves[i] = { include: [...] })")
      .option("--canary <stack>", "the stack of the first wave, alone")
      .addOption(new Option("--wave-size <n>", "stacks per wave after the canary").argParser(positiveInt("--wave-size")).default(1))
      .addOption(new Option("--max-waves <n>", "refuse a plan with more waves (the wave jobs of the workflow)").argParser(positiveInt("--max-waves"))),
    { parallel: false },
  ).action((o: Common & { canary?: string; waveSize?: number; maxWaves?: number }) => {
    try {
      const p = plan({ dir: path.resolve(o.dir), stacks: o.stacks, canary: o.canary, waveSize: o.waveSize, maxWaves: o.maxWaves });
      io.out(o.json ? `${JSON.stringify(p)}\n` : `${formatPlan(p)}\n`);
    } catch (err) {
      io.err(`wxcc-rollout: ${(err as Error).message}\n`);
      code = 2;
    }
  });
  program
    .command("merge")
    .description("merge per-stack --json reports (one per CI job) into one report; stacks of the plan without a report are untouched")
    .argument("[reports...]", "the reports' JSON files (none: every planned stack is untouched)")
    .option("--plan <file>", "the plan (wxcc-rollout plan --json) the jobs ran")
    .option("--json", "print the merged report as JSON instead of the table")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .action((files: string[], o: { plan?: string; json?: boolean }) => {
      try {
        const read = (f: string) => JSON.parse(fs.readFileSync(f, "utf8")) as unknown;
        const merged = mergeReports(
          files.map((file) => ({ file, report: read(file) })),
          o.plan ? (read(o.plan) as RolloutPlan) : undefined,
        );
        io.out(o.json ? `${JSON.stringify(merged, null, 2)}\n` : `${formatReport(merged)}\n`);
        code = merged.ok ? 0 : 1;
      } catch (err) {
        io.err(`wxcc-rollout: ${(err as Error).message}\n`);
        code = 2;
      }
    });

  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return 0; // --help, --version
      if (argv.length === 0) return 2;
      return argv[0] === "drift" ? 1 : 2;
    }
    throw err;
  }
}

function formatPlan(p: RolloutPlan): string {
  return p.waves.map((w, i) => `wave ${i + 1}: ${w.include.map((j) => j.stack).join(", ")}`).join("\n");
}

/** Pulumi's output, one `[stack] ` prefixed line per non-blank line (stacks may interleave). */
function prefix(stack: string, text: string): string {
  const lines = text.split("\n").filter((l) => l.trim());
  return lines.length ? `${lines.map((l) => `[${stack}] ${l}`).join("\n")}\n` : "";
}

if (require.main === module) {
  const io: CliIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };
  const interruption = Interruption.listen();
  runCli(process.argv.slice(2), io, interruption).then(
    (code) => {
      interruption.dispose();
      process.exitCode = code;
    },
    (err) => {
      io.err(`wxcc-rollout: ${(err as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
