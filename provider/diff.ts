import type * as pulumi from "@pulumi/pulumi";
import type { ConnectorInputs, ConnectorKind, ConnectorOutputs } from "./kinds";
import { isUnknown } from "./kinds";

/** Properties whose change means a different connector (SPEC §2). */
const REPLACE_ON = ["orgId", "connectorId"];

/** Outputs that an in-place update never changes. */
const STABLE_ON_UPDATE = ["connectorId", "orgId", "createdAt"];

/**
 * The dynamic provider's `diff`: compares the old outputs (state) with the new checked
 * inputs. Backend-assigned outputs, `__provider`, key order and defaults never count;
 * secrets do (an equal secret is no change, a new one is an update).
 *
 * - `orgId` changed, or `connectorId` declared and different from the live one:
 *   replacement. An undeclared `connectorId` is never a change.
 * - anything else: in-place update (deactivate → edit → reactivate).
 *
 * Replacement order: within the same org the new connector (an adopted one, since only
 * a declared `connectorId` replaces there) is renamed to the declared name, so if that
 * name equals the old connector's (case-insensitive, as the backend compares) the old
 * one must go first: `deleteBeforeReplace`. Across orgs names cannot collide, so the
 * default create-before-delete applies and the old connector keeps serving until the
 * new one is ACTIVE. The new org's limit (5 Salesforce / 10 custom) is not knowable
 * offline: if it is full, the create fails with LIMIT_EXCEEDED and the old connector is
 * left untouched; set the `deleteBeforeReplace` resource option to trade that safety for
 * a slot.
 *
 * @example
 * diffConnector(salesforceKind, state, checkedInputs);
 * // { changes: true, replaces: ["orgId"] }
 */
export function diffConnector<I extends ConnectorInputs>(kind: ConnectorKind<I>, olds: ConnectorOutputs<I>, news: I): pulumi.dynamic.DiffResult {
  const changed = kind.changedFields(olds, news);
  if (changed.length === 0) return { changes: false };
  const replaces = changed.filter((f) => REPLACE_ON.includes(f));
  if (replaces.length === 0) return { changes: true, stables: STABLE_ON_UPDATE };
  const sameOrg = !replaces.includes("orgId");
  return sameOrg && namesCollide(olds.name, news.name) ? { changes: true, replaces, deleteBeforeReplace: true } : { changes: true, replaces };
}

/** Backend name uniqueness is case-insensitive; an unknown new name may collide. */
function namesCollide(oldName: unknown, newName: unknown): boolean {
  if (isUnknown(newName)) return true;
  return typeof oldName === "string" && typeof newName === "string" && oldName.toLowerCase() === newName.toLowerCase();
}
