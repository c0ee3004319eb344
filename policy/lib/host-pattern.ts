/**
 * Host allow-list matching for the allowed-hosts rule.
 *
 * A pattern is a host name (`api.example.com`), a wildcard (`*.example.com`: any subdomain
 * at any depth, not `example.com` itself), or `*` (any host); each may end in `:port` to allow
 * only that port. Host names compare case-insensitively; IPv6 literals keep their brackets
 * (`[::1]`).
 *
 * @example
 * hostAllowed(new URL("https://eu.api.example.com/v1"), ["*.example.com"]); // true
 * hostAllowed(new URL("https://example.com"), ["*.example.com"]);           // false
 */
export function hostAllowed(url: URL, patterns: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  const port = url.port || defaultPort(url.protocol);
  return patterns.some((raw) => {
    const { hostPattern, portPattern } = splitPort(raw.trim().toLowerCase());
    if (portPattern !== undefined && portPattern !== port) return false;
    if (hostPattern === "*") return true;
    if (hostPattern.startsWith("*.")) return host.endsWith(hostPattern.slice(1));
    return host === hostPattern;
  });
}

function splitPort(pattern: string): { hostPattern: string; portPattern?: string } {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(pattern);
  if (!m) return { hostPattern: pattern };
  return { hostPattern: m[1], portPattern: m[2] };
}

function defaultPort(protocol: string): string {
  return protocol === "https:" ? "443" : protocol === "http:" ? "80" : "";
}

/**
 * The JSON-schema pattern of one allow-list entry, so `pulumi preview` rejects a malformed
 * entry in the policy config (`https://x.com`, `*example.com`) instead of never matching it.
 */
export const HOST_PATTERN_SCHEMA = "^(\\*|(\\*\\.)?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*|\\[[0-9A-Fa-f:.]+\\])(:[0-9]+)?$";
