import type { ConnectorInputs, ConnectorOutputs } from "../kinds/inputs";
import { reportProgress } from "../progress";
import { type LifecycleContext, outputsOf, subjectOf } from "./context";
import { applyEdit } from "./edit";
import { lifecycleError, reasonOf } from "./failure";

/**
 * `create` with `connectorId`: takes over an existing connector instead of creating one,
 * and converges it to the declared inputs with the update flow. The backend never returns
 * secrets, so the declared ones are always written once (deactivate → edit → reactivate,
 * preflight first; no reactivation when `active: false` is declared).
 *
 * @example
 * ```ts
 * const { id, outs } = await adopt(ctx, { ...inputs, connectorId: "c-1a2b" });
 * ```
 */
export async function adopt<I extends ConnectorInputs>(ctx: LifecycleContext<I>, inputs: I & { connectorId: string }): Promise<{ id: string; outs: ConnectorOutputs<I> }> {
  const { kind } = ctx;
  const subject = { ...subjectOf(kind, inputs), connectorId: inputs.connectorId };
  reportProgress(subject, "adopting the existing connector…");

  let live;
  try {
    live = await ctx.client.get(inputs.orgId, inputs.connectorId);
  } catch (err) {
    throw lifecycleError(subject, `adopting failed: reading connector ${inputs.connectorId} failed (${reasonOf(err)})`, err);
  }
  if (!live) {
    throw lifecycleError(
      subject,
      `cannot adopt connectorId "${inputs.connectorId}": no such connector in org "${inputs.orgId}"; check [connectorId] and [orgId], or remove connectorId to create a new connector`,
      undefined,
      "NOT_FOUND",
    );
  }
  if (live.type !== kind.type) {
    const other = live.type === "SALESFORCE" ? "SalesforceConnector" : "CustomConnector";
    throw lifecycleError(
      subject,
      `cannot adopt connectorId "${inputs.connectorId}": it is a ${live.type} connector ("${live.name}"); declare it as a ${other}, or fix [connectorId]`,
      undefined,
      "IMMUTABLE_FIELD",
    );
  }

  const previous = kind.fromConnector(live, {});
  const connector = await applyEdit(ctx, { subject, previous, news: inputs, live });
  return { id: connector.id, outs: outputsOf(kind, inputs, connector) };
}
