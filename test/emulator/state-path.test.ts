import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator/index";
import { buildCli } from "./cli-process";

const built = buildCli();
// Its real path: messages name a state file by where it really is.
const dir = realpathSync(mkdtempSync(path.join(tmpdir(), "wxcc-state-path-")));
afterAll(() => {
  built.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the bin on `file` expecting it to refuse to start; returns what it printed. */
async function refusal(file: string): Promise<string> {
  const err = await built.spawn(["--port", "0", "--state", file]).then(
    async (p) => {
      await p.stop();
      throw new Error(`started although it should have refused: ${p.url}`);
    },
    (e: Error) => e.message,
  );
  expect(err).toMatch(/exited with 1 before it was ready/);
  return err;
}

describe("a --state path that cannot hold a state file", () => {
  it("in a directory that does not exist: names the file and the directory to create, and creates nothing", async () => {
    const missing = path.join(dir, "missing", "deeper");
    const file = path.join(missing, "state.json");

    const stderr = await refusal(file);

    expect(stderr).toContain(
      `wxcc-emulator: state file ${file} cannot be created: its directory ${missing} does not exist. Create it (mkdir -p ${missing}), or give --state a file in an existing directory`,
    );
    expect(stderr).not.toContain("ENOENT");
    expect(existsSync(path.join(dir, "missing"))).toBe(false);
  }, 30_000);

  it("once the directory is created, the same command starts", async () => {
    const missing = path.join(dir, "created-later");
    const file = path.join(missing, "state.json");
    await refusal(file);

    mkdirSync(missing);
    const emu = await built.spawn(["--port", "0", "--state", file]);
    await emu.stop();

    expect(existsSync(file)).toBe(true);
  }, 30_000);

  it("under a file: names the part of the path that is a file", async () => {
    const plain = path.join(dir, "plain.txt");
    writeFileSync(plain, "not a directory");

    const stderr = await refusal(path.join(plain, "state.json"));

    expect(stderr).toContain(`cannot be created: ${plain} is a file, not a directory. Give --state a file in an existing directory`);
    expect(stderr).not.toContain("ENOTDIR");
  }, 30_000);

  it("naming a directory: asks for a file path in it, and leaves no lock beside it", async () => {
    const folder = path.join(dir, "a-folder");
    mkdirSync(folder);

    const stderr = await refusal(folder);

    expect(stderr).toContain(
      `wxcc-emulator: state file ${folder} is a directory: give --state the path of a file, e.g. ${path.join(folder, "emulator.json")} (it is created on first start)`,
    );
    expect(readdirSync(dir).filter((f) => f.startsWith("a-folder."))).toEqual([]);
  }, 30_000);

  it("fails startEmulator the same way in-process, with code STATE_FILE_PATH", async () => {
    const file = path.join(dir, "nowhere", "state.json");
    await expect(startEmulator({ port: 0, stateFile: file })).rejects.toMatchObject({
      code: "STATE_FILE_PATH",
      message: expect.stringContaining(`its directory ${path.join(dir, "nowhere")} does not exist`),
    });
  });
});
