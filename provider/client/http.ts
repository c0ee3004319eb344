import { request, type Dispatcher } from "undici";
import { TransportError } from "../errors";

/** A backend answer, whatever its status. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or undefined for an empty or non-JSON body. */
  json: any;
}

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
  dispatcher: Dispatcher;
}

/** undici error codes that mean the request got no usable answer. */
const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "ETIMEDOUT"]);

/**
 * Sends one JSON request. Transport failures (refused, reset, dropped, timed out) become a
 * `TransportError`; any HTTP status is returned for the caller to judge.
 */
export async function sendJson(req: HttpRequest): Promise<HttpResponse> {
  try {
    const res = await request(req.url, {
      method: req.method,
      headers: req.body === undefined ? req.headers : { ...req.headers, "content-type": "application/json" },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      dispatcher: req.dispatcher,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
    const text = await res.body.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, headers: res.headers, json };
  } catch (err) {
    const code = errorCode(err);
    const timedOut = code !== undefined && TIMEOUT_CODES.has(code);
    // The cause is kept for debugging but its message never includes headers (no token).
    throw new TransportError(timedOut ? "TIMEOUT" : "NETWORK_ERROR", timedOut ? `timed out (${code})` : `connection failed (${code ?? "unknown error"})`, { cause: err });
  }
}

function errorCode(err: unknown): string | undefined {
  let e = err as { code?: string; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === "string") return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}
