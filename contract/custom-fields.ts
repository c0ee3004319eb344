import type { AuthenticationType, GrantType } from "./wire";

/**
 * Which settings a custom connector needs and admits for its authentication type and
 * grant (SPEC §1 table, §2; the console shows exactly these fields per choice). Names are
 * the wire names of `custom.*`, which the SDK's args share.
 */
export interface CustomFieldSet {
  /** Fields that must be set. */
  required: readonly CustomField[];
  /** Fields that may be set (required ones included); any other is refused. */
  allowed: readonly CustomField[];
}

/** Every field of a custom connector's settings, in the contract's order (SPEC §3 `custom`). */
export const CUSTOM_FIELDS = [
  "authenticationType",
  "domainUrl",
  "username",
  "password",
  "validationUrl",
  "grantType",
  "clientId",
  "clientSecret",
  "scope",
  "tokenUrl",
] as const;

/** A field of a custom connector's settings (SPEC §3 `custom`). */
export type CustomField = (typeof CUSTOM_FIELDS)[number];

const BASIC: CustomFieldSet = {
  required: ["domainUrl", "username", "password"],
  allowed: ["authenticationType", "domainUrl", "username", "password", "validationUrl"],
};
const CLIENT_CREDENTIALS: CustomFieldSet = {
  required: ["domainUrl", "clientId", "clientSecret", "tokenUrl"],
  allowed: ["authenticationType", "domainUrl", "grantType", "clientId", "clientSecret", "scope", "tokenUrl"],
};
const PASSWORD: CustomFieldSet = {
  required: [...CLIENT_CREDENTIALS.required, "username", "password"],
  allowed: [...CLIENT_CREDENTIALS.allowed, "username", "password"],
};

/**
 * The field set for an authentication type and (for OAuth 2.0) grant; `grant` is ignored
 * for Basic. SPEC §1: Basic takes username, password and an optional validation URL;
 * OAuth 2.0 takes client ID, secret, token URL and optional scope, plus username and
 * password for the password grant.
 *
 * @example
 * customFieldSet("OAUTH2", "PASSWORD").required; // [domainUrl, clientId, clientSecret, tokenUrl, username, password]
 */
export function customFieldSet(auth: AuthenticationType, grant: GrantType): CustomFieldSet {
  if (auth === "BASIC") return BASIC;
  return grant === "PASSWORD" ? PASSWORD : CLIENT_CREDENTIALS;
}

/** Every field of a Salesforce connector's settings (SPEC §3 `salesforce`); all but `authServerUrl` (defaulted) are required. */
export const SALESFORCE_FIELDS = ["clientId", "userEmail", "authServerUrl", "privateKey"] as const;
