/**
 * A PEM block with `label` around `body` (RFC 7468 armour), built at run time so that no
 * key-like text is ever checked in: tests use it for bodies that are deliberately not keys
 * (garbage, a key body under certificate armour). Real test keys come from
 * `generateKeyPairSync` (`test/provider/kinds/keys.ts`).
 *
 * @example
 * armored("PRIVATE KEY", "not base64!"); // a private-key block whose body is not a key
 */
export function armored(label: string, body: string, indent = ""): string {
  const dashes = "-".repeat(5);
  return [`${dashes}BEGIN ${label}${dashes}`, ...body.split("\n"), `${dashes}END ${label}${dashes}`].map((l) => indent + l).join("\n");
}
