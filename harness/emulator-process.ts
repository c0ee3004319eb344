import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";
import { repoRoot } from "./repo";

/** How a process ended: its exit code, or the signal that ended it. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A `wxcc-emulator` running as its own process, the way users start it. */
export interface EmulatorProcess {
  /** From the ready line, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** From the ready line: the one given with `--admin-token`, or the random one it picked. */
  adminToken: string;
  /** The port it listens on (the one the OS picked when started with `--port 0`). */
  port: number;
  child: ChildProcess;
  /** Settles when the process has exited. */
  exited: Promise<Exit>;
  /** Everything the process wrote to stdout so far, ready line included. */
  stdout(): string;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /**
   * Sends `signal` (default SIGTERM) to the process group (so a wrapper such as `npx` and
   * the server it started both get it), then SIGKILL if it has not exited within 5 s.
   */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
  /** SIGKILL to the whole group at once: a crash, for durability tests. */
  kill(): Promise<Exit>;
  /**
   * Starts the same command again, on the same port and with the same admin token, once
   * this one has exited (after `stop()` or `kill()`). With `--state FILE` it is the same
   * backend coming back: clients and stored `<url>/salesforce` addresses still work.
   */
  restart(): Promise<EmulatorProcess>;
}

/** How to start the process; every field is optional. */
export interface SpawnOptions {
  /**
   * The command before the flags; default {@link builtEmulatorCommand} (node + the built
   * bin). Tests pass a privately compiled `cli.js`, or `["npx", "--no-install", "wxcc-emulator"]`.
   */
  command?: string[];
  /** How long to wait for the ready line. Default 20000 ms. */
  timeoutMs?: number;
  /** Working directory; default the repository root. */
  cwd?: string;
}

/**
 * `node <repo>/dist/emulator/cli.js`: the bin `npm run build` produces (from the build,
 * the `cli.js` beside this module's own directory).
 */
export function builtEmulatorCommand(): string[] {
  const besideUs = path.join(__dirname, "..", "emulator", "cli.js");
  const cli = fs.existsSync(besideUs) ? besideUs : path.join(repoRoot, "dist", "emulator", "cli.js");
  return [process.execPath, cli];
}

/** Process groups still running, killed when this process exits so none outlives it. */
const running = new Set<number>();
process.once("exit", () => {
  for (const pgid of running) signalGroup(pgid, "SIGKILL");
});

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}

/**
 * Starts `<command> …args` and resolves once it prints its JSON ready line
 * (`{"url":…,"adminToken":…}`). The flags are passed exactly as given; pass `--port 0` for
 * any free port. The process leads its own process group, and `stop`/`kill` signal the
 * whole group, so nothing it started survives it.
 *
 * @throws Error naming the exit code and quoting stderr when it exits before the ready
 *   line, or prints none within `timeoutMs`, or prints a line that is not JSON.
 * @example
 * const emu = await spawnEmulator(["--port", "0", "--org", "acme:acme-token", "--state", "emulator.json"]);
 * console.log(emu.url); // http://127.0.0.1:41234
 * await emu.kill();
 * const again = await emu.restart(); // same URL, same admin token, same state
 * await again.stop();
 */
export function spawnEmulator(args: string[] = [], opts: SpawnOptions = {}): Promise<EmulatorProcess> {
  const { timeoutMs = 20_000, cwd = repoRoot } = opts;
  const [command, ...prefix] = opts.command ?? builtEmulatorCommand();
  const child = spawn(command!, [...prefix, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const pgid = child.pid!;
  running.add(pgid);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exit>((resolve) =>
    child.once("exit", (code, signal) => {
      // A wrapper (npx) may exit before its children: make sure the group goes with it.
      signalGroup(pgid, "SIGKILL");
      running.delete(pgid);
      resolve({ code, signal });
    }),
  );

  const stop = async (signal: NodeJS.Signals, graceMs: number): Promise<Exit> => {
    if (child.exitCode === null && child.signalCode === null) signalGroup(pgid, signal);
    const timer = setTimeout(() => signalGroup(pgid, "SIGKILL"), graceMs);
    const exit = await exited;
    clearTimeout(timer);
    return exit;
  };

  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      signalGroup(pgid, "SIGKILL");
      reject(new Error(`${message}. stderr:\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`wxcc-emulator printed no ready line within ${timeoutMs} ms`), timeoutMs);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`wxcc-emulator exited with ${code ?? signal} before it was ready. stderr:\n${stderr}`));
    });
    readline.createInterface({ input: child.stdout! }).once("line", (line) => {
      clearTimeout(timer);
      let ready: { url: string; adminToken: string };
      try {
        ready = JSON.parse(line) as { url: string; adminToken: string };
      } catch {
        fail(`wxcc-emulator printed a first line that is not JSON: ${line}`);
        return;
      }
      const port = Number(new URL(ready.url).port);
      resolve({
        url: ready.url,
        adminToken: ready.adminToken,
        port,
        child,
        exited,
        stdout: () => stdout,
        stderr: () => stderr,
        stop: (signal = "SIGTERM") => stop(signal, 5_000),
        kill: () => stop("SIGKILL", 0),
        // Flags given last win over the same flags earlier in `args`.
        restart: () => spawnEmulator([...args, "--port", String(port), "--admin-token", ready.adminToken], opts),
      });
    });
  });
}
