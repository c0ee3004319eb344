import type { Connector } from "../../contract";
import { codeOf } from "../errors";
import type { ConnectorInputs, ConnectorOutputs } from "../kinds/inputs";
import { reportProgress } from "../progress";
import { type LifecycleContext, subjectOf } from "./context";
import { refuseDeleteIfChanged } from "./delete-guard";
import { editedSince, type SeenConnector } from "./version-drift";
import { isNotFound, LATE_ACTIVATION, lifecycleError, mayLandLater, reasonOf } from "./failure";
import { ownedByAnotherResource } from "./ownership";
import type { Subject } from "./subject";
import { waitingForTurn } from "./turn";

/** Every call after the deactivation is made while the connector is down: no wait over 5 s (SPEC §7). */
const DOWN = { downtime: "down" } as const;

/** Where a delete starts: whether the connector is (believed) up, and its version for If-Match. */
interface Start {
  up: boolean;
  version?: number;
  /** True when `up`/`version` come from the state, which a hand change may have made stale. */
  fromState: boolean;
  /**
   * What the state last saw, which Pulumi keeps when the delete fails: after a rollback, it
   * tells whether the next delete's guard still accepts the connector (see `abandonDelete`).
   */
  seen: SeenConnector;
}

/**
 * `delete(id, props)` = deactivate → DELETE: two contract calls, no read first. The state's
 * status says whether the connector is up (one the state holds as inactive is deleted
 * straight away), and its version goes as `If-Match`. A 404 on either call means it is
 * already gone: success. When deleting fails after the deactivation, the connector is
 * reactivated, so it ends as it was and as the state says.
 *
 * One connector, one owner: a connector another resource adopted in this update is not
 * deleted (this resource is only dropped from the state). When the backend refuses the
 * state's view (412 `VERSION_MISMATCH`: changed since the state last saw it; 409
 * `CONNECTOR_ACTIVE`: activated by hand), the connector is read once: one edited since is
 * refused (`delete-guard.ts`), one whose status alone changed is deleted from what it is.
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
  if (ownedByAnotherResource(subject, olds.version)) return;

  if ((await deleteFrom(ctx, subject, { up: olds.status !== "INACTIVE", version: olds.version, fromState: true, seen: olds })) !== "stale") return;
  let live: Connector | undefined;
  try {
    live = await ctx.client.get(orgId, id);
  } catch (err) {
    throw lifecycleError(subject, `deleting failed: reading the connector failed (${reasonOf(err)})`, err);
  }
  if (!live) {
    alreadyGone(subject);
    return;
  }
  refuseDeleteIfChanged(subject, olds, live);
  await deleteFrom(ctx, subject, { up: live.status === "ACTIVE", version: live.version, fromState: false, seen: olds });
}

/** deactivate (when up) → DELETE from `start`; `"stale"` when the backend refused the state's view before anything changed. */
async function deleteFrom<I extends ConnectorInputs>(
  ctx: LifecycleContext<I>,
  subject: Subject & { connectorId: string },
  start: Start,
): Promise<"done" | "stale"> {
  if (!start.up) return remove(ctx, subject, start, false);
  // Taking it down: wait for the shared rate gate to allow one more connector down.
  const window = await ctx.client.openDownWindow(waitingForTurn(subject));
  try {
    const down = await takeDown(ctx, subject, start);
    if (down === "gone") return "done";
    if (down === "stale") return "stale";
    window.wentDown();
    return await remove(ctx, subject, { up: false, version: down.version, fromState: false, seen: start.seen }, Date.now());
  } finally {
    window();
  }
}

/** Step 1: deactivate (idempotent), with If-Match. */
async function takeDown<I extends ConnectorInputs>(
  ctx: LifecycleContext<I>,
  subject: Subject & { connectorId: string },
  start: Start,
): Promise<Connector | "gone" | "stale"> {
  reportProgress(subject, "deactivating…");
  try {
    return await ctx.client.deactivate(subject.orgId, subject.connectorId, {
      downtime: "opening",
      ifMatch: start.version,
      onHeld: waitingForTurn(subject, "deactivating…"),
    });
  } catch (err) {
    if (isNotFound(err)) return alreadyGone(subject);
    if (start.fromState && codeOf(err) === "VERSION_MISMATCH") return "stale";
    throw await abandonDelete(ctx, subject, `deactivating failed (${reasonOf(err)})`, { wasActive: true, seen: start.seen }, err);
  }
}

