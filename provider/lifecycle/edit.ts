import type { Connector } from "../../contract";
import type { Downtime } from "../client/call-loop";
import type { DownWindow } from "../client/rate-gate";
import type { ConnectorInputs } from "../kinds/inputs";
import { reportProgress } from "../progress";
import type { LifecycleContext } from "./context";
import { codeOf } from "../errors";
import { isNotFound, lifecycleError, reasonOf } from "./failure";
import { preflight } from "./preflight";
import { rollbackFailedActivation, rollbackFailedDeactivation, rollbackFailedEdit } from "./rollback";
import type { Subject } from "./subject";
import { waitingForTurn } from "./turn";

/** One in-place edit of an existing connector. */
export interface EditRequest<I extends ConnectorInputs> {
  subject: Subject & { connectorId: string };
  /** The configuration the connector has now (secrets may be unknown when adopting). */
  previous: I;
  /** The declared configuration. */
  news: I;
  /** The live connector, when the caller already read it (adopt). */
  live?: Connector;
  /**
   * What the state last saw (update), used instead of a read: `status` says whether the
   * connector is up (so whether to deactivate it), `version` is the If-Match of the edit when
   * no deactivation answers with a fresher one. Absent or unknown status: deactivate (idempotent).
   */
  last?: { status?: string; version?: number };
}

/** Where the edit starts from: whether the connector is (believed) up, and the version to edit. */
interface Start {
  up: boolean | "unknown";
  version?: number;
  /** True when `up`/`version` come from the state, which a hand change may have made stale. */
  fromState: boolean;
}

/** The state was wrong about the connector (activated or edited by hand since): edit from a fresh read. */
class StaleState extends Error {}

/**
 * Applies `news` to a connector: preflight → deactivate (with If-Match) → edit (PUT with
 * If-Match) → reactivate, restoring the previous configuration when the edit or the
 * reactivation fails.
 * Never leaves the connector inactive unless `news.active` is false. Reads nothing first:
 * the state (or the caller's read) says whether the connector is up, and the deactivation's
 * answer gives the version for If-Match; only when the state turns out stale (the
 * deactivation or the edit is refused with VERSION_MISMATCH or CONNECTOR_ACTIVE before
 * anything changed) is the connector read and the edit made from what it really is.
 *
 * From the deactivation to the final activation (rollbacks included) the connector is down,
 * so every call then is made with `downtime` and no single wait exceeds 5 s (SPEC §7); the
 * edit and the reactivation together retry for at most 15 s from the deactivation
 * (`DOWN_WINDOW_BUDGET_MS`) before the rollback begins.
 *
 * @example
 * ```ts
 * const connector = await applyEdit(ctx, { subject, previous, news, last: { status: "ACTIVE", version: 4 } });
 * ```
 */
export async function applyEdit<I extends ConnectorInputs>(ctx: LifecycleContext<I>, req: EditRequest<I>): Promise<Connector> {
  const { subject, news } = req;
  // Only a live read may be quoted as where the connector was left; the state's status may be stale.
  if (ctx.preflight && news.active) await preflight(ctx, subject, news, req.live);
  const start: Start = req.live
    ? { up: req.live.status === "ACTIVE", version: req.live.version, fromState: false }
    : { up: req.last?.status === "INACTIVE" ? false : req.last?.status === "ACTIVE" ? true : "unknown", version: req.last?.version, fromState: true };
  try {
    return await editFrom(ctx, req, start);
  } catch (err) {
    if (!(err instanceof StaleState)) throw err;
    const live = await getLive(ctx, subject);
    return editFrom(ctx, req, { up: live.status === "ACTIVE", version: live.version, fromState: false });
  }
}

async function editFrom<I extends ConnectorInputs>(ctx: LifecycleContext<I>, req: EditRequest<I>, start: Start): Promise<Connector> {
  if (start.up === false) return editSteps(ctx, req, start);
  // Taking it down: wait for the shared rate gate to allow one more connector down.
  const window = await ctx.client.openDownWindow(waitingForTurn(req.subject));
  try {
    return await editSteps(ctx, req, start, window);
  } finally {
    window();
  }
}

