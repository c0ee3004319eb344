import type { EmulatorContext, Exchange } from "../context";
import { contractError } from "../errors";
import { bearerToken } from "../http";

/**
 * Authenticates a contract call for `orgId`: 401 without a known token or with an
 * expired one minted by the Webex token endpoint, 429 over the per-token rate limit,
 * 403 when the token is not valid for this org (a token registered for several orgs is
 * valid on each of them; a minted one on its refresh token's org only).
 */
export function authorize(ctx: EmulatorContext, ex: Exchange, orgId: string): void {
  const token = bearerToken(ex.req);
  if (!token) throw contractError("UNAUTHORIZED", "Missing bearer token: send Authorization: Bearer <token>");
  const minted = ctx.webex.lookup(token);
  if (minted?.expired) throw contractError("UNAUTHORIZED", "The access token has expired; renew it with the refresh token");
  if (!minted && !ctx.orgs.knows(token)) throw contractError("UNAUTHORIZED", "The access token is not valid");
  const retryAfter = ctx.rateLimiter?.hit(token);
  if (retryAfter !== undefined) {
    throw contractError("RATE_LIMITED", `Rate limit exceeded; retry after ${retryAfter} s`, undefined, {
      "retry-after": String(retryAfter),
    });
  }
  if (!(minted ? minted.orgId === orgId : ctx.orgs.allows(token, orgId)))
    throw contractError("FORBIDDEN", `The access token is not valid for organization ${orgId}`);
}
