import type { ConnectorInputs } from "../kinds/inputs";
import { reportProgress } from "../progress";
import type { LifecycleContext } from "./context";
import { lifecycleError, reasonOf } from "./failure";
import type { Subject } from "./subject";

/**
 * Verifies the new credentials the way the service will on reactivation (SPEC §4), before
 * the backend is touched, so a bad edit never takes a working connector down. Throws a
 * `PREFLIGHT_FAILED` error; writes nothing.
 *
 * @example
 * ```ts
 * await preflight(ctx, subject, news, "ACTIVE");
 * ```
 */
export async function preflight<I extends ConnectorInputs>(ctx: LifecycleContext<I>, subject: Subject, news: I, status?: string): Promise<void> {
  reportProgress(subject, "preflight: verifying the new credentials…");
  let reason: string | undefined;
  try {
    const result = await ctx.kind.verifyConnectivity(news, ctx.connectivity);
    if (!result.ok) reason = result.description ? `${result.error}: ${result.description}` : result.error;
  } catch (err) {
    reason = reasonOf(err);
  }
  if (reason === undefined) return;
  const left = status === "ACTIVE" ? "active and unchanged" : status === "INACTIVE" ? "inactive and unchanged" : "unchanged";
  throw lifecycleError(
    subject,
    `preflight failed: ${reason}; the connector was left ${left}. Fix the credentials (or set wxcc:preflight to false to skip this check)`,
    undefined,
    "PREFLIGHT_FAILED",
  );
}
