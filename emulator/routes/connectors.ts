import type { EmulatorContext, Exchange } from "../context";
import { checkConnectivity, connectivityTarget } from "../connectivity-check";
import { type ApiError, contractError } from "../errors";
import { parseJsonObject, readBody, sendJson } from "../http";
import type { EventKind } from "../logs";
import type { ConnectorStatus } from "../../contract/wire";
import { ORG_LIMITS } from "../../contract/limits";
import { toPublic, type ConnectorSpec, type StoredConnector } from "../model";
import { ConnectorStore } from "../store";
import { validateConnectorBody } from "../validation";

/** The connector operations of SPEC §3. Each is called after authorization. */

function notFound(id: string, orgId: string): ApiError {
  return contractError("NOT_FOUND", `Connector ${id} not found in organization ${orgId}`);
}

function mustGet(ctx: EmulatorContext, orgId: string, id: string): StoredConnector {
  const c = ctx.store.get(orgId, id);
  if (!c) throw notFound(id, orgId);
  return c;
}

function sendConnector(ex: Exchange, status: number, c: StoredConnector): void {
  sendJson(ex.res, status, toPublic(c), ex.trackingId, { etag: `"${c.version}"` });
}

/** Logs a status change or edit; called once it is durable, so the log never shows one a crash lost. */
function record(ctx: EmulatorContext, c: StoredConnector, kind: EventKind, from: ConnectorStatus | null, to: ConnectorStatus | null, at: string): void {
  ctx.eventLog.push({ connectorId: c.id, orgId: c.orgId, from, to, at, kind, ...(to ? { version: c.version } : {}) });
}

/** Makes the change durable before the caller acknowledges it. */
async function persist(ctx: EmulatorContext): Promise<void> {
  try {
    await ctx.persist();
  } catch (err) {
    throw contractError("INTERNAL", `The change was applied but could not be saved to the state file: ${(err as Error).message}`);
  }
}

/** Name and limit rules; run before and again after the (asynchronous) connectivity check. */
function checkNameAndLimit(ctx: EmulatorContext, orgId: string, spec: ConnectorSpec, exceptId?: string): void {
  const clash = ctx.store.nameTaken(orgId, spec.name, exceptId);
  if (clash) {
    throw contractError(
      "NAME_CONFLICT",
      `A connector named "${clash.name}" already exists in organization ${orgId} (id ${clash.id}); names are case-insensitive`,
    );
  }
  if (exceptId === undefined && ctx.store.count(orgId, spec.type) >= ORG_LIMITS[spec.type]) {
    throw contractError(
      "LIMIT_EXCEEDED",
      `Organization ${orgId} already has the maximum of ${ORG_LIMITS[spec.type]} ${spec.type} connectors (inactive ones count); delete one first`,
    );
  }
}

async function requireConnectivity(ctx: EmulatorContext, spec: ConnectorSpec): Promise<void> {
  const r = await checkConnectivity(spec, ctx.dispatcher);
  if (r.ok) return;
  const reason = r.description ? `${r.error}: ${r.description}` : r.error;
  throw contractError("CONNECTIVITY_FAILED", `Connectivity validation failed against the ${connectivityTarget(spec)}: ${reason}`, [
    { field: spec.salesforce ? "salesforce" : "custom", reason },
  ]);
}

