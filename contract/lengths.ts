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

/** Longest secret field (`privateKey`, `password`, `clientSecret`), in code points: room for a 4096-bit PEM key. */
export const SECRET_MAX = 16 * 1024;

/** Longest other text field (`clientId`, `username`, `scope`), in code points. */
export const TEXT_MAX = 1024;
