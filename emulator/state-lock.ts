import { linkSync, readFileSync, readlinkSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import * as path from "node:path";

/**
 * One emulator per `--state` file (SPEC §5 "refuses a state file that another running
 * emulator holds"): two emulators on one file would each overwrite the other's
 * acknowledged changes. The holder is recorded in `<file>.lock` as
 * `{ pid, host, startedAt }`; a lock whose process is dead (same host) is stale and taken over.
 */

/** What `<file>.lock` holds. */
export interface LockOwner {
  pid: number;
  host: string;
  /** ISO 8601 time the holder started. */
  startedAt: string;
}

/** The state file is held by another running emulator; `message` names it, the holder and the fix. */
export class StateFileLockedError extends Error {
  readonly code = "STATE_FILE_LOCKED";
  constructor(
    readonly stateFile: string,
    readonly lockFile: string,
    readonly owner: LockOwner | undefined,
  ) {
    const who = owner
      ? `another wxcc-emulator (pid ${owner.pid} on ${owner.host}, started ${owner.startedAt})`
      : "another wxcc-emulator (its lock file cannot be read)";
    super(
      `state file ${stateFile} is in use by ${who}. Stop that emulator first, or give this one another --state file. ` +
        `If no emulator is running on it, delete ${lockFile}.`,
    );
    this.name = "StateFileLockedError";
  }
}

/** A held lock; `release` is idempotent and also runs when the process exits. */
export interface StateLock {
  readonly lockFile: string;
  release(): void;
}

/** Whether process `pid` is alive on this host (EPERM: alive, owned by another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(lockFile: string): LockOwner | undefined {
  try {
    const o = JSON.parse(readFileSync(lockFile, "utf8")) as Partial<LockOwner>;
    return typeof o.pid === "number" && typeof o.host === "string" ? { pid: o.pid, host: o.host, startedAt: String(o.startedAt) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The one path every name of `stateFile` leads to (symlinks and `..` resolved), so two
 * emulators given different names of one file meet at one lock, and writes (a temp file
 * renamed into place) replace the file itself, never a symlink to it. A file not yet
 * created is named by its directory's real path (a dangling symlink: by its target).
 */
export function canonicalStatePath(stateFile: string): string {
  const file = path.resolve(stateFile);
  try {
    return realpathSync(file);
  } catch {
    try {
      // A dangling symlink: the file it names, once created.
      const target = readlinkSync(file);
      return canonicalStatePath(path.resolve(path.dirname(file), target));
    } catch {
      // Not a symlink: fall through.
    }
    try {
      return path.join(realpathSync(path.dirname(file)), path.basename(file));
    } catch {
      return file;
    }
  }
}

/**
 * Takes the lock of `stateFile`, or throws {@link StateFileLockedError} when a live
 * emulator holds it. The lock file appears with its content at once (written aside, then
 * hard-linked into place, which fails if it exists), so a reader never sees it half
 * written. A lock left by a dead process on this host is removed and taken; one from
 * another host (a shared disk) cannot be checked and is respected.
 *
 * @example
 * const lock = acquireStateLock("emulator.json"); // creates emulator.json.lock
 * lock.release();
 */
export function acquireStateLock(stateFile: string): StateLock {
  const file = canonicalStatePath(stateFile);
  const lockFile = `${file}.lock`;
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  const aside = `${lockFile}.${process.pid}.tmp`;
  writeFileSync(aside, `${JSON.stringify(me)}\n`, { mode: 0o600 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(aside, lockFile);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
      const owner = readOwner(lockFile);
      const stale = owner !== undefined && owner.host === me.host && owner.pid !== me.pid && !alive(owner.pid);
      if (!stale || attempt > 0) throw new StateFileLockedError(file, lockFile, owner);
      rmSync(lockFile, { force: true });
    }
  } finally {
    rmSync(aside, { force: true });
  }

  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    // Only our own lock: never one a later holder took over.
    const owner = readOwner(lockFile);
    if (owner?.pid === me.pid && owner.host === me.host) rmSync(lockFile, { force: true });
  };
  process.on("exit", release);
  return { lockFile, release };
}
