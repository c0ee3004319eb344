/**
 * A TypeScript string literal for any string: JSON's escaping (quotes, backslashes,
 * control characters, lone surrogates) plus U+2028/U+2029, which older parsers treat as
 * line ends inside a literal.
 *
 * @example
 * tsString('a "b"\n\\c'); // "\"a \\\"b\\\"\\n\\\\c\""
 */
export function tsString(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A literal for a generated argument value. */
export function tsValue(value: string | boolean): string {
  return typeof value === "boolean" ? String(value) : tsString(value);
}

/** An object key: bare when it is a plain identifier, quoted otherwise (`"crm-api"`). */
export function tsKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : tsString(key);
}
