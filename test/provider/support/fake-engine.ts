import { createRequire } from "node:module";
import type * as grpcTypes from "@grpc/grpc-js";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import type { LogRequest } from "@pulumi/pulumi/proto/engine_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";

const grpc = createRequire(require.resolve("@pulumi/pulumi/proto/engine_grpc_pb"))("@grpc/grpc-js") as typeof grpcTypes;

/** One `Engine.Log` call as the fake engine received it. */
export interface ReceivedLog {
  severity: number;
  message: string;
  urn: string;
  ephemeral: boolean;
}

/** A Pulumi engine's `Engine` gRPC service on loopback that records `Log` calls. */
export interface FakeEngine {
  address: string;
  logs: ReceivedLog[];
  /** Leaves every `Log` call for `urn` unanswered until the returned function is called. */
  hold(urn: string): () => void;
  close(): Promise<void>;
}

/**
 * Starts a fake engine on `127.0.0.1:0` (@pulumi/pulumi's own service definition).
 *
 * @example
 * ```ts
 * const engine = await startFakeEngine();
 * useEngineAddress(engine.address);
 * ```
 */
export async function startFakeEngine(): Promise<FakeEngine> {
  const logs: ReceivedLog[] = [];
  const held = new Map<string, Array<() => void>>();
  const server = new grpc.Server();
  const engine: FakeEngine = {
    address: "",
    logs,
    hold: (urn) => {
      held.set(urn, []);
      return () => {
        const answers = held.get(urn) ?? [];
        held.delete(urn);
        for (const answer of answers) answer();
      };
    },
    close: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
  server.addService(EngineService as unknown as grpcTypes.ServiceDefinition, {
    log: (call: grpcTypes.ServerUnaryCall<LogRequest, Empty>, callback: grpcTypes.sendUnaryData<Empty>) => {
      const r = call.request;
      logs.push({ severity: r.getSeverity(), message: r.getMessage(), urn: r.getUrn(), ephemeral: r.getEphemeral() });
      const answer = () => callback(null, new Empty());
      if (held.has(r.getUrn())) held.get(r.getUrn())!.push(answer);
      else answer();
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p)));
  });
  engine.address = `127.0.0.1:${port}`;
  return engine;
}
