/** Stands in for a removed secret. */
export const REDACTED = "[redacted]";

/** How {@link redactSecrets} replaces. */
export interface RedactOptions {
  /** What stands in for a secret. Default `[redacted]`. */
  as?: string;
  /** Values shorter than this many characters are left alone. Default 4. */
  minLength?: number;
  /**
   * Also replace spellings that differ only in case (`toLowerCase`, as connector names are
   * compared: a backend that says "CASE CLASH" about the secret name "case clash"). Default false.
   */
  ignoreCase?: boolean;
}

/**
 * Replaces every occurrence of each secret in `text` with `[redacted]` (or `opts.as`). Used
 * on anything a server or the network stack wrote before it goes into a message, so a
 * backend that echoes a password, or a URL quoting a token, cannot leak it. Longer secrets
 * are replaced first so one secret containing another is removed whole; values shorter than
 * `opts.minLength` (default 4) characters are left alone because they would blank out
 * ordinary words.
 *
 * @example
 * ```ts
 * redactSecrets('bad password "hunter22"', ["hunter22"]); // 'bad password "[redacted]"'
 * redactSecrets('org "acme"', ["acme"], { as: "[secret]", minLength: 1 }); // 'org "[secret]"'
 * redactSecrets('"CASE CLASH" exists', ["case clash"], { ignoreCase: true }); // '"[redacted]" exists'
 * ```
 */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>, opts: RedactOptions = {}): string {
  const { as = REDACTED, minLength = 4, ignoreCase = false } = opts;
  const values = [...new Set(secrets)].filter((s): s is string => typeof s === "string" && s.length >= minLength);
  if (values.length === 0) return text;
  // One pass over the text, longest secret first at each place: a placeholder already put
  // in is never searched again (a secret "e" must not break up "[secret]").
  values.sort((a, b) => b.length - a.length);
  let out = ignoreCase ? replaceLowered(text, values, as) : text.replace(new RegExp(values.map(escapeRegExp).join("|"), "g"), () => as);
  // A PEM key may come back re-wrapped; its body lines are secret on their own too.
  for (const s of values) {
    if (!s.includes("-----BEGIN")) continue;
    for (const line of s.split(/\r?\n/)) {
      if (line.length >= 16 && !line.startsWith("-----")) out = out.split(line).join(as);
    }
  }
  return out;
}

/**
 * `text` with every stretch whose `toLowerCase` is one of `values` lowered (longest first,
 * never overlapping) replaced by `as`. Compared on the lowered text, mapped back to the
 * original: `toLowerCase` may change a length ("İ" lowers to "i" + a combining dot), which a
 * case-insensitive RegExp does not follow, and the backend compares names by `toLowerCase`.
 */
function replaceLowered(text: string, values: readonly string[], as: string): string {
  let lowered = "";
  const origin: number[] = []; // for each code unit of `lowered`, where its code point starts in `text`
  for (let i = 0; i < text.length; ) {
    const cp = String.fromCodePoint(text.codePointAt(i)!);
    const low = fold(cp);
    for (let k = 0; k < low.length; k++) origin.push(i);
    lowered += low;
    i += cp.length;
  }
  origin.push(text.length);
  const taken: Array<[number, number]> = [];
  for (const value of values) {
    const needle = [...value].map(fold).join("");
    for (let at = lowered.indexOf(needle); at !== -1; at = lowered.indexOf(needle, at + 1)) {
      const start = origin[at]!;
      // The end of the last code point the match covers (all of it, if the match ends inside its lowering).
      const last = origin[at + needle.length - 1]!;
      const end = last + String.fromCodePoint(text.codePointAt(last)!).length;
      if (taken.some(([s, e]) => start < e && s < end)) continue;
      taken.push([start, end]);
    }
  }
  taken.sort((a, b) => a[0] - b[0]);
  let out = "";
  let from = 0;
  for (const [start, end] of taken) {
    out += text.slice(from, start) + as;
    from = end;
  }
  return out + text.slice(from);
}

/**
 * One code point lowered as `toLowerCase` lowers it in any context: a capital sigma lowers to
 * "ς" at the end of a word and to "σ" elsewhere (the one context rule of `toLowerCase`), so
 * both count as "σ" here.
 */
function fold(cp: string): string {
  const low = cp.toLowerCase();
  return low === "ς" ? "σ" : low;
}

/** `s` as a pattern matching itself (the syntax characters of RegExp escaped). */
function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}
