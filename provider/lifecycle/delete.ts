import { codeOf } from "../errors";
import type { ConnectorInputs, ConnectorOutputs } from "../kinds/inputs";
import { reportProgress } from "../progress";
import { type LifecycleContext, subjectOf } from "./context";
import { isNotFound, lifecycleError, reasonOf } from "./failure";
import type { Subject } from "./subject";

/** Every call after the deactivation is made while the connector is down: no wait over 5 s (SPEC §7). */
const DOWN = { downtime: "down" } as const;

/**
 * `delete(id, props)` = deactivate → DELETE: two contract calls, no read first. The state's
 * status says whether the connector is up; one the state holds as inactive is deleted
 * straight away (and deactivated first after all if the backend says it was activated by
 * hand). A 404 on either call means it is already gone: success. When deleting fails after
 * the deactivation, the connector is reactivated, so it ends as it was and as the state says.
 *
 * @example
 * ```ts
 * await deleteConnector(ctx, "c-1a2b", oldOutputs);
 * ```
 */
export async function deleteConnector<I extends ConnectorInputs>(
  ctx: LifecycleContext<I>,
  id: string,
  olds: Partial<ConnectorOutputs<I>>,
  defaultOrgId?: string,
): Promise<void> {
  const { kind } = ctx;
  // States written before orgId was an output, or by hand, may lack it.
  const orgId = typeof olds.orgId === "string" ? olds.orgId : (defaultOrgId ?? "");
  const subject = { ...subjectOf(kind, { ...olds, orgId }, id), connectorId: id };

  const wasActive = olds.status !== "INACTIVE";
  if (!wasActive && (await remove(ctx, subject, false)) !== "still-active") return;
  // Active (or, against the state, activated by hand since): a down window from here on.
  const close = await ctx.client.openDownWindow();
  try {
    if ((await takeDown(ctx, subject)) === "gone") return;
    await remove(ctx, subject, true);
  } finally {
    close();
  }
}

/** Step 1: deactivate (idempotent). `"gone"` when there is nothing left to delete. */
async function takeDown<I extends ConnectorInputs>(ctx: LifecycleContext<I>, subject: Subject & { connectorId: string }): Promise<"down" | "gone"> {
  reportProgress(subject, "deactivating…");
  try {
    await ctx.client.deactivate(subject.orgId, subject.connectorId, { downtime: "opening" });
    return "down";
  } catch (err) {
    if (isNotFound(err)) return alreadyGone(subject);
    throw await abandonDelete(ctx, subject, `deactivating failed (${reasonOf(err)})`, true, err);
  }
}

/** Step 2: DELETE. `"still-active"` when the backend refuses because the connector is active and we did not deactivate it. */
async function remove<I extends ConnectorInputs>(
  ctx: LifecycleContext<I>,
  subject: Subject & { connectorId: string },
  wasActive: boolean,
): Promise<"deleted" | "gone" | "still-active"> {
  reportProgress(subject, "deleting…");
  try {
    await ctx.client.delete(subject.orgId, subject.connectorId, wasActive ? DOWN : {});
    return "deleted";
  } catch (err) {
    if (isNotFound(err)) return alreadyGone(subject);
    if (!wasActive && codeOf(err) === "CONNECTOR_ACTIVE") return "still-active";
    throw await abandonDelete(ctx, subject, `deleting failed (${reasonOf(err)})`, wasActive, err);
  }
}

function alreadyGone(subject: Subject): "gone" {
  reportProgress(subject, "already deleted");
  return "gone";
}

/**
 * The delete stopped half-way: puts a connector that was active back up (Pulumi keeps it in
 * the state as it was), and says exactly where it was left. Returns the error to throw.
 */
async function abandonDelete<I extends ConnectorInputs>(
  ctx: LifecycleContext<I>,
  subject: Subject & { connectorId: string },
  failed: string,
  wasActive: boolean,
  cause: unknown,
): Promise<Error> {
  const live = await ctx.client.get(subject.orgId, subject.connectorId, DOWN).catch(() => "unknown" as const);
  if (live === "unknown") return lifecycleError(subject, `${failed}, and reading it back failed too; run \`pulumi refresh\`, then \`pulumi up\` again`, cause);
  if (live === undefined) return lifecycleError(subject, `${failed}, but the connector is gone; run \`pulumi refresh\` to drop it from the state`, cause);
  if (live.status === "ACTIVE") return lifecycleError(subject, `${failed}; the connector was left active and unchanged`, cause);
  if (!wasActive) return lifecycleError(subject, `${failed}; the connector is still there, inactive as it was`, cause);
  reportProgress(subject, "delete failed: reactivating the connector as it was…");
  try {
    await ctx.client.activate(subject.orgId, subject.connectorId, DOWN);
  } catch (err) {
    return lifecycleError(subject, `${failed}, and reactivating it failed too (${reasonOf(err)}): the connector is INACTIVE. Run \`pulumi up\` again to finish the delete`, cause);
  }
  return lifecycleError(subject, `${failed}; reactivated the connector, which is as it was. Run \`pulumi up\` again to delete it`, cause);
}
