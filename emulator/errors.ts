/** Every error code the emulator answers with on the contract (SPEC §3). */
export type ApiErrorCode =
  | "VALIDATION_FAILED"
  | "IMMUTABLE_FIELD"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "NAME_CONFLICT"
  | "LIMIT_EXCEEDED"
  | "CONNECTOR_ACTIVE"
  | "VERSION_MISMATCH"
  | "CONNECTIVITY_FAILED"
  | "RATE_LIMITED"
  | "INTERNAL";

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
