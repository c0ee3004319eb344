import { codeOf, LifecycleError, type WxccErrorCode } from "../errors";
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
