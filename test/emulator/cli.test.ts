import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_PORT, parseArgs } from "../../emulator/args";
import type { EmulatorProcess } from "../../harness/emulator-process";
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

  it("refuses bad flags with exit code 2 and a message naming the flag", async () => {
    for (const [args, msg] of [
      [["--port", "abc"], "[--port]"],
      [["--org", "nocolon"], "[--org] must be ID:TOKEN"],
      [["--frobnicate"], 'unknown flag "--frobnicate"'],
    ] as const) {
      const refused = await spawnCli([...args]).then(
        () => undefined,
        (err: Error) => err.message,
      );
      expect(refused).toContain("exited with 2 before it was ready");
      expect(refused).toContain(msg);
    }
  });

  it("parses every flag", () => {
    expect(parseArgs([])).toEqual({ port: 8787 });
    expect(parseArgs(["--port", "0", "--host", "0.0.0.0", "--state", "s.json", "--org", "a:b:c", "--admin-token", "t", "--rate-limit", "5"])).toEqual({
      port: 0,
      host: "0.0.0.0",
      stateFile: "s.json",
      orgs: [{ orgId: "a", token: "b:c" }],
      adminToken: "t",
      rateLimit: 5,
    });
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
