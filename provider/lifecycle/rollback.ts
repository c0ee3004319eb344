import { NetworkError, TimeoutError } from "../errors";
import type { Connector } from "../../contract";
import type { ConnectorInputs } from "../kinds/inputs";
import { reportProgress } from "../progress";
import { type LifecycleContext, liveOutputsOf, secretsOf } from "./context";
import { LATE_ACTIVATION, lifecycleError, mayLandLater, reasonOf } from "./failure";
import { partialFailure } from "./readback";
import type { Subject } from "./subject";

/**
 * Every call of a rollback is made while the connector is down (the provider deactivated
 * it), so none waits more than 5 s at once (SPEC §7); a backend asking for longer is not
 * waited for, and the message says where the connector was left.
 */
const DOWN = { downtime: "down" } as const;

/** The edit that failed, and the state it started from. */
export interface FailedEdit<I extends ConnectorInputs> {
  subject: Subject & { connectorId: string };
  /** The configuration before the edit (secrets may be missing when adopting). */
  previous: I;
  news: I;
  /** Whether the connector was ACTIVE before the edit took it down. */
  wasActive: boolean;
  /**
   * The connector as the deactivation answered (before the edit), when the provider took it
   * down: what the state records if the rollback's read-back fails too.
   */
  down?: Connector;
  cause: unknown;
}

/**
 * The PUT failed, so the backend still holds the previous configuration: reactivate it if
 * it was active. Returns the error to throw (a partial failure once anything changed).
 */
export async function rollbackFailedEdit<I extends ConnectorInputs>(ctx: LifecycleContext<I>, f: FailedEdit<I>): Promise<Error> {
  const { subject } = f;
  // The PUT did not land: the backend holds the previous secrets (unknown ones stay unknown,
  // so the next diff writes them again).
  const secrets = secretsOf(ctx.kind, f.previous);
  const failed = `editing failed (${reasonOf(f.cause)})`;
  if (!f.wasActive) {
    return lifecycleError(subject, `${failed}; the connector was left unchanged (inactive)`, f.cause);
  }
  return reactivateForRollback(ctx, {
    subject,
    secrets,
    cause: f.cause,
    left: f.down,
    progress: "rolling back: reactivating the previous configuration…",
    done: `${failed}; reactivated the previous configuration`,
    stillDown: (why) =>
      `${failed}; reactivating the previous configuration failed too (${why}): the connector is INACTIVE. Fix the cause and run \`pulumi up\` again`,
  });
}

/**
 * The new configuration was saved but reactivating it failed: restore the previous
 * configuration and reactivate it (if it was active). Returns the error to throw.
 */
export async function rollbackFailedActivation<I extends ConnectorInputs>(ctx: LifecycleContext<I>, f: FailedEdit<I>): Promise<Error> {
  const { subject } = f;
  const failed = `reactivation with the new settings failed (${reasonOf(f.cause)})`;
  reportProgress(subject, "rolling back: restoring the previous configuration…");
  let restored: Connector;
  try {
    // Secrets the previous state does not know are omitted: the backend keeps the stored (new) ones.
    restored = await ctx.client.replace(subject.orgId, subject.connectorId, ctx.kind.toWrite(f.previous), DOWN);
  } catch (err) {
    return partialFailure(ctx, {
      ...DOWN,
      subject,
      secrets: secretsOf(ctx.kind, f.news),
      what: `${failed}; restoring the previous configuration failed too (${reasonOf(err)}): the connector is INACTIVE with the new settings. Fix the cause and run \`pulumi up\` again`,
      cause: f.cause,
    });
  }
  const secrets = mergedSecrets(ctx, f.news, f.previous);
  const lost = lostSecrets(ctx, f.news, f.previous);
  const note = lost.length ? ` (${lost.join(", ")} kept the new value: the backend never returns the previous one)` : "";
  if (!f.wasActive) {
    return partialFailure(ctx, {
      ...DOWN,
      subject,
      secrets,
      what: `${failed}; restored the previous configuration${note}, which stays inactive as it was`,
      code: "ROLLBACK",
      cause: f.cause,
    });
  }
  return reactivateForRollback(ctx, {
    subject,
    secrets,
    cause: f.cause,
    left: restored,
    progress: "rolling back: reactivating the previous configuration…",
    done: `${failed}; restored the previous configuration${note} and reactivated it`,
    stillDown: (why) =>
      `${failed}; restored the previous configuration${note} but reactivating it failed too (${why}): the connector is INACTIVE. Fix the cause and run \`pulumi up\` again`,
  });
}

