import type { Connector, ConnectorWrite } from "./types";

const SECRET_KEYS = new Set(["privateKey", "password", "clientSecret"]);

/**
 * Whether a live connector already holds what `body` asked for (secrets aside: the backend
 * never returns them). Used when a write's response was lost, to tell "it happened" from
 * "it did not", instead of writing twice.
 */
export function holdsWrite(live: Connector, body: ConnectorWrite): boolean {
  if (live.type !== body.type || live.name !== body.name) return false;
  const want = (body.type === "SALESFORCE" ? body.salesforce : body.custom) ?? {};
  const have = ((body.type === "SALESFORCE" ? live.salesforce : live.custom) ?? {}) as Record<string, unknown>;
  return Object.entries(want).every(([k, v]) => SECRET_KEYS.has(k) || v === undefined || have[k] === v);
}

/** The connector with this name (case-insensitive, as the backend compares) and type, if any. */
export function findByName(items: Connector[], body: ConnectorWrite): Connector | undefined {
  const name = body.name.toLowerCase();
  return items.find((c) => c.type === body.type && c.name.toLowerCase() === name);
}
