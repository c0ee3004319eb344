import { codeForStatus, ERROR_STATUS, type ErrorCode, type FieldIssue } from "../contract/error-codes";

export type { FieldIssue };

/**
 * Every error code the emulator answers with: the contract's (SPEC §3), plus the 405 an
 * HTTP server gives to a method no route takes, which the contract does not list.
 */
export type ApiErrorCode = ErrorCode | "METHOD_NOT_ALLOWED";

/**
 * An error the HTTP layer turns into `{code, message, trackingId, details?}` with `status`.
 * Handlers throw it; anything else thrown becomes a 500 INTERNAL. For a contract code use
 * {@link contractError}, which takes the status from the contract's table.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | string,
    message: string,
    readonly details?: FieldIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * An {@link ApiError} for a contract code, answered with the status the contract gives
 * that code (`contract/error-codes.ts`, SPEC §3).
 *
 * @example
 * throw contractError("CONNECTOR_ACTIVE", "Connector c-1 is ACTIVE; deactivate it before editing"); // 409
 */
export function contractError(code: ErrorCode, message: string, details?: FieldIssue[], headers?: Record<string, string>): ApiError {
  return new ApiError(ERROR_STATUS[code], code, message, details, headers);
}

/** 400 VALIDATION_FAILED listing every field issue; the message names the first ones. */
export function validationFailed(details: FieldIssue[]): ApiError {
  const shown = details
    .slice(0, 3)
    .map((d) => `[${d.field}] ${d.reason}`)
    .join("; ");
  const more = details.length > 3 ? ` (and ${details.length - 3} more)` : "";
  return contractError("VALIDATION_FAILED", `Request validation failed: ${shown}${more}`, details);
}

/**
 * The code an injected fault answers with when none is given: the one the contract implies
 * for the status (`codeForStatus`), else `INJECTED_FAULT` (e.g. for 409, whose three codes
 * each call for a different fix).
 */
export function defaultCodeForStatus(status: number): string {
  return codeForStatus(status) ?? "INJECTED_FAULT";
}
