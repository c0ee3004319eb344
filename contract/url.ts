/**
 * The URL rule of SPEC §4: absolute, no credentials, `https://` — or `http://` on a
 * loopback host where the field allows it (so local emulation works).
 */

/**
 * Whether plain `http://` is allowed to `hostname` (SPEC §4 "except on loopback hosts"):
 * `localhost`, 127.0.0.0/8 and `[::1]`. Takes `URL.hostname`, which the WHATWG URL parser
 * has already canonicalized (lower case, dotted-decimal IPv4, compressed IPv6 in brackets).
 *
 * @example
 * isLoopbackHost(new URL("http://127.1:8787").hostname); // true ("127.0.0.1")
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === "localhost" || h === "[::1]" || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Which URL fields accept `http://` on loopback hosts (SPEC §4). */
export interface UrlRule {
  /** `"always"`: https only (the domain URL); `"unless-loopback"`: http allowed on loopback hosts. */
  https: "always" | "unless-loopback";
  /** Refuse a trailing "/" (the authorization server URL is compared verbatim as the JWT `aud`, SPEC §4). */
  noTrailingSlash?: boolean;
  /**
   * A base URL that endpoint paths are appended to (the authorization server: SPEC §4 posts
   * to `<authServerUrl>/services/oauth2/token`): refuse a `?query` and a path that already
   * names a Salesforce endpoint (a `/services` segment). Other paths are kept: an
   * Experience Cloud site (`https://acme.my.site.com/customers`) and the emulator
   * (`<url>/salesforce`) have one. It must also be written in its canonical form
   * (`origin` + path without a final "/", as the WHATWG URL parser writes them): it is the JWT `aud`, compared
   * verbatim, so " https://LOGIN.salesforce.com:443" would fail although it names the server.
   */
  base?: boolean;
}

/** The https rule of each URL field, by its wire name (SPEC §4). */
export const URL_RULES = {
  domainUrl: { https: "always" },
  authServerUrl: { https: "unless-loopback", noTrailingSlash: true, base: true },
  tokenUrl: { https: "unless-loopback" },
  validationUrl: { https: "unless-loopback" },
} as const satisfies Record<string, UrlRule>;

/**
 * What is wrong with a URL field's value, or `undefined` when it is valid, checked in this order:
 * - `whitespace`: contains a space, other whitespace or an invisible format character
 *   (U+200B zero-width space, U+FEFF…), anywhere: the URL parser would trim the ends and
 *   encode the rest, so the value stored would not be the URL requested (a space inside a
 *   path is written `%20`);
 * - `not-a-url`: not an absolute URL;
 * - `credentials`: carries `user:password@`;
 * - `scheme`: neither `https:` nor `http:` (`protocol` says which it is);
 * - `http-always`: `http:` where only `https:` is allowed, loopback or not;
 * - `http-not-loopback`: `http:` to a host that is not loopback;
 * - `fragment`: carries a `#fragment`, which no HTTP request sends;
 * - `query`: carries a `?query` where the rule wants a base URL;
 * - `endpoint-path`: its path names an endpoint (`/services/…`) where the rule wants a base URL;
 * - `trailing-slash`: ends with "/" where the rule forbids it;
 * - `not-canonical`: a base URL not written as its canonical form, which `canonical` gives.
 *
 * @example
 * urlProblem("http://127.0.0.1:9/token", URL_RULES.tokenUrl); // undefined
 * urlProblem("http://127.0.0.1:9", URL_RULES.domainUrl);       // { kind: "http-always" }
 */
export function urlProblem(value: string, rule: UrlRule): UrlProblem | undefined {
  if (/[\s\p{Cf}]/u.test(value)) return { kind: "whitespace" };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { kind: "not-a-url" };
  }
  if (url.username || url.password) return { kind: "credentials" };
  if (url.protocol !== "https:" && url.protocol !== "http:") return { kind: "scheme", protocol: url.protocol };
  if (url.protocol === "http:") {
    if (rule.https === "always") return { kind: "http-always" };
    if (!isLoopbackHost(url.hostname)) return { kind: "http-not-loopback" };
  }
  // `url.hash` and `url.search` are empty for a bare "#" or "?"; the raw text still has it.
  if (url.hash || value.includes("#")) return { kind: "fragment" };
  if (rule.base && (url.search || value.includes("?"))) return { kind: "query" };
  if (rule.base && url.pathname.split("/").some((segment) => segment.toLowerCase() === "services")) return { kind: "endpoint-path" };
  if (rule.noTrailingSlash && value.endsWith("/")) return { kind: "trailing-slash" };
  if (rule.base) {
    const canonical = url.origin + url.pathname.replace(/\/+$/, "");
    if (value !== canonical) return { kind: "not-canonical", canonical };
  }
  return undefined;
}

/** A reason {@link urlProblem} gives. */
export type UrlProblem =
  | { kind: "whitespace" }
  | { kind: "not-a-url" }
  | { kind: "credentials" }
  | { kind: "scheme"; protocol: string }
  | { kind: "http-always" }
  | { kind: "http-not-loopback" }
  | { kind: "fragment" }
  | { kind: "query" }
  | { kind: "endpoint-path" }
  | { kind: "trailing-slash" }
  | { kind: "not-canonical"; canonical: string };
