/**
 * The contract's error codes and the HTTP status each is answered with (SPEC §3 "Errors").
 */

/** Every error code of the contract, with the status it is answered with (SPEC §3). */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  IMMUTABLE_FIELD: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  NAME_CONFLICT: 409,
  LIMIT_EXCEEDED: 409,
  CONNECTOR_ACTIVE: 409,
  VERSION_MISMATCH: 412,
  CONNECTIVITY_FAILED: 422,
  RATE_LIMITED: 429,
  /** Any 5xx (SPEC §3 lists "5xx"); 500 is what the service answers for its own failures. */
  INTERNAL: 500,
} as const;

/** A stable error code of the contract (SPEC §3). */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Every error code of the contract (SPEC §3). */
export const ERROR_CODES = Object.keys(ERROR_STATUS) as readonly ErrorCode[];

/** Whether `v` is one of the contract's error codes. */
export function isErrorCode(v: unknown): v is ErrorCode {
  return typeof v === "string" && Object.hasOwn(ERROR_STATUS, v);
}

/**
 * The code a bare status implies, for a response (or an injected fault) that names none:
 * the general code of that status (400 → `VALIDATION_FAILED`; `IMMUTABLE_FIELD` is a
 * special refusal), any 5xx → `INTERNAL`. `undefined` for 409, whose three codes each
 * call for a different fix, and for statuses the contract does not use. SPEC §3.
 *
 * @example
 * codeForStatus(429); // "RATE_LIMITED"
 * codeForStatus(409); // undefined
 */
export function codeForStatus(status: number): ErrorCode | undefined {
  if (status >= 500 && status <= 599) return "INTERNAL";
  return IMPLIED[status];
}

const IMPLIED: Partial<Record<number, ErrorCode>> = {
  400: "VALIDATION_FAILED",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  412: "VERSION_MISMATCH",
  422: "CONNECTIVITY_FAILED",
  429: "RATE_LIMITED",
};

/** One rejected field of a `VALIDATION_FAILED` answer, with a dotted path such as `custom.tokenUrl` (SPEC §3). */
export interface FieldIssue {
  field: string;
  reason: string;
}

/** The body every non-2xx contract response carries (SPEC §3). `code` may be one this version does not know. */
export interface ErrorBody {
  code: ErrorCode | string;
  message: string;
  trackingId: string;
  details?: FieldIssue[];
}
