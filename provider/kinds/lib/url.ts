/** Hosts where plain `http://` is allowed (SPEC §4: local emulation). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === "localhost" || h === "[::1]") return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export interface UrlRule {
  /** `"always"`: https only; `"unless-loopback"`: http allowed on loopback hosts. */
  https: "always" | "unless-loopback";
  /** What the URL is, for the fix text (e.g. "the IdP's token endpoint"). */
  what: string;
  /** Reject a trailing "/" (used where the URL is compared verbatim, e.g. a JWT `aud`). */
  noTrailingSlash?: boolean;
}

/** Validates a URL-valued property; returns the reason it is invalid, or undefined. */
export function urlProblem(property: string, value: string, rule: UrlRule): string | undefined {
  // A value with "@" may carry credentials; such values are never echoed.
  const got = value.includes("@") ? "" : ` (got "${value}")`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `[${property}] is not a valid URL${got}; set it to ${rule.what}, e.g. "https://…"`;
  }
  if (url.username || url.password) {
    return `[${property}] must not contain credentials (user:password@); put them in the credential properties instead`;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return `[${property}] must use https:// (got "${url.protocol}//"); set it to ${rule.what}`;
  }
  if (url.protocol === "http:") {
    if (rule.https === "always") {
      return `[${property}] must use https://${got}; http:// is not allowed here, not even for loopback hosts: set it to ${rule.what}`;
    }
    if (!isLoopbackHost(url.hostname)) {
      return `[${property}] must use https://${got}; http:// is only allowed for loopback hosts (localhost, 127.0.0.0/8, [::1])`;
    }
  }
  if (url.hash) {
    return `[${property}] must not contain a #fragment${got}; remove it`;
  }
  if (rule.noTrailingSlash && value.endsWith("/")) {
    return `[${property}] must not end with "/"${got}; it is compared verbatim as the JWT audience, so remove the trailing slash`;
  }
  return undefined;
}
