/**
 * The hidden input that marks a connector whose program's org check failed
 * (`sdk/lib/org-check-failed.ts`), and the check failure it turns into.
 *
 * Why a connector registers at all after a failed check: in an inline Automation API program
 * (`LocalWorkspace` with `program: async () => …`) Pulumi's runtime tells the engine the
 * program is complete once its registrations settle, and only then reports the errors it
 * caught. A connector that never registered would be taken for one the program deleted, and
 * deleted (with `target`, a targeted one too). So there, each connector that waited for the
 * check registers with this input, and its provider's `check` refuses it: a failed step ends
 * the deployment before the engine deletes anything, whichever resources are targeted.
 */
import type { CheckFailure } from "./kinds/kind";

/** The input's name: `true` when the program's org check failed; absent otherwise. */
export const ORG_CHECK_FAILED_INPUT = "__wxccOrgCheckFailed";

/** What the refused check says, under the org check's own error. */
export const ORG_CHECK_FAILED_REASON =
  "the org check of this program failed (its error is above), so this connector was not checked against its org and is left as it is";

/**
 * The check failure of a connector registered after its program's org check failed, naming
 * no property; `undefined` for every other bag.
 *
 * @example
 * ```ts
 * orgCheckFailures({ name: "CRM", __wxccOrgCheckFailed: true });
 * // [{ property: "", reason: "the org check of this program failed (its error is above), …" }]
 * ```
 */
export function orgCheckFailures(news: Readonly<Record<string, unknown>>): CheckFailure[] | undefined {
  return news[ORG_CHECK_FAILED_INPUT] === true ? [{ property: "", reason: ORG_CHECK_FAILED_REASON }] : undefined;
}
