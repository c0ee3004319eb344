/**
 * The connector backend's wire types (SPEC §3): the JSON bodies of the REST contract,
 * exactly as they travel. Input shapes of the SDK and the provider are not here.
 */

/** Every connector type, in the contract's order (SPEC §3 `type`). */
export const CONNECTOR_TYPES = ["SALESFORCE", "CUSTOM"] as const;
/** Which kind of connector a record is; fixed at creation (`IMMUTABLE_FIELD` otherwise). SPEC §3. */
export type ConnectorType = (typeof CONNECTOR_TYPES)[number];

/** Every connector status (SPEC §3 `status`). */
export const CONNECTOR_STATUSES = ["ACTIVE", "INACTIVE"] as const;
/** Whether the connector is usable by flows. Edits and deletes require `INACTIVE` (SPEC §1, §3). */
export type ConnectorStatus = (typeof CONNECTOR_STATUSES)[number];

/** Authentication types of a custom connector, as the wire spells them (SPEC §3 `custom.authenticationType`). */
export const AUTHENTICATION_TYPES = ["BASIC", "OAUTH2"] as const;
/** How a custom connector authenticates: HTTP Basic or OAuth 2.0 (SPEC §1, the console's "Authentication type"). */
export type AuthenticationType = (typeof AUTHENTICATION_TYPES)[number];

/** OAuth 2.0 grant types of a custom connector, as the wire spells them (SPEC §3 `custom.grantType`). */
export const GRANT_TYPES = ["CLIENT_CREDENTIALS", "PASSWORD"] as const;
/** The OAuth 2.0 grant a custom connector uses (SPEC §1; RFC 6749 §4.3, §4.4). */
export type GrantType = (typeof GRANT_TYPES)[number];

/** Whether `v` is one of the contract's connector types. */
export function isConnectorType(v: unknown): v is ConnectorType {
  return (CONNECTOR_TYPES as readonly unknown[]).includes(v);
}

/** Salesforce settings as the backend returns them (SPEC §3); `privateKey` is write-only. */
export interface SalesforceSettings {
  /** Connected App consumer key; the JWT `iss` (SPEC §4). */
  clientId: string;
  /** Connected App user; the JWT `sub` (SPEC §4). */
  userEmail: string;
  /** Authorization server; the JWT `aud` (SPEC §4). */
  authServerUrl: string;
}

/** Salesforce settings as written (SPEC §3); the private key is accepted, never returned. */
export interface SalesforceSettingsWrite extends SalesforceSettings {
  /** PEM private key. Omitted on PUT keeps the stored key. */
  privateKey?: string;
}

/** Custom connector settings as the backend returns them (SPEC §3); secrets are write-only. */
export interface CustomSettings {
  authenticationType: AuthenticationType;
  domainUrl: string;
  username?: string;
  validationUrl?: string;
  grantType?: GrantType;
  clientId?: string;
  scope?: string;
  tokenUrl?: string;
}

/** Custom connector settings as written (SPEC §3); omitted secrets keep their stored value on PUT. */
export interface CustomSettingsWrite extends CustomSettings {
  password?: string;
  clientSecret?: string;
}

/** A connector record as `GET /connectors/{id}` returns it (SPEC §3). */
export interface Connector {
  /** Assigned by the service; never changes (SPEC §1). */
  id: string;
  orgId: string;
  type: ConnectorType;
  name: string;
  status: ConnectorStatus;
  /** Integer, +1 on every change; usable as `If-Match`. */
  version: number;
  /** ISO 8601 time. */
  createdAt: string;
  /** ISO 8601 time. */
  updatedAt: string;
  salesforce?: SalesforceSettings;
  custom?: CustomSettings;
}

/** Body of `POST /connectors` and `PUT /connectors/{id}` (SPEC §3). */
export interface ConnectorWrite {
  type: ConnectorType;
  name: string;
  salesforce?: SalesforceSettingsWrite;
  custom?: CustomSettingsWrite;
}
