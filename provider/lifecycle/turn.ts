import type { HeldHook } from "../client/rate-gate";
import { reportProgress } from "../progress";
import type { Subject } from "./subject";

/**
 * The progress line of a connector waiting in the shared rate gate before it may go down:
 * while the backend rate-limits, one connector at a time is down for its change (SPEC §7).
 */
export const WAITING_FOR_TURN = "waiting for another connector's change to finish (the backend is rate-limiting, so one connector goes down at a time)…";

/**
 * A {@link HeldHook} that shows on the connector's row that it waits for its turn, and,
 * with `then`, the step that starts once its turn comes. Give the window request no `then`
 * (the caller reports "deactivating…" next) and the deactivation itself `"deactivating…"`
 * (it was reported before the gate held the request back).
 *
 * @example
 * ```ts
 * const window = await ctx.client.openDownWindow(waitingForTurn(subject));
 * reportProgress(subject, "deactivating…");
 * await ctx.client.deactivate(orgId, id, { downtime: "opening", onHeld: waitingForTurn(subject, "deactivating…") });
 * ```
 */
export function waitingForTurn(subject: Subject, then?: string): HeldHook {
  return () => {
    reportProgress(subject, WAITING_FOR_TURN);
    return then === undefined ? undefined : () => reportProgress(subject, then);
  };
}
