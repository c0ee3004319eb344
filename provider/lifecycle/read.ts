import type { ConnectorInputs, ConnectorOutputs } from "../kinds/inputs";
import { type LifecycleContext, outputsOf, secretsOf, subjectOf } from "./context";
import { lifecycleError, reasonOf } from "./failure";

/** What `read` returns: empty when the connector is gone (Pulumi then drops it from state). */
export interface ReadConnectorResult<I extends ConnectorInputs> {
  id?: string;
  props?: ConnectorOutputs<I>;
  inputs?: I;
}

/**
 * `read(id, props)` (refresh): the live connector's outputs and refreshed inputs, so drift
 * done by hand (edits, deactivation) shows and the next diff compares against the live
 * connector. Secrets are kept from `props` (the backend never returns them). A connector
 * deleted by hand yields `{}`.
 *
 * @example
 * ```ts
 * const { id, props, inputs } = await read(ctx, "c-1a2b", oldOutputs, "acme");
 * ```
 */
export async function read<I extends ConnectorInputs>(
  ctx: LifecycleContext<I>,
  id: string,
  olds: Partial<ConnectorOutputs<I>>,
  defaultOrgId?: string,
): Promise<ReadConnectorResult<I>> {
  const { kind } = ctx;
  // States written before orgId was an output, or by hand, may lack it.
  const orgId = typeof olds.orgId === "string" ? olds.orgId : defaultOrgId;
  const subject = subjectOf(kind, { ...olds, orgId }, id);
  if (!orgId) {
    throw lifecycleError(subject, "refreshing needs the org: the state has no orgId and wxcc:orgId is not set; run `pulumi config set wxcc:orgId <org>`", undefined, "CONFIG_MISSING");
  }
  let live;
  try {
    live = await ctx.client.get(orgId, id);
  } catch (err) {
    throw lifecycleError(subject, `refreshing failed (${reasonOf(err)})`, err);
  }
  if (!live) return {};
  if (live.type !== kind.type) {
    throw lifecycleError(subject, `refreshing found a ${live.type} connector under this ID, not ${kind.type}`, undefined, "IMMUTABLE_FIELD");
  }
  const inputs = kind.fromConnector(live, secretsOf(kind, olds));
  return { id, props: outputsOf(kind, inputs, live), inputs };
}
