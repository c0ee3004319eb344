/**
 * "One connector, one owner" across updates (SPEC §7, issue 10). A Pulumi program cannot
 * read its stack's state, and a provider hook sees one resource at a time; so the SDK hands
 * each connector resource, as the hidden input `__wxccOwners`, what the other connector
 * resources of the program hold (`sdk/lib/stack-owners.ts`):
 *
 * - an adopter (a resource declaring `connectorId`) gets the `connectorId` outputs of the
 *   resources declared before it that do not declare one (the connectors they created or
 *   adopted in earlier updates) and the ids the adopters declared before it declare. Its
 *   `check` refuses to adopt one of those, also when the ids are Outputs (secret ones too).
 * - a resource that does not declare `connectorId` gets the ids the adopters declared
 *   before it declare. Its `diff` (which, unlike `check`, sees the state's outputs) refuses
 *   to go on when one of them is the connector its state holds.
 *
 * Either way the preview fails before anything changes, naming both resources; without
 * this, both would manage the connector and every `pulumi up` would flip its settings.
 * Like `__wxccUrn` (`resource-urn.ts`), the key is taken off every bag before a hook sees
 * it, and its `__` prefix keeps it out of every diff display and policy pack.
 */
export const OWNERS_INPUT = "__wxccOwners";

/** Another connector resource of the program, as the hidden input lists it. */
export interface StackOwner {
  /** Its logical name (`new CustomConnector("crm", …)`: `"crm"`). */
  resource: string;
  /** Its org; absent: the stack's default org (`wxcc:orgId`). */
  orgId?: string;
  /** The connector it manages (output) or declares (input); absent while unknown. */
  connectorId?: string;
  /** True when it declares `connectorId` (an adopter), false when `connectorId` is its output. */
  declared: boolean;
}

/** A property bag as the dynamic-provider plugin passes it to a hook. */
type Bag = Record<string, unknown>;

/**
 * Splits the owners off a property bag; malformed entries (never written by the SDK) are dropped.
 *
 * @example
 * ```ts
 * takeOwners({ name: "b", __wxccOwners: [{ resource: "a", connectorId: "c-1", declared: false }] });
 * // { owners: [{ resource: "a", connectorId: "c-1", declared: false }], props: { name: "b" } }
 * ```
 */
export function takeOwners(bag: Bag): { owners: StackOwner[]; props: Bag } {
  if (!(OWNERS_INPUT in bag)) return { owners: [], props: bag };
  const { [OWNERS_INPUT]: raw, ...props } = bag;
  return { owners: Array.isArray(raw) ? raw.filter(isOwner) : [], props };
}

function isOwner(v: unknown): v is StackOwner {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.resource === "string" &&
    typeof o.declared === "boolean" &&
    (o.orgId === undefined || typeof o.orgId === "string") &&
    (o.connectorId === undefined || typeof o.connectorId === "string")
  );
}

/**
 * `bag` with the owners put back, so the checked inputs the engine stores keep them and a
 * change of owners makes the engine diff the resource again.
 */
export function withOwners<T extends Bag | undefined>(bag: T, owners: StackOwner[], had: boolean): T {
  return had && bag ? { ...bag, [OWNERS_INPUT]: owners } : bag;
}

/** The connector an owner holds, in the org it holds it. */
function holds(owner: StackOwner, orgId: string, connectorId: string, defaultOrgId: string | undefined): boolean {
  return owner.connectorId === connectorId && (owner.orgId ?? defaultOrgId) === orgId;
}

/**
 * For `check` of an adopter: the reason (starting `[connectorId]`) when another resource
 * of the program already manages the connector it declares, else `undefined`.
 *
 * @example
 * ```ts
 * adoptionConflict({ orgId: "acme", connectorId: "c-1" }, [{ resource: "crm", connectorId: "c-1", declared: false }], "acme");
 * // '[connectorId] "c-1" names the connector that resource "crm" of this stack manages …'
 * ```
 */
export function adoptionConflict(
  adopter: { orgId: string; connectorId?: string },
  owners: readonly StackOwner[],
  defaultOrgId: string | undefined,
): string | undefined {
  const { connectorId } = adopter;
  if (!connectorId) return undefined;
  const other = owners.find((o) => holds(o, adopter.orgId, connectorId, defaultOrgId));
  if (!other) return undefined;
  if (other.declared)
    return (
      `[connectorId] "${connectorId}" is also declared by resource "${other.resource}" of this stack: one connector has one owner, ` +
      `and two would undo each other's changes on every \`pulumi up\`. Keep [connectorId] "${connectorId}" on one of the two resources only`
    );
  return (
    `[connectorId] "${connectorId}" names the connector that resource "${other.resource}" of this stack manages (it created or adopted it): ` +
    `one connector has one owner, and two would undo each other's changes on every \`pulumi up\`. ` +
    `To move the connector to this resource, remove "${other.resource}" from the program in this same update (its delete then only drops it from the state, the connector stays), ` +
    `or rename "${other.resource}" in code with the \`aliases\` option instead of declaring a second resource; otherwise remove [connectorId] here`
  );
}

/**
 * For `diff` of a resource whose state holds `held`: the message when an adopter of the
 * program declares that connector while this resource keeps it (declares no other
 * `connectorId`), else `undefined`.
 */
export function keptConnectorConflict(
  held: { orgId: string; connectorId: string },
  declaredNow: string | undefined,
  owners: readonly StackOwner[],
  defaultOrgId: string | undefined,
): { adopter: string; message: string } | undefined {
  if (declaredNow !== undefined && declaredNow !== held.connectorId) return undefined;
  const other = owners.find((o) => o.declared && holds(o, held.orgId, held.connectorId, defaultOrgId));
  if (!other) return undefined;
  return {
    adopter: other.resource,
    message:
      `resource "${other.resource}" of this stack declares [connectorId] "${held.connectorId}", the connector this resource manages: ` +
      `one connector has one owner, and two would undo each other's changes on every \`pulumi up\`. ` +
      `Remove [connectorId] from "${other.resource}"; or, to hand the connector over to "${other.resource}", remove this resource from the program in the same update ` +
      `(its delete then only drops it from the state, the connector stays)`,
  };
}
