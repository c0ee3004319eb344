import type { Connector } from "../../contract";
import type { ConnectorInputs, ConnectorOutputs } from "../kinds/inputs";
import { reportProgress } from "../progress";
import { type LifecycleContext, inputsOf, outputsOf, subjectOf } from "./context";
import { applyEdit, getLive } from "./edit";
import { lifecycleError, reasonOf } from "./failure";
import type { Subject } from "./subject";
import { reportReappliedSecrets } from "./version-drift";

/**
 * `update(id, olds, news)`: `olds` are the OLD OUTPUTS. A change of `active` alone only
 * (de)activates; anything else goes through preflight → deactivate → edit → reactivate,
 * with rollback (see `applyEdit`).
 *
 * @example
 * ```ts
 * const { outs } = await update(ctx, "c-1a2b", oldOutputs, newInputs);
 * ```
 */
export async function update<I extends ConnectorInputs>(
  ctx: LifecycleContext<I>,
  id: string,
  olds: ConnectorOutputs<I>,
  news: I,
): Promise<{ outs: ConnectorOutputs<I> }> {
  const previous = inputsOf(ctx.kind, olds);
  const subject = { ...subjectOf(ctx.kind, news, id), connectorId: id };
  const edited = ctx.kind.changedFields(previous, news).filter((f) => f !== "active" && f !== "connectorId");
  reportReappliedSecrets(ctx.kind, subject, previous, news);

  const connector =
    edited.length === 0
      ? await setActive(ctx, subject, news.active)
      : await applyEdit(ctx, { subject, previous, news, statusHint: olds.status });
  return { outs: outputsOf(ctx.kind, news, connector) };
}

/**
 * Brings the live status to `active` without editing anything. A failed activation leaves
 * the connector as it was (inactive) and changes nothing else.
 */
export async function setActive<I extends ConnectorInputs>(
  ctx: LifecycleContext<I>,
  subject: Subject & { connectorId: string },
  active: boolean,
): Promise<Connector> {
  const live = await getLive(ctx, subject);
  const { orgId, connectorId } = subject;
  if (active && live.status !== "ACTIVE") {
    reportProgress(subject, "activating…");
    try {
      return await ctx.client.activate(orgId, connectorId);
    } catch (err) {
      throw lifecycleError(subject, `activating failed (${reasonOf(err)}); the connector is still inactive`, err);
    }
  }
  if (!active && live.status === "ACTIVE") {
    reportProgress(subject, "deactivating (declared active: false)…");
    try {
      return await ctx.client.deactivate(orgId, connectorId);
    } catch (err) {
      throw lifecycleError(subject, `deactivating failed (${reasonOf(err)}); the connector is still active`, err);
    }
  }
  return live;
}
