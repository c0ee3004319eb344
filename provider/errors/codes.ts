import { ERROR_CODES, type ErrorCode as BackendErrorCode } from "../../contract";

export type { BackendErrorCode };

/** The backend contract's codes (SPEC §3), as the client recognizes them in a response body. */
export const BACKEND_ERROR_CODES: readonly BackendErrorCode[] = ERROR_CODES;

/**
 * Failures the provider detects itself, next to the backend's own codes:
 * - `NETWORK_ERROR` the backend could not be reached or dropped the connection;
 * - `TIMEOUT` the backend did not answer within the request timeout;
 * - `INVALID_RESPONSE` a success status with a body that is not the contract's JSON;
 * - `INVALID_ARGUMENT` a client method was called with an unusable argument;
 * - `HTTP_ERROR` an error status the contract does not define (and no code in the body);
 * - `CONFIG_MISSING` / `CONFIG_INVALID` provider configuration (`wxcc:*`) is unusable;
 * - `PREFLIGHT_FAILED` the provider's own connectivity check (SPEC §4) refused new credentials;
 * - `ROLLBACK` an update failed and the previous configuration was restored;
 * - `PARTIAL_FAILURE` the backend changed something before the operation failed;
 * - `TOKEN_REFRESH_FAILED` the Webex token endpoint (`wxcc:tokenUrl`) would not mint an
 *   access token for the OAuth client (`wxcc:clientId`, `wxcc:clientSecret`, `wxcc:refreshToken`);
 * - `OWNER_CONFLICT` two resources of a program declare the same `connectorId` (SDK org check).
 */
export const CLIENT_ERROR_CODES = [
  "NETWORK_ERROR",
  "TIMEOUT",
  "INVALID_RESPONSE",
  "INVALID_ARGUMENT",
  "HTTP_ERROR",
  "CONFIG_MISSING",
  "CONFIG_INVALID",
  "PREFLIGHT_FAILED",
  "ROLLBACK",
  "PARTIAL_FAILURE",
  "TOKEN_REFRESH_FAILED",
  "OWNER_CONFLICT",
] as const;

/** A failure the provider detects itself; see {@link CLIENT_ERROR_CODES}. */
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/**
 * Every stable `code` this package raises: the backend's codes, the provider's own, and the
 * SDK org check's (`NAME_CONFLICT`, `LIMIT_EXCEEDED`, which are backend codes too).
 */
export type WxccErrorCode = BackendErrorCode | ClientErrorCode;

/** Codes of {@link ConfigError}. */
export type ConfigErrorCode = Extract<WxccErrorCode, "CONFIG_MISSING" | "CONFIG_INVALID">;
/** Codes of {@link PartialFailureError}: `ROLLBACK` when the previous configuration was restored. */
export type PartialFailureCode = Extract<WxccErrorCode, "PARTIAL_FAILURE" | "ROLLBACK">;
/**
 * Codes of the SDK's program-wide org check (`OrgPlanError`): its rules' (`NAME_CONFLICT`,
 * `LIMIT_EXCEEDED`, `OWNER_CONFLICT`), or the code of the failure that kept it from running
 * (`CONFIG_MISSING`, `UNAUTHORIZED`, `FORBIDDEN`, `NETWORK_ERROR`, …).
 */
export type OrgPlanErrorCode = WxccErrorCode;

const ALL: ReadonlySet<string> = new Set<string>([...BACKEND_ERROR_CODES, ...CLIENT_ERROR_CODES]);

/**
 * Whether `value` is one of the codes above.
 *
 * @example
 * isWxccErrorCode("CONNECTOR_ACTIVE"); // true
 * isWxccErrorCode("ECONNRESET"); // false
 */
export function isWxccErrorCode(value: unknown): value is WxccErrorCode {
  return typeof value === "string" && ALL.has(value);
}

/**
 * The stable code a failure carries, or `undefined` for anything that is not one of ours
 * (a Node system error's `ECONNRESET`, a plain `Error`).
 *
 * @example
 * codeOf(new WxccError("TIMEOUT", "…")); // "TIMEOUT"
 */
export function codeOf(err: unknown): WxccErrorCode | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  return isWxccErrorCode(code) ? code : undefined;
}
