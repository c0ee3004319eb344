import type { ResourceValidationPolicy } from "@pulumi/policy";
import { DEFAULT_AUTH_SERVER_URL, SALESFORCE_CONNECTOR } from "../lib/facts";
import { knownString, readField } from "../lib/fields";
import { configKey, list, violation } from "../lib/message";

/** Config of `wxcc-salesforce-auth-servers`: the authorization server URLs connectors may use. */
export interface SalesforceAuthServersConfig {
  allowed?: string[];
}

export const SALESFORCE_AUTH_SERVERS = "wxcc-salesforce-auth-servers";

/** Salesforce's own login servers (production and sandbox); replace with your My Domain. */
const DEFAULT_ALLOWED: readonly string[] = ["https://login.salesforce.com", "https://test.salesforce.com"];

/**
 * Scheme, host, port and path of a URL, compared case-insensitively where URLs are
 * (scheme and host) and without a trailing slash: `HTTPS://Acme.My.Salesforce.com/` and
 * `https://acme.my.salesforce.com` are the same server. `undefined` for a non-URL.
 */
function serverKey(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return undefined;
  }
}

/**
 * Salesforce connectors must authenticate against an allowed authorization server, e.g.
 * only the company's My Domain (`https://acme.my.salesforce.com`). An unset `authServerUrl`
 * means the service's default, `https://login.salesforce.com`.
 */
export const salesforceAuthServers: ResourceValidationPolicy = {
  name: SALESFORCE_AUTH_SERVERS,
  description: "Salesforce connectors must use an allowed authorization server (e.g. only the company's My Domain).",
  configSchema: {
    properties: {
      allowed: {
        type: "array",
        items: { type: "string", pattern: "^https?://[^/]+" },
        default: [...DEFAULT_ALLOWED],
        description: 'Authorization server URLs Salesforce connectors may use, e.g. ["https://acme.my.salesforce.com"].',
      },
    },
  },
  validateResource: (args, reportViolation) => {
    if (args.type !== SALESFORCE_CONNECTOR) return;
    const allowed = args.getConfig<SalesforceAuthServersConfig>().allowed ?? DEFAULT_ALLOWED;
    const value = knownString(args.props, "authServerUrl", DEFAULT_AUTH_SERVER_URL);
    if (value === undefined) return;
    const key = serverKey(value);
    if (key !== undefined && allowed.some((a) => serverKey(a) === key)) return;
    const problem =
      readField(args.props, "authServerUrl").state === "absent"
        ? `is not set, so the connector uses ${DEFAULT_AUTH_SERVER_URL}, which is not an allowed authorization server (allowed: ${list(allowed)})`
        : `is not an allowed Salesforce authorization server (allowed: ${list(allowed)})`;
    reportViolation(
      violation(
        args,
        "authServerUrl",
        problem,
        `set authServerUrl to one of the allowed servers, or add the server to ${configKey(SALESFORCE_AUTH_SERVERS, "allowed")}`,
      ),
    );
  },
};
