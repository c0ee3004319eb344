import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";

/** An emulator running as its own process, the way users start it (`wxcc-emulator`). */
export interface EmulatorProcess {
  url: string;
  adminToken: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout so far, ready line included. */
  stdout(): string;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
  /** SIGKILL at once: a crash, for durability tests. */
  kill(): Promise<void>;
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
 * Starts `wxcc-emulator --port 0 …args` and resolves once it prints its ready line.
 *
 * @example
 * const emu = await spawnEmulator(["--org", "acme:acme-token"]);
 * console.log(emu.url); // http://127.0.0.1:41234
 * await emu.stop();
 */
export function spawnEmulator(args: string[] = [], timeoutMs = 20_000): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [emulatorCli(), "--port", "0", ...args], { stdio: ["ignore", "pipe", "pipe"] });
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
        resolve({
          url: ready.url,
          adminToken: ready.adminToken,
          child,
          stdout: () => stdout,
          stderr: () => stderr,
          stop: () => signal("SIGTERM", 5_000),
          kill: () => signal("SIGKILL", 0),
        });
      } catch {
        child.kill("SIGKILL");
        reject(new Error(`wxcc-emulator printed an unexpected first line: ${line}`));
      }
    });
  });
}
