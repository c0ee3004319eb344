import type { ErrorCode as BackendErrorCode } from "../contract";

/**
 * Every error code the emulator answers with: the contract's (SPEC §3), plus the 405 an
 * HTTP server gives to a method no route takes, which the contract does not list.
 */
export type ApiErrorCode = BackendErrorCode | "METHOD_NOT_ALLOWED";

/** One rejected field, with a dotted path such as `custom.tokenUrl`. */
export interface FieldIssue {
  field: string;
  reason: string;
}

/**
 * An error the HTTP layer turns into `{code, message, trackingId, details?}` with `status`.
 * Handlers throw it; anything else thrown becomes a 500 INTERNAL.
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

/** 400 VALIDATION_FAILED listing every field issue; the message names the first ones. */
export function validationFailed(details: FieldIssue[]): ApiError {
  const shown = details.slice(0, 3).map((d) => `[${d.field}] ${d.reason}`).join("; ");
  const more = details.length > 3 ? ` (and ${details.length - 3} more)` : "";
  return new ApiError(400, "VALIDATION_FAILED", `Request validation failed: ${shown}${more}`, details);
}

/** The code an injected fault or a bare status answers with when none is given. */
export function defaultCodeForStatus(status: number): string {
  const codes: Record<number, ApiErrorCode> = {
    400: "VALIDATION_FAILED",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    409: "CONNECTOR_ACTIVE",
    412: "VERSION_MISMATCH",
    422: "CONNECTIVITY_FAILED",
    429: "RATE_LIMITED",
  };
  return codes[status] ?? (status >= 500 ? "INTERNAL" : "INJECTED_FAULT");
}
