/**
 * The emulator's records. Stored connectors keep their secrets (the service must
 * re-validate connectivity on activate); {@link toPublic} is the only way a record
 * leaves the emulator, and it drops them.
 */

// The wire types (SPEC §3) live in `contract/`, shared with the provider; only the emulator's
// own records, which keep the write-only secrets, are declared here.
import { SECRET_FIELDS } from "../contract/secrets";
import type { Connector, ConnectorWrite, CustomSettingsWrite, SalesforceSettings } from "../contract/wire";

/** Salesforce settings as stored, including the write-only private key. */
export interface StoredSalesforce extends SalesforceSettings {
  privateKey: string;
}

/** Custom settings as stored, including write-only secrets (the written shape, kept as is). */
export type StoredCustom = CustomSettingsWrite;

/** A connector as the store holds it: the record the contract returns, plus its secrets. */
export interface StoredConnector extends Connector {
  salesforce?: StoredSalesforce;
  custom?: StoredCustom;
}

/** The editable part of a connector, validated and with secrets resolved. */
export interface ConnectorSpec extends ConnectorWrite {
  salesforce?: StoredSalesforce;
  custom?: StoredCustom;
}

/** The connector as the contract returns it: secrets removed, absent optionals omitted. */
export function toPublic(c: StoredConnector): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: c.id,
    orgId: c.orgId,
    type: c.type,
    name: c.name,
    status: c.status,
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
  if (c.salesforce) {
    out.salesforce = withoutSecrets(c.salesforce, SECRET_FIELDS.SALESFORCE);
  }
  if (c.custom) {
    out.custom = withoutSecrets(c.custom, SECRET_FIELDS.CUSTOM);
  }
  return out;
}

/** `settings` without the contract's write-only fields (SPEC §3) and without undefined values. */
function withoutSecrets(settings: object, secrets: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(settings).filter(([k, v]) => v !== undefined && !secrets.includes(k)));
}
