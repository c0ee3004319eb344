import * as fs from "node:fs";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { ProviderSettings } from "../../provider/config";
import { inProgramRunner } from "./org-check-failed";
import { listOrgConnectors, type OrgListing } from "./org-listing";
import type { ListingRequest } from "./org-listing-worker";

// Compiled JS only: under a TypeScript test runner the sources have no worker file to start.
const WORKER_FILE = path.join(__dirname, "org-listing-worker.js");

/** A listing waiting for its answer, and how to list it here if the thread fails. */
interface Pending {
  resolve(listing: OrgListing | Promise<OrgListing>): void;
  listHere(): Promise<OrgListing>;
}

let thread: Worker | undefined;
let broken = false;
/** Set once the program failed: the thread never holds the program open again. */
let released = false;
let nextId = 0;
const pending = new Map<number, Pending>();

/**
 * Lists an org on a worker thread of its own, started on the first call. Why: a program's
 * thread is busy from its start until it has declared its resources, and loading the
 * backend client (undici) there takes ~0.1–0.2 s before any connector can be registered; on
 * a second core the listing is done by the time the declarations are. The thread holds the
 * program open only while a listing is under way, and not once the program has failed (see
 * {@link releaseOnFailure}). If it cannot start or dies, the org is listed on the program's
 * thread instead: same result, same messages.
 *
 * @example
 * const listing = await listOrgInBackground("acme", settings, false); // { live: [...] } or { failure }
 */
export function listOrgInBackground(orgId: string, settings: ProviderSettings, dryRun: boolean): Promise<OrgListing> {
  return new Promise((resolve) => {
    const listHere = () => listOrgConnectors(orgId, settings, dryRun);
    const worker = listingThread();
    if (!worker) {
      resolve(listHere());
      return;
    }
    const id = nextId++;
    pending.set(id, { resolve, listHere });
    if (!released) worker.ref();
    worker.postMessage({ id, orgId, settings, dryRun } satisfies ListingRequest);
  });
}

let workerFileFound: boolean | undefined;

/** Whether listings can go to a thread: the compiled worker module is there, and no thread failed. */
export function backgroundListingAvailable(): boolean {
  workerFileFound ??= __filename.endsWith(".js") && fs.existsSync(WORKER_FILE);
  return workerFileFound && !broken;
}

function listingThread(): Worker | undefined {
  if (thread || broken) return thread;
  try {
    thread = new Worker(WORKER_FILE);
  } catch {
    broken = true;
    return undefined;
  }
  const worker = thread;
  worker.on("message", ({ id, result }: { id: number; result: OrgListing }) => {
    const p = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    p?.resolve(result);
  });
  // Never reported: the listings it held are made here instead.
  const lost = () => {
    broken = true;
    thread = undefined;
    const held = [...pending.values()];
    pending.clear();
    for (const p of held) p.resolve(p.listHere());
  };
  worker.on("error", lost);
  worker.on("exit", lost);
  releaseOnFailure(worker);
  return worker;
}

/**
 * Under the CLI's program runner, lets the program end as soon as it has failed (an uncaught
 * error or rejection: its own, or the org check's), instead of when a listing under way is
 * answered or times out (up to ~30 s against a backend that does not answer): the runner
 * waits for the event loop to empty before it exits, and a failed program's run fails
 * whatever the listing says. Elsewhere (an inline Automation API program, tests) the host
 * process decides when it ends, so nothing is done.
 */
function releaseOnFailure(worker: Worker): void {
  if (!inProgramRunner()) return;
  const release = () => {
    released = true;
    worker.unref();
  };
  process.once("uncaughtException", release);
  process.once("unhandledRejection", release);
}
