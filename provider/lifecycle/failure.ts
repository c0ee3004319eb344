import { WxccError } from "../errors";
import { type Subject, subjectLabel } from "./subject";

/**
 * The human reason of a failure, for quoting inside another message. Backend and client
 * errors already carry code and trackingId in their message and never a secret.
 */
export function reasonOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** The stable code of a failure (`CONNECTIVITY_FAILED`, `TIMEOUT`, …) or `undefined`. */
export function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : undefined;
}

/** Whether `err` is the backend's (or the client's) "no such connector". */
export function isNotFound(err: unknown): boolean {
  return codeOf(err) === "NOT_FOUND" || (err as { statusCode?: unknown } | undefined)?.statusCode === 404;
}

/**
 * A lifecycle failure that changed nothing on the backend: `<subject>: <what>`, keeping the
 * cause's code, status and trackingId.
 */
export function lifecycleError(subject: Subject, what: string, cause?: unknown, code?: string): WxccError {
  return makeError(code ?? codeOf(cause) ?? "PARTIAL_FAILURE", `${subjectLabel(subject)}: ${what}`, cause);
}

/** Builds a `WxccError` with `code` and `message`, copying status/trackingId/details from the cause. */
export function makeError(code: string, message: string, cause?: unknown): WxccError {
  const c = cause as { statusCode?: number; trackingId?: string; details?: unknown } | undefined;
  return new WxccError(code as never, message, {
    statusCode: c?.statusCode,
    trackingId: c?.trackingId,
    details: c?.details as never,
    cause,
  });
}
