import type { Connector } from "../../contract";
import { LifecycleError } from "../errors";
import { currentResourceUrn } from "../progress";
import { type Subject, subjectLabel } from "./subject";
import { editedSince, type SeenConnector, versionMove } from "./version-drift";

/**
 * The delete guard across separate updates (SPEC §7, one connector, one owner): a delete
 * refuses when the live connector may have been edited since the state last saw it, because
 * then someone else may have taken it over (another resource of this stack adopted it in an
 * earlier update, another stack, or a person). Status changes alone (a deactivation by hand,
 * one failed delete that reactivated it) do not count: see {@link editedSince}.
 *
 * There is no sound way to let more through. A delete hook cannot update the state, so each
 * failed delete's rollback (deactivate, reactivate: +2) moves the version past what the state
 * holds, and after two of them the move (+4, ACTIVE) is also what deactivate, PUT, PUT,
 * activate gives; two edit cycles (+6) look like three rollbacks. A read cannot tell them
 * apart (nor see a secret a PUT changed), and the backend keeps no history. So the message
 * says which it may be and what to do: `pulumi refresh` (the state takes the live version)
 * then the same command, or `pulumi state delete` when another resource manages it now.
 *
 * Throws a `VERSION_MISMATCH` {@link LifecycleError} (with this resource's URN in the
 * `pulumi state delete` command when the hook knows it); returns otherwise.
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
  const state = `${String(olds.version)}${typeof olds.status === "string" ? ` (${olds.status})` : ""}`;
  const takenOver = `if another resource of this stack manages it now, ${drop} drops this one from the state without deleting the connector`;
  const refresh =
    "if you mean to delete it, run `pulumi refresh` (the state then takes the live version), then the same command again (`pulumi up` or `pulumi destroy`)";
  let what: string;
  switch (versionMove(olds, live)) {
    case "edited":
      what =
        `the connector was edited since the state last saw it: its version is ${live.version} (${live.status}), the state's ${state}, ` +
        `a move only an edit explains (made by hand, or another resource or stack took it over). ${capital(takenOver)}; ${refresh}`;
      break;
    case "went-back":
      what =
        `the connector's version is ${live.version} (${live.status}), lower than the state's ${state}: the state does not describe this connector ` +
        `as it is (edited or restored by hand). ${capital(refresh)}; ${takenOver}`;
      break;
    default:
      what =
        `the connector may have been edited since the state last saw it: its version is ${live.version} (${live.status}), the state's ${state}, ` +
        "more than one deactivation and reactivation explain. An earlier delete of it that failed moves the version too: its rollback " +
        "deactivates and reactivates the connector (+2 each time), which the state cannot record, so after two failed deletes this check " +
        `cannot tell them from an edit. ${capital(refresh)}; ${takenOver}`;
  }
  throw new LifecycleError("VERSION_MISMATCH", `${subjectLabel(subject)}: not deleting: ${what}`);
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
