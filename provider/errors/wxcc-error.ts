import type { WxccErrorCode } from "./codes";

/** One rejected field, as the backend's `details` lists it. */
export interface FieldIssue {
  field: string;
  reason: string;
}

/** What a {@link WxccError} carries besides `code` and `message`. */
export interface WxccErrorOptions {
  /** HTTP status of the backend response, when there was one. */
  statusCode?: number;
  /** The backend's `trackingId`, to quote to Webex support. */
  trackingId?: string;
  /** Per-field reasons (400 `VALIDATION_FAILED`, 422 `CONNECTIVITY_FAILED`). */
  details?: FieldIssue[];
  /** How long the backend asked to wait (429 `Retry-After`), in milliseconds. */
  retryAfterMs?: number;
  /** How many HTTP attempts were made before giving up. */
  attempts?: number;
  cause?: unknown;
}

/**
 * The base class of every error the provider throws. `code` is stable and meant for
 * programs; `message` is for people: it names the operation, the org, the code and the
 * fix, and never contains the access token or a connector secret.
 *
 * @example
 * ```ts
 * try {
 *   await client.replace(orgId, id, body);
 * } catch (err) {
 *   if (err instanceof WxccError && err.code === "CONNECTOR_ACTIVE") { … }
 * }
 * ```
 */
export class WxccError extends Error {
  readonly code: WxccErrorCode;
  readonly statusCode?: number;
  readonly trackingId?: string;
  readonly details?: FieldIssue[];
  readonly retryAfterMs?: number;
  readonly attempts?: number;

  constructor(code: WxccErrorCode, message: string, options: WxccErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "WxccError";
    this.code = code;
    // Absent fields stay absent, so `toEqual` and JSON output show only what is known.
    if (options.statusCode !== undefined) this.statusCode = options.statusCode;
    if (options.trackingId !== undefined) this.trackingId = options.trackingId;
    if (options.details !== undefined) this.details = options.details;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.attempts !== undefined) this.attempts = options.attempts;
  }
}
