import { WxccError } from "../errors";

/** What went wrong at the token endpoint. Texts must already be redacted. */
export interface TokenRefreshErrorInit {
  tokenUrl: string;
  clientId: string;
  /** HTTP status, when the endpoint answered. */
  statusCode?: number;
  /** RFC 6749 §5.2 `error`, e.g. `invalid_grant`, when the body had one. */
  oauthError?: string;
  /** `error_description`, or the transport failure, redacted. */
  reason: string;
  attempts?: number;
  /** The endpoint's `Retry-After` when it asked to wait longer than the provider does, in ms. */
  askedMs?: number;
}

/** The fix for each failure: which key to set, and how. */
function remedy(init: TokenRefreshErrorInit): string {
  if (init.askedMs !== undefined) {
    return `the token endpoint asked to wait ${Math.round(init.askedMs / 1000)} s (Retry-After), longer than the provider waits (30 s), so it did not; run again once the endpoint accepts requests`;
  }
  if (init.oauthError === "invalid_client" || init.statusCode === 401) {
    return "check [wxcc:clientId] and [wxcc:clientSecret]: run `pulumi config set wxcc:clientId <id>` and `pulumi config set --secret wxcc:clientSecret <secret>` (or set WXCC_CLIENT_ID and WXCC_CLIENT_SECRET)";
  }
  if (init.oauthError === "invalid_grant") {
    return "the refresh token [wxcc:refreshToken] is expired, revoked or belongs to another client: authorize the integration again and run `pulumi config set --secret wxcc:refreshToken <token>` (or set WXCC_REFRESH_TOKEN)";
  }
  if (init.statusCode === undefined || init.statusCode >= 500 || init.statusCode === 429) {
    return "check [wxcc:tokenUrl] (default https://webexapis.com/v1/access_token) and that the token endpoint is up, then run again";
  }
  return "check [wxcc:tokenUrl], [wxcc:clientId], [wxcc:clientSecret] and [wxcc:refreshToken]";
}

/**
 * The Webex token endpoint refused or failed to mint an access token with the
 * `refresh_token` grant (`TOKEN_REFRESH_FAILED`). The message names the endpoint, the
 * client id, the status and OAuth error, and the key to fix; never a secret.
 *
 * @example
 * ```ts
 * if (err instanceof TokenRefreshError && err.oauthError === "invalid_grant") { … }
 * ```
 */
export class TokenRefreshError extends WxccError {
  /** RFC 6749 `error` of the response, e.g. `invalid_client`, `invalid_grant`. */
  readonly oauthError?: string;

  constructor(init: TokenRefreshErrorInit) {
    const tries = init.attempts && init.attempts > 1 ? ` after ${init.attempts} attempts` : "";
    const answer =
      init.statusCode === undefined
        ? init.reason
        : `${init.statusCode}${init.oauthError ? ` ${init.oauthError}` : ""}${init.reason ? ` (${init.reason})` : ""}`;
    super(
      "TOKEN_REFRESH_FAILED",
      `Could not get an access token from ${init.tokenUrl} for OAuth client "${init.clientId}"${tries}: ${answer} — ${remedy(init)}`,
      { statusCode: init.statusCode, attempts: init.attempts },
    );
    this.name = "TokenRefreshError";
    if (init.oauthError !== undefined) this.oauthError = init.oauthError;
  }
}
