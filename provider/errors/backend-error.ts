import { codeForStatus, isErrorCode } from "../../contract";
import type { WxccErrorCode } from "./codes";
import { remedyFor } from "./remedies";
import { WxccError, type FieldIssue } from "./wxcc-error";

/** The contract code for a response: the body's when known, else one implied by the status. */
export function codeForResponse(status: number, bodyCode: unknown): WxccErrorCode {
  if (isErrorCode(bodyCode)) return bodyCode;
  return codeForStatus(status) ?? "HTTP_ERROR";
}

/** Everything needed to describe one refused request. Texts must already be redacted. */
export interface BackendErrorInit {
  /** e.g. `PUT connector c-123`. */
  operation: string;
  orgId: string;
  /** How the request was authenticated, for the 401/403 hint. Default `"fixed"`. */
  auth?: "fixed" | "oauth";
  statusCode: number;
  code: WxccErrorCode;
  serverMessage?: string;
  trackingId?: string;
  details?: FieldIssue[];
  retryAfterMs?: number;
  attempts?: number;
  /** Replaces the code's usual "what to do" hint when the caller knows better (e.g. why it did not wait). */
  remedy?: string;
}

/**
 * The backend answered with an error status. The message names the operation, org,
 * status, code, the fix and the trackingId, e.g.
 * `Backend refused PUT connector c-123 in org "acme": 409 CONNECTOR_ACTIVE — the connector
 * is active; deactivate it before editing or deleting (trackingId t-1)`.
 *
 * @example
 * ```ts
 * if (err instanceof BackendError && err.statusCode === 409) { … }
 * ```
 */
export class BackendError extends WxccError {
  constructor(init: BackendErrorInit) {
    const verb = init.statusCode >= 500 ? "Backend failed" : "Backend refused";
    const tries = init.attempts && init.attempts > 1 ? ` after ${init.attempts} attempts` : "";
    const hint = init.remedy ?? remedyFor(init.code, { orgId: init.orgId, serverMessage: init.serverMessage, details: init.details, auth: init.auth });
    const tracking = init.trackingId ? ` (trackingId ${init.trackingId})` : "";
    super(init.code, `${verb} ${init.operation} in org "${init.orgId}"${tries}: ${init.statusCode} ${init.code} — ${hint}${tracking}`, {
      statusCode: init.statusCode,
      trackingId: init.trackingId,
      details: init.details,
      retryAfterMs: init.retryAfterMs,
      attempts: init.attempts,
    });
    this.name = "BackendError";
  }
}
