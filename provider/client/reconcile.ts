import type { Connector, ConnectorWrite } from "../../contract";

/** Write-only fields: never returned, so never compared. */
const SECRET_KEYS = new Set(["privateKey", "password", "clientSecret"]);
/** Fields the backend fills with a default when the write omits them (SPEC §1). */
const DEFAULTED_KEYS = new Set(["authServerUrl", "authenticationType", "grantType"]);

/** The secret values a write carries, for redaction. */
export function secretsOf(body: ConnectorWrite | undefined): string[] {
  const out: string[] = [];
  for (const s of [body?.salesforce, body?.custom] as Array<Record<string, unknown> | undefined>) {
    if (!s) continue;
    for (const k of SECRET_KEYS) if (typeof s[k] === "string") out.push(s[k] as string);
  }
  return out;
}

/** True when the write sets a secret, which a read can never confirm. */
export function carriesSecret(body: ConnectorWrite): boolean {
  return secretsOf(body).length > 0;
}

/**
 * True when `live` shows every non-secret field of `body`: same type, same name
 * (case-insensitive when `nameCaseInsensitive`), and equal settings. A field the write
 * omits matches when the backend defaults it or when the connector lacks it too.
 */
export function matchesWrite(live: Connector, body: ConnectorWrite, nameCaseInsensitive = false): boolean {
  if (live.type !== body.type) return false;
  const sameName = nameCaseInsensitive ? live.name.toLowerCase() === body.name.toLowerCase() : live.name === body.name;
  if (!sameName) return false;
  const key = body.type === "SALESFORCE" ? "salesforce" : "custom";
  const want = (body[key] ?? {}) as Record<string, unknown>;
  const have = (live[key] ?? {}) as Record<string, unknown>;
  for (const k of new Set([...Object.keys(want), ...Object.keys(have)])) {
    if (SECRET_KEYS.has(k)) continue;
    if (want[k] === undefined && (have[k] === undefined || DEFAULTED_KEYS.has(k))) continue;
    if (want[k] !== have[k]) return false;
  }
  return true;
}

/** The connector named `name` (case-insensitive, names are unique per org) among `items`. */
export function findByName(items: Connector[], name: string, type: Connector["type"]): Connector | undefined {
  return items.find((c) => c.type === type && c.name.toLowerCase() === name.toLowerCase());
}
