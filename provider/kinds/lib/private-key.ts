import { createPrivateKey } from "node:crypto";

/** The outcome of inspecting a PEM private key; a reason never contains key material. */
export type PrivateKeyInspection = { ok: true; pkcs8: string } | { ok: false; reason: string };

const FIX = "set it to the unencrypted PEM RSA private key whose certificate is uploaded in the Salesforce Connected App";

/**
 * Checks offline that `pem` is what the Salesforce JWT bearer flow can sign with: an
 * unencrypted RSA private key of at least 2048 bits (RS256, as jose enforces), given as
 * PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1 (`BEGIN RSA PRIVATE KEY`). Returns the key
 * re-encoded as PKCS#8 PEM, the one form `jose.importPKCS8` takes.
 */
export function inspectRsaPrivateKey(property: string, pem: string): PrivateKeyInspection {
  // Keys pasted through environment variables often carry literal "\n".
  const text = !pem.includes("\n") && pem.includes("\\n") ? pem.replace(/\\n/g, "\n") : pem;
  const header = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1];
  const fail = (what: string) => ({ ok: false as const, reason: `[${property}] ${what}` });
  if (header === undefined) return fail(`is not a PEM private key (no "-----BEGIN … PRIVATE KEY-----" line); ${FIX}`);
  if (header === "CERTIFICATE") return fail(`is a certificate, not a private key; ${FIX}`);
  if (header.endsWith("PUBLIC KEY")) return fail(`is a public key, not a private key; ${FIX}`);
  if (header === "ENCRYPTED PRIVATE KEY" || /Proc-Type:\s*4,ENCRYPTED/.test(text)) {
    return fail(`is encrypted with a passphrase; decrypt it first (openssl pkey -in key.pem -out plain.pem) and ${FIX}`);
  }
  if (header === "EC PRIVATE KEY") return fail(`is not an RSA key (it is an EC key); RS256 needs RSA: ${FIX}`);
  if (header !== "PRIVATE KEY" && header !== "RSA PRIVATE KEY") {
    return fail(`has an unsupported PEM type "${header}"; ${FIX} (BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY)`);
  }
  let key;
  try {
    key = createPrivateKey({ key: text, format: "pem" });
  } catch {
    // The crypto error is not passed on: it is not useful and must never risk echoing key text.
    return fail(`could not be parsed as a PEM private key (corrupted or truncated?); ${FIX}`);
  }
  const type = key.asymmetricKeyType;
  if (type !== "rsa") {
    const what = type === "rsa-pss" ? "an RSA-PSS key, which cannot sign RS256" : `an ${type?.toUpperCase() ?? "unknown"} key`;
    return fail(`is not an RSA key (it is ${what}); ${FIX}`);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) {
    return fail(`is a ${bits}-bit RSA key; RS256 requires at least 2048 bits: generate a 2048-bit key and upload its certificate to the Connected App`);
  }
  return { ok: true, pkcs8: key.export({ type: "pkcs8", format: "pem" }).toString() };
}
