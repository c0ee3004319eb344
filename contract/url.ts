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
}

/** The https rule of each URL field, by its wire name (SPEC §4). */
export const URL_RULES = {
  domainUrl: { https: "always" },
  authServerUrl: { https: "unless-loopback", noTrailingSlash: true },
  tokenUrl: { https: "unless-loopback" },
  validationUrl: { https: "unless-loopback" },
} as const satisfies Record<string, UrlRule>;

/**
 * What is wrong with a URL field's value, or `undefined` when it is valid, checked in this order:
 * - `not-a-url`: not an absolute URL;
 * - `credentials`: carries `user:password@`;
 * - `scheme`: neither `https:` nor `http:` (`protocol` says which it is);
 * - `http-always`: `http:` where only `https:` is allowed, loopback or not;
 * - `http-not-loopback`: `http:` to a host that is not loopback;
 * - `fragment`: carries a `#fragment`, which no HTTP request sends;
 * - `trailing-slash`: ends with "/" where the rule forbids it.
 *
 * @example
 * urlProblem("http://127.0.0.1:9/token", URL_RULES.tokenUrl); // undefined
 * urlProblem("http://127.0.0.1:9", URL_RULES.domainUrl);       // { kind: "http-always" }
 */
export function urlProblem(value: string, rule: UrlRule): UrlProblem | undefined {
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
  if (url.hash) return { kind: "fragment" };
  if (rule.noTrailingSlash && value.endsWith("/")) return { kind: "trailing-slash" };
  return undefined;
}

/** A reason {@link urlProblem} gives. */
export type UrlProblem =
  | { kind: "not-a-url" }
  | { kind: "credentials" }
  | { kind: "scheme"; protocol: string }
  | { kind: "http-always" }
  | { kind: "http-not-loopback" }
  | { kind: "fragment" }
  | { kind: "trailing-slash" };
