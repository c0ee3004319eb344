import type { Connector } from "../provider/client";
import { argsOf, secretKeyFor, type FieldValue, type Kind, type SecretField } from "./declaration";
import { identifiersFor } from "./naming/identifier";
import { assignLogicalNames } from "./naming/logical-names";

/** One secret field of one resource and the stack config key that holds it. */
export interface SecretSlot {
  field: SecretField;
  /** Config key in the project's namespace, e.g. `crmApiClientSecret`. */
  key: string;
}

/** One resource of the generated program: how a live connector is declared. */
export interface PlannedResource {
  /** Pulumi logical name (see `assignLogicalNames`). */
  logicalName: string;
  /** Variable name in the generated program; also the stem of its secret config keys. */
  identifier: string;
  connectorId: string;
  kind: Kind;
  /** Non-secret arguments, `name` first. */
  fields: Array<[string, FieldValue]>;
  secrets: SecretSlot[];
}

/**
 * Plans the resources that adopt every connector of one org, ordered by logical name
 * (so the output does not depend on the order the backend lists them in).
 *
 * @example
 * planOrg("acme", await client.list("acme")).map((r) => r.logicalName); // ["crm-api", "orders-api"]
 */
export function planOrg(orgId: string, connectors: readonly Connector[]): PlannedResource[] {
  const names = assignLogicalNames(connectors);
  const ordered = [...connectors].sort((a, b) => compare(names.get(a.id)!, names.get(b.id)!));
  const identifiers = identifiersFor(ordered.map((c) => ({ logicalName: names.get(c.id)!, connectorId: c.id })));
  return ordered.map((c) => {
    const logicalName = names.get(c.id)!;
    const identifier = identifiers.get(logicalName)!;
    const args = argsOf(c, orgId);
    return {
      logicalName,
      identifier,
      connectorId: c.id,
      kind: args.kind,
      fields: args.fields,
      secrets: args.secrets.map((field) => ({ field, key: secretKeyFor(identifier, field) })),
    };
  });
}

/** Code-unit order: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
