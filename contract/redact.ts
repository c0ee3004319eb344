/** Stands in for a removed secret. */
export const REDACTED = "[redacted]";

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
 * ```
 */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>, opts: { as?: string; minLength?: number } = {}): string {
  const { as = REDACTED, minLength = 4 } = opts;
  const values = [...secrets].filter((s): s is string => typeof s === "string" && s.length >= minLength);
  values.sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of values) out = out.split(s).join(as);
  // A PEM key may come back re-wrapped; its body lines are secret on their own too.
  for (const s of values) {
    if (!s.includes("-----BEGIN")) continue;
    for (const line of s.split(/\r?\n/)) {
      if (line.length >= 16 && !line.startsWith("-----")) out = out.split(line).join(as);
    }
  }
  return out;
}
