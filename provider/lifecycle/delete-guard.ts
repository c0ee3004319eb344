import type { Connector } from "../../contract";
import { LifecycleError } from "../errors";
import { currentResourceUrn } from "../progress";
import { type Subject, subjectLabel } from "./subject";
import { editedSince, type SeenConnector } from "./version-drift";

/**
 * The delete guard across separate updates (SPEC §7, one connector, one owner): a delete
 * refuses when the live connector was edited since the state last saw it, because then
 * someone else took it over (another resource of this stack adopted it in an earlier
 * update, or it was changed by hand). Status changes alone (a deactivation by hand, a
 * failed delete that reactivated it) do not count: see {@link editedSince}.
 *
 * Throws a `VERSION_MISMATCH` {@link LifecycleError} that says how to drop this resource
 * without deleting the connector (with its URN when the hook knows it), or how to delete it
 * anyway; returns otherwise.
 *
 * The check needs the live version: with a read before the delete it is local; without
 * one, send the deactivation with `ifMatch: olds.version` and, on 412, read the connector
 * and call this (the version may differ only by the status change).
 *
 * @example
 * ```ts
 * refuseDeleteIfChanged(subject, oldOutputs, live); // throws when live.version moved by an edit
 * ```
 */
export function refuseDeleteIfChanged(subject: Subject & { connectorId: string }, olds: SeenConnector, live: Pick<Connector, "version" | "status">): void {
  if (!editedSince(olds, live)) return;
  const urn = currentResourceUrn();
  const drop = urn ? `\`pulumi state delete '${urn}'\`` : "`pulumi state delete '<urn>'` (`pulumi stack --show-urns` lists the URNs)";
  throw new LifecycleError(
    "VERSION_MISMATCH",
    `${subjectLabel(subject)}: not deleting: the connector changed since the state last saw it (version ${live.version}, state says ${String(olds.version)}). ` +
      `If another resource of this stack manages it now, ${drop} drops this one without deleting the connector; ` +
      "if it was changed by hand and you still mean to delete it, `pulumi refresh` then retry",
  );
}
