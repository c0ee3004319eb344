import { Command, CommanderError, InvalidArgumentError } from "commander";
import type { EmulatorOptions } from "./index";
import { packageVersion } from "./package-version";

/** The CLI's default port (SPEC §5). */
export const DEFAULT_PORT = 8787;

/** What a command line asks for: run with these options, or print `output` and exit. */
export type CommandLine = { options: EmulatorOptions } | { exitCode: 0 | 2; output: string };

function integer(flag: string, min: number, max: number) {
  return (v: string): number => {
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new InvalidArgumentError(`[${flag}] must be an integer ${min}-${max}, got "${v}".`);
    return Number(v);
  };
}

function org(v: string, previous: Array<{ orgId: string; token: string }> | undefined) {
  const colon = v.indexOf(":");
  if (colon <= 0 || colon === v.length - 1) throw new InvalidArgumentError(`[--org] must be ID:TOKEN, got "${v}".`);
  return [...(previous ?? []), { orgId: v.slice(0, colon), token: v.slice(colon + 1) }];
}

function nonEmpty(flag: string) {
  return (v: string): string => {
    if (!v) throw new InvalidArgumentError(`[${flag}] must not be empty.`);
    return v;
  };
}

/** The `wxcc-emulator` command: its flags (SPEC §5), help and version. */
function command(): Command {
  return (
    new Command("wxcc-emulator")
      .description(
        'Starts the Webex Contact Center connector backend emulator on 127.0.0.1 and prints one JSON ready line, {"url":"http://127.0.0.1:PORT","adminToken":"…"}, on stdout. Logs go to stderr; SIGINT or SIGTERM stops it.',
      )
      .version(packageVersion(), "-V, --version", "print the version and exit")
      .helpOption("-h, --help", "print this help and exit")
      .option("--port <N>", "port to listen on (0 = any free port)", integer("--port", 0, 65535), DEFAULT_PORT)
      .option("--host <H>", "interface to bind (default 127.0.0.1; bind elsewhere only on purpose)")
      // An empty value (`--state "$UNSET"`) would silently run in memory and lose every change on restart.
      .option("--state <FILE>", "load state from FILE and persist every change to it atomically", nonEmpty("--state"))
      .option(
        "--org <ID:TOKEN>",
        "an org and its bearer token (repeatable; default demo:demo-token; one token given for several orgs is valid on each, like a partner admin's)",
        org,
      )
      .option("--admin-token <T>", "token for the admin API (default: random, printed in the ready line)", nonEmpty("--admin-token"))
      .option("--rate-limit <N>", "requests per second per token (default: off)", integer("--rate-limit", 1, 1_000_000))
      .allowExcessArguments(false)
      .showHelpAfterError()
      .exitOverride()
  );
}

/**
 * Parses `wxcc-emulator` flags (`--flag value` or `--flag=value`) with commander.
 * `--help` and `--version` ask to print and exit 0; a bad or unknown flag asks to print the
 * error (naming the flag) and the usage, and exit 2.
 *
 * @example
 * parseArgs(["--port", "0", "--org", "acme:acme-token"]);
 * // { options: { port: 0, orgs: [{ orgId: "acme", token: "acme-token" }] } }
 * parseArgs(["--frobnicate"]); // { exitCode: 2, output: "error: unknown option '--frobnicate'\nUsage: …" }
 */
export function parseArgs(argv: string[]): CommandLine {
  let output = "";
  const program = command().configureOutput({ writeOut: (s) => (output += s), writeErr: (s) => (output += s) });
  try {
    program.parse(argv, { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) return { exitCode: err.exitCode === 0 ? 0 : 2, output };
    throw err;
  }
  const o = program.opts<{ port: number; host?: string; state?: string; org?: EmulatorOptions["orgs"]; adminToken?: string; rateLimit?: number }>();
  const options: EmulatorOptions = { port: o.port };
  if (o.host !== undefined) options.host = o.host;
  if (o.state !== undefined) options.stateFile = o.state;
  if (o.org !== undefined) options.orgs = o.org;
  if (o.adminToken !== undefined) options.adminToken = o.adminToken;
  if (o.rateLimit !== undefined) options.rateLimit = o.rateLimit;
  return { options };
}
