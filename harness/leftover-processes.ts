import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "./repo";

/** A process that a test run started and that is still running. */
export interface Leftover {
  pid: number;
  /** Its command line, arguments joined by spaces. */
  command: string;
  cwd: string;
}

/**
 * What our runs start: the emulator (bin, built `cli.js`, or a test's private copy), the
 * Pulumi CLI and its plugins, and the Node.js hosts Pulumi runs programs and dynamic
 * providers in.
 */
const OURS: RegExp[] = [/wxcc-emulator/, /emulator[/\\]cli\.js/, /@pulumi[/\\]pulumi[/\\]cmd[/\\]/];
const PULUMI_BINARY = /^pulumi(-[\w.-]+)?$/;

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Processes of ours still alive: ones whose command is in {@link OURS} or is a Pulumi
 * binary, and whose working directory or command line lies in the checkout `root` (so
 * another checkout's runs on the same machine do not count). Reads `/proc`; returns []
 * where there is none (not Linux).
 *
 * @example
 * for (const p of leftoverProcesses()) console.log(p.pid, p.command);
 */
export function leftoverProcesses(root: string = repoRoot): Leftover[] {
  if (!fs.existsSync("/proc/self/cmdline")) return [];
  const found: Leftover[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const argv = read(`/proc/${pid}/cmdline`)?.split("\0").filter(Boolean);
    if (!argv || argv.length === 0) continue; // gone, or a kernel thread
    let cwd = "";
    try {
      cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      // another user's process, or gone
    }
    const command = argv.join(" ");
    const inCheckout = cwd === root || cwd.startsWith(root + path.sep) || command.includes(root + path.sep);
    const ours = OURS.some((re) => re.test(command)) || PULUMI_BINARY.test(path.basename(argv[0]!));
    if (inCheckout && ours) found.push({ pid, command, cwd });
  }
  return found;
}

/**
 * `node dist/harness/leftover-processes.js`: after a test run, waits up to 10 s for our
 * processes to end; if any is still alive, names each (pid, command, cwd) on stderr, kills
 * it, and exits 1.
 */
async function main(): Promise<void> {
  const deadline = Date.now() + 10_000;
  let left = leftoverProcesses();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    left = leftoverProcesses();
  }
  if (left.length === 0) {
    console.log("processes: none of ours left running");
    return;
  }
  console.error(`processes: ${left.length} of ours still running after the tests (a test did not stop what it started):`);
  for (const p of left) {
    console.error(`  pid ${p.pid}: ${p.command}  (cwd ${p.cwd})`);
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      // ended meanwhile
    }
  }
  process.exitCode = 1;
}

if (require.main === module) void main();
