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

/** One line waiting for its Log call. */
interface Queued {
  request: LogRequest;
  line: string;
}

/** The lines of one resource: sent one at a time, in order. */
interface RowQueue {
  waiting: Queued[];
  /** Settles when `waiting` is empty and the last call returned. */
  draining: Promise<void>;
}

/**
 * Sends progress lines to the Pulumi engine as ephemeral info messages of a resource
 * (`Engine.Log` with `urn` and `ephemeral: true`): the CLI shows the latest on that
 * resource's row and keeps none of them for the Diagnostics section. A line the engine
 * does not take goes to `fallback` instead.
 *
 * Each resource has its own queue: its lines arrive in the order given, every one of them
 * (the steps of a fast change are each shown, however briefly). Resources never wait for
 * each other's lines, so fifty connectors deleted at once each wait for their own two or
 * three calls only.
 *
 * @example
 * ```ts
 * const log = new EngineLog("127.0.0.1:40123", (line) => process.stdout.write(`${line}\n`));
 * log.status("urn:pulumi:dev::proj::pulumi-nodejs:dynamic/wxcc:CustomConnector::crm", "wxcc: …: deactivating…");
 * await log.flush("urn:pulumi:dev::proj::pulumi-nodejs:dynamic/wxcc:CustomConnector::crm");
 * ```
 */
export class EngineLog {
  private readonly client: EngineClient;
  private readonly rows = new Map<string, RowQueue>();

  constructor(
    address: string,
    private readonly fallback: (line: string) => void,
  ) {
    this.client = new EngineClient(address, grpc.credentials.createInsecure());
  }

  /** Queues `line` as the status of the resource `urn`; never throws. */
  status(urn: string, line: string): void {
    this.queue(urn, line, LogSeverity.INFO, true);
  }

  /**
   * Queues `line` as a warning of the resource `urn` that the CLI keeps (Diagnostics
   * section): for what must not scroll away with the row's status. Never throws.
   */
  warn(urn: string, line: string): void {
    this.queue(urn, line, LogSeverity.WARNING, false);
  }

  private queue(urn: string, line: string, severity: LogSeverity, ephemeral: boolean): void {
    const request = new LogRequest();
    request.setSeverity(severity);
    request.setMessage(line);
    request.setUrn(urn);
    request.setEphemeral(ephemeral);
    const row = this.rows.get(urn);
    if (row) {
      row.waiting.push({ request, line });
      return;
    }
    const fresh: RowQueue = { waiting: [{ request, line }], draining: Promise.resolve() };
    this.rows.set(urn, fresh);
    fresh.draining = this.drain(urn, fresh);
  }

  private async drain(urn: string, row: RowQueue): Promise<void> {
    for (let next = row.waiting.shift(); next; next = row.waiting.shift()) await this.send(next.request, next.line);
    this.rows.delete(urn);
  }

  /** Resolves once every line queued for `urn` (for every resource when absent) reached the engine or its fallback. */
  async flush(urn?: string): Promise<void> {
    if (urn !== undefined) return this.rows.get(urn)?.draining;
    await Promise.all([...this.rows.values()].map((r) => r.draining));
  }

  /** Closes the connection (tests; the plugin process just exits). */
  close(): void {
    this.client.close();
  }

  private send(request: LogRequest, line: string): Promise<void> {
    return new Promise((resolve) => {
      this.client.log(request, new grpc.Metadata(), { deadline: Date.now() + CALL_DEADLINE_MS }, (err) => {
        if (err) this.fallback(line);
        resolve();
      });
    });
  }
}