/** The secrets in place after restoring `previous`: its own, else the new ones (kept by the backend). */
function mergedSecrets<I extends ConnectorInputs>(ctx: LifecycleContext<I>, news: I, previous: I): Partial<I> {
  return {
    ...secretsOf(ctx.kind, news),
    ...secretsOf(ctx.kind, previous),
  };
}

/** Secret fields the new settings wrote that the previous state cannot restore. */
function lostSecrets<I extends ConnectorInputs>(ctx: LifecycleContext<I>, news: I, previous: I): string[] {
  const restored = new Set(Object.keys(secretsOf(ctx.kind, previous)));
  return Object.keys(secretsOf(ctx.kind, news)).filter((k) => !restored.has(k));
}

/**
 * Deactivating before the edit failed. A lost answer can hide a deactivation that landed,
 * so read the connector: still ACTIVE means nothing changed; INACTIVE means it went down
 * without an edit, so bring it back up as it was. Returns the error to throw.
 */
export async function rollbackFailedDeactivation<I extends ConnectorInputs>(
  ctx: LifecycleContext<I>,
  f: { subject: Subject & { connectorId: string }; previous: I; cause: unknown },
): Promise<Error> {
  const { subject } = f;
  const failed = `deactivating failed (${reasonOf(f.cause)})`;
  const live = await ctx.client.get(subject.orgId, subject.connectorId, DOWN).catch(() => "unknown" as const);
  if (live === "unknown") {
    return lifecycleError(subject, `${failed}, and reading it back failed too, so it may be INACTIVE; run \`pulumi refresh\` and \`pulumi up\` again`, f.cause);
  }
  if (live?.status !== "INACTIVE") {
    // An attempt that got no answer may still sit in the backend's queue and land later; its
    // If-Match (the version read just now) still matches, so it would take the connector down.
    const late =
      f.cause instanceof TimeoutError || f.cause instanceof NetworkError
        ? ". A deactivation that got no answer may still reach the backend later: if `pulumi refresh` then shows the connector INACTIVE, `pulumi up` reactivates it"
        : "";
    return lifecycleError(subject, `${failed}; the connector was left unchanged${late}`, f.cause);
  }
  const secrets = secretsOf(ctx.kind, f.previous);
  return reactivateForRollback(ctx, {
    subject,
    secrets,
    cause: f.cause,
    left: live,
    progress: "rolling back: the deactivation landed after all; reactivating the unchanged connector…",
    done: `${failed} although it took effect; reactivated the unchanged connector`,
    stillDown: (why) =>
      `${failed} although it took effect, and reactivating the unchanged connector failed (${why}): the connector is INACTIVE. Fix the cause and run \`pulumi up\` again`,
  });
}

/** The last step of every rollback: reactivate, then report where the connector was left. */
async function reactivateForRollback<I extends ConnectorInputs>(
  ctx: LifecycleContext<I>,
  r: {
    subject: Subject & { connectorId: string };
    secrets: Partial<I>;
    cause: unknown;
    /** The connector as it stands before this reactivation (INACTIVE), if known: the state's fallback. */
    left?: Connector;
    progress: string;
    done: string;
    stillDown: (why: string) => string;
  },
): Promise<Error> {
  const { subject, secrets, cause } = r;
  reportProgress(subject, r.progress);
  try {
    await ctx.client.activate(subject.orgId, subject.connectorId, { ...DOWN, ifMatch: r.left?.version });
  } catch (err) {
    const fallback = r.left && liveOutputsOf(ctx.kind, r.left, secrets);
    const what = r.stillDown(reasonOf(err)) + mayLandLater(err, LATE_ACTIVATION);
    return partialFailure(ctx, { ...DOWN, subject, secrets, what, cause, fallback });
  }
  return partialFailure(ctx, { ...DOWN, subject, secrets, what: r.done, code: "ROLLBACK", cause });
}
