import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { armored } from "../../support/pem";

/** Test keys, generated at run time (none is ever checked in). */
export function makeKeys() {
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pkcs8 = rsa.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const pkcs1 = rsa.privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  const publicKey = rsa.publicKey.export({ type: "spki", format: "pem" }).toString();
  const encrypted = rsa.privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" }).toString();
  const small = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const ecKey = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
  const ec = ecKey.export({ type: "pkcs8", format: "pem" }).toString();
  const ecSec1 = ecKey.export({ type: "sec1", format: "pem" }).toString();
  const ed25519 = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const rsaPss = generateKeyPairSync("rsa-pss", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  // A valid envelope around a truncated body.
  const lines = pkcs8.trim().split("\n");
  const corrupted = [...lines.slice(0, 6), lines[lines.length - 1]].join("\n");
  const certificate = `${armored("CERTIFICATE", lines.slice(1, -1).join("\n"))}\n`;
  const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return { pkcs8, pkcs1, publicKey, encrypted, small, ec, ecSec1, ed25519, rsaPss, corrupted, certificate, other };
}

export type TestKeys = ReturnType<typeof makeKeys>;

/** Fragments of key material that must never appear in a message. */
export function keyFragments(pem: string): string[] {
  return pem
    .split("\n")
    .filter((l) => l && !l.startsWith("-----") && !l.includes(":"))
    .map((l) => l.slice(0, 24));
}

/** Sanity: the fixture really is what its name says. */
export function keyType(pem: string): string | undefined {
  return createPrivateKey(pem).asymmetricKeyType;
}
