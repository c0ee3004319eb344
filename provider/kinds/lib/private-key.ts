import { inspectRsaPrivateKey as inspect, normalizePem, type PrivateKeyProblem } from "../../../contract/private-key";
import { isUnknown } from "./unknown";

/** The outcome of inspecting a PEM private key; a reason never contains key material. */
export type PrivateKeyInspection = { ok: true; pkcs8: string } | { ok: false; reason: string };

const FIX = "set it to the unencrypted PEM RSA private key whose certificate is uploaded in the Salesforce Connected App";

/**
 * Checks offline that `pem` is a private key the contract accepts (`contract/private-key.ts`:
 * unencrypted RSA ≥ 2048 bits, PKCS#8 or PKCS#1 PEM) and returns it as PKCS#8 PEM, or the
 * reason it is refused, naming `property` and the fix.
 */
export function inspectRsaPrivateKey(property: string, pem: string): PrivateKeyInspection {
  const result = inspect(pem);
  return result.ok ? result : { ok: false, reason: `[${property}] ${describe(result.problem)}` };
}

/**
 * Whether two private key texts hold the same key: compared as PKCS#8 when both are
 * accepted keys, else by their normalized PEM text (`contract/private-key.ts`). An unknown
 * value (preview) or a non-string is never the same.
 *
 * @example
 * samePrivateKey(pkcs8Pem, pkcs8Pem.replace(/^/gm, "  ")); // true
 */
export function samePrivateKey(a: unknown, b: unknown): boolean {
  if (typeof a !== "string" || typeof b !== "string" || isUnknown(a) || isUnknown(b)) return false;
  if (a === b) return true;
  const [x, y] = [inspect(a), inspect(b)];
  if (x.ok && y.ok) return x.pkcs8 === y.pkcs8;
  return normalizePem(a) === normalizePem(b);
}

function describe(p: PrivateKeyProblem): string {
  switch (p.kind) {
    case "not-pem":
      return `is not a PEM private key (no "-----BEGIN … PRIVATE KEY-----" line); ${FIX}`;
    case "certificate":
      return `is a certificate, not a private key; ${FIX}`;
    case "public-key":
      return `is a public key, not a private key; ${FIX}`;
    case "encrypted":
      return `is encrypted with a passphrase; decrypt it first (openssl pkey -in key.pem -out plain.pem) and ${FIX}`;
    case "unsupported-pem":
      return `has an unsupported PEM type (only BEGIN PRIVATE KEY and BEGIN RSA PRIVATE KEY are read); ${FIX}`;
    case "unparseable":
      return `could not be parsed as a PEM private key (corrupted or truncated?); ${FIX}`;
    case "not-rsa": {
      if (p.sec1) return `is not an RSA key (it is an EC key); RS256 needs RSA: ${FIX}`;
      const what = p.detail === "RSA-PSS" ? "an RSA-PSS key, which cannot sign RS256" : `an ${p.detail} key`;
      return `is not an RSA key (it is ${what}); ${FIX}`;
    }
    case "too-small":
      return `is a ${p.bits}-bit RSA key; RS256 requires at least 2048 bits: generate a 2048-bit key and upload its certificate to the Connected App`;
  }
}
