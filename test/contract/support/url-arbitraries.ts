import fc from "fast-check";
import { URL_MAX } from "../../../contract/lengths";
import { blank, notAString, ofCodePoints } from "./text-arbitraries";

/** Host spellings that mean this machine (or that merely look like it). */
export const LOOPBACK_SPELLINGS = [
  "127.0.0.1",
  "127.1",
  "127.0.1",
  "0x7f.0.0.1",
  "0177.0.0.1",
  "2130706433",
  "127.255.255.254",
  "127.0.0.2",
  "localhost",
  "LOCALHOST",
  "LocalHost",
  "localhost.",
  "LOCALHOST.",
  "[::1]",
  "[0:0:0:0:0:0:0:1]",
  "[::ffff:127.0.0.1]",
  "[::]",
  "0.0.0.0",
] as const;

/** Hosts elsewhere, some dressed up as loopback. */
export const REMOTE_HOSTS = [
  "example.com",
  "login.salesforce.com",
  "127.0.0.1.nip.io",
  "localhost.example.com",
  "10.0.0.1",
  "192.0.2.1",
  "bücher.example",
  "xn--bcher-kva.example",
] as const;

/**
 * Whether the emulator, judging `value` valid, would open a connection off this machine.
 * Only `https:` URLs to a remote host are screened out: the rule under test refuses
 * `http:` to remote hosts before any connection, and a test never calls the Internet.
 */
export function reachesOffMachine(value: unknown): boolean {
  if (typeof value !== "string") return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== "https:") return false;
  const h = url.hostname;
  return !(h === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(h) || h === "[::1]" || h === "0.0.0.0" || h === "[::]" || h === "[::ffff:7f00:1]");
}

/** Where a URL field points: `canonical` is the emulator's own endpoint for the field. */
export interface UrlTarget {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The emulator's path for this field (`/salesforce`, `/oauth/token`, `/basic/validate`), or `/` for the domain URL. */
  path: string;
}

/**
 * URL field values: mostly the emulator's canonical endpoint, otherwise assembled from a
 * scheme, userinfo (including `127.0.0.1@evil.example` tricks), a loopback or remote host
 * of every spelling, a port, a path, a query and a fragment; or padded to around
 * {@link URL_MAX}; or surrounded by whitespace; or not a URL at all.
 */
export function urlValue(target: UrlTarget): fc.Arbitrary<unknown> {
  const port = new URL(target.origin).port;
  const assembled = fc
    .record({
      scheme: fc.oneof(
        { weight: 5, arbitrary: fc.constant("https://") },
        { weight: 5, arbitrary: fc.constant("http://") },
        fc.constantFrom("HTTPS://", "HtTp://", "ftp://", "javascript:", "//", "", "https:/", "https:"),
      ),
      userinfo: fc.oneof({ weight: 8, arbitrary: fc.constant("") }, fc.constantFrom("u:p@", "user@", ":@", "127.0.0.1@", "localhost@", "%31%32%37.0.0.1@")),
      host: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...LOOPBACK_SPELLINGS) }, { weight: 2, arbitrary: fc.constantFrom(...REMOTE_HOSTS) }),
      port: fc.constantFrom("", `:${port}`, `:${port}`, ":1", ":8443", ":65536", ":"),
      path: fc.constantFrom(
        "",
        "/",
        target.path,
        `${target.path}/`,
        "/services/oauth2/token",
        "/salesforce/services/oauth2/token",
        "/a%20b",
        "/a b",
        "/../x",
        "/ünï",
        "\\@evil.example",
      ),
      query: fc.oneof({ weight: 6, arbitrary: fc.constant("") }, fc.constantFrom("?", "?a=1", "?next=http://evil.example")),
      fragment: fc.oneof({ weight: 6, arbitrary: fc.constant("") }, fc.constantFrom("#", "#frag", "#@127.0.0.1")),
    })
    .map((p) => `${p.scheme}${p.userinfo}${p.host}${p.port}${p.path}${p.query}${p.fragment}`);
  const canonical = `${target.origin}${target.path === "/" ? "" : target.path}`;
  const padded = fc.tuple(fc.integer({ min: URL_MAX - 2, max: URL_MAX + 2 }), fc.constantFrom("a", "😀", "é")).map(([n, unit]) => {
    const head = `${canonical}/`;
    return head + ofCodePoints(unit, n - Array.from(head).length);
  });
  const spaced = fc
    .tuple(fc.constantFrom(" ", "\t", "\n", "\u00a0", "\u0000"), fc.constantFrom("start", "end"))
    .map(([c, where]) => (where === "start" ? c + canonical : canonical + c));
  return fc
    .oneof(
      { weight: 20, arbitrary: fc.constant(canonical) },
      { weight: 8, arbitrary: assembled },
      { weight: 1, arbitrary: padded },
      { weight: 1, arbitrary: spaced },
      { weight: 1, arbitrary: fc.webUrl({ validSchemes: ["https", "http"], withQueryParameters: true, withFragments: true }) },
      { weight: 1, arbitrary: blank },
      { weight: 1, arbitrary: notAString },
    )
    .filter((v) => !reachesOffMachine(v) || target.path === "/");
}
