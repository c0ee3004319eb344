import type { EmulatorOptions } from "./index";

/** The CLI's default port (SPEC §5). */
export const DEFAULT_PORT = 8787;

/** Thrown for a bad command line; the message names the flag and the fix. */
export class UsageError extends Error {}

export const USAGE = `Usage: wxcc-emulator [--port N] [--host H] [--state FILE] [--org ID:TOKEN]... [--admin-token T] [--rate-limit N]
  --port N          port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --host H          interface to bind (default 127.0.0.1; bind elsewhere only on purpose)
  --state FILE      load state from FILE and persist every change to it atomically
  --org ID:TOKEN    an org and its bearer token (repeatable; default demo:demo-token;
                    one token given for several orgs is valid on each, like a partner admin's)
  --admin-token T   token for the admin API (default: random, printed in the ready line)
  --rate-limit N    requests per second per token (default: off)`;

function int(flag: string, v: string, min: number, max: number): number {
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`[${flag}] must be an integer ${min}-${max}, got "${v}"`);
  return Number(v);
}

/**
 * Parses `wxcc-emulator` flags into {@link EmulatorOptions}. Accepts `--flag value`
 * and `--flag=value`.
 */
export function parseArgs(argv: string[]): EmulatorOptions & { help?: boolean } {
  const opts: EmulatorOptions & { help?: boolean } = { port: DEFAULT_PORT };
  const orgs: Array<{ orgId: string; token: string }> = [];
  for (let i = 0; i < argv.length; i++) {
    let flag = argv[i]!;
    let value: string | undefined;
    const eq = flag.indexOf("=");
    if (flag.startsWith("--") && eq > 0) {
      value = flag.slice(eq + 1);
      flag = flag.slice(0, eq);
    }
    if (flag === "--help" || flag === "-h") {
      opts.help = true;
      continue;
    }
    const next = (): string => {
      if (value !== undefined) return value;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`[${flag}] needs a value`);
      return v;
    };
    switch (flag) {
      case "--port":
        opts.port = int(flag, next(), 0, 65535);
        break;
      case "--host":
        opts.host = next();
        break;
      case "--state":
        opts.stateFile = next();
        break;
      case "--org": {
        const v = next();
        const i2 = v.indexOf(":");
        if (i2 <= 0 || i2 === v.length - 1) throw new UsageError(`[--org] must be ID:TOKEN, got "${v}"`);
        orgs.push({ orgId: v.slice(0, i2), token: v.slice(i2 + 1) });
        break;
      }
      case "--admin-token":
        opts.adminToken = next();
        if (!opts.adminToken) throw new UsageError("[--admin-token] must not be empty");
        break;
      case "--rate-limit":
        opts.rateLimit = int(flag, next(), 1, 1_000_000);
        break;
      default:
        throw new UsageError(`unknown flag "${flag}"`);
    }
  }
  if (orgs.length) opts.orgs = orgs;
  return opts;
}
