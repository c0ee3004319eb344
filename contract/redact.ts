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
  const pattern = new RegExp(values.map(escapeRegExp).join("|"), ignoreCase ? "giu" : "g");
  let out = text.replace(pattern, () => as);
  // A PEM key may come back re-wrapped; its body lines are secret on their own too.
  for (const s of values) {
    if (!s.includes("-----BEGIN")) continue;
    for (const line of s.split(/\r?\n/)) {
      if (line.length >= 16 && !line.startsWith("-----")) out = out.split(line).join(as);
    }
  }
  return out;
}

/** `s` as a pattern matching itself (the syntax characters of RegExp escaped). */
function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}
