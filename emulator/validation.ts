import { isBasicUserId } from "../contract/basic-auth";
import { customFieldSet, SALESFORCE_FIELDS } from "../contract/custom-fields";
import { DEFAULT_AUTH_SERVER_URL, DEFAULT_AUTHENTICATION_TYPE, DEFAULT_GRANT_TYPE } from "../contract/defaults";
import { isEmail } from "../contract/email";
import { codePointLength, FIELD_MAX, NAME_MAX } from "../contract/lengths";
import { nameProblem } from "../contract/name";
import { inspectRsaPrivateKey, RSA_MIN_BITS, type PrivateKeyProblem } from "../contract/private-key";
import { URL_RULES, urlProblem, type UrlRule } from "../contract/url";
import { AUTHENTICATION_TYPES, CONNECTOR_TYPES, GRANT_TYPES, type AuthenticationType, type GrantType } from "../contract/wire";
import { validationFailed, type FieldIssue } from "./errors";
import type { ConnectorSpec, StoredConnector, StoredCustom, StoredSalesforce } from "./model";

/**
 * The emulator's own request validation (SPEC §3 400 VALIDATION_FAILED), built on the
 * contract's field rules (`contract/`) so that it accepts exactly what the provider's
 * check accepts; the reasons are the service's short ones, with dotted field paths.
 */

/** The contract's name rule (`contract/name.ts`) in the service's words. */
const NAME_REASON = {
  empty: "must not be empty",
  "too-long": `must be at most ${NAME_MAX} characters`,
  control: "must not contain control characters",
  "outer-whitespace": "must not start or end with whitespace",
} as const;

/** Fields of the Connector the service owns; they can be read but never written. */
const READ_ONLY = new Set(["orgId", "status", "version", "createdAt", "updatedAt"]);

/** Collects issues so one response lists every problem, not just the first. */
class Issues {
  readonly list: FieldIssue[] = [];
  add(field: string, reason: string): void {
    this.list.push({ field, reason });
  }
}

/** Reads an optional string, at most the contract's length for `path`; null counts as absent. Records a type issue otherwise. */
function str(obj: Record<string, unknown>, key: string, path: keyof typeof FIELD_MAX, issues: Issues): string | undefined {
  const max = FIELD_MAX[path];
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
  if (codePointLength(v) > max) {
    issues.add(path, `must be at most ${max} characters`);
    return undefined;
  }
  return v;
}

const URL_REASON = {
  whitespace: "must not contain whitespace or invisible characters",
  "not-a-url": "must be an absolute URL",
  credentials: "must not contain credentials",
  "http-always": "must use https://",
  "http-not-loopback": "must use https:// (http:// only on loopback hosts)",
  fragment: "must not contain a #fragment",
  query: "must be the authorization server's base URL, without a ?query",
  "endpoint-path": "must be the authorization server's base URL, not an endpoint under /services",
  "trailing-slash": 'must not end with "/"',
} as const;

/** Checks a URL field by the contract's rule for it (SPEC §4). */
function checkUrl(value: string | undefined, path: string, issues: Issues, rule: UrlRule): string | undefined {
  if (value === undefined) return undefined;
  const problem = urlProblem(value, rule);
  if (!problem) return value;
  if (problem.kind === "not-canonical") {
    issues.add(path, `must be written as ${problem.canonical} (it is compared verbatim as the JWT audience)`);
    return undefined;
  }
  const kind = problem.kind === "scheme" ? (rule.https === "always" ? "http-always" : "http-not-loopback") : problem.kind;
  issues.add(path, URL_REASON[kind]);
  return undefined;
}

