import type { EmulatorContext, Exchange } from "../context";
import { basicCredentials, parseForm, readBody, sendJson, sendOAuthError } from "../http";

/** Path of the Webex token endpoint, as on `https://webexapis.com/v1/access_token`. */
export const WEBEX_TOKEN_PATH = "/v1/access_token";

/**
 * Webex's OAuth token endpoint, `refresh_token` grant only (what integrations and
 * service apps use to renew their access tokens). Form-encoded POST with `grant_type`,
 * `client_id`, `client_secret` (or HTTP Basic client authentication) and
 * `refresh_token`; answers `{access_token, expires_in, refresh_token,
 * refresh_token_expires_in, token_type: "Bearer"}` with `Cache-Control: no-store`.
 * Failures are RFC 6749 §5.2 error bodies: `invalid_request` (400),
 * `unsupported_grant_type` (400), `invalid_client` (401), `invalid_grant` (400).
 */
export async function handleWebexToken(ctx: EmulatorContext, ex: Exchange): Promise<void> {
  const fail = (status: number, error: string, description: string, headers?: Record<string, string>) =>
    sendOAuthError(ex.res, status, error, description, ex.trackingId, headers);
  if (ex.method !== "POST") return fail(405, "invalid_request", "use POST", { allow: "POST" });
  const type = (ex.req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  const text = await readBody(ex.req);
  if (type !== "application/x-www-form-urlencoded") {
    return fail(400, "invalid_request", "send the parameters form-encoded (Content-Type: application/x-www-form-urlencoded)");
  }
  const form = parseForm(text);
  const grant = form.get("grant_type");
  if (!grant) return fail(400, "invalid_request", "grant_type is required");
  if (grant !== "refresh_token") return fail(400, "unsupported_grant_type", `grant type ${grant} is not supported; use refresh_token`);
  const refreshToken = form.get("refresh_token");
  if (!refreshToken) return fail(400, "invalid_request", "refresh_token is required");

  const basic = basicCredentials(ex.req);
  const clientId = basic?.user ?? form.get("client_id") ?? undefined;
  const clientSecret = basic?.password ?? form.get("client_secret") ?? undefined;
  const out = ctx.webex.refresh(clientId, clientSecret, refreshToken);
  if (!out.ok) {
    return fail(out.status, out.error, out.description, out.status === 401 ? { "www-authenticate": 'Basic realm="webex"' } : undefined);
  }
  try {
    await ctx.persist();
  } catch {
    return fail(500, "server_error", "the access token could not be stored; try again");
  }
  sendJson(
    ex.res,
    200,
    {
      access_token: out.accessToken,
      expires_in: out.expiresIn,
      refresh_token: out.refreshToken,
      refresh_token_expires_in: out.refreshTokenExpiresIn,
      token_type: "Bearer",
    },
    ex.trackingId,
    { "cache-control": "no-store", pragma: "no-cache" },
  );
}
