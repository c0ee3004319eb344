import type { ConnectorInputs } from "../kinds/inputs";
import { reportProgress } from "../progress";
import { type LifecycleContext, subjectOf } from "./context";
import { isNotFound, lifecycleError, reasonOf } from "./failure";

/**
 * `delete(id, props)` = deactivate → delete. A connector already inactive skips the
 * deactivation; one already gone (deleted by hand) is a success.
 *
 * @example
 * ```ts
 * await deleteConnector(ctx, "c-1a2b", stateOutputs);
 * ```
 */
export async function deleteConnector<I extends ConnectorInputs>(
  ctx: LifecycleContext<I>,
  id: string,
  props: Record<string, unknown>,
  defaultOrgId?: string,
): Promise<void> {
  const { client, kind } = ctx;
  const orgId = typeof props.orgId === "string" ? props.orgId : (defaultOrgId ?? "");
  const subject = { ...subjectOf(kind, { ...props, orgId } as Partial<I>, id), connectorId: id };

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
  if (live.status === "ACTIVE") {
    reportProgress(subject, "deactivating…");
    try {
      await client.deactivate(orgId, id);
    } catch (err) {
      if (isNotFound(err)) return;
      throw lifecycleError(subject, `deleting failed: deactivating failed (${reasonOf(err)}); the connector was left active`, err);
    }
  }
  reportProgress(subject, "deleting…");
  try {
    await client.delete(orgId, id);
  } catch (err) {
    if (isNotFound(err)) return;
    throw lifecycleError(subject, `deleting failed (${reasonOf(err)}); the connector is INACTIVE`, err);
  }
}
