import { ORG_LIMITS as LIMITS } from "../../contract/limits";
import { nameKey } from "../../contract/name";
import type { ConnectorType } from "../../contract/wire";

/** The backend's connector type of each planned kind (SPEC §3 `type`). */
export const LIVE_TYPE = { salesforce: "SALESFORCE", custom: "CUSTOM" } as const satisfies Record<string, ConnectorType>;
export type PlannedKind = keyof typeof LIVE_TYPE;

/** Connector kinds and the service's per-org limits (SPEC §1), from `contract/limits`. */
export const ORG_LIMITS: Readonly<Record<PlannedKind, number>> = { salesforce: LIMITS.SALESFORCE, custom: LIMITS.CUSTOM };
const LABEL: Record<PlannedKind, string> = { salesforce: "Salesforce", custom: "custom" };

/** One connector declaration of the program, as far as it is known at declaration time. */
export interface Planned {
  kind: PlannedKind;
  /** The resource's logical name. */
  resource: string;
  /** The connector's display name, when a plain string. */
  name?: string;
  /** The adopted connector's ID, when a plain string. */
  connectorId?: string;
  /** The declared `active` (default true); `undefined` while it is an unresolved output. */
  active?: boolean;
}

/** What the rules need of a live connector (a `Connector` of the org's listing). */
export interface LiveConnector {
  id: string;
  name: string;
  type: string;
  /** `"ACTIVE"` or `"INACTIVE"` (SPEC §3); listings always carry it. */
  status?: string;
}

/**
 * The rules below compare names as the backend does, by `nameKey` of `contract/name`
 * (case-insensitive; SPEC §1 "Names are unique within an org").
 */

/** Two declarations of one name (case-insensitive) in an org: the message, or undefined. */
export function declaredNameClash(orgId: string, planned: readonly Planned[], next: Planned): string | undefined {
  if (next.name === undefined) return undefined;
  const same = planned.find((p) => p.name !== undefined && nameKey(p.name) === nameKey(next.name!));
  if (!same) return undefined;
  // Quote both spellings when they differ: "Gamma" and "GAMMA" are one name to the backend.
  const names = same.name === next.name ? `both declare [name] "${next.name}"` : `declare [name] "${same.name}" and "${next.name}"`;
  return `Connector names must be unique in an org (case-insensitive): resources "${same.resource}" and "${next.resource}" ${names} in org "${orgId}"; rename one of them.${takeOverHint(same, next)}`;
}

/**
 * When one of two same-named declarations adopts a `connectorId` and the other does not, the
 * adopter most likely means the connector the other one manages: say why that cannot be.
 */
function takeOverHint(a: Planned, b: Planned): string {
  const [adopter, owner] = a.connectorId !== undefined && b.connectorId === undefined ? [a, b] : [b, a];
  if (adopter.connectorId === undefined || owner.connectorId !== undefined) return "";
  return (
    ` (If "${adopter.resource}" means to take over the connector "${owner.resource}" manages, that connector would have two owners; ` +
    `to move it, remove "${owner.resource}" and give "${adopter.resource}" the option \`aliases: [{ name: "${owner.resource}" }]\` (then it needs no connectorId).)`
  );
}

/** Two declarations of one `connectorId` in an org (two owners of one connector): the message, or undefined. */
export function declaredIdClash(orgId: string, planned: readonly Planned[], next: Planned): string | undefined {
  if (next.connectorId === undefined) return undefined;
  const same = planned.find((p) => p.connectorId === next.connectorId);
  if (!same) return undefined;
  return (
    `One connector, one owner: resources "${same.resource}" and "${next.resource}" both declare [connectorId] "${next.connectorId}" in org "${orgId}", ` +
    `and each would take it over and undo the other's settings; keep connectorId on one of them and remove the other resource (to move a connector to another resource, rename the resource with the \`aliases\` option instead).`
  );
}

