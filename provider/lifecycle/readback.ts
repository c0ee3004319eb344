import type { Downtime } from "../client/call-loop";
import type { ConnectorInputs, ConnectorOutputs } from "../kinds/inputs";
import { PartialFailureError } from "../errors";
import type { LifecycleContext } from "./context";
import { liveOutputsOf } from "./context";
import { lifecycleError } from "./failure";
import { type Subject, subjectLabel } from "./subject";

/** What went wrong after the backend had already changed something. */
export interface PartialFailureArgs<I extends ConnectorInputs> {
  subject: Subject & { connectorId: string };
  /** The secrets the connector holds now, as best we know (the backend never returns them). */
  secrets: Partial<I>;
  /** What happened, without the subject (it is prefixed). */
  what: string;
  /** `PARTIAL_FAILURE` (default) or `ROLLBACK` when the previous configuration was restored. */
  code?: "PARTIAL_FAILURE" | "ROLLBACK";
  cause?: unknown;
  /** Outputs to report if reading the connector back fails too. */
  fallback?: ConnectorOutputs<I>;
  /** `"down"` when the connector may still be down because the provider deactivated it: the read-back is bounded too. */
  downtime?: Downtime;
}

/**
 * Reads the connector back and builds the partial failure the engine keeps in state with
 * its real properties. A connector that turns out not to exist yields a plain error.
 */
export async function partialFailure<I extends ConnectorInputs>(ctx: LifecycleContext<I>, args: PartialFailureArgs<I>): Promise<Error> {
  const { subject } = args;
  const message = `${subjectLabel(subject)}: ${args.what}`;
  let properties: object | undefined;
  try {
    const live = await ctx.client.get(subject.orgId, subject.connectorId, { downtime: args.downtime });
    if (!live) return lifecycleError(subject, `${args.what}; the connector no longer exists`, args.cause);
    properties = liveOutputsOf(ctx.kind, live, args.secrets);
  } catch {
    properties = args.fallback;
  }
  return new PartialFailureError({
    id: subject.connectorId,
    properties: properties ?? { orgId: subject.orgId, name: subject.name, connectorId: subject.connectorId },
    message,
    code: args.code ?? "PARTIAL_FAILURE",
    cause: args.cause,
  });
}
