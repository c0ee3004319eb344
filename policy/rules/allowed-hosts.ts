import type { ResourceValidationPolicy } from "@pulumi/policy";
import { CUSTOM_CONNECTOR, DEFAULT_AUTH_SERVER_URL, SALESFORCE_CONNECTOR } from "../lib/facts";
import { knownString, readField } from "../lib/fields";
import { HOST_PATTERN_SCHEMA, hostAllowed } from "../lib/host-pattern";
import { configKey, list, violation } from "../lib/message";

/** The URL fields whose host the rule checks, per connector type. */
const URL_FIELDS = {
  [CUSTOM_CONNECTOR]: ["domainUrl", "tokenUrl", "validationUrl"],
  [SALESFORCE_CONNECTOR]: ["authServerUrl"],
} as const satisfies Record<string, readonly string[]>;

type UrlField = (typeof URL_FIELDS)[keyof typeof URL_FIELDS][number];

/**
 * Config of `wxcc-allowed-hosts`: host allow-lists (see `hostAllowed` for the entry syntax).
 * A field's own list wins over `hosts`; a field with neither is not checked.
 */
export type AllowedHostsConfig = { hosts?: string[] } & { [F in UrlField]?: string[] };

export const ALLOWED_HOSTS = "wxcc-allowed-hosts";

const hostList = (description: string) => ({
  type: "array" as const,
  items: { type: "string" as const, pattern: HOST_PATTERN_SCHEMA },
  description,
});

/**
 * Connectors send credentials only to allowed hosts: the custom connector's `domainUrl`,
 * `tokenUrl` and `validationUrl`, and the Salesforce `authServerUrl` (its default
 * `https://login.salesforce.com` when unset). Values not known during preview are checked
 * at `pulumi up`, before the connector is created.
 */
export const allowedHosts: ResourceValidationPolicy = {
  name: ALLOWED_HOSTS,
  description: "Connector URLs (domain, token, validation, authorization server) must be on allowed hosts.",
  configSchema: {
    properties: {
      hosts: hostList('Hosts allowed for every URL field without a list of its own, e.g. ["*.example.com", "login.salesforce.com"].'),
      domainUrl: hostList("Hosts allowed in CustomConnector.domainUrl."),
      tokenUrl: hostList("Hosts allowed in CustomConnector.tokenUrl."),
      validationUrl: hostList("Hosts allowed in CustomConnector.validationUrl."),
      authServerUrl: hostList("Hosts allowed in SalesforceConnector.authServerUrl."),
    },
  },
  validateResource: (args, reportViolation) => {
    const fields: readonly UrlField[] | undefined = URL_FIELDS[args.type as keyof typeof URL_FIELDS];
    if (!fields) return;
    const config = args.getConfig<AllowedHostsConfig>();
    for (const field of fields) {
      const allowed = config[field] ?? config.hosts;
      if (!allowed) continue;
      const fallback = field === "authServerUrl" ? DEFAULT_AUTH_SERVER_URL : undefined;
      const value = knownString(args.props, field, fallback);
      if (value === undefined) continue;
      const fixList = configKey(ALLOWED_HOSTS, config[field] ? field : "hosts");
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        reportViolation(
          violation(
            args,
            field,
            "is not an absolute URL, so its host cannot be checked against the allowed hosts",
            "declare an absolute https:// URL on an allowed host",
          ),
        );
        continue;
      }
      if (hostAllowed(url, allowed)) continue;
      const problem =
        readField(args.props, field).state === "absent"
          ? `is not set, so the connector uses ${fallback}, whose host is not among the allowed hosts (${list(allowed)})`
          : `points at a host that is not among the allowed hosts (${list(allowed)})`;
      reportViolation(violation(args, field, problem, `use a URL on an allowed host, or add its host to ${fixList}`));
    }
  },
};
