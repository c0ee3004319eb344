/** Credentials for the backend: a fixed access token, or a Webex OAuth client that renews. Re-exports only. */
export { WEBEX_TOKEN_URL, type WebexOAuthClient } from "./oauth-client";
export { refreshGrant, type MintedToken, type RefreshGrantOptions } from "./refresh-grant";
export { STORED_CREDENTIALS_NOTE, withStoredCredentialsNote } from "./stored-credentials";
export { TokenRefreshError, type TokenRefreshErrorInit } from "./token-refresh-error";
export { fixedToken, RefreshingTokenSource, renewalMarginMs, sharedTokenSource, type AccessTokenSource } from "./token-source";
