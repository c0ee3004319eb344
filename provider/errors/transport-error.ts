import { WxccError } from "./wxcc-error";

/** Describes a request that got no usable answer. Texts must already be redacted. */
export interface TransportErrorInit {
  operation: string;
  orgId: string;
  baseUrl: string;
  /** e.g. `ECONNRESET other side closed`. */
  reason: string;
  attempts?: number;
}

function tries(n?: number): string {
  return n && n > 1 ? ` after ${n} attempts` : "";
}

/**
 * The backend could not be reached or dropped the connection (`NETWORK_ERROR`).
 *
 * @example
 * ```ts
 * if (err instanceof NetworkError) console.error("is the emulator running?");
 * ```
 */
export class NetworkError extends WxccError {
  constructor(init: TransportErrorInit) {
    super(
      "NETWORK_ERROR",
      `Could not reach the backend at ${init.baseUrl} for ${init.operation} in org "${init.orgId}"${tries(init.attempts)}: ${init.reason} — check \`wxcc:baseUrl\` and that the backend is up`,
      { attempts: init.attempts },
    );
    this.name = "NetworkError";
  }
}

/**
 * The backend did not answer in time (`TIMEOUT`).
 *
 * @example
 * ```ts
 * if (err instanceof TimeoutError) { … }
 * ```
 */
export class TimeoutError extends WxccError {
  constructor(init: TransportErrorInit) {
    super(
      "TIMEOUT",
      `The backend at ${init.baseUrl} did not answer ${init.operation} in org "${init.orgId}"${tries(init.attempts)}: ${init.reason} — try again later`,
      { attempts: init.attempts },
    );
    this.name = "TimeoutError";
  }
}

/**
 * A success status whose body is not the contract's JSON (`INVALID_RESPONSE`).
 *
 * @example
 * ```ts
 * if (err instanceof InvalidResponseError) { … }
 * ```
 */
export class InvalidResponseError extends WxccError {
  constructor(init: TransportErrorInit & { statusCode: number }) {
    super(
      "INVALID_RESPONSE",
      `The backend at ${init.baseUrl} answered ${init.operation} in org "${init.orgId}" with ${init.statusCode} and an unreadable body: ${init.reason} — check \`wxcc:baseUrl\` points at the connector API`,
      { statusCode: init.statusCode },
    );
    this.name = "InvalidResponseError";
  }
}