/**
 * Step 2: DELETE, with If-Match; `downSince` when the provider took the connector down for
 * it (the DELETE then retries for at most `DOWN_WINDOW_BUDGET_MS` from then).
 */
async function remove<I extends ConnectorInputs>(
  ctx: LifecycleContext<I>,
  subject: Subject & { connectorId: string },
  start: Start,
  downSince: number | false,
): Promise<"done" | "stale"> {
  const deactivated = downSince !== false;
  reportProgress(subject, "deleting…");
  try {
    await ctx.client.delete(subject.orgId, subject.connectorId, { ...(deactivated ? { ...DOWN, downSince } : {}), ifMatch: start.version });
    return "done";
  } catch (err) {
    if (isNotFound(err)) {
      alreadyGone(subject);
      return "done";
    }
    const code = codeOf(err);
    if (start.fromState && (code === "CONNECTOR_ACTIVE" || code === "VERSION_MISMATCH")) return "stale";
    throw await abandonDelete(ctx, subject, `deleting failed (${reasonOf(err)})`, { wasActive: deactivated, seen: start.seen }, err);
  }
}

function alreadyGone(subject: Subject): "gone" {
  reportProgress(subject, "already deleted");
  return "gone";
}

/**
 * The delete stopped half-way: puts a connector that was active back up (Pulumi keeps it in
 * the state as it was), and says exactly where it was left. When the reactivation moved the
 * version past what the next delete can tell from an edit (a second failed delete: +4), the
 * advice is `pulumi refresh` first, so the next delete is not refused. Returns the error to throw.
 */
async function abandonDelete<I extends ConnectorInputs>(
  ctx: LifecycleContext<I>,
  subject: Subject & { connectorId: string },
  failed: string,
  { wasActive, seen }: { wasActive: boolean; seen: SeenConnector },
  cause: unknown,
): Promise<Error> {
  const live = await ctx.client.get(subject.orgId, subject.connectorId, DOWN).catch(() => "unknown" as const);
  if (live === "unknown") return lifecycleError(subject, `${failed}, and reading it back failed too; run \`pulumi refresh\`, then \`pulumi up\` again`, cause);
  if (live === undefined) return lifecycleError(subject, `${failed}, but the connector is gone; run \`pulumi refresh\` to drop it from the state`, cause);
  if (live.status === "ACTIVE") return lifecycleError(subject, `${failed}; the connector was left active and unchanged`, cause);
  if (!wasActive) return lifecycleError(subject, `${failed}; the connector is still there, inactive as it was`, cause);
  reportProgress(subject, "delete failed: reactivating the connector as it was…");
  let reactivated: Connector;
  try {
    reactivated = await ctx.client.activate(subject.orgId, subject.connectorId, { ...DOWN, ifMatch: live.version });
  } catch (err) {
    return lifecycleError(
      subject,
      `${failed}, and reactivating it failed too (${reasonOf(err)}): the connector is INACTIVE. Run the same command again (\`pulumi up\` or \`pulumi destroy\`) to finish the delete${mayLandLater(err, LATE_ACTIVATION)}`,
      cause,
    );
  }
  if (editedSince(seen, reactivated)) {
    return lifecycleError(
      subject,
      `${failed}; reactivated the connector, which is as it was. Its version is now ${reactivated.version} while the state still says ${String(seen.version)} ` +
        "(each failed delete's rollback moves it by 2, and the state cannot record that), more than the next delete can tell from an edit: " +
        "run `pulumi refresh`, then the same command again (`pulumi up` or `pulumi destroy`) to delete it",
      cause,
    );
  }
  return lifecycleError(
    subject,
    `${failed}; reactivated the connector, which is as it was. Run the same command again (\`pulumi up\` or \`pulumi destroy\`) to delete it`,
    cause,
  );
}
