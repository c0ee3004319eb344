import { createRequire } from "node:module";
import type * as grpcTypes from "@grpc/grpc-js";
import { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { LogRequest, LogSeverity } from "@pulumi/pulumi/proto/engine_pb";

// The @grpc/grpc-js that @pulumi/pulumi's generated clients use, resolved from their module:
// credentials and client must come from one gRPC library, and we do not depend on it ourselves.
const grpc = createRequire(require.resolve("@pulumi/pulumi/proto/engine_grpc_pb"))("@grpc/grpc-js") as typeof grpcTypes;

/** How long one Log call may take before its line falls back to stdout. */
const CALL_DEADLINE_MS = 5_000;

/**
 * The engine's address as the dynamic-provider plugin received it, or `undefined` when this
 * process is not that plugin. The engine starts `pulumi-resource-pulumi-nodejs`, which runs
 * `node …/@pulumi/pulumi/cmd/dynamic-provider/index.js [engine flags] <engine address>`: the
 * address is the last argument (pulumi/pulumi `buildPluginArguments`, `NewProvider`).
 *
 * @example
 * ```ts
 * engineAddress(["node", "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js", "127.0.0.1:40123"]);
 * // "127.0.0.1:40123"
 * ```
 */
export function engineAddress(argv: readonly string[] = process.argv): string | undefined {
  const script = argv[1] ?? "";
  if (!/[\\/]cmd[\\/]dynamic-provider([\\/]index\.js)?$/.test(script)) return undefined;
  const last = argv[argv.length - 1] ?? "";
  return /^(\[[0-9a-f:.]+\]|[\w.-]+):\d{1,5}$/i.test(last) ? last : undefined;
}

/**
 * How long a status line waits before it is sent (ms): a step that ends sooner is never
 * shown, since the row already says what the engine does (creating, updating, deleting), and
 * its Log call would cost the plugin and the CLI more than the step itself did.
 */
export const SHOW_AFTER_MS = 250;

/** One resource's row: its lines are sent one at a time, in order. */
interface Row {
  urn: string;
  /** Settles when the last line queued for sending reached the engine or the fallback. */
  sent: Promise<void>;
  /** Whether a status line of this row was queued for sending (the row shows it). */
  shown: boolean;
  /** The timer that sends the newest status line, not sent yet: a newer one replaces it. */
  pending?: NodeJS.Timeout;
}

/** Options of an {@link EngineLog}. */
export interface EngineLogOptions {
  /** How long a status line waits before it is sent, ms; default {@link SHOW_AFTER_MS}; 0 sends every line. */
  showAfterMs?: number;
}

/**
 * Sends progress lines to the Pulumi engine as ephemeral info messages of a resource
 * (`Engine.Log` with `urn` and `ephemeral: true`): the CLI shows the latest on that
 * resource's row and keeps none of them for the Diagnostics section. A line the engine
 * does not take goes to `fallback` instead.
 *
 * A row's first status line is sent once it has been the row's newest for `showAfterMs` (a
 * newer one replaces it before that), so fast changes cost no Log call at all; once a row
 * shows a line, each next one is sent at once (what it shows is never stale); {@link last} sends the closing line only when the row showed one.
 * Kept messages (warnings, notes) are sent at once. Each resource has its own queue: its lines arrive in order,
 * and resources never wait for each other's lines.
 *
 * @example
 * ```ts
 * const log = new EngineLog("127.0.0.1:40123", (line) => process.stdout.write(`${line}\n`));
 * log.status("urn:pulumi:dev::proj::pulumi-nodejs:dynamic/wxcc:CustomConnector::crm", "wxcc: …: deactivating…");
 * log.last("urn:pulumi:dev::proj::pulumi-nodejs:dynamic/wxcc:CustomConnector::crm", "wxcc: …: done");
 * await log.finish("urn:pulumi:dev::proj::pulumi-nodejs:dynamic/wxcc:CustomConnector::crm");
 * ```
 */
export class EngineLog {
  private readonly client: EngineClient;
  private readonly rows = new Map<string, Row>();
  private readonly showAfterMs: number;

  constructor(
    address: string,
    private readonly fallback: (line: string) => void,
    options: EngineLogOptions = {},
  ) {
    this.client = new EngineClient(address, grpc.credentials.createInsecure());
    this.showAfterMs = options.showAfterMs ?? SHOW_AFTER_MS;
  }

  /** Makes `line` the status of the resource `urn` (the row's first: sent unless replaced within `showAfterMs`); never throws. */
  status(urn: string, line: string): void {
    const row = this.row(urn);
    this.dropPending(row);
    // Once a row shows a step, each next one is sent at once: a shown line never goes stale.
    if (this.showAfterMs <= 0 || row.shown) {
      this.send(row, line, LogSeverity.INFO, true);
      return;
    }
    row.pending = setTimeout(() => {
      row.pending = undefined;
      this.send(row, line, LogSeverity.INFO, true);
    }, this.showAfterMs);
    // A line still waiting when the plugin is done has nothing left to show.
    row.pending.unref();
  }

  /**
   * Sends `line` at once as a message of the resource `urn` that the CLI keeps (Diagnostics
   * section): a warning, or an info note, for what must not pass with the row's status.
   * Never throws.
   */
  keep(urn: string, line: string, kind: "warning" | "note"): void {
    this.send(this.row(urn), line, kind === "warning" ? LogSeverity.WARNING : LogSeverity.INFO, false);
  }

  /**
   * The row's closing line (e.g. "done", which the CLI keeps beside the row's final status):
   * a status line not sent yet is dropped, and `line` is sent only when the row showed a status.
   */
  last(urn: string, line: string): void {
    const row = this.row(urn);
    this.dropPending(row);
    if (row.shown) this.send(row, line, LogSeverity.INFO, true);
  }

  /**
   * Ends the row of `urn` (its hook settled): a status line not sent yet is dropped, and
   * the returned promise settles once every line sent reached the engine or the fallback.
   */
  async finish(urn: string): Promise<void> {
    const row = this.rows.get(urn);
    if (!row) return;
    this.dropPending(row);
    this.rows.delete(urn);
    await row.sent;
  }

  /** Closes the connection (tests; the plugin process just exits). */
  close(): void {
    for (const row of this.rows.values()) this.dropPending(row);
    this.client.close();
  }

  private row(urn: string): Row {
    let row = this.rows.get(urn);
    if (!row) {
      row = { urn, sent: Promise.resolve(), shown: false };
      this.rows.set(urn, row);
    }
    return row;
  }

  private dropPending(row: Row): void {
    clearTimeout(row.pending);
    row.pending = undefined;
  }

  private send(row: Row, line: string, severity: LogSeverity, ephemeral: boolean): void {
    const request = new LogRequest();
    request.setSeverity(severity);
    request.setMessage(line);
    request.setUrn(row.urn);
    request.setEphemeral(ephemeral);
    // Only a status counts as shown: a kept note or warning does not make the next steps of a
    // fast change worth a call (the CLI shows it on the row until the row's final status).
    if (ephemeral) row.shown = true;
    row.sent = row.sent.then(() => this.call(request, line));
  }

  private call(request: LogRequest, line: string): Promise<void> {
    return new Promise((resolve) => {
      this.client.log(request, new grpc.Metadata(), { deadline: Date.now() + CALL_DEADLINE_MS }, (err) => {
        if (err) this.fallback(line);
        resolve();
      });
    });
  }
}
