import { timingSafeEqual } from "node:crypto";
import type { EmulatorContext, Exchange } from "../context";
import { type FieldIssue, contractError } from "../errors";
import { parseFaultSpec } from "../faults";
import { bearerToken, parseJsonObject, readBody, sendJson } from "../http";
import { parseWebexIntegrationSpec } from "../webex-integrations";

function isAdmin(ctx: EmulatorContext, ex: Exchange): boolean {
  const token = bearerToken(ex.req);
  if (!token) return false;
  const a = Buffer.from(token);
  const b = Buffer.from(ctx.adminToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function body(ex: Exchange): Promise<Record<string, unknown>> {
  return parseJsonObject(await readBody(ex.req));
}

/** Checks an admin body's fields: required strings, optional string arrays, nothing else. */
function shape(b: Record<string, unknown>, required: string[], stringArrays: string[] = [], other: string[] = []): void {
  const issues: FieldIssue[] = [];
  for (const k of required) if (typeof b[k] !== "string" || b[k] === "") issues.push({ field: k, reason: "is required (a non-empty string)" });
  for (const k of stringArrays) {
    const v = b[k];
    if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== "string"))) issues.push({ field: k, reason: "must be an array of strings" });
  }
  for (const k of Object.keys(b)) if (![...required, ...stringArrays, ...other].includes(k)) issues.push({ field: k, reason: "is not a known field" });
  if (issues.length) throw contractError("VALIDATION_FAILED", `Invalid admin request: [${issues[0]!.field}] ${issues[0]!.reason}`, issues);
}

function usersField(v: unknown): Array<{ username: string; password: string }> | undefined {
  if (v === undefined) return undefined;
  const ok = Array.isArray(v) && v.every((u) => u && typeof u === "object" && typeof u.username === "string" && typeof u.password === "string");
  if (!ok)
    throw contractError("VALIDATION_FAILED", "users must be an array of {username, password}", [
      { field: "users", reason: "must be an array of {username, password}" },
    ]);
  return (v as Array<{ username: string; password: string }>).map((u) => ({ username: u.username, password: u.password }));
}

async function persisted(ctx: EmulatorContext): Promise<void> {
  try {
    await ctx.persist();
  } catch (err) {
    throw contractError("INTERNAL", `Registered, but the state file could not be written: ${(err as Error).message}`);
  }
}

/**
 * The admin API (SPEC §5): IdP registrations, Webex integrations, faults, request and event logs, plus
 * `POST /_admin/orgs` to add an org at run time. Requires the admin token; org tokens
 * are never accepted. Admin calls are not logged and faults never apply to them.
 */
export async function handleAdmin(ctx: EmulatorContext, ex: Exchange): Promise<void> {
  if (!isAdmin(ctx, ex)) throw contractError("UNAUTHORIZED", "The admin API requires Authorization: Bearer <adminToken>");
  const route = `${ex.method} ${ex.path.replace(/\/+$/, "")}`;
  const { trackingId, res } = ex;
  switch (route) {
    case "POST /_admin/salesforce/apps": {
      const b = await body(ex);
      shape(b, ["clientId", "publicKeyPem"], ["users"]);
      ctx.idp.addSalesforceApp({ clientId: b.clientId as string, publicKeyPem: b.publicKeyPem as string, users: (b.users as string[]) ?? [] });
      await persisted(ctx);
      return sendJson(res, 201, { clientId: b.clientId, users: b.users ?? [] }, trackingId);
    }
    case "POST /_admin/oauth/clients": {
      const b = await body(ex);
      shape(b, ["clientId", "clientSecret"], ["scopes"], ["users"]);
      const users = usersField(b.users);
      ctx.idp.addOAuthClient({
        clientId: b.clientId as string,
        clientSecret: b.clientSecret as string,
        ...(b.scopes ? { scopes: b.scopes as string[] } : {}),
        ...(users ? { users } : {}),
      });
      await persisted(ctx);
      return sendJson(res, 201, { clientId: b.clientId, scopes: b.scopes ?? null, users: (users ?? []).map((u) => u.username) }, trackingId);
    }
    case "POST /_admin/basic/users": {
      const b = await body(ex);
      shape(b, ["username", "password"]);
      ctx.idp.addBasicUser({ username: b.username as string, password: b.password as string });
      await persisted(ctx);
      return sendJson(res, 201, { username: b.username }, trackingId);
    }
    case "POST /_admin/orgs": {
      const b = await body(ex);
      shape(b, ["orgId", "token"]);
      ctx.orgs.add(b.orgId as string, b.token as string);
      await persisted(ctx);
      return sendJson(res, 201, { orgId: b.orgId }, trackingId);
    }
    case "POST /_admin/webex/integrations": {
      const i = ctx.webex.register(parseWebexIntegrationSpec(await body(ex)));
      await persisted(ctx);
      const orgIds = [...new Set(i.refreshTokens.map((t) => t.orgId))];
      return sendJson(res, 201, { clientId: i.clientId, accessTokenTtlSeconds: i.accessTokenTtlSeconds, orgIds }, trackingId);
    }
    case "GET /_admin/webex/access-tokens":
      return sendJson(res, 200, { items: ctx.webex.accessTokens().map((t) => ({ ...t, expiresAt: new Date(t.expiresAt).toISOString() })) }, trackingId);
    case "POST /_admin/faults":
      return sendJson(res, 201, ctx.faults.add(parseFaultSpec(await body(ex))), trackingId);
    case "GET /_admin/faults":
      return sendJson(res, 200, { items: ctx.faults.list() }, trackingId);
    case "DELETE /_admin/faults":
      ctx.faults.clear();
      return sendJson(res, 204, undefined, trackingId);
    case "GET /_admin/requests":
      return sendJson(res, 200, { items: ctx.requestLog.list() }, trackingId);
    case "DELETE /_admin/requests":
      ctx.requestLog.clear();
      return sendJson(res, 204, undefined, trackingId);
    case "GET /_admin/events": {
      const connectorId = ex.query.get("connectorId");
      const orgId = ex.query.get("orgId");
      const items = ctx.eventLog.list().filter((e) => (!connectorId || e.connectorId === connectorId) && (!orgId || e.orgId === orgId));
      return sendJson(res, 200, { items }, trackingId);
    }
    case "DELETE /_admin/events":
      ctx.eventLog.clear();
      return sendJson(res, 204, undefined, trackingId);
    default:
      throw contractError("NOT_FOUND", `No admin route ${route}`);
  }
}
