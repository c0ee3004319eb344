import { DEFAULT_AUTHENTICATION_TYPE, DEFAULT_GRANT_TYPE } from "../../contract/defaults";

/**
 * Each kind's input properties in a stable order (the SDK args, SPEC §2), and the
 * contract's defaults as the args spell them. Kept apart from the zod schemas
 * (`*-schema.ts`) so that hooks which never validate (read, delete) never load zod.
 */
export const CUSTOM_INPUT_FIELDS = [
  "name",
  "domainUrl",
  "authenticationType",
  "username",
  "password",
  "validationUrl",
  "grantType",
  "clientId",
  "clientSecret",
  "scope",
  "tokenUrl",
  "active",
  "orgId",
  "connectorId",
] as const;

export const SALESFORCE_INPUT_FIELDS = ["name", "clientId", "userEmail", "authServerUrl", "privateKey", "active", "orgId", "connectorId"] as const;

/** `contract/defaults`' authentication type as `CustomConnectorArgs.authenticationType` spells it. */
export const DEFAULT_AUTH = DEFAULT_AUTHENTICATION_TYPE === "BASIC" ? "basic" : "oauth2";
/** `contract/defaults`' grant type as `CustomConnectorArgs.grantType` spells it. */
export const DEFAULT_GRANT = DEFAULT_GRANT_TYPE === "CLIENT_CREDENTIALS" ? "client_credentials" : "password";
