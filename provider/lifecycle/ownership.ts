import { currentResourceUrn, reportWarning } from "../progress";
import type { Subject } from "./subject";

/**
 * "One connector, one owner" (SPEC §7) within one deployment. The engine runs every
 * create, update and delete of a `pulumi up` through the same dynamic-provider plugin
 * process, so a process-wide registry sees them all: which resource adopted or created
 * which connector in this deployment.
 *
 * It decides three things the backend cannot:
 * - a second adoption of a connector already adopted in this deployment is refused (two
 *   resources declaring one `connectorId`, including ids that are Outputs at preview);
 * - a delete of a connector that another resource adopted in this deployment (the rename
 *   trap: "crm" renamed "crm-api" in code and adopted by id) only drops the old resource
 *   from the state; the connector stays, managed by its new owner;
 * - a delete of a connector that another resource keeps in its state (its `diff` ran in this
 *   deployment without replacing it) only drops the deleted resource from the state.
 *
 * Across separate deployments the delete guard (`delete.ts`, with If-Match) takes over.
 */
/** A resource that adopted or created a connector in this deployment (its URN when the hook knows it). */
type Claim = Subject & { connectorId: string; version?: number; urn?: string; failed?: boolean };

const owners = new Map<string, Claim>();

const key = (orgId: string, connectorId: string) => `${orgId}\u0000${connectorId}`;

/**
 * Records that `owner` adopted or created its connector in this deployment. Returns the
 * resource that already claimed it (and leaves the claim as it was), or `undefined`.
 *
 * @example
 * ```ts
 * const other = claimConnector(subject);
 * if (other) throw lifecycleError(subject, `… already adopted by ${describeClaimant(other)} …`);
 * ```
 */
export function claimConnector(owner: Subject & { connectorId: string }): Claim | undefined {
  const k = key(owner.orgId, owner.connectorId);
  const existing = owners.get(k);
  // The same resource trying again after its adoption failed (nothing changed then) may.
  if (existing && !(existing.failed && isOwn(existing, owner))) return existing;
  owners.set(k, { ...owner, urn: currentResourceUrn() });
  return undefined;
}

/**
 * The claimant as messages name it: its logical name when its URN is known, and the
 * connector name it declares.
 *
 * @example
 * ```ts
 * describeClaimant(claim); // 'another resource of this stack ("crm-api", declaring [name] "CRM API")'
 * ```
 */
export function describeClaimant(claim: Claim): string {
  return anotherResource(claim.urn && logicalName(claim.urn), claim.name);
}

/** `another resource of this stack ("crm-api", declaring [name] "CRM API")`; the logical name when known. */
function anotherResource(logical: string | undefined, name: string): string {
  return `another resource of this stack (${logical ? `"${logical}", ` : ""}declaring [name] "${name}")`;
}

/** The logical name at the end of a URN (`…::crm-api` → `crm-api`). */
function logicalName(urn: string): string {
  return urn.slice(urn.lastIndexOf("::") + 2);
}

/** Whether `claim` is `owner`'s own (same resource: same URN when known, else same declared name). */
function isOwn(claim: Claim, owner: Subject): boolean {
  const urn = currentResourceUrn();
  return claim.urn && urn ? claim.urn === urn : claim.name === owner.name;
}

/**
 * Records the version the claimant's state holds once its adoption or create succeeded.
 * A delete whose state is older than that is another resource's (the one the connector
 * was taken from); the claimant's own state is never older.
 */
export function settleClaim(owner: Subject & { connectorId: string }, version: number): void {
  const claim = owners.get(key(owner.orgId, owner.connectorId));
  if (claim && isOwn(claim, owner)) claim.version = version;
}

/**
 * Marks a claim whose adoption failed without changing anything. The claim stays: the
 * program still declares that this resource should manage the connector, so a resource
 * handing it over in the same deployment (removed from the program) must not delete it
 * (`pulumi up --continue-on-error` runs that delete after the failed adoption).
 */
export function adoptionFailed(owner: Subject & { connectorId: string }): void {
  const claim = owners.get(key(owner.orgId, owner.connectorId));
  if (claim && isOwn(claim, owner)) claim.failed = true;
}

/** Connectors that a resource of the program keeps in its state, as its `diff` saw them in this deployment. */
const holders = new Map<string, { urn: string; name: string }>();

/** A resource of the stack that keeps a connector in its state (from its `diff`). */
export interface Holder {
  /** Its logical name. */
  resource: string;
  urn: string;
  /** The connector name its state holds. */
  name: string;
}

/**
 * Records, from a resource's `diff`, that its state holds a connector and the program keeps
 * it there (no replacement). Returns the other resource whose diff recorded the same
 * connector in this deployment (two states hold one connector: the caller refuses), else
 * `undefined`. Such a record also makes a later adoption of the connector refused, and a
 * delete of another resource whose state holds it leave the connector alone: without a
 * preview (`pulumi up --skip-preview`, `--target`) an adopter may have taken it over.
 */
export function recordHolder(urn: string | undefined, held: Subject & { connectorId: string }): Holder | undefined {
  if (!urn) return undefined;
  const k = key(held.orgId, held.connectorId);
  const other = holders.get(k);
  if (other && other.urn !== urn) return { resource: logicalName(other.urn), urn: other.urn, name: other.name };
  holders.set(k, { urn, name: held.name });
  return undefined;
}

/** The resource whose `diff` recorded keeping `connectorId` in this deployment, unless it is `self` (default: the running resource). */
export function holderOf(orgId: string, connectorId: string, self: string | undefined = currentResourceUrn()): Holder | undefined {
  const holder = holders.get(key(orgId, connectorId));
  if (!holder || (self && holder.urn === self)) return undefined;
  return { resource: logicalName(holder.urn), urn: holder.urn, name: holder.name };
}

/**
 * Whether another resource adopted (or created) `subject`'s connector in this deployment:
 * it claimed the connector, and the deleted resource's state (`seenVersion`) is older than
 * the claimant's. If so, reports that the deleted resource is only dropped from the state:
 * the caller must not touch the backend.
 *
 * @example
 * ```ts
 * if (ownedByAnotherResource(subject, oldOutputs.version)) return; // delete = drop from state
 * ```
 */
export function ownedByAnotherResource(subject: Subject & { connectorId: string }, seenVersion: unknown): boolean {
  const holder = currentResourceUrn() ? holderOf(subject.orgId, subject.connectorId) : undefined;
  if (holder) {
    reportWarning(
      subject,
      `not deleting the connector: ${anotherResource(holder.resource, holder.name)} keeps it in its state and manages it; dropping this resource from the state only`,
    );
    return true;
  }
  const owner = owners.get(key(subject.orgId, subject.connectorId));
  if (!owner) return false;
  const older = typeof seenVersion !== "number" || owner.version === undefined || seenVersion < owner.version;
  if (!older) return false;
  if (owner.failed) {
    reportWarning(
      subject,
      `not deleting the connector: ${describeClaimant(owner)} declares it ([connectorId]) in this update, though its adoption failed; dropping this resource from the state only (run \`pulumi up\` again to finish the adoption)`,
    );
    return true;
  }
  reportWarning(
    subject,
    `not deleting the connector: ${describeClaimant(owner)} adopted it in this update and manages it now; dropping this resource from the state only`,
  );
  return true;
}

/** Forgets every claim (tests; the plugin process lives for one deployment). */
export function resetOwnership(): void {
  owners.clear();
  holders.clear();
}
