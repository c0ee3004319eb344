/** Stands in for a removed secret. */
export const REDACTED = "[redacted]";

/**
 * Replaces every occurrence of each secret in `text` with `[redacted]`. Used on anything
 * a server or the network stack wrote before it goes into a message, so a backend that
 * echoes a password, or a URL quoting a token, cannot leak it. Longer secrets are replaced
 * first so one secret containing another is removed whole; values shorter than 4
 * characters are left alone because they would blank out ordinary words.
 *
 * @example
 * ```ts
 * redactSecrets('bad password "hunter22"', ["hunter22"]); // 'bad password "[redacted]"'
 * ```
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  const values = secrets.filter((s): s is string => typeof s === "string" && s.length >= 4);
  values.sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of values) out = out.split(s).join(REDACTED);
  // A PEM key may come back re-wrapped; its body lines are secret on their own too.
  for (const s of values) {
    if (!s.includes("-----BEGIN")) continue;
    for (const line of s.split(/\r?\n/)) {
      if (line.length >= 16 && !line.startsWith("-----")) out = out.split(line).join(REDACTED);
    }
  }
  return out;
}
