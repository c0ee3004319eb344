/**
 * The emulator's records. Stored connectors keep their secrets (the service must
 * re-validate connectivity on activate); {@link toPublic} is the only way a record
 * leaves the emulator, and it drops them.
 */

// The wire types (SPEC §3) live in one module, shared with the provider; only the emulator's
// own records, which keep the write-only secrets, are declared here.
import type { Connector, ConnectorType, ConnectorWrite, CustomSettingsWrite, SalesforceSettings } from "../contract";

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

/** Fields never returned by the API. */
export const SECRET_FIELDS = { salesforce: ["privateKey"], custom: ["password", "clientSecret"] } as const;

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
    const { clientId, userEmail, authServerUrl } = c.salesforce;
    out.salesforce = { clientId, userEmail, authServerUrl };
  }
  if (c.custom) {
    const { password: _p, clientSecret: _s, ...rest } = c.custom;
    out.custom = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  }
  return out;
}

/** Per-org limits, counting inactive connectors too (SPEC §1). */
export const ORG_LIMITS: Record<ConnectorType, number> = { SALESFORCE: 5, CUSTOM: 10 };
