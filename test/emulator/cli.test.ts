import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_PORT, parseArgs } from "../../emulator/args";
import type { EmulatorProcess } from "../../harness/emulator-process";
import { repoRoot } from "../../harness/repo";
import { buildCli } from "./cli-process";
import { accepts, listeningAddresses, nonLoopbackIPv4 } from "./listening";
import { http } from "./support";

const built = buildCli();
afterAll(() => built.cleanup());
const spawnCli = built.spawn;

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

describe("wxcc-emulator command line", () => {
  it("prints exactly one JSON ready line with the URL and admin token, serves, and exits 0 on SIGTERM", async () => {
    const p = await spawnCli(["--port", "0", "--org", "acme:acme-token", "--org", "globex:globex-token", "--admin-token", "adm-1"]);
    const lines = p.stdout().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(Object.keys(JSON.parse(lines[0]!)).sort()).toEqual(["adminToken", "url"]);
    expect(p.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(p.adminToken).toBe("adm-1");
    expect((await http(`${p.url}/v1/organizations/acme/connectors`, { token: "acme-token" })).status).toBe(200);
    expect((await http(`${p.url}/v1/organizations/acme/connectors`, { token: "globex-token" })).status).toBe(403);
    // --org replaces the default demo org.
    expect((await http(`${p.url}/v1/organizations/demo/connectors`, { token: "demo-token" })).status).toBe(401);
    expect((await p.stop("SIGTERM")).code).toBe(0);
  });

  it("closes cleanly on SIGINT, with a random admin token and the demo org by default", async () => {
    const p = await spawnCli(["--port=0"]);
    expect(p.adminToken.length).toBeGreaterThan(16);
    expect((await http(`${p.url}/v1/organizations/demo/connectors`, { token: "demo-token" })).body).toEqual({ items: [] });
    expect((await p.stop("SIGINT")).code).toBe(0);
  });

  it("listens on 8787 when no --port is given", async () => {
    if (!(await portFree(DEFAULT_PORT))) return; // another emulator (e.g. `npm run emulator`) already holds it
    const p = await spawnCli([]);
    expect(p.url).toBe(`http://127.0.0.1:${DEFAULT_PORT}`);
    await p.stop();
  });

  /** Runs the CLI to completion (for command lines that exit on their own). */
  function runToExit(args: string[]) {
    const r = spawnSync(process.execPath, [built.cli, ...args], { cwd: repoRoot, encoding: "utf8", timeout: 15_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it("--help prints the usage with every flag on stdout and exits 0", () => {
    for (const flag of ["--help", "-h"]) {
      const r = runToExit([flag]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout).toMatch(/^Usage: wxcc-emulator \[options\]/);
      for (const f of ["--port <N>", "--host <H>", "--state <FILE>", "--org <ID:TOKEN>", "--admin-token <T>", "--rate-limit <N>", "--version", "--help"])
        expect(r.stdout).toContain(f);
    }
  });

  it("--version prints the package version and exits 0", () => {
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
    const r = runToExit(["--version"]);
    expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("refuses bad or unknown flags with exit code 2, a message naming the flag, and the usage", () => {
    for (const [args, msg] of [
      [["--port", "abc"], '[--port] must be an integer 0-65535, got "abc"'],
      [["--rate-limit", "0"], '[--rate-limit] must be an integer 1-1000000, got "0"'],
      [["--org", "nocolon"], '[--org] must be ID:TOKEN, got "nocolon"'],
      [["--org"], "option '--org <ID:TOKEN>' argument missing"],
      [["--frobnicate"], "unknown option '--frobnicate'"],
      [["serve"], "too many arguments"],
    ] as const) {
      const r = runToExit([...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(msg);
      expect(r.stderr).toContain("Usage: wxcc-emulator [options]");
    }
  });

  it("parses every flag, as --flag value or --flag=value", () => {
    expect(parseArgs([])).toEqual({ options: { port: 8787 } });
    expect(parseArgs(["--port", "0", "--host", "0.0.0.0", "--state", "s.json", "--org", "a:b:c", "--org=d:e", "--admin-token", "t", "--rate-limit=5"])).toEqual(
      {
        options: {
          port: 0,
          host: "0.0.0.0",
          stateFile: "s.json",
          orgs: [
            { orgId: "a", token: "b:c" },
            { orgId: "d", token: "e" },
          ],
          adminToken: "t",
          rateLimit: 5,
        },
      },
    );
  });

  it("refuses an empty --state (an unset variable) instead of running in memory without a word", () => {
    for (const argv of [["--state", ""], ["--state="]]) {
      const line = parseArgs(argv);
      expect(line).toMatchObject({ exitCode: 2 });
      expect((line as { output: string }).output).toContain("[--state] must not be empty.");
    }
  });

  describe("the interface it listens on", () => {
    const stop = (p: EmulatorProcess) => p.stop();

    it("is 127.0.0.1 only by default: the kernel lists one loopback listener, and this machine's other address is refused", async () => {
      const p = await spawnCli(["--port", "0"]);
      try {
        const url = new URL(p.url);
        const port = Number(url.port);
        expect(url.hostname).toBe("127.0.0.1");
        expect(await accepts("127.0.0.1", port)).toBe(true);
        const listeners = listeningAddresses(port);
        if (listeners) expect(listeners).toEqual(["127.0.0.1"]);
        const lan = nonLoopbackIPv4();
        if (lan) expect(await accepts(lan, port)).toBe(false);
        // At least one of the two proofs ran (Linux always has /proc/net/tcp).
        expect(listeners ?? lan).toBeDefined();
      } finally {
        await stop(p);
      }
    });

    it("is every interface only when --host 0.0.0.0 asks for it", async () => {
      const p = await spawnCli(["--port", "0", "--host", "0.0.0.0"]);
      try {
        const port = Number(new URL(p.url).port);
        const listeners = listeningAddresses(port);
        if (listeners) expect(listeners).toEqual(["0.0.0.0"]);
        const lan = nonLoopbackIPv4();
        if (lan) expect(await accepts(lan, port)).toBe(true);
        expect(listeners ?? lan).toBeDefined();
      } finally {
        await stop(p);
      }
    });
  });
});
