import { type KeyObject, createPrivateKey } from "node:crypto";

/**
 * The private key formats the contract accepts for `salesforce.privateKey` (SPEC §1, §4):
 * what the Salesforce JWT bearer flow can sign RS256 with — an unencrypted RSA private
 * key of at least {@link RSA_MIN_BITS} bits, as PEM PKCS#8 (`BEGIN PRIVATE KEY`) or
 * PKCS#1 (`BEGIN RSA PRIVATE KEY`). The text is read as {@link normalizePem} reads it, so
 * the form a paste took (indentation, surrounding whitespace, CRLF, literal `\n`, lines
 * folded into one, another line width) does not matter.
 */

/** Smallest RSA modulus RS256 is signed with (RFC 7518 §3.3: 2048 bits or larger; jose enforces it). */
export const RSA_MIN_BITS = 2048;

/** Why a private key is refused; `detail` names the PEM type or key type found (never key material). */
export type PrivateKeyProblem =
  | { kind: "not-pem" }
  | { kind: "certificate" }
  | { kind: "public-key" }
  | { kind: "encrypted" }
  | { kind: "unsupported-pem"; detail: string }
  | { kind: "unparseable" }
  /** `sec1`: said by the PEM header (`BEGIN EC PRIVATE KEY`) without parsing the key. */
  | { kind: "not-rsa"; detail: string; sec1?: true }
  | { kind: "too-small"; bits: number };

/** The outcome of {@link inspectRsaPrivateKey}: the key re-encoded as PKCS#8 PEM, or why it is refused. */
export type PrivateKeyInspection = { ok: true; pkcs8: string } | { ok: false; problem: PrivateKeyProblem };

const ARMOR = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The PEM text of a pasted key in its plain form: the first `-----BEGIN X-----` …
 * `-----END X-----` block found, on lines of its own, with its base64 body re-wrapped
 * at 64 columns (RFC 7468 §2). Read this way:
 * - a text with no line break but literal `\n` sequences (an environment variable) has them as line breaks;
 * - whatever surrounds the block (spaces, blank lines) is dropped;
 * - each line's indentation (a YAML block scalar) and trailing spaces, and CR before LF, are dropped;
 * - whitespace inside the body (lines folded into one by a YAML `>` scalar, other line widths) is dropped.
 * A body with encapsulated headers (`Proc-Type: …`, a legacy encrypted key) keeps its lines, trimmed.
 * A text without a block, or whose body is not base64, is returned with only the first
 * step applied, for the caller to refuse.
 *
 * @example
 * normalizePem(indentedPem); // a PKCS#8 block pasted from YAML, every line indented by four spaces
 * // → the same block with no indentation and its body wrapped at 64 columns
 */
export function normalizePem(pem: string): string {
  const text = !pem.includes("\n") && pem.includes("\\n") ? pem.replace(/(?:\\r)?\\n/g, "\n") : pem;
  const m = ARMOR.exec(text);
  if (!m) return text;
  const [, label, inner] = m as unknown as [string, string, string];
  const lines = inner.split(/\r?\n/).map((l) => l.trim());
  let body: string;
  if (lines.some((l) => l.includes(":"))) {
    body = lines.join("\n").replace(/^\n+|\n+$/g, "");
  } else {
    const b64 = lines.join("").replace(/\s+/g, "");
    if (!BASE64.test(b64)) return text;
    body = b64.match(/.{1,64}/g)?.join("\n") ?? "";
  }
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/**
 * Checks offline that `pem` is an accepted private key (see the module doc) and returns it
 * re-encoded as PKCS#8 PEM, the one form `jose.importPKCS8` takes. Uses `node:crypto` only.
 * `not-rsa.detail` is `"EC"` for a SEC1 `BEGIN EC PRIVATE KEY`, else the key type in upper
 * case (`"EC"`, `"ED25519"`, `"RSA-PSS"`, …).
 *
 * @example
 * inspectRsaPrivateKey(pkcs1Pem);  // { ok: true, pkcs8: <the same key as a PKCS#8 PEM block> }
 * inspectRsaPrivateKey(ecPem);     // { ok: false, problem: { kind: "not-rsa", detail: "EC" } }
 */
export function inspectRsaPrivateKey(pem: string): PrivateKeyInspection {
  const text = normalizePem(pem);
  const header = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1];
  const fail = (problem: PrivateKeyProblem) => ({ ok: false as const, problem });
  if (header === undefined) return fail({ kind: "not-pem" });
  if (header === "CERTIFICATE") return fail({ kind: "certificate" });
  if (header.endsWith("PUBLIC KEY")) return fail({ kind: "public-key" });
  if (header === "ENCRYPTED PRIVATE KEY" || /Proc-Type:\s*4,ENCRYPTED/.test(text)) return fail({ kind: "encrypted" });
  if (header === "EC PRIVATE KEY") return fail({ kind: "not-rsa", detail: "EC", sec1: true });
  if (header !== "PRIVATE KEY" && header !== "RSA PRIVATE KEY") return fail({ kind: "unsupported-pem", detail: header });
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: text, format: "pem" });
  } catch {
    // The crypto error is not passed on: it must never risk echoing key text.
    return fail({ kind: "unparseable" });
  }
  const type = key.asymmetricKeyType;
  if (type !== "rsa") return fail({ kind: "not-rsa", detail: type?.toUpperCase() ?? "UNKNOWN" });
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < RSA_MIN_BITS) return fail({ kind: "too-small", bits });
  return { ok: true, pkcs8: key.export({ type: "pkcs8", format: "pem" }).toString() };
}
