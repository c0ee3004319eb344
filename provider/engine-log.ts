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
 * Sends progress lines to the Pulumi engine as ephemeral info messages of a resource
 * (`Engine.Log` with `urn` and `ephemeral: true`): the CLI shows the latest on that
 * resource's row and keeps none of them for the Diagnostics section. Lines go out in the
 * order they were given; a line the engine does not take goes to `fallback` instead.
 *
 * @example
 * ```ts
 * const log = new EngineLog("127.0.0.1:40123", (line) => process.stdout.write(`${line}\n`));
 * log.status("urn:pulumi:dev::proj::pulumi-nodejs:dynamic/wxcc:CustomConnector::crm", "wxcc: …: deactivating…");
 * await log.flush();
 * ```
 */
export class EngineLog {
  private readonly client: EngineClient;
  private pending: Promise<void> = Promise.resolve();

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
    this.pending = this.pending.then(() => this.send(request, line));
  }

  /** Resolves once every queued line has reached the engine or its fallback. */
  flush(): Promise<void> {
    return this.pending;
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
