import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { type EmulatorProcess, spawnEmulator } from "../../harness/emulator-process";
import { repoRoot } from "../../harness/repo";

/** The `.ts` sources `file` imports by relative path (what a transpiled copy needs beside it). */
function relativeImports(file: string): string[] {
  return ts
    .preProcessFile(readFileSync(file, "utf8"), true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((spec) => spec.startsWith("."))
    .map((spec) => {
      const base = path.resolve(path.dirname(file), spec);
      const candidates = [`${base}.ts`, path.join(base, "index.ts")];
      const found = candidates.find((c) => ts.sys.fileExists(c));
      if (!found) throw new Error(`${path.relative(repoRoot, file)} imports ${spec}, which is not a .ts source`);
      return found;
    });
}

/**
 * Transpiles `emulator/cli.ts` and every source it imports (followed through relative
 * imports) from the sources to a private directory under `tmp/`, and returns the path of
 * its `cli.js`, with `spawn(args)` to start it (exactly these flags). Tests need a real process for the ready line, signals and SIGKILL, and must
 * test the sources, not `dist/` (which may be stale, and which `npm run build` rewrites).
 * Packages resolve from the repository's node_modules, since `tmp/` is inside it.
 *
 * @example
 * const built = buildCli();
 * const emu = await built.spawn(["--port", "0"]);
 * await emu.stop();
 * built.cleanup();
 */
export function buildCli(): { cli: string; spawn: (args: string[]) => Promise<EmulatorProcess>; cleanup: () => void } {
  const out = path.join(repoRoot, "tmp", `emulator-cli-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  const todo = [path.join(repoRoot, "emulator", "cli.ts")];
  const done = new Set<string>();
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (done.has(file)) continue;
    done.add(file);
    const js = ts.transpileModule(readFileSync(file, "utf8"), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      fileName: file,
    }).outputText;
    const target = path.join(out, path.relative(repoRoot, file)).replace(/\.ts$/, ".js");
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, js);
    todo.push(...relativeImports(file));
  }
  const cli = path.join(out, "emulator", "cli.js");
  return {
    cli,
    spawn: (args) => spawnEmulator(args, { command: [process.execPath, cli], timeoutMs: 15_000 }),
    cleanup: () => rmSync(out, { recursive: true, force: true }),
  };
}
