import type { Dispatcher } from "undici";

/**
 * Outcome of a connectivity check (SPEC §4). A failure carries the authorization
 * server's own OAuth error code (`invalid_grant`, `invalid_client`, …) or one of our
 * transport codes (`network_error`, `timeout`, `invalid_key`, `invalid_url`,
 * `http_<status>`), plus a human description. Neither ever contains a secret.
 *
 * @example
 * const r = await verifyBasic({ validationUrl, username, password });
 * if (!r.ok) console.error(`${r.error}: ${r.description ?? ""}`);
 */
export type ConnectivityResult = { ok: true } | { ok: false; error: string; description?: string };

/** Transport options shared by every connectivity check. */
export interface ConnectivityOptions {
  /** undici dispatcher to send through (tests inject a MockAgent; the emulator its own Agent). */
  dispatcher?: Dispatcher;
  /** Whole-exchange time limit in milliseconds. Default 10000. */
  timeoutMs?: number;
}

/** Default time limit of one check; a token endpoint slower than this is treated as down. */
export const DEFAULT_TIMEOUT_MS = 10_000;
