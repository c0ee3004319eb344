import type { Connector } from "../../contract";
import type { ConnectivityResult } from "../../connectivity";
import type { ConnectorInputs } from "../kinds/inputs";
import { reportProgress } from "../progress";
import type { LifecycleContext } from "./context";
import { lifecycleError, reasonOf } from "./failure";
import type { Subject } from "./subject";

/** Checks made in all, when the authorization server itself is failing (not the credentials). */
const PREFLIGHT_ATTEMPTS = 3;
const PREFLIGHT_BACKOFF_MS = 300;

/** An outage of the authorization server, worth asking again; a credential verdict is not. */
function isTransient(result: ConnectivityResult): boolean {
  return !result.ok && (result.error === "network_error" || result.error === "timeout" || /^http_(429|5\d\d)$/.test(result.error));
}

/**
 * Verifies the new credentials the way the service will on reactivation (SPEC §4), before
 * the backend is touched, so a bad edit never takes a working connector down. An outage of
 * the authorization server (5xx, 429, timeout, network) is retried briefly; a refusal is
 * final. Throws a `PREFLIGHT_FAILED` error; writes nothing. The message says the connector
 * was left active (or inactive) only when `live` — what the backend answered — says so;
 * the status recorded in state may be stale, so without `live` it says only that nothing
 * was written.
 *
 * @example
 * ```ts
 * await preflight(ctx, subject, news, await ctx.client.get(orgId, connectorId));
 * ```
 */
export async function preflight<I extends ConnectorInputs>(
  ctx: LifecycleContext<I>,
  subject: Subject,
  news: I,
  live?: Pick<Connector, "status">,
): Promise<void> {
  reportProgress(subject, "preflight: verifying the new credentials…");
  let reason: string | undefined;
  let outage = false;
  for (let attempt = 1; attempt <= PREFLIGHT_ATTEMPTS; attempt++) {
    reason = undefined;
    try {
      const result = await ctx.kind.verifyConnectivity(news, ctx.connectivity);
      if (result.ok) return;
      reason = result.description ? `${result.error}: ${result.description}` : result.error;
      outage = isTransient(result);
      if (!outage) break;
    } catch (err) {
      reason = reasonOf(err);
      break;
    }
    if (attempt < PREFLIGHT_ATTEMPTS) await new Promise((r) => setTimeout(r, PREFLIGHT_BACKOFF_MS * attempt));
  }
  const left = live?.status === "ACTIVE" ? "active and unchanged" : live?.status === "INACTIVE" ? "inactive and unchanged" : "unchanged (nothing was written)";
  const fix = outage
    ? `The authorization server kept failing after ${PREFLIGHT_ATTEMPTS} attempts; run \`pulumi up\` again once it answers`
    : "Fix the credentials";
  throw lifecycleError(
    subject,
    `preflight failed: ${reason}; the connector was left ${left}. ${fix} (or set wxcc:preflight to false to skip this check)`,
    undefined,
    "PREFLIGHT_FAILED",
  );
}
