import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnEmulator, type EmulatorProcess } from "../../../harness/emulator-process";
import { EmulatorAdmin } from "../../../emulator/admin-client";
import { loadState } from "../../../emulator/state-file";
import { handOperator, type HandOperator, type TestOrg } from "../../support/emulator";

/**
 * `wxcc-emulator --state FILE` as its own process (state in a private temp directory),
 * which a test can crash with SIGKILL and bring back on the same port, with the same
 * admin token, orgs and state file: the same backend, restarted.
 *
 * @example
 * ```ts
 * const backend = await StatefulEmulator.start([org]);
 * await backend.crash();
 * await backend.restart(); // same url; backend.admin keeps working
 * ```
 */
export class StatefulEmulator {
  /** The admin API; valid across restarts (same URL, same admin token). */
  readonly admin: EmulatorAdmin;

  private constructor(
    private process: EmulatorProcess,
    /** The `--state` file. */
    readonly stateFile: string,
    private readonly dir: string,
  ) {
    this.admin = new EmulatorAdmin(process.url, process.adminToken);
  }

  static async start(orgs: TestOrg[]): Promise<StatefulEmulator> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-stateful-"));
    const stateFile = path.join(dir, "emulator.json");
    const process = await spawnEmulator(["--port", "0", "--state", stateFile, ...orgs.flatMap((o) => ["--org", `${o.orgId}:${o.token}`])]);
    return new StatefulEmulator(process, stateFile, dir);
  }

  get url(): string {
    return this.process.url;
  }

  /** Contract calls by hand in `org`. */
  hand(org: TestOrg): HandOperator {
    return handOperator(this.url, org);
  }

  /** SIGKILL: no shutdown, no last write. */
  async crash(): Promise<void> {
    await this.process.kill();
  }

  /** Starts it again with the same flags, port, admin token and state file. */
  async restart(): Promise<void> {
    this.process = await this.process.restart();
  }

  /** IDs of the connectors the state file holds right now: what a restart brings back. */
  savedConnectorIds(): string[] {
    return (loadState(this.stateFile)?.connectors ?? []).map((c) => c.id);
  }

  async dispose(): Promise<void> {
    await this.process.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
