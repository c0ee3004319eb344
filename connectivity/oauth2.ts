import { isFailure, oauthResult, parseUrl, send } from "./http";
import type { ConnectivityOptions, ConnectivityResult } from "./types";

/** Custom OAuth 2.0 connector settings needed to request a token. */
export interface OAuth2ConnectivitySettings {
  tokenUrl: string;
  grantType: "client_credentials" | "password";
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes, sent as given. */
  scope?: string;
  /** Password grant only. */
  username?: string;
  /** Password grant only. */
  password?: string;
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before being joined and base64'd. */
function basicClientAuth(clientId: string, clientSecret: string): string {
  const enc = (v: string) => encodeURIComponent(v).replace(/%20/g, "+");
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(clientSecret)}`).toString("base64")}`;
}

/**
 * Requests a token at the Token URL with the configured grant (SPEC §4), authenticating
 * the client with HTTP Basic. Success means the server issued an `access_token`.
 *
 * @example
 * const r = await verifyOAuth2({ tokenUrl: `${url}/oauth/token`, grantType: "client_credentials", clientId, clientSecret });
 */
export async function verifyOAuth2(s: OAuth2ConnectivitySettings, o?: ConnectivityOptions): Promise<ConnectivityResult> {
  const url = parseUrl(s.tokenUrl, "tokenUrl");
  if (isFailure(url)) return url;
  const form = new URLSearchParams({ grant_type: s.grantType });
  if (s.scope) form.set("scope", s.scope);
  if (s.grantType === "password") {
    form.set("username", s.username ?? "");
    form.set("password", s.password ?? "");
  }
  const authorization = basicClientAuth(s.clientId, s.clientSecret);
  const secrets = [s.clientSecret, s.password, authorization];
  const res = await send(
    url,
    {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
        authorization,
      },
      body: form.toString(),
    },
    o,
    secrets,
  );
  if (isFailure(res)) return res;
  return oauthResult(res, secrets);
}
