/** The provider's error model: one base class with a stable `code`, a subclass per family. */
export { WxccError, type WxccErrorCode, type ClientErrorCode, type FieldIssue, type WxccErrorOptions, type WxccErrorOptions as WxccErrorInit } from "./wxcc-error";
export { BackendError, codeForResponse, type BackendErrorInit } from "./backend-error";
export { NetworkError, TimeoutError, InvalidResponseError, type TransportErrorInit } from "./transport-error";
export { redactSecrets, REDACTED } from "./redact";
export { remedyFor } from "./remedies";
