import { codePointLength, NAME_MAX } from "./lengths";

/**
 * What is wrong with a connector name, or `undefined` when it is valid (SPEC §1, §3):
 * - `"empty"`: empty or only whitespace;
 * - `"too-long"`: more than {@link NAME_MAX} code points (see `codePointLength`);
 * - `"control"`: contains a C0/C1 control character (newline, tab, …), which the console cannot show;
 * - `"outer-whitespace"`: starts or ends with whitespace (the console trims it, so the name would change).
 * The first problem found is reported, in that order.
 *
 * @example
 * nameProblem("😀".repeat(100)); // undefined: 100 code points
 * nameProblem(" Sales");           // "outer-whitespace"
 */
export function nameProblem(name: string): NameProblem | undefined {
  if (name.trim() === "") return "empty";
  if (codePointLength(name) > NAME_MAX) return "too-long";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rule refuses
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return "control";
  if (name.trim() !== name) return "outer-whitespace";
  return undefined;
}

/** A reason {@link nameProblem} gives. */
export type NameProblem = "empty" | "too-long" | "control" | "outer-whitespace";

/**
 * The key under which names are unique in an org: names are compared case-insensitively
 * (SPEC §1 "Names are unique within an org (case-insensitive)"), by `toLowerCase`,
 * independent of locale.
 *
 * @example
 * nameKey("Case Clash") === nameKey("CASE clash"); // true
 */
export function nameKey(name: string): string {
  return name.toLowerCase();
}
