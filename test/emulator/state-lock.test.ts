import { existsSync, lstatSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator/index";
import type { EmulatorProcess } from "../../harness/emulator-process";
import { buildCli } from "./cli-process";
import { basicBody, http } from "./support";

const built = buildCli();
// Its real path: the lock (and its messages) name a state file by where it really is.
const dir = realpathSync(mkdtempSync(path.join(tmpdir(), "wxcc-lock-")));
const running: EmulatorProcess[] = [];
afterAll(async () => {
  for (const p of running) await p.kill();
  built.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function start(file: string): Promise<EmulatorProcess> {
  const p = await built.spawn(["--port", "0", "--state", file]);
  running.push(p);
  return p;
}

/** Runs the emulator on `file` expecting it to refuse to start; returns its stderr. */
async function refusal(file: string): Promise<string> {
  const err = await built.spawn(["--port", "0", "--state", file]).then(
    (p) => {
      running.push(p);
      throw new Error(`started although it should have refused: ${p.url}`);
    },
    (e: Error) => e.message,
  );
  expect(err).toMatch(/exited with 1 before it was ready/);
  return err;
}

const create = (url: string, name: string) => http(`${url}/v1/organizations/demo/connectors`, { method: "POST", token: "demo-token", body: basicBody(name) });
const names = async (url: string) =>
  ((await http(`${url}/v1/organizations/demo/connectors`, { token: "demo-token" })).body.items as Array<{ name: string }>).map((c) => c.name).sort();

describe("one emulator per --state file", () => {
  it("started on a symlink (also a dangling one), writes through to the file it names and leaves the symlink in place", async () => {
    for (const dangling of [false, true]) {
      const file = path.join(dir, `target-${dangling}.json`);
      const link = path.join(dir, `link-${dangling}.json`);
      if (!dangling) await (await start(file)).stop();
      symlinkSync(file, link);
      const emu = await start(link);
      expect((await create(emu.url, `through-${dangling}`)).status).toBe(201);
      await emu.stop();
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readFileSync(file, "utf8")).toContain(`through-${dangling}`);
    }
  }, 30_000);

  it("refuses a second emulator given another name of the same file (a symlink, a path with ..)", async () => {
    const file = path.join(dir, "linked.json");
    const first = await start(file);
    symlinkSync(file, path.join(dir, "alias.json"));
    for (const other of [path.join(dir, "alias.json"), path.join(dir, "..", path.basename(dir), "linked.json")]) {
      expect(await refusal(other)).toContain(`state file ${file} is in use by another wxcc-emulator (pid ${first.child.pid}`);
    }
    await first.stop();
  }, 30_000);

  it("refuses to start a second emulator on a state file in use, naming the file, the holder and the fix; the first keeps every change", async () => {
    const file = path.join(dir, "shared.json");
    const first = await start(file);
    expect((await create(first.url, "before")).status).toBe(201);

    const stderr = await refusal(file);
    expect(stderr).toContain(`state file ${file} is in use by another wxcc-emulator (pid ${first.child.pid} on ${hostname()}`);
    expect(stderr).toContain("Stop that emulator first, or give this one another --state file");
    expect(stderr).toContain(`delete ${file}.lock`);

    expect((await create(first.url, "after")).status).toBe(201);
    await first.stop();
    expect(existsSync(`${file}.lock`)).toBe(false);

    const again = await start(file);
    expect(await names(again.url)).toEqual(["after", "before"]);
    await again.stop();
  }, 30_000);

  it("takes over the lock of an emulator that was killed (its pid is dead) and keeps its acknowledged changes", async () => {
    const file = path.join(dir, "killed.json");
    const first = await start(file);
    expect((await create(first.url, "acknowledged")).status).toBe(201);
    await first.kill();
    expect(JSON.parse(readFileSync(`${file}.lock`, "utf8"))).toMatchObject({ pid: first.child.pid, host: hostname() });

    const second = await start(file);
    expect(await names(second.url)).toEqual(["acknowledged"]);
    expect(JSON.parse(readFileSync(`${file}.lock`, "utf8"))).toMatchObject({ pid: second.child.pid });
    await second.stop();
  }, 30_000);

  it("respects a lock held from another host, which it cannot check", async () => {
    const file = path.join(dir, "shared-disk.json");
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: 4242, host: "build-agent-7", startedAt: "2026-11-29T10:00:00.000Z" }));
    const stderr = await refusal(file);
    expect(stderr).toContain("pid 4242 on build-agent-7, started 2026-11-29T10:00:00.000Z");
    expect(existsSync(file)).toBe(false);
  }, 30_000);

  it("holds the lock in-process too, and releases it on close", async () => {
    const file = path.join(dir, "in-process.json");
    const a = await startEmulator({ port: 0, stateFile: file });
    await expect(startEmulator({ port: 0, stateFile: file })).rejects.toMatchObject({ code: "STATE_FILE_LOCKED" });
    await a.close();
    const b = await startEmulator({ port: 0, stateFile: file });
    await b.close();
  });
});

describe("an unreadable --state file", () => {
  it.each([
    ["empty", "", "is empty"],
    ["truncated", '{"formatVersion":1,"orgs":[{"orgId":"demo","tok', "is not valid JSON, truncated or corrupt"],
    ["not ours", '{"hello":"world"}', "is not a wxcc-emulator state"],
  ])(
    "stops start-up on a state file that is %s, naming the file and what to do, and leaves it untouched",
    async (what, text, problem) => {
      const file = path.join(dir, `unreadable-${what.replace(/ /g, "-")}.json`);
      writeFileSync(file, text);
      const stderr = await refusal(file);
      expect(stderr).toContain(`wxcc-emulator: state file ${file} ${problem}`);
      expect(stderr).toContain(`it was left untouched. Restore it from a backup, or move it aside (mv ${file} ${file}.broken) to start with an empty state.`);
      expect(stderr).not.toContain("Unexpected end of JSON input\n");
      expect(readFileSync(file, "utf8")).toBe(text);
      expect(existsSync(`${file}.lock`)).toBe(false);
    },
    30_000,
  );
});
