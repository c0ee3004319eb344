import { parseRsaPrivateKey } from "../provider/connectivity/salesforce";
import { validationFailed, type FieldIssue } from "./errors";
import type { ConnectorSpec, StoredConnector, StoredCustom, StoredSalesforce } from "./model";

/** Salesforce's production login server; the default `authServerUrl` (SPEC §1). */
export const DEFAULT_AUTH_SERVER_URL = "https://login.salesforce.com";

const MAX_NAME = 128;
const MAX_TEXT = 1024;
const MAX_URL = 2048;
const MAX_SECRET = 16 * 1024;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Fields of the Connector the service owns; they can be read but never written. */
const READ_ONLY = new Set(["orgId", "status", "version", "createdAt", "updatedAt"]);

/** Collects issues so one response lists every problem, not just the first. */
class Issues {
  readonly list: FieldIssue[] = [];
  add(field: string, reason: string): void {
    this.list.push({ field, reason });
  }
}

/** True for hosts where plain http is allowed (SPEC §4: loopback, so local emulation works). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === "localhost" || h === "[::1]" || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Reads an optional string; null counts as absent. Records a type issue otherwise. */
function str(obj: Record<string, unknown>, key: string, path: string, issues: Issues, max = MAX_TEXT): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") {
    issues.add(path, "must be a string");
    return undefined;
  }
  if (v.trim() === "") {
    issues.add(path, "must not be empty");
    return undefined;
  }
  if (v.length > max) {
    issues.add(path, `must be at most ${max} characters`);
    return undefined;
  }
  return v;
}

/** Checks a URL: absolute, no credentials, https (or http on loopback when allowed). */
function checkUrl(value: string | undefined, path: string, issues: Issues, allowLoopbackHttp: boolean): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    issues.add(path, "must be an absolute URL");
    return undefined;
  }
  if (url.username || url.password) {
    issues.add(path, "must not contain credentials");
    return undefined;
  }
  const httpOk = allowLoopbackHttp && url.protocol === "http:" && isLoopbackHost(url.hostname);
  if (url.protocol !== "https:" && !httpOk) {
    issues.add(path, allowLoopbackHttp ? "must use https:// (http:// only on loopback hosts)" : "must use https://");
    return undefined;
  }
  return value;
}

function requireField<T>(value: T | undefined, raw: unknown, path: string, issues: Issues): T | undefined {
  // Only report "required" when the field was absent; a present-but-bad value already has its issue.
  if (value === undefined && (raw === undefined || raw === null)) issues.add(path, "is required");
  return value;
}

function rejectUnknown(obj: Record<string, unknown>, allowed: readonly string[], prefix: string, issues: Issues, why: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key) && obj[key] !== undefined) issues.add(`${prefix}${key}`, why);
  }
}

function asObject(v: unknown, path: string, issues: Issues): Record<string, unknown> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "object" || Array.isArray(v)) {
    issues.add(path, "must be an object");
    return undefined;
  }
  return v as Record<string, unknown>;
}

function salesforceSettings(raw: Record<string, unknown>, previous: StoredSalesforce | undefined, issues: Issues): StoredSalesforce | undefined {
  const p = "salesforce.";
  rejectUnknown(raw, ["clientId", "userEmail", "authServerUrl", "privateKey"], p, issues, "is not a Salesforce connector field");
  const clientId = requireField(str(raw, "clientId", `${p}clientId`, issues), raw.clientId, `${p}clientId`, issues);
  let userEmail = requireField(str(raw, "userEmail", `${p}userEmail`, issues, 320), raw.userEmail, `${p}userEmail`, issues);
  if (userEmail !== undefined && !EMAIL.test(userEmail)) {
    issues.add(`${p}userEmail`, "must be an email address");
    userEmail = undefined;
  }
  const authServerUrl =
    raw.authServerUrl === undefined || raw.authServerUrl === null
      ? DEFAULT_AUTH_SERVER_URL
      : checkUrl(str(raw, "authServerUrl", `${p}authServerUrl`, issues, MAX_URL), `${p}authServerUrl`, issues, true);
  let privateKey = str(raw, "privateKey", `${p}privateKey`, issues, MAX_SECRET);
  if (privateKey !== undefined && !parseRsaPrivateKey(privateKey)) {
    issues.add(`${p}privateKey`, "must be a PEM-encoded RSA private key");
    privateKey = undefined;
  } else if (raw.privateKey === undefined || raw.privateKey === null) {
    privateKey = previous?.privateKey;
    if (privateKey === undefined) issues.add(`${p}privateKey`, "is required");
  }
  if (!clientId || !userEmail || !authServerUrl || !privateKey) return undefined;
  return { clientId, userEmail, authServerUrl, privateKey };
}

const BASIC_FIELDS = ["authenticationType", "domainUrl", "username", "password", "validationUrl"] as const;
const OAUTH_FIELDS = ["authenticationType", "domainUrl", "grantType", "clientId", "clientSecret", "scope", "tokenUrl"] as const;
const PASSWORD_GRANT_FIELDS = [...OAUTH_FIELDS, "username", "password"] as const;

