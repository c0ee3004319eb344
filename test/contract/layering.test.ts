import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../harness/repo";

/** Every source file reached from `entries` through relative imports, as repository paths. */
function reachable(entries: string[]): string[] {
  const seen = new Set<string>();
  const todo = entries.map((e) => path.join(repoRoot, e));
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles.map((f) => f.fileName)) {
      if (!spec.startsWith(".")) continue;
      const base = path.resolve(path.dirname(file), spec);
      todo.push([`${base}.ts`, path.join(base, "index.ts")].find((c) => ts.sys.fileExists(c))!);
    }
  }
  return [...seen].map((f) => path.relative(repoRoot, f)).sort();
}

const sources = (dir: string) =>
  readdirSync(path.join(repoRoot, dir))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => `${dir}/${f}`);
const topDirs = (files: string[]) => [...new Set(files.map((f) => f.split("/")[0]))].sort();

describe("who depends on whom (contract at the bottom, the emulator never on provider/)", () => {
  it("contract/ imports nothing of ours outside itself", () => {
    expect(topDirs(reachable(sources("contract")))).toEqual(["contract"]);
  });

  it("connectivity/ imports only contract/", () => {
    expect(topDirs(reachable(sources("connectivity")))).toEqual(["connectivity", "contract"]);
  });

  it("the emulator (its bin and its package entry point) reaches contract/ and connectivity/, never provider/", () => {
    expect(topDirs(reachable(["emulator/cli.ts", "emulator/index.ts"]))).toEqual(["connectivity", "contract", "emulator"]);
  });
});
