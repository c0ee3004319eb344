import { randomBytes } from "node:crypto";
import * as jose from "jose";
import type { EmulatorContext, Exchange } from "./context";
import { parseForm, readBody, sendJson, sendOAuthError } from "./http";

/** Path of the fake Salesforce token endpoint; its authorization server URL is `<url>/salesforce`. */
export const SALESFORCE_TOKEN_PATH = "/salesforce/services/oauth2/token";

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/** Salesforce refuses assertions whose `exp` is more than 3 minutes ahead. */
const MAX_EXP_AHEAD_S = 180;
/** Tolerated clock skew between signer and us. */
const SKEW_S = 5;

const trimSlash = (s: string) => s.replace(/\/+$/, "");

/**
 * The OAuth 2.0 JWT bearer flow of a Salesforce authorization server, checked for real:
 * registered consumer key (`iss`), RS256 signature against the app's key, `aud` equal to
 * this server's URL, an approved user (`sub`), and an `exp` at most 3 minutes ahead.
 * Error codes and descriptions are Salesforce's own.
 */
export async function handleSalesforceToken(ctx: EmulatorContext, ex: Exchange): Promise<void> {
  const fail = (error: string, description: string) => sendOAuthError(ex.res, 400, error, description, ex.trackingId);
  if (ex.method !== "POST") return sendOAuthError(ex.res, 405, "invalid_request", "use POST", ex.trackingId, { allow: "POST" });
  const form = parseForm(await readBody(ex.req));
  if (form.get("grant_type") !== JWT_BEARER) return fail("unsupported_grant_type", "grant type not supported");
  const assertion = form.get("assertion");
  if (!assertion) return fail("invalid_request", "assertion is required");

  let claims: jose.JWTPayload;
  try {
    claims = jose.decodeJwt(assertion);
  } catch {
    return fail("invalid_grant", "invalid assertion");
  }
  const registered = typeof claims.iss === "string" ? ctx.idp.salesforceApp(claims.iss) : undefined;
  if (!registered) return fail("invalid_client_id", "client identifier invalid");
  try {
    await jose.compactVerify(assertion, registered.key, { algorithms: ["RS256"] });
  } catch {
    return fail("invalid_grant", "invalid assertion: signature verification failed");
  }

  const accepted = new Set([`${ctx.url}/salesforce`, `http://${ex.req.headers.host ?? ""}/salesforce`].map(trimSlash));
  const auds = Array.isArray(claims.aud) ? claims.aud : claims.aud === undefined ? [] : [claims.aud];
  if (!auds.some((a) => accepted.has(trimSlash(a)))) return fail("invalid_grant", "audience is invalid");

  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== "number") return fail("invalid_grant", "invalid assertion: exp claim is required");
  if (claims.exp <= now - SKEW_S) return fail("invalid_grant", "invalid assertion: JWT has expired");
  if (claims.exp > now + MAX_EXP_AHEAD_S + SKEW_S) return fail("invalid_grant", "invalid assertion: exp is more than 3 minutes in the future");

  const sub = typeof claims.sub === "string" ? claims.sub.toLowerCase() : undefined;
  if (!sub || !registered.app.users.some((u) => u.toLowerCase() === sub)) {
    return fail("invalid_grant", "user hasn't approved this consumer");
  }

  sendJson(
    ex.res,
    200,
    {
      access_token: `00Dfake!${randomBytes(24).toString("base64url")}`,
      scope: "api",
      instance_url: `${ctx.url}/salesforce`,
      id: `${ctx.url}/salesforce/id/00Dfake/005fake`,
      token_type: "Bearer",
      issued_at: String(Date.now()),
    },
    ex.trackingId,
    { "cache-control": "no-store" },
  );
}
