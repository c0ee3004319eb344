import type { WxccErrorCode } from "./codes";
import { WxccError, type FieldIssue } from "./wxcc-error";

/**
 * A create, read, update, adopt or delete that failed and left the connector as the
 * message says (no partial change to record in state). It keeps the cause's `statusCode`,
 * `trackingId` and `details`, so a backend refusal quoted inside it stays traceable.
 *
 * @example
 * ```ts
 * throw new LifecycleError("NOT_FOUND", `CustomConnector "crm" (c-1) in org "acme": the connector no longer exists; run \`pulumi refresh\``);
 * ```
 */
export class LifecycleError extends WxccError {
  constructor(code: WxccErrorCode, message: string, cause?: unknown) {
    const c = cause as { statusCode?: number; trackingId?: string; details?: FieldIssue[] } | undefined;
    super(code, message, { statusCode: c?.statusCode, trackingId: c?.trackingId, details: c?.details, cause });
    this.name = "LifecycleError";
  }
}
