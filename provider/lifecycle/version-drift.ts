import type { Connector } from "../../contract";
import type { ConnectorInputs } from "../kinds/inputs";
import type { ConnectorKind } from "../kinds/kind";
import { reportNote } from "../progress";
import type { Subject } from "./subject";

/** What the state last saw of a connector: its outputs' `version` and `status`. */
export interface SeenConnector {
  version?: unknown;
  status?: unknown;
}

/**
 * How the live connector's `version` (+1 on every change, SPEC §3) moved since the state
 * last saw it. Each status change flips the status, an edit (PUT) does not, so the parity
 * of the move against the status change tells whether an odd number of edits happened:
 * - `"none"`: it did not move (or the state has no version to compare: written by hand or
 *   before versions were outputs);
 * - `"status-only"`: one deactivation or activation (+1, status differs), or a deactivation
 *   and a reactivation (+2, ACTIVE both times), e.g. one failed delete's rollback;
 * - `"edited"`: only an edit explains it, e.g. deactivate, PUT, activate (+3, ACTIVE both times);
 * - `"status-or-edits"`: status changes alone could explain it, but only with more than one
 *   round trip (e.g. +4 ACTIVE: two failed deletes' rollbacks), and so could edits (deactivate,
 *   PUT, PUT, activate; or two edit cycles, +6): a read cannot tell which, nor see a secret a
 *   PUT changed;
 * - `"went-back"`: the live version is lower than the state's (a state edited or restored by hand).
 *
 * @example
 * ```ts
 * versionMove({ version: 1, status: "ACTIVE" }, { version: 3, status: "ACTIVE" }); // "status-only"
 * versionMove({ version: 1, status: "ACTIVE" }, { version: 4, status: "ACTIVE" }); // "edited"
 * versionMove({ version: 1, status: "ACTIVE" }, { version: 5, status: "ACTIVE" }); // "status-or-edits"
 * ```
 */
export function versionMove(seen: SeenConnector, live: Pick<Connector, "version" | "status">): VersionMove {
  if (typeof seen.version !== "number") return "none";
  const moved = live.version - seen.version;
  if (moved === 0) return "none";
  if (moved < 0) return "went-back";
  if (seen.status !== "ACTIVE" && seen.status !== "INACTIVE") return moved === 1 ? "status-only" : "status-or-edits";
  const flipped = seen.status !== live.status;
  if (moved % 2 !== (flipped ? 1 : 0)) return "edited";
  if (flipped ? moved === 1 : moved === 2 && live.status === "ACTIVE") return "status-only";
  return "status-or-edits";
}

/** See {@link versionMove}. */
export type VersionMove = "none" | "status-only" | "edited" | "status-or-edits" | "went-back";

/**
 * Whether the live connector may have been edited since the state last saw it: its
 * `version` moved further than status changes alone explain ({@link versionMove} is
 * `"edited"`, `"status-or-edits"` or `"went-back"`). A PUT may have changed a secret that a
 * read can never show, so an ambiguous move counts as an edit. A state without a version
 * has nothing to compare and counts as unchanged.
 *
 * @example
 * ```ts
 * editedSince({ version: 1, status: "ACTIVE" }, live); // live v4 ACTIVE → true (deactivate, PUT, activate)
 * editedSince({ version: 1, status: "ACTIVE" }, live); // live v2 INACTIVE → false (deactivated by hand)
 * ```
 */
export function editedSince(seen: SeenConnector, live: Pick<Connector, "version" | "status">): boolean {
  const move = versionMove(seen, live);
  return move !== "none" && move !== "status-only";
}

/**
 * The declared secrets that an update writes because the state no longer holds them
 * (refresh dropped them: the connector was changed outside Pulumi), as opposed to secrets
 * a changed authentication type or grant needs for the first time.
 */
function reappliedSecrets<I extends ConnectorInputs>(kind: ConnectorKind<I>, olds: Partial<I>, news: I): string[] {
  const changed = kind.changedFields(olds, news);
  if (changed.includes("authenticationType") || changed.includes("grantType")) return [];
  const had = olds as Record<string, unknown>;
  const declared = news as Record<string, unknown>;
  return kind.secretFields.filter((f) => typeof declared[f] === "string" && had[f] === undefined);
}

/**
 * Says in the `pulumi up` output why an update writes secrets the program did not change:
 * a refresh found the connector changed outside Pulumi and dropped them from the state. A
 * note, kept under Diagnostics: it explains a change, it is not a step that passes.
 *
 * @example
 * ```ts
 * reportReappliedSecrets(ctx.kind, subject, olds, news);
 * // wxcc: CustomConnector "CRM API" (c-1) in org "acme": re-applying the declared secrets (clientSecret): changed outside Pulumi
 * ```
 */
export function reportReappliedSecrets<I extends ConnectorInputs>(kind: ConnectorKind<I>, subject: Subject, olds: Partial<I>, news: I): void {
  const fields = reappliedSecrets(kind, olds, news);
  if (fields.length > 0) reportNote(subject, `re-applying the declared secrets (${fields.join(", ")}): changed outside Pulumi`);
}
