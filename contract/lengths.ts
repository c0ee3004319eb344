/**
 * How the contract counts the length of a string, and the longest value each kind of field
 * may hold. SPEC §3 sets no numbers; these are the emulator's, and the provider checks the
 * same ones at preview so that preview green ⇒ up green (SPEC §7).
 */

/**
 * The length of `value` in Unicode code points, as a person counts characters
 * ("😀" is 1, not the 2 UTF-16 units of `String.length`). Every length limit of the
 * contract is counted this way, as JSON Schema counts `maxLength` (the `name` limit of
 * openapi/connectors.json; JSON Schema Validation §6.3.1). Grapheme clusters are not used: their segmentation
 * depends on the ICU version, and provider and emulator may run different Node versions.
 *
 * @example
 * codePointLength("😀".repeat(100)); // 100
 */
export function codePointLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** Longest connector `name`, in code points (SPEC §1; the console's name field). */
export const NAME_MAX = 128;

/** Longest email (`salesforce.userEmail`), in code points: 64 + "@" + 255 (RFC 5321 §4.5.3.1). */
export const EMAIL_MAX = 320;

/** Longest URL field (`domainUrl`, `authServerUrl`, `tokenUrl`, `validationUrl`), in code points. */
export const URL_MAX = 2048;

/** Longest private key (`salesforce.privateKey`), in code points: room for a 4096-bit PEM key, indented. */
export const SECRET_MAX = 16 * 1024;

/**
 * Longest credential that travels in an HTTP Basic `Authorization` header
 * (`custom.username`, `custom.password`, `custom.clientId`, `custom.clientSecret`), in
 * code points. A client ID and secret are form-encoded before they are joined and
 * base64-encoded (RFC 6749 §2.3.1), so a code point can take 12 bytes: two credentials of
 * 255 code points make a header line of at most 8170 bytes, within the 8190 bytes Apache
 * httpd takes by default and the 16 KiB of Node.js. A longer secret would pass preview
 * and fail at up against an IdP that refuses the header.
 */
export const CREDENTIAL_MAX = 255;

/** Longest other text field (`salesforce.clientId`, `custom.scope`), in code points. */
export const TEXT_MAX = 1024;

/**
 * The longest value of every string field of a connector write, by its wire path
 * (SPEC §3), in code points. The provider's check and the emulator both read it here.
 *
 * @example
 * FIELD_MAX["custom.clientSecret"]; // 255
 */
export const FIELD_MAX = {
  name: NAME_MAX,
  "salesforce.clientId": TEXT_MAX,
  "salesforce.userEmail": EMAIL_MAX,
  "salesforce.authServerUrl": URL_MAX,
  "salesforce.privateKey": SECRET_MAX,
  "custom.domainUrl": URL_MAX,
  "custom.username": CREDENTIAL_MAX,
  "custom.password": CREDENTIAL_MAX,
  "custom.validationUrl": URL_MAX,
  "custom.clientId": CREDENTIAL_MAX,
  "custom.clientSecret": CREDENTIAL_MAX,
  "custom.scope": TEXT_MAX,
  "custom.tokenUrl": URL_MAX,
} as const;
