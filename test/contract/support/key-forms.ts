import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { armored } from "../../support/pem";

/**
 * Private keys of every kind a user might paste into `privateKey`, generated at run time
 * (none is checked in), and the ways their text gets mangled on the way into a program.
 */
export interface KeyMaterial {
  /** The RSA key pair whose public key the fake Salesforce app is registered with. */
  registered: { privateKey: KeyObject; publicKeyPem: string };
  /** Named PEM texts, each what its name says. */
  pems: Record<KeyName, string>;
}

export const KEY_NAMES = [
  "rsa-pkcs8",
  "rsa-pkcs1",
  "rsa-other-pkcs8",
  "rsa-1024",
  "rsa-pss",
  "ec-pkcs8",
  "ec-sec1",
  "ed25519",
  "encrypted-pkcs8",
  "encrypted-pkcs1",
  "public-key",
  "certificate-armor",
  "truncated",
  "garbage",
] as const;
export type KeyName = (typeof KEY_NAMES)[number];

/** Generates every key once (RSA generation is slow; share the result across runs). */
export function makeKeyMaterial(): KeyMaterial {
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
  const pkcs8 = rsa.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const lines = pkcs8.trim().split("\n");
  return {
    registered: { privateKey: rsa.privateKey, publicKeyPem: rsa.publicKey.export({ type: "spki", format: "pem" }).toString() },
    pems: {
      "rsa-pkcs8": pkcs8,
      "rsa-pkcs1": rsa.privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
      "rsa-other-pkcs8": other.export({ type: "pkcs8", format: "pem" }).toString(),
      "rsa-1024": generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      "rsa-pss": generateKeyPairSync("rsa-pss", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      "ec-pkcs8": ec.export({ type: "pkcs8", format: "pem" }).toString(),
      "ec-sec1": ec.export({ type: "sec1", format: "pem" }).toString(),
      ed25519: generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      "encrypted-pkcs8": rsa.privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" }).toString(),
      "encrypted-pkcs1": rsa.privateKey.export({ type: "pkcs1", format: "pem", cipher: "aes-256-cbc", passphrase: "pw" }).toString(),
      "public-key": rsa.publicKey.export({ type: "spki", format: "pem" }).toString(),
      "certificate-armor": `${armored("CERTIFICATE", lines.slice(1, -1).join("\n"))}\n`,
      truncated: [...lines.slice(0, 6), lines[lines.length - 1]].join("\n"),
      garbage: `${armored("PRIVATE KEY", "not base64 at all!")}\n`,
    },
  };
}

/** How a PEM text may reach a program: each is a function of the text, named for reports. */
export const KEY_FORMS = {
  /** Every line indented, as in a YAML block scalar (`privateKey: |`) copied with its indentation. */
  indented: (pem: string) => pem.replace(/^/gm, "    "),
  /** Tab-indented lines. */
  tabbed: (pem: string) => pem.replace(/^/gm, "\t"),
  /** Leading spaces and a blank line before the key. */
  leadingWhitespace: (pem: string) => `  \n  ${pem}`,
  /** Trailing spaces and blank lines after the key. */
  trailingWhitespace: (pem: string) => `${pem}  \n\n`,
  /** Windows line endings. */
  crlf: (pem: string) => pem.replace(/\r?\n/g, "\r\n"),
  /** Literal backslash-n sequences instead of line breaks (a key pasted through an environment variable). */
  literalNewlines: (pem: string) => pem.replace(/\r?\n/g, "\\n"),
  /** No newline at the end. */
  noFinalNewline: (pem: string) => pem.replace(/\s+$/, ""),
  /** Lines joined by single spaces, as a YAML folded scalar (`privateKey: >`) reads them. */
  folded: (pem: string) => pem.trim().split(/\r?\n/).join(" "),
  /** Base64 body re-wrapped at 76 columns (MIME width) instead of 64. */
  rewrapped76: (pem: string) => {
    const lines = pem.trim().split("\n");
    if (lines.length < 3) return pem;
    const body = lines.slice(1, -1).join("");
    return `${lines[0]}\n${body.match(/.{1,76}/g)!.join("\n")}\n${lines[lines.length - 1]}\n`;
  },
} as const;
export type KeyForm = keyof typeof KEY_FORMS;
export const KEY_FORM_NAMES = Object.keys(KEY_FORMS) as KeyForm[];

/** Applies `forms` to `pem` in order. */
export function applyForms(pem: string, forms: readonly KeyForm[]): string {
  return forms.reduce((text, f) => KEY_FORMS[f](text), pem);
}
