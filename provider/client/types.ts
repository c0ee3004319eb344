/**
 * The connector backend's wire types (SPEC §3). These mirror the JSON bodies exactly;
 * the provider's own input shapes live in `provider/schemas/`.
 */

/** Which kind of connector a record is; fixed at creation (`IMMUTABLE_FIELD` otherwise). */
export type ConnectorType = "SALESFORCE" | "CUSTOM";

/** Whether the connector is usable by flows. Edits and deletes require `INACTIVE`. */
export type ConnectorStatus = "ACTIVE" | "INACTIVE";

/** Salesforce settings as the backend returns them; `privateKey` is write-only. */
export interface SalesforceSettings {
  clientId: string;
  userEmail: string;
  authServerUrl: string;
}

/** Salesforce settings as written; the private key is accepted, never returned. */
export interface SalesforceSettingsWrite extends SalesforceSettings {
  /** PEM private key. Omitted on PUT keeps the stored key. */
  privateKey?: string;
}

export type AuthenticationType = "BASIC" | "OAUTH2";
export type GrantType = "CLIENT_CREDENTIALS" | "PASSWORD";

/** Custom connector settings as the backend returns them; secrets are write-only. */
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

/** Custom connector settings as written; omitted secrets keep their stored value on PUT. */
export interface CustomSettingsWrite extends CustomSettings {
  password?: string;
  clientSecret?: string;
}

/** A connector record as `GET /connectors/{id}` returns it. */
export interface Connector {
  id: string;
  orgId: string;
  type: ConnectorType;
  name: string;
  status: ConnectorStatus;
  /** Integer, +1 on every change; usable as `If-Match`. */
  version: number;
  createdAt: string;
  updatedAt: string;
  salesforce?: SalesforceSettings;
  custom?: CustomSettings;
}

/** Body of `POST /connectors` and `PUT /connectors/{id}`. */
export interface ConnectorWrite {
  type: ConnectorType;
  name: string;
  salesforce?: SalesforceSettingsWrite;
  custom?: CustomSettingsWrite;
}

/** Stable error codes of the contract (SPEC §3), plus the client's own transport failures. */
export type BackendErrorCode =
  | "VALIDATION_FAILED"
  | "IMMUTABLE_FIELD"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "NAME_CONFLICT"
  | "LIMIT_EXCEEDED"
  | "CONNECTOR_ACTIVE"
  | "VERSION_MISMATCH"
  | "CONNECTIVITY_FAILED"
  | "RATE_LIMITED"
  | "INTERNAL";

/** The error body every non-2xx contract response carries. */
export interface BackendErrorBody {
  code: BackendErrorCode | string;
  message: string;
  trackingId: string;
  details?: Array<{ field: string; reason: string }>;
}
