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
 * Whether the live connector may have been edited since the state last saw it: its
 * `version` (+1 on every change, SPEC §3) moved further than status changes alone explain.
 *
 * Status changes without an edit: one deactivation or activation (+1, status differs), or
 * a deactivation and a reactivation (+2, ACTIVE both times; an edit needs at least +3 there:
 * deactivate, PUT, activate). Anything else may hide a PUT, and a PUT may have changed a
 * secret that a read can never show. A state without a version (written by hand or before
 * versions were outputs) has nothing to compare and counts as unchanged.
 *
 * @example
 * ```ts
 * editedSince({ version: 1, status: "ACTIVE" }, live); // live v4 ACTIVE → true (deactivate, PUT, activate)
 * editedSince({ version: 1, status: "ACTIVE" }, live); // live v2 INACTIVE → false (deactivated by hand)
 * ```
 */
export function editedSince(seen: SeenConnector, live: Pick<Connector, "version" | "status">): boolean {
  if (typeof seen.version !== "number") return false;
  const moved = live.version - seen.version;
  if (moved === 0) return false;
  if (seen.status !== live.status) return moved !== 1;
  return !(moved === 2 && live.status === "ACTIVE");
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
