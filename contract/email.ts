import { codePointLength, EMAIL_MAX } from "./lengths";

// Deliberately simple: one "@", no whitespace, a dotted domain with no empty label.
// Salesforce usernames have the form of an email address (the console's "User email").
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/**
 * Whether `value` is an email address as the contract accepts it for
 * `salesforce.userEmail` (SPEC §1, §4: the JWT `sub`): at most {@link EMAIL_MAX} code
 * points, `local@domain` with no whitespace, and a domain of two or more non-empty labels.
 *
 * @example
 * isEmail("integration@example.com"); // true
 * isEmail("a@example");               // false: no dotted domain
 * isEmail("a@.example.com");          // false: empty label
 */
export function isEmail(value: string): boolean {
  return codePointLength(value) <= EMAIL_MAX && EMAIL.test(value);
}