/** Why a private key is refused (`contract/private-key.ts`), in the service's words. */
function keyReason(problem: PrivateKeyProblem): string {
  if (problem.kind === "encrypted") return "must not be encrypted";
  if (problem.kind === "too-small") return `must be an RSA key of at least ${RSA_MIN_BITS} bits`;
  return "must be a PEM-encoded RSA private key";
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
  rejectUnknown(raw, SALESFORCE_FIELDS, p, issues, "is not a Salesforce connector field");
  const clientId = requireField(str(raw, "clientId", `${p}clientId`, issues), raw.clientId, `${p}clientId`, issues);
  let userEmail = requireField(str(raw, "userEmail", `${p}userEmail`, issues), raw.userEmail, `${p}userEmail`, issues);
  if (userEmail !== undefined && !isEmail(userEmail)) {
    issues.add(`${p}userEmail`, "must be an email address");
    userEmail = undefined;
  }
  const authServerUrl =
    raw.authServerUrl === undefined || raw.authServerUrl === null
      ? DEFAULT_AUTH_SERVER_URL
      : checkUrl(str(raw, "authServerUrl", `${p}authServerUrl`, issues), `${p}authServerUrl`, issues, URL_RULES.authServerUrl);
  let privateKey = str(raw, "privateKey", `${p}privateKey`, issues);
  const key = privateKey === undefined ? undefined : inspectRsaPrivateKey(privateKey);
  if (key && !key.ok) {
    issues.add(`${p}privateKey`, keyReason(key.problem));
    privateKey = undefined;
  } else if (key?.ok) {
    // Kept in the one form every signer takes, as the provider sends it.
    privateKey = key.pkcs8;
  } else if (raw.privateKey === undefined || raw.privateKey === null) {
    privateKey = previous?.privateKey;
    if (privateKey === undefined) issues.add(`${p}privateKey`, "is required");
  }
  if (!clientId || !userEmail || !authServerUrl || !privateKey) return undefined;
  return { clientId, userEmail, authServerUrl, privateKey };
}

function customSettings(raw: Record<string, unknown>, previous: StoredCustom | undefined, issues: Issues): StoredCustom | undefined {
  const p = "custom.";
  const authRaw = (raw.authenticationType ?? DEFAULT_AUTHENTICATION_TYPE) as AuthenticationType;
  if (!AUTHENTICATION_TYPES.includes(authRaw)) {
    issues.add(`${p}authenticationType`, `must be ${AUTHENTICATION_TYPES.join(" or ")}`);
    return undefined;
  }
  const grantRaw = authRaw === "OAUTH2" ? ((raw.grantType ?? DEFAULT_GRANT_TYPE) as GrantType) : undefined;
  if (grantRaw !== undefined && !GRANT_TYPES.includes(grantRaw)) {
    issues.add(`${p}grantType`, `must be ${GRANT_TYPES.join(" or ")}`);
    return undefined;
  }
  const fields = customFieldSet(authRaw, grantRaw ?? DEFAULT_GRANT_TYPE);
  const allowed = fields.allowed;
  const kind = authRaw === "BASIC" ? "BASIC authentication" : `OAUTH2 with grant type ${grantRaw}`;
  rejectUnknown(raw, allowed, p, issues, `does not apply to ${kind}`);

  const domainUrl = requireField(
    checkUrl(str(raw, "domainUrl", `${p}domainUrl`, issues), `${p}domainUrl`, issues, URL_RULES.domainUrl),
    raw.domainUrl,
    `${p}domainUrl`,
    issues,
  );
  // An omitted secret keeps the stored value, but only when it meant the same thing before.
  const keep = (key: "password" | "clientSecret"): string | undefined => {
    const fresh = str(raw, key, `${p}${key}`, issues);
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
    if (out.username !== undefined && !isBasicUserId(out.username)) {
      issues.add(`${p}username`, 'must not contain ":" (HTTP Basic splits user and password at the first ":")');
      ok = false;
    }
    out.password = need(keep("password"), "password");
    const v = checkUrl(str(raw, "validationUrl", `${p}validationUrl`, issues), `${p}validationUrl`, issues, URL_RULES.validationUrl);
    if (v !== undefined) out.validationUrl = v;
    else if (raw.validationUrl !== undefined && raw.validationUrl !== null) ok = false;
  } else {
    out.grantType = grantRaw as "CLIENT_CREDENTIALS" | "PASSWORD";
    out.clientId = need(str(raw, "clientId", `${p}clientId`, issues), "clientId");
    out.clientSecret = need(keep("clientSecret"), "clientSecret");
    out.tokenUrl = need(checkUrl(str(raw, "tokenUrl", `${p}tokenUrl`, issues), `${p}tokenUrl`, issues, URL_RULES.tokenUrl), "tokenUrl");
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
  else if (!(CONNECTOR_TYPES as readonly unknown[]).includes(typeRaw)) issues.add("type", `must be ${CONNECTOR_TYPES.join(" or ")}`);

  let name = str(body, "name", "name", issues);
  if (name === undefined && (body.name === undefined || body.name === null)) issues.add("name", "is required");
  const badName = name === undefined ? undefined : nameProblem(name);
  if (badName !== undefined) {
    issues.add("name", NAME_REASON[badName]);
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
