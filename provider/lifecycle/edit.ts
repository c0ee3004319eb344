import type { Connector } from "../../contract";
import type { ConnectorInputs } from "../kinds/inputs";
import { reportProgress } from "../progress";
import type { LifecycleContext } from "./context";
import { lifecycleError, reasonOf } from "./failure";
import { preflight } from "./preflight";
import { rollbackFailedActivation, rollbackFailedDeactivation, rollbackFailedEdit } from "./rollback";
import type { Subject } from "./subject";

/** One in-place edit of an existing connector. */
export interface EditRequest<I extends ConnectorInputs> {
  subject: Subject & { connectorId: string };
  /** The configuration the connector has now (secrets may be unknown when adopting). */
  previous: I;
  /** The declared configuration. */
  news: I;
  /** The live connector if already read; otherwise it is read after the preflight. */
  live?: Connector;
  /** Status recorded in state, for the preflight's message before the live read. */
  statusHint?: string;
}

/**
 * Applies `news` to a live connector: preflight → deactivate → edit (PUT with If-Match) →
 * reactivate, restoring the previous configuration when the edit or the reactivation
 * fails. Never leaves the connector inactive unless `news.active` is false.
 *
 * @example
 * ```ts
 * const connector = await applyEdit(ctx, { subject, previous, news });
 * ```
 */
export async function applyEdit<I extends ConnectorInputs>(ctx: LifecycleContext<I>, req: EditRequest<I>): Promise<Connector> {
  const { subject, news, previous } = req;
  const { orgId, connectorId } = subject;
  if (ctx.preflight && news.active) await preflight(ctx, subject, news, req.live);

  const live = req.live ?? (await getLive(ctx, subject));
  const wasActive = live.status === "ACTIVE";
  let current = live;
  if (wasActive) {
    reportProgress(subject, "deactivating…");
    try {
      current = await ctx.client.deactivate(orgId, connectorId);
    } catch (err) {
      throw await rollbackFailedDeactivation(ctx, { subject, previous, cause: err });
    }
  }

  reportProgress(subject, "editing…");
  try {
    current = await ctx.client.replace(orgId, connectorId, ctx.kind.toWrite(news), { ifMatch: current.version });
  } catch (err) {
    throw await rollbackFailedEdit(ctx, { subject, previous, news, wasActive, cause: err });
  }

  if (!news.active) return current;
  reportProgress(subject, wasActive ? "reactivating…" : "activating…");
  try {
    return await ctx.client.activate(orgId, connectorId);
  } catch (err) {
    throw await rollbackFailedActivation(ctx, { subject, previous, news, wasActive, cause: err });
  }
}

/** The live connector, or a clear error when it was deleted outside Pulumi. */
export async function getLive<I extends ConnectorInputs>(ctx: LifecycleContext<I>, subject: Subject & { connectorId: string }): Promise<Connector> {
  let live: Connector | undefined;
  try {
    live = await ctx.client.get(subject.orgId, subject.connectorId);
  } catch (err) {
    throw lifecycleError(subject, `reading the connector failed (${reasonOf(err)})`, err);
  }
  if (!live) {
    throw lifecycleError(
      subject,
      "the connector no longer exists (deleted outside Pulumi?); run `pulumi refresh` to drop it from the state, then `pulumi up` to create it again",
      undefined,
      "NOT_FOUND",
    );
  }
  if (live.type !== ctx.kind.type) {
    throw lifecycleError(subject, `the connector is a ${live.type} connector, not ${ctx.kind.type}`, undefined, "IMMUTABLE_FIELD");
  }
  return live;
}
