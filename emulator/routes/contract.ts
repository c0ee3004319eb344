import type { EmulatorContext, Exchange } from "../context";
import { ApiError, contractError } from "../errors";
import { authorize } from "./contract-auth";
import * as handlers from "./connectors";

/** `/v1/organizations/{orgId}/connectors[/{id}[/activate|/deactivate]]` */
const ROUTE = /^\/v1\/organizations\/([^/]+)\/connectors(?:\/([^/]+)(?:\/(activate|deactivate))?)?\/?$/;

function decode(segment: string, what: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw contractError("VALIDATION_FAILED", `Malformed ${what} in path`, [{ field: "path", reason: `${what} is not valid percent-encoding` }]);
  }
}

function methodNotAllowed(allow: string[]): never {
  throw new ApiError(405, "METHOD_NOT_ALLOWED", `Method not allowed; use ${allow.join(", ")}`, undefined, { allow: allow.join(", ") });
}

/** Routes a request under `/v1` to its contract operation (SPEC §3). */
export async function handleContract(ctx: EmulatorContext, ex: Exchange): Promise<void> {
  const m = ROUTE.exec(ex.path);
  if (!m) throw contractError("NOT_FOUND", `No such resource: ${ex.path}`);
  const orgId = decode(m[1]!, "organization id");
  const id = m[2] === undefined ? undefined : decode(m[2], "connector id");
  const action = m[3];

  if (id === undefined) {
    if (ex.method !== "GET" && ex.method !== "POST") methodNotAllowed(["GET", "POST"]);
    authorize(ctx, ex, orgId);
    return ex.method === "GET" ? handlers.listConnectors(ctx, ex, orgId) : handlers.createConnector(ctx, ex, orgId);
  }
  if (action) {
    if (ex.method !== "POST") methodNotAllowed(["POST"]);
    authorize(ctx, ex, orgId);
    return action === "activate" ? handlers.activateConnector(ctx, ex, orgId, id) : handlers.deactivateConnector(ctx, ex, orgId, id);
  }
  if (ex.method === "GET") {
    authorize(ctx, ex, orgId);
    return handlers.getConnector(ctx, ex, orgId, id);
  }
  if (ex.method === "PUT") {
    authorize(ctx, ex, orgId);
    return handlers.updateConnector(ctx, ex, orgId, id);
  }
  if (ex.method === "DELETE") {
    authorize(ctx, ex, orgId);
    return handlers.deleteConnector(ctx, ex, orgId, id);
  }
  methodNotAllowed(["GET", "PUT", "DELETE"]);
}
