import { codeOf, LifecycleError, NetworkError, TimeoutError, type WxccErrorCode } from "../errors";
import { type Subject, subjectLabel } from "./subject";

/**
 * The human reason of a failure, for quoting inside another message. Backend and client
 * errors already carry code and trackingId in their message and never a secret.
 */
export function reasonOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Whether `err` is the backend's (or the client's) "no such connector". */
export function isNotFound(err: unknown): boolean {
  return codeOf(err) === "NOT_FOUND" || (err as { statusCode?: unknown } | undefined)?.statusCode === 404;
}

/**
 * A lifecycle failure that changed nothing on the backend: `<subject>: <what>`, with
 * `code` (default: the cause's, else `PARTIAL_FAILURE`) and the cause's status and trackingId.
 */
export function lifecycleError(subject: Subject, what: string, cause?: unknown, code?: WxccErrorCode): LifecycleError {
  return new LifecycleError(code ?? codeOf(cause) ?? "PARTIAL_FAILURE", `${subjectLabel(subject)}: ${what}`, cause);
}

/**
 * `". " + sentence` when `err` is a call that got no answer (timeout, dropped connection),
 * else `""`. No request can be recalled from a backend's queue: one the provider gave up on
 * may still be applied later, and the message should say what that would look like.
 *
 * @example
 * ```ts
 * `creating failed (${reasonOf(err)})${mayLandLater(err, "The create may still reach the backend later…")}`
 * ```
 */
export function mayLandLater(err: unknown, sentence: string): string {
  return err instanceof TimeoutError || err instanceof NetworkError ? `. ${sentence}` : "";
}

/** What a reactivation that got no answer may still do, said where the message says INACTIVE. */
export const LATE_ACTIVATION =
  "An activation that got no answer may still reach the backend later and bring the connector up again with the settings it holds; `pulumi refresh` shows it, and the next `pulumi up` applies the declared settings either way";
