import type { AuthenticationType, GrantType } from "./wire";

/**
 * Salesforce's production login server: the default `authServerUrl` and so the JWT
 * `aud` (SPEC §1, §2; the console's default "Salesforce authorization server URL").
 */
export const DEFAULT_AUTH_SERVER_URL = "https://login.salesforce.com";

/** A custom connector's authentication type when none is given (SPEC §1, §2: Basic). */
export const DEFAULT_AUTHENTICATION_TYPE: AuthenticationType = "BASIC";

/** An OAuth 2.0 custom connector's grant type when none is given (SPEC §1, §2: Client Credentials). */
export const DEFAULT_GRANT_TYPE: GrantType = "CLIENT_CREDENTIALS";

/** Whether a declared connector is ACTIVE when `active` is not given (SPEC §2). */
export const DEFAULT_ACTIVE = true;
