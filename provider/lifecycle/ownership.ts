import { currentResourceUrn, reportWarning } from "../progress";
import type { Subject } from "./subject";

/**
 * "One connector, one owner" (SPEC §7) within one deployment. The engine runs every
 * create, update and delete of a `pulumi up` through the same dynamic-provider plugin
 * process, so a process-wide registry sees them all: which resource adopted or created
 * which connector in this deployment.
 *
 * It decides two things the backend cannot:
 * - a second adoption of a connector already adopted in this deployment is refused (two
 *   resources declaring one `connectorId`, including ids that are Outputs at preview);
 * - a delete of a connector that another resource adopted in this deployment (the rename
 *   trap: "crm" renamed "crm-api" in code and adopted by id) only drops the old resource
 *   from the state; the connector stays, managed by its new owner.
 *
 * Across separate deployments the delete guard (`delete.ts`, with If-Match) takes over.
 */
/** A resource that adopted or created a connector in this deployment (its URN when the hook knows it). */
type Claim = Subject & { connectorId: string; version?: number; urn?: string };

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
  if (existing) return existing;
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
  const logical = claim.urn ? `"${claim.urn.slice(claim.urn.lastIndexOf("::") + 2)}", ` : "";
  return `another resource of this stack (${logical}declaring [name] "${claim.name}")`;
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

/** Gives up a claim whose adoption failed without changing anything (so no resource owns it). */
export function releaseConnector(owner: Subject & { connectorId: string }): void {
  const k = key(owner.orgId, owner.connectorId);
  const claim = owners.get(k);
  if (claim && isOwn(claim, owner)) owners.delete(k);
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
  const owner = owners.get(key(subject.orgId, subject.connectorId));
  if (!owner) return false;
  const older = typeof seenVersion !== "number" || owner.version === undefined || seenVersion < owner.version;
  if (!older) return false;
  reportWarning(
    subject,
    `not deleting the connector: ${describeClaimant(owner)} adopted it in this update and manages it now; dropping this resource from the state only`,
  );
  return true;
}

/** Forgets every claim (tests; the plugin process lives for one deployment). */
export function resetOwnership(): void {
  owners.clear();
}
