import type { EmulatorContext, Exchange } from "../context";
import { contractError } from "../errors";
import { bearerToken } from "../http";

/**
 * Authenticates a contract call for `orgId`: 401 without a known token, 429 over the
 * per-token rate limit, 403 when the token is not registered for this org (a token
 * registered for several orgs is valid on each of them).
 */
export function authorize(ctx: EmulatorContext, ex: Exchange, orgId: string): void {
  const token = bearerToken(ex.req);
  if (!token) throw contractError("UNAUTHORIZED", "Missing bearer token: send Authorization: Bearer <token>");
  if (!ctx.orgs.knows(token)) throw contractError("UNAUTHORIZED", "The access token is not valid");
  const retryAfter = ctx.rateLimiter?.hit(token);
  if (retryAfter !== undefined) {
    throw contractError("RATE_LIMITED", `Rate limit exceeded; retry after ${retryAfter} s`, undefined, {
      "retry-after": String(retryAfter),
    });
  }
  if (!ctx.orgs.allows(token, orgId)) throw contractError("FORBIDDEN", `The access token is not valid for organization ${orgId}`);
}
