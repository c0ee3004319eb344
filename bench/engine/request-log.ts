import type { RequestLogEntry } from "../../emulator/logs";
import { IDP_PATH, type KindKey } from "./kinds";

/** What a contract call (`/v1/organizations/{org}/connectors…`) did. */
export type ContractCall = "list" | "create" | "get" | "edit" | "delete" | "deactivate" | "activate";

/** How the tables spell each call. */
export const CALL_LABEL: Record<ContractCall, string> = {
  list: "GET list",
  create: "POST",
  get: "GET",
  edit: "PUT",
  delete: "DELETE",
  deactivate: "deactivate",
  activate: "activate",
};

const CONTRACT = /^\/v1\/organizations\/([^/]+)\/connectors(?:\/([^/]+)(?:\/(activate|deactivate))?)?\/?$/;

/**
 * The org and kind of a contract call in the emulator's request log, or undefined for
 * anything else (fake IdP endpoints).
 *
 * @example
 * contractCall({ method: "PUT", path: "/v1/organizations/acme/connectors/c-1", status: 200, time });
 * // { orgId: "acme", call: "edit" }
 */
export function contractCall(e: RequestLogEntry): { orgId: string; call: ContractCall } | undefined {
  const m = CONTRACT.exec(e.path);
  if (!m) return undefined;
  const orgId = decodeURIComponent(m[1]!);
  const [, , id, action] = m;
  if (action) return { orgId, call: action as "activate" | "deactivate" };
  if (!id) return { orgId, call: e.method === "POST" ? "create" : "list" };
  return { orgId, call: e.method === "PUT" ? "edit" : e.method === "DELETE" ? "delete" : "get" };
}

/**
 * Which kind's fake IdP a request went to (a connectivity check), if any.
 *
 * @example
 * idpKind({ method: "GET", path: "/basic/validate", status: 200, time }); // "basic"
 */
export function idpKind(e: RequestLogEntry): KindKey | undefined {
  const path = e.path.replace(/\/+$/, "");
  return (Object.keys(IDP_PATH) as KindKey[]).find((k) => IDP_PATH[k] === path);
}

/**
 * Counts values, in first-seen order, as `"a ×2, b"`; empty as "—".
 *
 * @example
 * countList(["GET", "PUT", "GET"]); // "GET ×2, PUT"
 */
export function countList(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts.size === 0 ? "—" : [...counts].map(([v, n]) => (n > 1 ? `${v} ×${n}` : v)).join(", ");
}
