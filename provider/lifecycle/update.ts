import type { Connector } from "../../contract";
import type { ConnectorInputs, ConnectorOutputs } from "../kinds/inputs";
import { reportProgress } from "../progress";
import { type LifecycleContext, inputsOf, outputsOf, subjectOf } from "./context";
import { applyEdit, goneError } from "./edit";
import { isNotFound, LATE_ACTIVATION, lifecycleError, mayLandLater, reasonOf } from "./failure";
import type { Subject } from "./subject";
import { reportReappliedSecrets } from "./version-drift";

/**
 * `update(id, olds, news)`: `olds` are the OLD OUTPUTS. A change of `active` alone only
 * (de)activates; anything else goes through preflight → deactivate → edit → reactivate,
 * with rollback (see `applyEdit`). Contract calls: deactivate + PUT + activate (the state's
 * status and the deactivation's answer stand in for a read), or one (de)activation.
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
      ? await setActive(ctx, subject, news.active, olds.version)
      : await applyEdit(ctx, { subject, previous, news, last: { status: olds.status, version: olds.version } });
  return { outs: outputsOf(ctx.kind, news, connector) };
}

/**
 * Brings the live status to `active` without editing anything: one activation or
 * deactivation, both idempotent, so no read first. A failed activation leaves the
 * connector as it was (inactive) and changes nothing else.
 */
export async function setActive<I extends ConnectorInputs>(
  ctx: LifecycleContext<I>,
  subject: Subject & { connectorId: string },
  active: boolean,
  /** The state's version: the activation's If-Match (a stale one costs a read, see `activate`). */
  version?: number,
): Promise<Connector> {
  const { orgId, connectorId } = subject;
  if (active) {
    reportProgress(subject, "activating…");
    try {
      return await ctx.client.activate(orgId, connectorId, { ifMatch: version });
    } catch (err) {
      if (isNotFound(err)) throw goneError(subject, err);
      const late = mayLandLater(err, LATE_ACTIVATION);
      throw lifecycleError(subject, `activating failed (${reasonOf(err)}); the connector is still inactive${late}`, err);
    }
  }
  reportProgress(subject, "deactivating (declared active: false)…");
  try {
    return await ctx.client.deactivate(orgId, connectorId);
  } catch (err) {
    if (isNotFound(err)) throw goneError(subject, err);
    throw lifecycleError(subject, `deactivating failed (${reasonOf(err)}); the connector is still active`, err);
  }
}