/** More declarations of a kind than its org limit allows: the message, or undefined. */
export function declaredOverLimit(orgId: string, planned: readonly Planned[], next: Planned): string | undefined {
  const declared = planned.filter((p) => p.kind === next.kind).length;
  if (declared <= ORG_LIMITS[next.kind]) return undefined;
  return `Org "${orgId}" allows at most ${ORG_LIMITS[next.kind]} ${LABEL[next.kind]} connectors, but this program declares ${declared} (resource "${next.resource}" is number ${declared}); remove one or move it to another org.`;
}

/**
 * The declaration presumed to manage a live connector: the one adopting its ID, else one
 * without a `connectorId` that declares exactly its name. (A program cannot read its stack's
 * state, so a connector this stack created is recognized by its exact name.)
 */
function ownerOf(c: LiveConnector, planned: readonly Planned[]): Planned | undefined {
  // A declaration with exactly the live name manages it even when it now names another
  // connectorId: that is a connectorId change (a replacement that deletes this one first).
  return planned.find((p) => p.connectorId === c.id) ?? planned.find((p) => p.name === c.name);
}

/** The message when declared + unmanaged live connectors exceed a kind's limit, or undefined. */
export function unmanagedOverLimit(orgId: string, planned: readonly Planned[], live: readonly LiveConnector[]): string | undefined {
  const names = new Set(planned.flatMap((p) => (p.name === undefined ? [] : [nameKey(p.name)])));
  for (const kind of Object.keys(ORG_LIMITS) as PlannedKind[]) {
    const declared = planned.filter((p) => p.kind === kind).length;
    // A connector whose name a declaration takes (in any case) is counted once: as declared.
    const unmanaged = live.filter((c) => c.type === LIVE_TYPE[kind] && !ownerOf(c, planned) && !names.has(nameKey(c.name)));
    // A declaration whose name a preview cannot know yet (another resource's output) may manage
    // one of them: counted twice, an org at its limit would fail a preview that `pulumi up`
    // (which knows the name) passes. `pulumi up` counts it exactly.
    const unknownNames = planned.filter((p) => p.kind === kind && p.name === undefined).length;
    // Declarations alone over the limit are `declaredOverLimit`'s to report.
    if (declared > 0 && unmanaged.length > unknownNames && declared + unmanaged.length - unknownNames > ORG_LIMITS[kind]) {
      const list = unmanaged.map((c) => `"${c.name}" (${c.id})`).join(", ");
      return (
        `Org "${orgId}" allows at most ${ORG_LIMITS[kind]} ${LABEL[kind]} connectors: this program declares ${declared} and the org already has ` +
        `${unmanaged.length} it does not manage: ${list}` +
        (unknownNames > 0 ? ` (${unknownNames} of them may be managed by declarations whose [name] is not known until \`pulumi up\`)` : "") +
        `. Adopt them with [connectorId] or delete them from the org, or declare fewer. ` +
        `(If one of them is a connector this stack manages and renames in this update, declare its connectorId on its resource: a program cannot read its state, so it knows a managed connector by its exact name or its connectorId.)`
      );
    }
  }
  return undefined;
}

/**
 * Declarations whose name the backend would refuse because a live connector that no
 * declaration manages has the same name in another case ("CASE clash" vs "Case Clash"):
 * one message per clash.
 */
export function liveNameClashes(orgId: string, planned: readonly Planned[], live: readonly LiveConnector[]): string[] {
  const out: string[] = [];
  for (const p of planned) {
    if (p.name === undefined) continue;
    for (const c of live) {
      if (nameKey(c.name) !== nameKey(p.name) || ownerOf(c, planned)) continue;
      const adopt = p.connectorId === undefined ? `adopt it into "${p.resource}" with connectorId: "${c.id}", or ` : "";
      const renameOnly =
        p.connectorId === undefined
          ? ` (If "${p.resource}" already manages it and only the case of its name changes, declaring connectorId: "${c.id}" says so.)`
          : "";
      out.push(
        `Connector names are unique in an org regardless of case: resource "${p.resource}" declares [name] "${p.name}", and org "${orgId}" already has ` +
          `"${c.name}" (${c.id}), which no resource of this program manages, so the backend would refuse it; ${adopt}choose another name.${renameOnly}`,
      );
    }
  }
  return out;
}

