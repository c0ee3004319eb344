import { promises as fsp, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import * as path from "node:path";
import type { IdpSnapshot } from "./idp-registry";
import type { StoredConnector } from "./model";
import type { WebexSnapshot } from "./webex-integrations";

/**
 * What `--state FILE` holds. It includes connector secrets in plaintext: the emulator
 * must re-validate connectivity with the stored credentials on activate, exactly like
 * the service. It is a local development tool; keep state files out of version control.
 */
export interface EmulatorState extends IdpSnapshot, Partial<WebexSnapshot> {
  formatVersion: 1;
  orgs: Array<{ orgId: string; token: string }>;
  connectors: StoredConnector[];
}

/** A state file that cannot be loaded; `message` names the file, what is wrong and what to do. The file is left untouched. */
export class StateFileError extends Error {
  readonly code = "STATE_FILE_UNREADABLE";
  constructor(
    readonly stateFile: string,
    problem: string,
  ) {
    super(
      `state file ${stateFile} ${problem}; it was left untouched. Restore it from a backup, ` +
        `or move it aside (mv ${stateFile} ${stateFile}.broken) to start with an empty state.`,
    );
    this.name = "StateFileError";
  }
}

/**
 * A `--state` path that can never hold a state file: its directory is missing, a part of
 * it is a file, or it names a directory. `message` names the path and what to do; nothing
 * was created.
 */
export class StatePathError extends Error {
  readonly code = "STATE_FILE_PATH";
  constructor(
    readonly stateFile: string,
    problem: string,
  ) {
    super(`state file ${stateFile} ${problem}`);
    this.name = "StatePathError";
  }
}

/** `statSync` that answers `undefined` for a path that does not exist (or runs through a file). */
function statOrUndefined(p: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(p);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw err;
  }
}

/**
 * Throws {@link StatePathError} when `file` (an absolute path) cannot become a state file,
 * before anything is written next to it (the lock comes first): without this, a missing
 * directory fails as a bare `ENOENT … .lock.<pid>.tmp`. The file itself may be missing: it
 * is created on start. Other failures (e.g. no permission) surface where they happen.
 *
 * @example
 * ```ts
 * checkStatePath("/srv/missing/state.json");
 * // StatePathError: state file /srv/missing/state.json cannot be created: its directory /srv/missing does not exist. Create it (mkdir -p /srv/missing), or give --state a file in an existing directory
 * ```
 */
export function checkStatePath(file: string): void {
  if (statOrUndefined(file)?.isDirectory()) {
    throw new StatePathError(file, `is a directory: give --state the path of a file, e.g. ${path.join(file, "emulator.json")} (it is created on first start)`);
  }
  const dir = path.dirname(file);
  const parent = statOrUndefined(dir);
  if (parent?.isDirectory()) return;
  // The nearest part of the path that exists says which of the two it is.
  let existing = dir;
  while (!statOrUndefined(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  if (existing !== dir && statOrUndefined(existing)?.isDirectory()) {
    throw new StatePathError(
      file,
      `cannot be created: its directory ${dir} does not exist. Create it (mkdir -p ${dir}), or give --state a file in an existing directory`,
    );
  }
  throw new StatePathError(file, `cannot be created: ${existing} is a file, not a directory. Give --state a file in an existing directory`);
}

/**
 * Reads a state file; a missing file is an empty state. An empty, truncated, corrupt or
 * foreign file throws {@link StateFileError} naming the file and the fix, instead of a
 * bare JSON error (every write is atomic, so such a file was not written by us, or the
 * disk lost it).
 */
export function loadState(file: string): EmulatorState | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === "ENOENT") return undefined;
    throw new StateFileError(file, `cannot be read (${e.code ?? e.message})`);
  }
  if (text.trim() === "") throw new StateFileError(file, "is empty");
  let state: Partial<EmulatorState>;
  try {
    state = JSON.parse(text) as Partial<EmulatorState>;
  } catch (err) {
    throw new StateFileError(file, `is not valid JSON, truncated or corrupt (${(err as Error).message})`);
  }
  if (!state || typeof state !== "object" || state.formatVersion !== 1 || !Array.isArray(state.connectors)) {
    throw new StateFileError(file, "is not a wxcc-emulator state (formatVersion 1 with a connectors list)");
  }
  return state as EmulatorState;
}

/** Removes temp files a killed process left behind; they never hold acknowledged data alone. */
export function removeStaleTempFiles(file: string): void {
  const dir = path.dirname(path.resolve(file));
  const prefix = `.${path.basename(file)}.`;
  for (const f of readdirSync(dir)) {
    if (f.startsWith(prefix) && f.endsWith(".tmp")) rmSync(path.join(dir, f), { force: true });
  }
}

/**
 * Writes the whole state atomically: a temp file in the same directory, fsync, rename
 * over the target, fsync the directory. A crash at any moment leaves either the old or
 * the new file, never a torn one.
 *
 * Writes are serialized, and calls that arrive while one is running share the next
 * write, whose snapshot is taken when it starts, so it includes all of their changes.
 */
export class StateWriter {
  private running: Promise<void> = Promise.resolve();
  private next: Promise<void> | undefined;
  private seq = 0;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => EmulatorState,
  ) {}

  /** Resolves once a write that includes every change made before this call is durable. */
  persist(): Promise<void> {
    if (!this.next) {
      this.next = this.running
        .catch(() => undefined)
        .then(() => {
          this.next = undefined;
          this.running = this.writeNow(JSON.stringify(this.snapshot()));
          return this.running;
        });
    }
    return this.next;
  }

  private async writeNow(text: string): Promise<void> {
    const dir = path.dirname(path.resolve(this.file));
    const tmp = path.join(dir, `.${path.basename(this.file)}.${process.pid}.${++this.seq}.tmp`);
    const fh = await fsp.open(tmp, "w", 0o600);
    try {
      await fh.writeFile(text, "utf8");
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fsp.rename(tmp, this.file);
    // The rename itself is durable only once the directory entry is flushed.
    const dh = await fsp.open(dir, "r").catch(() => undefined);
    if (dh) {
      await dh.sync().catch(() => undefined);
      await dh.close();
    }
  }
}
