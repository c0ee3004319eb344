import { expect } from "vitest";
import type { CheckResult } from "../../../provider/kinds/kind";

/** A declaration `check` must refuse with exactly one failure, on `property`. */
export interface InvalidCase {
  what: string;
  args: Record<string, unknown>;
  property: string;
  /** The whole reason, or a pattern where it quotes run-time detail. */
  reason: string | RegExp;
  /** Provider defaults for this case instead of the file's. */
  defaults?: { orgId?: string };
}

/**
 * Asserts that `result` refuses the declaration: no inputs, and exactly one failure, on
 * `property` with `reason`.
 *
 * @example
 * ```ts
 * it.each(invalid)("rejects $what on [$property]", ({ args, property, reason, defaults: d }) => {
 *   expectOnlyFailure(check(args, d ?? defaults), property, reason);
 * });
 * ```
 */
export function expectOnlyFailure(result: CheckResult<unknown>, property: string, reason: string | RegExp): void {
  expect(result.inputs).toBeUndefined();
  expect(result.failures).toHaveLength(1);
  expect(result.failures[0].property).toBe(property);
  if (typeof reason === "string") expect(result.failures[0].reason).toBe(reason);
  else expect(result.failures[0].reason).toMatch(reason);
}
