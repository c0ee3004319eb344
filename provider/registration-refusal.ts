/**
 * The hidden input that marks a connector registered only to be refused by its own check, in
 * an inline Automation API program (`sdk/lib/org-check-failed.ts`,
 * `sdk/lib/failed-input-stand-in.ts`), and the check failure it turns into.
 *
 * Why such a connector registers at all: in an inline program (`LocalWorkspace` with
 * `program: async () => …`) Pulumi's runtime tells the engine the program is complete once
 * its registrations settle, and only then reports the errors it caught. A connector that
 * never registered (it waited for an org check that failed, or one of its inputs rejected)
 * would be taken for one the program deleted, and deleted (with `target`, a targeted one
 * too). So there it registers with this input, and its provider's `check` refuses it: a
 * failed step ends the deployment before the engine deletes anything, whichever resources are
 * targeted.
 */
import type { CheckFailure } from "./kinds/kind";

/** The input's name; absent on every connector that registers as declared. */
export const REFUSAL_INPUT = "__wxccRefusal";

/**
 * Why the connector is refused: its program's org check failed, one of its inputs rejected,
 * or its declaration was refused for another reason (`import` beside another `connectorId`).
 */
export type Refusal = "org-check" | "input" | "declaration";

/** What each refused check says, under the program's own error. */
export const REFUSAL_REASONS: Readonly<Record<Refusal, string>> = {
  "org-check": "the org check of this program failed (its error is above), so this connector was not checked against its org and is left as it is",
  input: "an input of this connector failed in the program (its error is above), so it was not registered as declared and is left as it is",
  declaration: "the declaration of this connector was refused in the program (its error is above), so it was not registered as declared and is left as it is",
};

/**
 * The check failure of a connector registered only to be refused, naming no property;
 * `undefined` for every other bag.
 *
 * @example
 * ```ts
 * refusalFailures({ name: "CRM", __wxccRefusal: "org-check" });
 * // [{ property: "", reason: "the org check of this program failed (its error is above), …" }]
 * ```
 */
export function refusalFailures(news: Readonly<Record<string, unknown>>): CheckFailure[] | undefined {
  const refusal = news[REFUSAL_INPUT];
  if (typeof refusal !== "string" || !Object.hasOwn(REFUSAL_REASONS, refusal)) return undefined;
  return [{ property: "", reason: REFUSAL_REASONS[refusal as Refusal] }];
}
