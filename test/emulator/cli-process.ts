import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { createInterface } from "node:readline";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "../..");

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith(".ts") && !p.endsWith(".d.ts") ? [p] : [];
  });
}

/**
 * Transpiles the emulator (and the contract and connectivity client it uses) to a private directory
 * under `tmp/` and returns the path of its `cli.js`. Tests need a real process for the
 * ready line, signals and SIGKILL, and must not depend on (or race) `npm run build`.
 */
export function buildCli(): { cli: string; cleanup: () => void } {
  const out = path.join(ROOT, "tmp", `emulator-cli-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  for (const file of [...tsFiles(path.join(ROOT, "contract")), ...tsFiles(path.join(ROOT, "emulator")), ...tsFiles(path.join(ROOT, "provider/connectivity"))]) {
    const js = ts.transpileModule(readFileSync(file, "utf8"), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: file,
    }).outputText;
    const target = path.join(out, path.relative(ROOT, file)).replace(/\.ts$/, ".js");
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, js);
  }
  return { cli: path.join(out, "emulator/cli.js"), cleanup: () => rmSync(out, { recursive: true, force: true }) };
}

/** A running `wxcc-emulator` child process. */
export interface CliProcess {
  child: ChildProcess;
  ready: { url: string; adminToken: string };
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `node <cli> ...args` (or another command) and resolves on its JSON ready line. */
export function spawnCli(command: string, args: string[], timeoutMs = 15_000): Promise<CliProcess> {
  const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr!.on("data", (c) => (err += c));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no ready line within ${timeoutMs} ms; stderr: ${err}`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => {
      clearTimeout(timer);
      try {
        resolve({ child, ready: JSON.parse(line), stderr: () => err, exited });
      } catch (e) {
        reject(new Error(`ready line is not JSON: ${line}`));
      }
    });
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ready; stderr: ${err}`));
    });
  });
}
