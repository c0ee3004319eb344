import type { BackendErrorCode } from "./client/types";

/**
 * Every failure the provider reports has a stable `code`: the backend's own (SPEC §3) or
 * one of the provider's.
 */
export type WxccErrorCode =
  | BackendErrorCode
  | "NETWORK_ERROR"
  | "TIMEOUT"
  | "RETRIES_EXHAUSTED"
  | "CONFIG_MISSING"
  | "CONFIG_INVALID"
  | "PREFLIGHT_FAILED"
  | "ROLLBACK"
  | "PARTIAL_FAILURE";

/** Optional facts an error carries besides its code and message. */
export interface WxccErrorInit {
  statusCode?: number;
  trackingId?: string;
  details?: Array<{ field: string; reason: string }>;
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * Base class of every provider error. Messages say what happened and what to do, and never
 * contain a credential.
 *
 * @example
 * ```ts
 * try { await client.replace(org, id, body); }
 * catch (e) { if (e instanceof WxccError && e.code === "CONNECTOR_ACTIVE") { … } }
 * ```
 */
export class WxccError extends Error {
  readonly code: WxccErrorCode;
  readonly statusCode?: number;
  readonly trackingId?: string;
  readonly details?: Array<{ field: string; reason: string }>;
  readonly retryAfterMs?: number;

  constructor(code: WxccErrorCode, message: string, init: WxccErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "WxccError";
    this.code = code;
    this.statusCode = init.statusCode;
    this.trackingId = init.trackingId;
    this.details = init.details;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** The backend answered with an error status (SPEC §3 error body). */
export class BackendError extends WxccError {
  constructor(code: WxccErrorCode, message: string, init: WxccErrorInit) {
    super(code, message, init);
    this.name = "BackendError";
  }
}

/** The request never got an answer: connection refused or dropped, or a timeout. */
export class TransportError extends WxccError {
  constructor(code: "NETWORK_ERROR" | "TIMEOUT" | "RETRIES_EXHAUSTED", message: string, init: WxccErrorInit = {}) {
    super(code, message, init);
    this.name = "TransportError";
  }
}

/**
 * Replaces every occurrence of a known secret in `text`. Used on any text that came from
 * outside (a server's message), as a last line of defence.
 */
export function redactSecrets(text: string, secrets: Array<string | undefined>): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join("[secret]");
  }
  return out;
}
