import { urlProblem as contractUrlProblem, type UrlRule as ContractUrlRule } from "../../../contract/url";

export { isLoopbackHost } from "../../../contract/url";

/** The contract's URL rule of a field (SPEC §4), plus what the URL is, for the fix text. */
export interface UrlRule extends ContractUrlRule {
  /** What the URL is, for the fix text (e.g. "the IdP's token endpoint"). */
  what: string;
  /** For a base URL (`base`): the fix when it names an endpoint, has a query or a fragment. */
  baseFix?: string;
}

/**
 * Validates a URL-valued property by the contract's rule (`contract/url.ts`); returns the
 * reason it is invalid, naming the property and the fix, or undefined.
 */
export function urlProblem(property: string, value: string, rule: UrlRule): string | undefined {
  const problem = contractUrlProblem(value, rule);
  if (!problem) return undefined;
  // The value is never echoed: a URL can carry a secret (credentials, a token in the query).
  switch (problem.kind) {
    case "whitespace":
      return `[${property}] must not contain spaces, other whitespace or invisible characters (at the ends either); remove them, and write a space inside a path as %20`;
    case "not-a-url":
      return `[${property}] is not a valid URL; set it to ${rule.what}, e.g. "https://…"`;
    case "credentials":
      return `[${property}] must not contain credentials (user:password@); put them in the credential properties instead`;
    case "scheme":
      return `[${property}] must use https://; set it to ${rule.what}`;
    case "http-always":
      return `[${property}] must use https://; http:// is not allowed here, not even for loopback hosts: set it to ${rule.what}`;
    case "http-not-loopback":
      return `[${property}] must use https://; http:// is only allowed for loopback hosts (localhost, 127.0.0.0/8, [::1])`;
    case "fragment":
      return rule.base && rule.baseFix
        ? `[${property}] must not contain a #fragment; ${rule.baseFix}`
        : `[${property}] must not contain a #fragment; remove it`;
    case "query":
      return `[${property}] must not contain a ?query; ${rule.baseFix ?? "remove it"}`;
    case "endpoint-path":
      return `[${property}] must not name an endpoint (a /services/… path); ${rule.baseFix ?? "remove the path"}`;
    case "trailing-slash":
      return `[${property}] must not end with "/"; it is compared verbatim as the JWT audience, so remove the trailing slash`;
    case "not-canonical":
      return `[${property}] must be written in its canonical form (scheme and host in lower case, no default port, no spaces, no final "/"): it is compared verbatim as the JWT audience`;
  }
}