async function editSteps<I extends ConnectorInputs>(ctx: LifecycleContext<I>, req: EditRequest<I>, start: Start, window?: DownWindow): Promise<Connector> {
  const { subject, news, previous } = req;
  const { orgId, connectorId } = subject;
  let wasActive = start.up === true;
  let version = start.version;
  let down: Connector | undefined;
  let downSince: number | undefined;
  if (start.up !== false) {
    reportProgress(subject, "deactivating…");
    let current: Connector;
    try {
      // If-Match: an attempt the client gave up on (timed out, connection dropped) that the
      // backend applies later, after this edit reactivated the connector, is refused (412)
      // instead of taking it down again behind a green `pulumi up`.
      current = await ctx.client.deactivate(orgId, connectorId, {
        downtime: "opening",
        onHeld: waitingForTurn(subject, "deactivating…"),
        ...(start.version !== undefined ? { ifMatch: start.version } : {}),
      });
    } catch (err) {
      if (isNotFound(err)) throw goneError(subject, err);
      // The state's version is behind (the connector changed since, e.g. a failed delete's
      // rollback): nothing changed yet, so edit from a fresh read.
      if (start.fromState && codeOf(err) === "VERSION_MISMATCH") throw new StaleState();
      throw await rollbackFailedDeactivation(ctx, { subject, previous, cause: err });
    }
    // With an unknown start, the state cannot tell whether it was up: take it that it was (its declared state).
    wasActive = true;
    version = current.version;
    down = current;
    downSince = Date.now();
    window?.wentDown();
  }
  const downtime: Downtime | undefined = wasActive ? "down" : undefined;

  reportProgress(subject, "editing…");
  let current: Connector;
  try {
    current = await ctx.client.replace(orgId, connectorId, ctx.kind.toWrite(news), { ifMatch: version, downtime, downSince });
  } catch (err) {
    if (isNotFound(err)) throw goneError(subject, err);
    const code = codeOf(err);
    if (!wasActive && start.fromState && (code === "CONNECTOR_ACTIVE" || code === "VERSION_MISMATCH")) throw new StaleState();
    throw await rollbackFailedEdit(ctx, { subject, previous, news, wasActive, down, cause: err });
  }

  if (!news.active) return current;
  reportProgress(subject, wasActive ? "reactivating…" : "activating…");
  try {
    // If-Match: an activation that gets no answer and lands after a later deactivation
    // (`active: false`, by hand) is refused instead of switching the connector back on.
    return await ctx.client.activate(orgId, connectorId, { downtime, downSince, ifMatch: current.version });
  } catch (err) {
    throw await rollbackFailedActivation(ctx, { subject, previous, news, wasActive, cause: err });
  }
}

/** The error for a connector deleted outside Pulumi. */
export function goneError(subject: Subject & { connectorId: string }, cause?: unknown): Error {
  return lifecycleError(
    subject,
    "the connector no longer exists (deleted outside Pulumi?); run `pulumi refresh` to drop it from the state, then `pulumi up` to create it again",
    cause,
    "NOT_FOUND",
  );
}

/** The live connector, or a clear error when it was deleted outside Pulumi. */
export async function getLive<I extends ConnectorInputs>(ctx: LifecycleContext<I>, subject: Subject & { connectorId: string }): Promise<Connector> {
  let live: Connector | undefined;
  try {
    live = await ctx.client.get(subject.orgId, subject.connectorId);
  } catch (err) {
    throw lifecycleError(subject, `reading the connector failed (${reasonOf(err)})`, err);
  }
  if (!live) throw goneError(subject);
  if (live.type !== ctx.kind.type) {
    throw lifecycleError(subject, `the connector is a ${live.type} connector, not ${ctx.kind.type}`, undefined, "IMMUTABLE_FIELD");
  }
  return live;
}