/**
 * Adoptions the backend would refuse: a declared `connectorId` (a plain string) that names
 * no connector of the org, or one of the other kind. One message per declaration, naming
 * the field and the fix (the provider's adoption refuses the same at `pulumi up`).
 */
export function missingAdoptions(orgId: string, planned: readonly Planned[], live: readonly LiveConnector[]): string[] {
  const out: string[] = [];
  for (const p of planned) {
    if (p.connectorId === undefined) continue;
    const c = live.find((x) => x.id === p.connectorId);
    if (!c) {
      out.push(
        `Resource "${p.resource}" declares [connectorId] "${p.connectorId}", but org "${orgId}" has no such connector, so \`pulumi up\` could not adopt it; ` +
          "check [connectorId] and [orgId] (`wxcc-export` lists an org's connectors with their ids), or remove connectorId to create a new connector.",
      );
    } else if (c.type !== LIVE_TYPE[p.kind]) {
      const other = c.type === "SALESFORCE" ? "SalesforceConnector" : "CustomConnector";
      out.push(
        `Resource "${p.resource}" declares [connectorId] "${p.connectorId}", which is a ${c.type} connector ("${c.name}") in org "${orgId}"; declare it as a ${other}, or fix [connectorId].`,
      );
    }
  }
  return out;
}

/**
 * Connectors this program manages (by `connectorId`, else exact name) that the org lists
 * INACTIVE although they are declared active: one warning each, naming the connector and
 * how to bring it back. A preview compares declarations with the state, not the backend, so
 * a connector taken down behind Pulumi's back — by hand, or by a deactivation that reached
 * the backend after the `up` that sent it had given up — stays down until a refresh shows it.
 */
export function downButDeclaredActive(orgId: string, planned: readonly Planned[], live: readonly LiveConnector[]): string[] {
  return statusAgainstDeclaration(
    planned,
    live,
    "INACTIVE",
    (c, p) =>
      `Connector "${c.name}" (${c.id}) in org "${orgId}", managed by resource "${p.resource}", is INACTIVE although declared active. ` +
      "If this preview shows no change for it, the state still says ACTIVE: run `pulumi refresh`, then `pulumi up` reactivates it.",
  );
}

/** One message per managed connector the org lists with `status`, declared the other way. */
function statusAgainstDeclaration(
  planned: readonly Planned[],
  live: readonly LiveConnector[],
  status: "ACTIVE" | "INACTIVE",
  message: (c: LiveConnector, p: Planned) => string,
): string[] {
  const declared = status === "INACTIVE"; // the `active` that disagrees with `status`
  return live.flatMap((c) => {
    if (c.status !== status) return [];
    const p = ownerOf(c, planned);
    return p?.active === declared ? [message(c, p)] : [];
  });
}

/**
 * Managed connectors the org lists ACTIVE although their declaration says `active: false`.
 * The provider never activates one so, but an activation it gave up on (no answer; a failed
 * `pulumi up` says so) may land later, after an `up` that changed nothing; the preview
 * compares with the state and shows no change. Same ownership rule as
 * {@link downButDeclaredActive}.
 *
 * @example
 * ```ts
 * upButDeclaredInactive("acme", planned, live);
 * // ['Connector "CRM" (c-1) in org "acme", managed by resource "crm", is ACTIVE although declared active: false. …']
 * ```
 */
export function upButDeclaredInactive(orgId: string, planned: readonly Planned[], live: readonly LiveConnector[]): string[] {
  return statusAgainstDeclaration(
    planned,
    live,
    "ACTIVE",
    (c, p) =>
      `Connector "${c.name}" (${c.id}) in org "${orgId}", managed by resource "${p.resource}", is ACTIVE although declared active: false. ` +
      "If this preview shows no change for it, the state still says INACTIVE (an activation that got no answer may have landed since): run `pulumi refresh`, then `pulumi up` deactivates it.",
  );
}
