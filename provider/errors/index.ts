/**
 * The package's error model, as jose's `util/errors`: one base class `WxccError` with a
 * stable `code` (the {@link WxccErrorCode} union), a subclass per failure family, and one
 * redactor for anything a server or the network wrote. Re-exports only.
 */
export {
  BACKEND_ERROR_CODES,
  CLIENT_ERROR_CODES,
  codeOf,
  isWxccErrorCode,
  type ClientErrorCode,
  type ConfigErrorCode,
  type OrgPlanErrorCode,
  type PartialFailureCode,
  type WxccErrorCode,
} from "./codes";
export { WxccError, type FieldIssue, type WxccErrorOptions, type WxccErrorOptions as WxccErrorInit } from "./wxcc-error";
export { BackendError, codeForResponse, type BackendErrorInit } from "./backend-error";
export { NetworkError, TimeoutError, InvalidResponseError, type TransportErrorInit } from "./transport-error";
export { ConfigError } from "./config-error";
export { PartialFailureError, type PartialFailureInit } from "./partial-failure-error";
export { LifecycleError } from "./lifecycle-error";
export { keepingProvider, withoutStackTrace } from "./plugin-boundary";
export { redactSecrets, REDACTED } from "./redact";
export { remedyFor } from "./remedies";