function customSettings(raw: Record<string, unknown>, previous: StoredCustom | undefined, issues: Issues): StoredCustom | undefined {
  const p = "custom.";
  const authRaw = raw.authenticationType ?? "BASIC";
  if (authRaw !== "BASIC" && authRaw !== "OAUTH2") {
    issues.add(`${p}authenticationType`, "must be BASIC or OAUTH2");
    return undefined;
  }
  const grantRaw = authRaw === "OAUTH2" ? (raw.grantType ?? "CLIENT_CREDENTIALS") : undefined;
  if (grantRaw !== undefined && grantRaw !== "CLIENT_CREDENTIALS" && grantRaw !== "PASSWORD") {
    issues.add(`${p}grantType`, "must be CLIENT_CREDENTIALS or PASSWORD");
    return undefined;
  }
  const allowed = authRaw === "BASIC" ? BASIC_FIELDS : grantRaw === "PASSWORD" ? PASSWORD_GRANT_FIELDS : OAUTH_FIELDS;
  const kind = authRaw === "BASIC" ? "BASIC authentication" : `OAUTH2 with grant type ${grantRaw}`;
  rejectUnknown(raw, allowed, p, issues, `does not apply to ${kind}`);

  const domainUrl = requireField(checkUrl(str(raw, "domainUrl", `${p}domainUrl`, issues, MAX_URL), `${p}domainUrl`, issues, false), raw.domainUrl, `${p}domainUrl`, issues);
  // An omitted secret keeps the stored value, but only when it meant the same thing before.
  const keep = (key: "password" | "clientSecret"): string | undefined => {
    const fresh = str(raw, key, `${p}${key}`, issues, MAX_SECRET);
    if (fresh !== undefined || (raw[key] !== undefined && raw[key] !== null)) return fresh;
    return previous?.authenticationType === authRaw ? previous[key] : undefined;
  };
  const out: StoredCustom = { authenticationType: authRaw, domainUrl: domainUrl ?? "" };
  let ok = domainUrl !== undefined;
  const need = <T>(value: T | undefined, key: string): T | undefined => {
    if (value === undefined && (raw[key] === undefined || raw[key] === null)) issues.add(`${p}${key}`, `is required for ${kind}`);
    if (value === undefined) ok = false;
    return value;
  };

  if (authRaw === "BASIC") {
    out.username = need(str(raw, "username", `${p}username`, issues), "username");
    out.password = need(keep("password"), "password");
    const v = checkUrl(str(raw, "validationUrl", `${p}validationUrl`, issues, MAX_URL), `${p}validationUrl`, issues, true);
    if (v !== undefined) out.validationUrl = v;
    else if (raw.validationUrl !== undefined && raw.validationUrl !== null) ok = false;
  } else {
    out.grantType = grantRaw as "CLIENT_CREDENTIALS" | "PASSWORD";
    out.clientId = need(str(raw, "clientId", `${p}clientId`, issues), "clientId");
    out.clientSecret = need(keep("clientSecret"), "clientSecret");
    out.tokenUrl = need(checkUrl(str(raw, "tokenUrl", `${p}tokenUrl`, issues, MAX_URL), `${p}tokenUrl`, issues, true), "tokenUrl");
    const scope = str(raw, "scope", `${p}scope`, issues);
    if (scope !== undefined) out.scope = scope;
    else if (raw.scope !== undefined && raw.scope !== null) ok = false;
    if (grantRaw === "PASSWORD") {
      out.username = need(str(raw, "username", `${p}username`, issues), "username");
      out.password = need(keep("password"), "password");
    }
  }
  // Drop keys left undefined so stored records and state files stay tidy.
  for (const k of Object.keys(out) as Array<keyof StoredCustom>) if (out[k] === undefined) delete out[k];
  return ok ? out : undefined;
}

/**
 * Validates a `POST`/`PUT /connectors` body into a {@link ConnectorSpec}, throwing
 * 400 VALIDATION_FAILED with every field issue. For PUT pass the stored connector:
 * its type is the default and its secrets fill omitted secret fields.
 */
export function validateConnectorBody(body: Record<string, unknown>, previous?: StoredConnector): ConnectorSpec {
  const issues = new Issues();
  for (const key of Object.keys(body)) {
    if (key === "id") {
      if (!previous) issues.add("id", "is assigned by the service and cannot be set");
    } else if (READ_ONLY.has(key)) issues.add(key, "is read-only");
    else if (!["type", "name", "salesforce", "custom"].includes(key)) issues.add(key, "is not a connector field");
  }
  const typeRaw = body.type ?? previous?.type;
  if (typeRaw === undefined) issues.add("type", "is required");
  else if (typeRaw !== "SALESFORCE" && typeRaw !== "CUSTOM") issues.add("type", "must be SALESFORCE or CUSTOM");

  let name = str(body, "name", "name", issues, MAX_NAME);
  if (name === undefined && (body.name === undefined || body.name === null)) issues.add("name", "is required");
  if (name !== undefined && name !== name.trim()) {
    issues.add("name", "must not start or end with whitespace");
    name = undefined;
  }

  const spec: Partial<ConnectorSpec> = { name };
  if (typeRaw === "SALESFORCE") {
    spec.type = "SALESFORCE";
    if (body.custom !== undefined && body.custom !== null) issues.add("custom", "does not apply to type SALESFORCE");
    const raw = asObject(body.salesforce, "salesforce", issues);
    if (raw) spec.salesforce = salesforceSettings(raw, previous?.salesforce, issues);
    else if (body.salesforce === undefined || body.salesforce === null) issues.add("salesforce", "is required for type SALESFORCE");
  } else if (typeRaw === "CUSTOM") {
    spec.type = "CUSTOM";
    if (body.salesforce !== undefined && body.salesforce !== null) issues.add("salesforce", "does not apply to type CUSTOM");
    const raw = asObject(body.custom, "custom", issues);
    if (raw) spec.custom = customSettings(raw, previous?.custom, issues);
    else if (body.custom === undefined || body.custom === null) issues.add("custom", "is required for type CUSTOM");
  }
  if (issues.list.length > 0) throw validationFailed(issues.list);
  return spec as ConnectorSpec;
}
