/** Webex's token endpoint, where integrations and service apps renew access tokens. */
export const WEBEX_TOKEN_URL = "https://webexapis.com/v1/access_token";

/**
 * A Webex OAuth client (integration or service app) that renews access tokens with the
 * `refresh_token` grant. `clientSecret` and `refreshToken` are secrets: never logged,
 * never in a message, never in state in plaintext.
 */
export interface WebexOAuthClient {
  /** Token endpoint; default {@link WEBEX_TOKEN_URL} (`wxcc:tokenUrl`). */
  tokenUrl: string;
  /** The integration's client id (`wxcc:clientId`); not a secret. */
  clientId: string;
  /** `wxcc:clientSecret`. Secret. */
  clientSecret: string;
  /** `wxcc:refreshToken`, bound to the org whose admin authorized the integration. Secret. */
  refreshToken: string;
}
