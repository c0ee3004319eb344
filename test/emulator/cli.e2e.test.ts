import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnEmulator } from "../../harness/emulator-process";
import { scratchRoot } from "../../harness/repo";
import { accepts } from "./listening";
import { http } from "./support";

// The built package's bin as a user runs it: from a project of their own, where `npx` finds
// `wxcc-emulator` in node_modules/.bin (`npm run build` installs this package into the
// repository's node_modules, above the project). Not from the repository root: there npm
// 11 installs the repository itself into the npx cache, which runs `prepare` (a rebuild).
const project = path.join(scratchRoot, `npx-user-project-${process.pid}`);
fs.mkdirSync(project, { recursive: true });
fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "wxcc-user-project", private: true }));
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

describe("`npx wxcc-emulator` (the built package bin)", () => {
  it("prints the ready line, serves, and stops with the server npx started", async () => {
    const p = await spawnEmulator(["--port", "0"], { command: ["npx", "--no-install", "wxcc-emulator"], cwd: project, timeoutMs: 30_000 });
    expect(p.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await http(`${p.url}/v1/organizations/demo/connectors`, { token: "demo-token" })).status).toBe(200);
    await p.stop();
    // npx runs the server as a process of its own: stopping only npx left it listening.
    expect(await accepts("127.0.0.1", p.port)).toBe(false);
  });
});
