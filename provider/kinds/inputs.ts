/**
 * The checked, normalized inputs of each connector kind: what `check` returns (defaults
 * filled in) and what every later hook trusts. Outputs are these plus the fields the
 * backend assigns.
 */

/** A Salesforce connector's inputs after `check` (SPEC §2). */
// Type aliases, not interfaces, so they are assignable to Record<string, unknown>.
export type SalesforceConnectorInputs = {
  /** Display name, unique within the org (case-insensitive). */
  name: string;
  /** The Connected App's Consumer Key; the JWT `iss`. */
  clientId: string;
  /** Email of the Connected App user; the JWT `sub`. */
  userEmail: string;
  /** Salesforce authorization server URL; the JWT `aud`. Default `https://login.salesforce.com`. */
  authServerUrl: string;
  /** PEM RSA private key, normalized to PKCS#8 by `check`. Secret. */
  privateKey: string;
  /** Whether the connector should be ACTIVE. Default `true`. */
  active: boolean;
  /** The org that owns the connector; filled from provider config when omitted. */
  orgId: string;
  /** Adopt this existing connector instead of creating one. */
  connectorId?: string;
};

/** A custom connector's inputs after `check` (SPEC §2). */
export type CustomConnectorInputs = {
  name: string;
  /** Resource domain URL; always `https://`. */
  domainUrl: string;
  /** Default `"basic"`. */
  authenticationType: "basic" | "oauth2";
  /** Basic, or OAuth 2.0 password grant. */
  username?: string;
  /** Basic, or OAuth 2.0 password grant. Secret. */
  password?: string;
  /** Basic only: a URL called with the credentials to validate them. */
  validationUrl?: string;
  /** OAuth 2.0 only; default `"client_credentials"`. Absent for Basic. */
  grantType?: "client_credentials" | "password";
  /** OAuth 2.0 only. */
  clientId?: string;
  /** OAuth 2.0 only. Secret. */
  clientSecret?: string;
  /** OAuth 2.0 only, optional. */
  scope?: string;
  /** OAuth 2.0 only: the IdP's token endpoint. */
  tokenUrl?: string;
  active: boolean;
  orgId: string;
  connectorId?: string;
};

export type ConnectorInputs = SalesforceConnectorInputs | CustomConnectorInputs;

/** Fields the backend assigns; present in every output. */
export type ConnectorComputed = {
  connectorId: string;
  status: "ACTIVE" | "INACTIVE";
  version: number;
  createdAt: string;
  updatedAt: string;
  /**
   * Present (true) when the resource declares `connectorId` (adoption, or the `import`
   * option): `read` has no access to the old inputs, so this output tells it to keep
   * `connectorId` in the refreshed inputs.
   */
  adopted?: true;
};

/** What the provider stores as outputs: every input plus backend-assigned fields. */
export type ConnectorOutputs<I> = I & ConnectorComputed;
