import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import type { EmulatorContext } from "./context";
import { FaultInjector } from "./faults";
import { IdpRegistry } from "./idp-registry";
import { BoundedLog, type ConnectorEvent, type RequestLogEntry } from "./logs";
import { OrgRegistry } from "./orgs";
import { RateLimiter } from "./rate-limit";
import { createListener } from "./server";
import { checkStatePath, loadState, removeStaleTempFiles, StateWriter, type EmulatorState } from "./state-file";
import { acquireStateLock, canonicalStatePath, type StateLock } from "./state-lock";
import { ConnectorStore } from "./store";
import { WebexIntegrations } from "./webex-integrations";

/** How to start an emulator. Every field is optional. */
export interface EmulatorOptions {
  /** TCP port; 0 picks any free port. Default 0. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`: the emulator is for this machine only. */
  host?: string;
  /** Persist every change to this JSON file (atomically) and load it on start. */
  stateFile?: string;
  /** Orgs and their bearer tokens. Default `[{ orgId: "demo", token: "demo-token" }]`. */
  orgs?: Array<{ orgId: string; token: string }>;
  /** Token for the admin API. Default: random. */
  adminToken?: string;
  /** Requests per second per token on the contract; over it → 429 with Retry-After. Default off. */
  rateLimit?: number;
}

/** A started emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:8787`; the fake Salesforce server is `${url}/salesforce`. */
  url: string;
  adminToken: string;
  /** Stops listening, drops open connections and waits for pending state writes. */
  close(): Promise<void>;
}

/** The default org so a fresh machine works with no flags. */
export const DEFAULT_ORGS = [{ orgId: "demo", token: "demo-token" }];

// The package's `pulumi-wxcc-connectors/emulator` entry point (package.json `exports`): the
// emulator, its admin client and the shapes they take and return.
export type { ConnectorEvent, EventKind, RequestLogEntry } from "./logs";
export type { ActiveFault, FaultSpec } from "./faults";
export { EmulatorAdmin, EmulatorAdminError } from "./admin-client";

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

/**
 * Starts the connector backend emulator (SPEC §5) in this process.
 *
 * @throws StateFileLockedError when another running emulator holds `stateFile`;
 *   StateFileError when `stateFile` is empty, truncated or corrupt (it is left untouched);
 *   StatePathError when `stateFile` names a directory, or its directory does not exist.
 * @example
 * const emu = await startEmulator({ port: 0 });
 * const admin = new EmulatorAdmin(emu.url, emu.adminToken);
 * await admin.registerBasicUser({ username: "svc", password: "s3cret" });
 * // … talk to `${emu.url}/v1/organizations/demo/connectors` with "Bearer demo-token"
 * await emu.close();
 */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  // Held from before the state is read until close, so no other emulator reads or writes it meanwhile.
  // Every use of the state file goes through its real path (a symlink is followed, not replaced).
  if (opts.stateFile) opts = { ...opts, stateFile: canonicalStatePath(opts.stateFile) };
  if (opts.stateFile) checkStatePath(opts.stateFile);
  const lock = opts.stateFile ? acquireStateLock(opts.stateFile) : undefined;
  try {
    return await start(opts, lock);
  } catch (err) {
    lock?.release();
    throw err;
  }
}

async function start(opts: EmulatorOptions, lock: StateLock | undefined): Promise<RunningEmulator> {
  const host = opts.host ?? "127.0.0.1";
  const adminToken = opts.adminToken ?? `adm-${randomBytes(18).toString("base64url")}`;
  const store = new ConnectorStore();
  const orgs = new OrgRegistry();
  const idp = new IdpRegistry();
  const webex = new WebexIntegrations();

  const saved = opts.stateFile ? loadState(opts.stateFile) : undefined;
  if (saved) {
    for (const o of saved.orgs ?? []) orgs.add(o.orgId, o.token);
    for (const c of saved.connectors) store.put(c);
    idp.load(saved);
    webex.load(saved);
  }
  // Orgs given now win over saved ones, so a token can be changed by restarting with a new flag.
  for (const o of opts.orgs ?? (saved?.orgs?.length ? [] : DEFAULT_ORGS)) orgs.add(o.orgId, o.token);

  const snapshot = (): EmulatorState => ({ formatVersion: 1, orgs: orgs.list(), connectors: store.all(), ...idp.snapshot(), ...webex.snapshot() });
  const writer = opts.stateFile ? new StateWriter(opts.stateFile, snapshot) : undefined;
  if (writer && opts.stateFile) {
    removeStaleTempFiles(opts.stateFile);
    await writer.persist();
  }

  const dispatcher = new Agent({ keepAliveTimeout: 1_000 });
  const ctx: EmulatorContext = {
    url: "",
    adminToken,
    store,
    orgs,
    idp,
    webex,
    faults: new FaultInjector(),
    requestLog: new BoundedLog<RequestLogEntry>(),
    eventLog: new BoundedLog<ConnectorEvent>(),
    ...(opts.rateLimit && opts.rateLimit > 0 ? { rateLimiter: new RateLimiter(opts.rateLimit) } : {}),
    persist: writer ? () => writer.persist() : () => Promise.resolve(),
    dispatcher,
  };

  const server = createServer({ keepAliveTimeout: 5_000 }, createListener(ctx));
  // Malformed HTTP gets a plain 400 instead of an unhandled error.
  server.on("clientError", (_err, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  ctx.url = `http://${urlHost(host)}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: ctx.url,
    adminToken,
    close: () =>
      (closing ??= (async () => {
        const closed = new Promise<void>((r) => server.close(() => r()));
        server.closeAllConnections();
        await closed;
        await dispatcher.close().catch(() => undefined);
        if (writer) await writer.persist().catch(() => undefined);
        lock?.release();
      })()),
  };
}