/** `If-Match: <version>`, quoted or weak forms tolerated. */
function ifMatchVersion(ex: Exchange): number | undefined {
  const raw = ex.req.headers["if-match"];
  if (raw === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(raw);
  if (!m) throw contractError("VALIDATION_FAILED", "If-Match must be a connector version", [{ field: "If-Match", reason: "must be an integer version" }]);
  return Number(m[1]);
}

/**
 * The optional `If-Match` precondition of PUT, activate, deactivate and DELETE (RFC 9110 §13.1.1):
 * evaluated before anything else, so a stale version is 412 even where the request would
 * be a no-op (deactivating an INACTIVE connector).
 */
function requireVersion(ex: Exchange, current: StoredConnector): void {
  const expected = ifMatchVersion(ex);
  if (expected !== undefined && expected !== current.version) {
    throw contractError("VERSION_MISMATCH", `If-Match version ${expected} does not match the current version ${current.version}`);
  }
}

export function listConnectors(ctx: EmulatorContext, ex: Exchange, orgId: string): void {
  const type = ex.query.get("type");
  if (type !== null && type !== "SALESFORCE" && type !== "CUSTOM") {
    throw contractError("VALIDATION_FAILED", "type must be SALESFORCE or CUSTOM", [{ field: "type", reason: "must be SALESFORCE or CUSTOM" }]);
  }
  sendJson(ex.res, 200, { items: ctx.store.list(orgId, type ?? undefined).map(toPublic) }, ex.trackingId);
}

export function getConnector(ctx: EmulatorContext, ex: Exchange, orgId: string, id: string): void {
  sendConnector(ex, 200, mustGet(ctx, orgId, id));
}

export async function createConnector(ctx: EmulatorContext, ex: Exchange, orgId: string): Promise<void> {
  const spec = validateConnectorBody(parseJsonObject(await readBody(ex.req)));
  checkNameAndLimit(ctx, orgId, spec);
  await requireConnectivity(ctx, spec);
  // Another create may have taken the name or the last slot while we were validating.
  checkNameAndLimit(ctx, orgId, spec);
  const now = new Date().toISOString();
  const c: StoredConnector = { id: ConnectorStore.newId(), orgId, ...spec, status: "ACTIVE", version: 1, createdAt: now, updatedAt: now };
  ctx.store.put(c);
  await persist(ctx);
  record(ctx, c, "CREATE", null, "ACTIVE", now);
  sendConnector(ex, 201, c);
}

export async function updateConnector(ctx: EmulatorContext, ex: Exchange, orgId: string, id: string): Promise<void> {
  const current = mustGet(ctx, orgId, id);
  const body = parseJsonObject(await readBody(ex.req));
  if (body.id !== undefined && body.id !== current.id) {
    throw contractError("IMMUTABLE_FIELD", `The connector id is assigned by the service and cannot be changed (is ${current.id})`, [
      { field: "id", reason: "cannot be changed" },
    ]);
  }
  if (body.type !== undefined && body.type !== current.type) {
    throw contractError("IMMUTABLE_FIELD", `The connector type cannot be changed (is ${current.type}); create a new connector instead`, [
      { field: "type", reason: "cannot be changed" },
    ]);
  }
  requireVersion(ex, current);
  if (current.status === "ACTIVE") {
    throw contractError("CONNECTOR_ACTIVE", `Connector ${id} is ACTIVE; deactivate it before editing`);
  }
  const spec = validateConnectorBody(body, current);
  checkNameAndLimit(ctx, orgId, spec, id);
  const now = new Date().toISOString();
  const next: StoredConnector = { ...current, name: spec.name, salesforce: spec.salesforce, custom: spec.custom, version: current.version + 1, updatedAt: now };
  if (!next.salesforce) delete next.salesforce;
  if (!next.custom) delete next.custom;
  ctx.store.put(next);
  await persist(ctx);
  record(ctx, next, "EDIT", "INACTIVE", "INACTIVE", now);
  sendConnector(ex, 200, next);
}

export async function activateConnector(ctx: EmulatorContext, ex: Exchange, orgId: string, id: string): Promise<void> {
  const current = mustGet(ctx, orgId, id);
  requireVersion(ex, current);
  if (current.status === "ACTIVE") return sendConnector(ex, 200, current);
  await requireConnectivity(ctx, current);
  const after = ctx.store.get(orgId, id);
  if (!after) throw notFound(id, orgId);
  if (after.status === "ACTIVE") return sendConnector(ex, 200, after);
  if (after.version !== current.version) {
    throw contractError("VERSION_MISMATCH", `Connector ${id} changed while its connectivity was being validated; retry`);
  }
  const now = new Date().toISOString();
  const next: StoredConnector = { ...after, status: "ACTIVE", version: after.version + 1, updatedAt: now };
  ctx.store.put(next);
  await persist(ctx);
  record(ctx, next, "ACTIVATE", "INACTIVE", "ACTIVE", now);
  sendConnector(ex, 200, next);
}

export async function deactivateConnector(ctx: EmulatorContext, ex: Exchange, orgId: string, id: string): Promise<void> {
  const current = mustGet(ctx, orgId, id);
  requireVersion(ex, current);
  if (current.status === "INACTIVE") return sendConnector(ex, 200, current);
  const now = new Date().toISOString();
  const next: StoredConnector = { ...current, status: "INACTIVE", version: current.version + 1, updatedAt: now };
  ctx.store.put(next);
  await persist(ctx);
  record(ctx, next, "DEACTIVATE", "ACTIVE", "INACTIVE", now);
  sendConnector(ex, 200, next);
}

export async function deleteConnector(ctx: EmulatorContext, ex: Exchange, orgId: string, id: string): Promise<void> {
  const current = mustGet(ctx, orgId, id);
  requireVersion(ex, current);
  if (current.status === "ACTIVE") {
    throw contractError("CONNECTOR_ACTIVE", `Connector ${id} is ACTIVE; deactivate it before deleting`);
  }
  ctx.store.delete(orgId, id);
  await persist(ctx);
  record(ctx, current, "DELETE", "INACTIVE", null, new Date().toISOString());
  sendJson(ex.res, 204, undefined, ex.trackingId);
}
