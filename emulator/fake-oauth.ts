import { randomBytes } from "node:crypto";
import type { EmulatorContext, Exchange } from "./context";
import { basicCredentials, parseForm, readBody, sendJson, sendOAuthError } from "./http";

/** Path of the fake OAuth 2.0 token endpoint. */
export const OAUTH_TOKEN_PATH = "/oauth/token";

/** RFC 6749 §2.3.1 form-encodes id and secret inside the Basic header; undo it leniently. */
function formDecode(v: string): string {
  try {
    return decodeURIComponent(v.replace(/\+/g, " "));
  } catch {
    return v;
  }
}

/**
 * An OAuth 2.0 token endpoint (RFC 6749) supporting the client credentials and password
 * grants, with client authentication by HTTP Basic or by `client_id`/`client_secret`
 * in the body. Errors are the RFC's: `invalid_client` (401), `invalid_grant`,
 * `invalid_scope`, `unsupported_grant_type`, `invalid_request`.
 */
export async function handleOAuthToken(ctx: EmulatorContext, ex: Exchange): Promise<void> {
  const fail = (status: number, error: string, description: string, headers?: Record<string, string>) =>
    sendOAuthError(ex.res, status, error, description, ex.trackingId, headers);
  if (ex.method !== "POST") return fail(405, "invalid_request", "use POST", { allow: "POST" });
  const form = parseForm(await readBody(ex.req));

  const basic = basicCredentials(ex.req);
  const clientId = basic ? formDecode(basic.user) : form.get("client_id");
  const clientSecret = basic ? formDecode(basic.password) : form.get("client_secret");
  const client = clientId ? ctx.idp.oauthClient(clientId) : undefined;
  if (!client || clientSecret !== client.clientSecret) {
    return fail(401, "invalid_client", "client authentication failed", { "www-authenticate": 'Basic realm="oauth"' });
  }

  const grant = form.get("grant_type");
  if (!grant) return fail(400, "invalid_request", "grant_type is required");
  if (grant !== "client_credentials" && grant !== "password") {
    return fail(400, "unsupported_grant_type", `grant type ${grant} is not supported`);
  }
  const requested = (form.get("scope") ?? "").split(" ").filter(Boolean);
  if (client.scopes && requested.some((s) => !client.scopes!.includes(s))) {
    const unknown = requested.filter((s) => !client.scopes!.includes(s));
    return fail(400, "invalid_scope", `scope not allowed for this client: ${unknown.join(" ")}`);
  }
  if (grant === "password") {
    const username = form.get("username");
    const password = form.get("password");
    if (!username || password === null) return fail(400, "invalid_request", "username and password are required");
    const user = client.users?.find((u) => u.username === username);
    if (!user || user.password !== password) return fail(400, "invalid_grant", "invalid resource owner credentials");
  }

  sendJson(
    ex.res,
    200,
    {
      access_token: randomBytes(24).toString("base64url"),
      token_type: "Bearer",
      expires_in: 3600,
      ...(requested.length ? { scope: requested.join(" ") } : {}),
    },
    ex.trackingId,
    { "cache-control": "no-store", pragma: "no-cache" },
  );
}
