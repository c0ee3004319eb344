import { createPrivateKey } from "node:crypto";

/**
 * The private key formats the contract accepts for `salesforce.privateKey` (SPEC §1, §4):
 * what the Salesforce JWT bearer flow can sign RS256 with — an unencrypted RSA private
 * key of at least {@link RSA_MIN_BITS} bits, as PEM PKCS#8 (`BEGIN PRIVATE KEY`) or
 * PKCS#1 (`BEGIN RSA PRIVATE KEY`). Literal `\n` sequences (a key pasted through an
 * environment variable) are read as line breaks.
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

/**
 * Checks offline that `pem` is an accepted private key (see the module doc) and returns it
 * re-encoded as PKCS#8 PEM, the one form `jose.importPKCS8` takes. Uses `node:crypto` only.
 * `not-rsa.detail` is `"EC"` for a SEC1 `BEGIN EC PRIVATE KEY`, else the key type in upper
 * case (`"EC"`, `"ED25519"`, `"RSA-PSS"`, …).
 *
 * @example
 * inspectRsaPrivateKey(pkcs1Pem);  // { ok: true, pkcs8: "-----BEGIN PRIVATE KEY-----\n…" }
 * inspectRsaPrivateKey(ecPem);     // { ok: false, problem: { kind: "not-rsa", detail: "EC" } }
 */
export function inspectRsaPrivateKey(pem: string): PrivateKeyInspection {
  const text = !pem.includes("\n") && pem.includes("\\n") ? pem.replace(/\\n/g, "\n") : pem;
  const header = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1];
  const fail = (problem: PrivateKeyProblem) => ({ ok: false as const, problem });
  if (header === undefined) return fail({ kind: "not-pem" });
  if (header === "CERTIFICATE") return fail({ kind: "certificate" });
  if (header.endsWith("PUBLIC KEY")) return fail({ kind: "public-key" });
  if (header === "ENCRYPTED PRIVATE KEY" || /Proc-Type:\s*4,ENCRYPTED/.test(text)) return fail({ kind: "encrypted" });
  if (header === "EC PRIVATE KEY") return fail({ kind: "not-rsa", detail: "EC", sec1: true });
  if (header !== "PRIVATE KEY" && header !== "RSA PRIVATE KEY") return fail({ kind: "unsupported-pem", detail: header });
  let key;
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
