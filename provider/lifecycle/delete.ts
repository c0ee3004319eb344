import type { ConnectorInputs, ConnectorOutputs } from "../kinds/inputs";
import { reportProgress } from "../progress";
import { type LifecycleContext, subjectOf } from "./context";
import { refuseDeleteIfChanged } from "./delete-guard";
import { isNotFound, lifecycleError, reasonOf } from "./failure";
import { ownedByAnotherResource } from "./ownership";
import type { Subject } from "./subject";

/**
 * `delete(id, props)` = deactivate → delete. A connector already inactive skips the
 * deactivation; one already gone (deleted by hand) is a success. When deleting fails after
 * the deactivation, the connector is reactivated, so it ends as it was and as the state says.
 *
 * One connector, one owner: a connector another resource adopted in this update is not
 * deleted (this resource is only dropped from the state), and one edited since the state
 * last saw it is refused (`delete-guard.ts`); the calls carry `If-Match` so a change
 * between the read and the delete is refused by the backend too.
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
  const { client, kind } = ctx;
  // States written before orgId was an output, or by hand, may lack it.
  const orgId = typeof olds.orgId === "string" ? olds.orgId : (defaultOrgId ?? "");
  const subject = { ...subjectOf(kind, { ...olds, orgId }, id), connectorId: id };
  if (ownedByAnotherResource(subject, olds.version)) return;

  let live;
  try {
    live = await client.get(orgId, id);
  } catch (err) {
    throw lifecycleError(subject, `deleting failed: reading the connector failed (${reasonOf(err)})`, err);
  }
  if (!live) {
    reportProgress(subject, "already deleted");
    return;
  }
  refuseDeleteIfChanged(subject, olds, live);
  let version = live.version;
  const wasActive = live.status === "ACTIVE";
  if (wasActive) {
    reportProgress(subject, "deactivating…");
    try {
      version = (await client.deactivate(orgId, id, { ifMatch: version })).version;
    } catch (err) {
      if (isNotFound(err)) return;
      throw await abandonDelete(ctx, subject, `deactivating failed (${reasonOf(err)})`, wasActive, err);
    }
  }
  reportProgress(subject, "deleting…");
  try {
    await client.delete(orgId, id, { ifMatch: version });
  } catch (err) {
    if (isNotFound(err)) return;
    throw await abandonDelete(ctx, subject, `deleting failed (${reasonOf(err)})`, wasActive, err);
  }
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
  const live = await ctx.client.get(subject.orgId, subject.connectorId).catch(() => "unknown" as const);
  if (live === "unknown") return lifecycleError(subject, `${failed}, and reading it back failed too; run \`pulumi refresh\`, then \`pulumi up\` again`, cause);
  if (live === undefined) return lifecycleError(subject, `${failed}, but the connector is gone; run \`pulumi refresh\` to drop it from the state`, cause);
  if (live.status === "ACTIVE") return lifecycleError(subject, `${failed}; the connector was left active and unchanged`, cause);
  if (!wasActive) return lifecycleError(subject, `${failed}; the connector is still there, inactive as it was`, cause);
  reportProgress(subject, "delete failed: reactivating the connector as it was…");
  try {
    await ctx.client.activate(subject.orgId, subject.connectorId);
  } catch (err) {
    return lifecycleError(subject, `${failed}, and reactivating it failed too (${reasonOf(err)}): the connector is INACTIVE. Run \`pulumi up\` again to finish the delete`, cause);
  }
  return lifecycleError(subject, `${failed}; reactivated the connector, which is as it was. Run \`pulumi up\` again to delete it`, cause);
}
