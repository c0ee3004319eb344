import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { leftoverProcesses } from "../../harness/leftover-processes";
import { repoRoot, scratchRoot } from "../../harness/repo";

const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

/** Starts `node <file>` where `file` is a script that idles, named like one of ours. */
function idle(name: string, cwd: string): number {
  const dir = path.join(scratchRoot, `leftover-${process.pid}`, path.dirname(name));
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, path.basename(name));
  fs.writeFileSync(file, "setInterval(() => {}, 1000);\n");
  const child = spawn(process.execPath, [file], { cwd, stdio: "ignore" });
  started.push(child.pid!);
  return child.pid!;
}

describe("leftoverProcesses", () => {
  it("names a running emulator of this checkout, and not one of another checkout", async () => {
    const ours = idle("emulator/cli.js", repoRoot);
    const other = fs.mkdtempSync(path.join(os.tmpdir(), "other-checkout-"));
    const theirs = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", "wxcc-emulator"], { cwd: other, stdio: "ignore" });
    started.push(theirs.pid!);
    await new Promise((r) => setTimeout(r, 200));

    const found = leftoverProcesses();
    expect(found).toContainEqual({ pid: ours, command: expect.stringContaining("emulator/cli.js"), cwd: repoRoot });
    expect(found.map((p) => p.pid)).not.toContain(theirs.pid);
    expect(found.map((p) => p.pid)).not.toContain(process.pid);

    process.kill(ours, "SIGKILL");
    await new Promise((r) => setTimeout(r, 200));
    expect(leftoverProcesses().map((p) => p.pid)).not.toContain(ours);
    fs.rmSync(other, { recursive: true, force: true });
    fs.rmSync(path.join(scratchRoot, `leftover-${process.pid}`), { recursive: true, force: true });
  });
});
