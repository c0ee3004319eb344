import { describe, expect, it } from "vitest";
import { spawnEmulator } from "../../harness/emulator-process";
import { accepts } from "./listening";
import { http } from "./support";

// The built package's bin, as a user runs it: `npx` finds it in node_modules/.bin (`npm run
// build` installs the package into its own node_modules), so this runs after the build.
describe("`npx wxcc-emulator` (the built package bin)", () => {
  it("prints the ready line, serves, and stops with the server npx started", async () => {
    const p = await spawnEmulator(["--port", "0"], { command: ["npx", "--no-install", "wxcc-emulator"], timeoutMs: 30_000 });
    expect(p.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await http(`${p.url}/v1/organizations/demo/connectors`, { token: "demo-token" })).status).toBe(200);
    await p.stop();
    // npx runs the server as a process of its own: stopping only npx left it listening.
    expect(await accepts("127.0.0.1", p.port)).toBe(false);
  });
});
