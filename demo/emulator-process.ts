import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";

/** An emulator running as its own process, the way users start it (`wxcc-emulator`). */
export interface EmulatorProcess {
  url: string;
  adminToken: string;
  /** The port it listens on (the one the OS picked when started with port 0). */
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stdout so far, ready line included. */
  stdout(): string;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
  /** SIGKILL at once: a crash, for durability tests. */
  kill(): Promise<void>;
  /**
   * Starts a new process with the same flags, on the same port and with the same admin
   * token, once this one has exited (after `stop()` or `kill()`). With `--state FILE` it is
   * the same backend coming back: clients and stored `<url>/salesforce` addresses still work.
   */
  restart(): Promise<EmulatorProcess>;
}

/** How to start the process; every field is optional. */
export interface SpawnOptions {
  /** `--port`; default 0 (any free port). */
  port?: number;
  /** `--admin-token`; default: the emulator picks a random one (or `args` gives one). */
  adminToken?: string;
  /** How long to wait for the ready line. Default 20000 ms. */
  timeoutMs?: number;
}

/**
 * The built `wxcc-emulator` bin: next to this file in `dist/`, or, when this module runs
 * from source (tests under vitest), the one `npm run build` put in `dist/`.
 */
function emulatorCli(): string {
  const besideUs = path.join(__dirname, "..", "emulator", "cli.js");
  return existsSync(besideUs) ? besideUs : path.join(__dirname, "..", "dist", "emulator", "cli.js");
}

/**
 * Starts `wxcc-emulator --port <port> …args` and resolves once it prints its ready line.
 *
 * @example
 * const emu = await spawnEmulator(["--org", "acme:acme-token", "--state", "emulator.json"]);
 * console.log(emu.url); // http://127.0.0.1:41234
 * await emu.kill();
 * const again = await emu.restart(); // same URL, same admin token, same state
 * await again.stop();
 */
export function spawnEmulator(args: string[] = [], opts: SpawnOptions = {}): Promise<EmulatorProcess> {
  const { port = 0, adminToken, timeoutMs = 20_000 } = opts;
  // Flags given here come last, so they win over the same flags in `args`.
  const flags = [...args, "--port", String(port), ...(adminToken === undefined ? [] : ["--admin-token", adminToken])];
  const child = spawn(process.execPath, [emulatorCli(), ...flags], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const signal = async (sig: NodeJS.Signals, graceMs: number): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(sig);
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`wxcc-emulator printed no ready line within ${timeoutMs} ms. stderr:\n${stderr}`));
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`wxcc-emulator exited with code ${code} before it was ready. stderr:\n${stderr}`));
    });
    readline.createInterface({ input: child.stdout! }).once("line", (line) => {
      clearTimeout(timer);
      try {
        const ready = JSON.parse(line) as { url: string; adminToken: string };
        const actualPort = Number(new URL(ready.url).port);
        resolve({
          url: ready.url,
          adminToken: ready.adminToken,
          port: actualPort,
          child,
          stdout: () => stdout,
          stderr: () => stderr,
          stop: () => signal("SIGTERM", 5_000),
          kill: () => signal("SIGKILL", 0),
          restart: () => spawnEmulator(args, { ...opts, port: actualPort, adminToken: ready.adminToken }),
        });
      } catch {
        child.kill("SIGKILL");
        reject(new Error(`wxcc-emulator printed an unexpected first line: ${line}`));
      }
    });
  });
}
