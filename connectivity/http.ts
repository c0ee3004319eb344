import { request } from "./undici-core";
import { redactSecrets } from "../contract/redact";
import { DEFAULT_TIMEOUT_MS, type ConnectivityOptions, type ConnectivityResult } from "./types";

/** A failed check, narrowed. */
export type ConnectivityFailure = Extract<ConnectivityResult, { ok: false }>;

/** What came back from the server, body read as text. */
export interface RawResponse {
  status: number;
  text: string;
  /** The media type of the body (`content-type` without parameters, lower case), if any. */
  contentType?: string;
}

/** Descriptions are for humans; cap them so a chatty server cannot flood logs. */
const MAX_DESCRIPTION = 300;

/**
 * Redacts every secret in `text` with the package's one redactor, then caps the length,
 * so an authorization server that echoes what it received (or a transport error quoting a
 * URL) can neither leak a secret nor flood logs.
 */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  const out = redactSecrets(text, secrets);
  return out.length > MAX_DESCRIPTION ? `${out.slice(0, MAX_DESCRIPTION)}…` : out;
}

/** Parses an absolute http(s) URL, or explains why it is not one. Credentials in a URL are refused. */
export function parseUrl(raw: string, label: string): URL | ConnectivityFailure {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: "invalid_url", description: `${label} is not an absolute URL` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, error: "invalid_url", description: `${label} must use https://` };
  }
  if (url.username || url.password) {
    return { ok: false, error: "invalid_url", description: `${label} must not contain credentials` };
  }
  return url;
}

/**
 * Sends one request and reads the whole body within the time limit. Transport failures
 * become `network_error` / `timeout` results with a redacted description.
 */
export async function send(
  url: URL,
  init: { method: "GET" | "POST"; headers: Record<string, string>; body?: string },
  options: ConnectivityOptions | undefined,
  secrets: ReadonlyArray<string | undefined>,
): Promise<RawResponse | ConnectivityFailure> {
  const timeoutMs = options?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await request(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      ...(options?.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
    const text = await res.body.text();
    const type = res.headers["content-type"];
    const contentType = (Array.isArray(type) ? type[0] : type)?.split(";")[0]?.trim().toLowerCase();
    return { status: res.statusCode, text, ...(contentType ? { contentType } : {}) };
  } catch (err) {
    const e = err as { code?: string; message?: string; name?: string };
    if (signal.aborted || e.code === "UND_ERR_HEADERS_TIMEOUT" || e.code === "UND_ERR_BODY_TIMEOUT") {
      return { ok: false, error: "timeout", description: `no response from ${url.host} within ${timeoutMs} ms` };
    }
    const detail = [e.code, e.message].filter(Boolean).join(" ");
    return {
      ok: false,
      error: "network_error",
      description: redact(`cannot reach ${url.host}: ${detail || String(err)}`, secrets),
    };
  }
}

/** True when `x` is a failed result rather than a response. */
export function isFailure(x: RawResponse | URL | ConnectivityFailure): x is ConnectivityFailure {
  return (x as ConnectivityFailure).ok === false;
}

const FORM = "application/x-www-form-urlencoded";
/** `a=1&b=2`: what a form-encoded body looks like, for servers that do not label it. */
const FORM_SHAPE = /^[\w.~%+-]+=[^&\s]*(&[\w.~%+-]+=[^&\s]*)*$/;

/** A token response's parameters and how they were encoded, or `undefined` when the body is neither JSON nor form-encoded. */
function tokenParameters(res: RawResponse): { params: Record<string, unknown>; encoding: "JSON" | "form-encoded" } | undefined {
  const text = res.text.trim();
  if (res.contentType !== FORM) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return { params: parsed as Record<string, unknown>, encoding: "JSON" };
    } catch {
      // Not JSON: maybe form-encoded below.
    }
  }
  // RFC 6749 §5.1 asks for JSON, but some servers (GitHub's, unless asked for JSON) answer form-encoded.
  if (res.contentType === FORM || FORM_SHAPE.test(text)) return { params: Object.fromEntries(new URLSearchParams(text)), encoding: "form-encoded" };
  return undefined;
}

/** What a body was, for a message: its encoding and parameter names (never values, which may be tokens), or its media type. */
function describeBody(res: RawResponse, parsed: ReturnType<typeof tokenParameters>): string {
  if (parsed) {
    const keys = Object.keys(parsed.params);
    return keys.length ? `a ${parsed.encoding} body with ${keys.slice(0, 8).join(", ")}` : `an empty ${parsed.encoding} body`;
  }
  if (res.text.trim() === "") return "an empty body";
  return res.contentType ? `a ${res.contentType} body` : "a body with no content type";
}

/**
 * Interprets an OAuth 2.0 token response: 2xx with `access_token` is success; otherwise the
 * server's `error`/`error_description` (RFC 6749 §5.2), or `http_<status>` when it sent none.
 * The parameters are read from JSON (RFC 6749 §5.1) or, for servers that answer so, from a
 * form-encoded body. A 2xx without a token says what the server answered instead.
 */
export function oauthResult(res: RawResponse, secrets: ReadonlyArray<string | undefined>): ConnectivityResult {
  const parsed = tokenParameters(res);
  const body = parsed?.params;
  if (res.status >= 200 && res.status < 300) {
    if (body && typeof body.access_token === "string" && body.access_token.length > 0) return { ok: true };
    return {
      ok: false,
      error: "invalid_response",
      description: `token endpoint answered HTTP ${res.status} with ${describeBody(res, parsed)}, and no access_token`,
    };
  }
  const error = typeof body?.error === "string" && body.error ? body.error : `http_${res.status}`;
  const rawDescription =
    typeof body?.error_description === "string"
      ? body.error_description
      : typeof body?.message === "string"
        ? body.message
        : body
          ? undefined
          : res.text.trim() || undefined;
  const description = rawDescription === undefined ? `HTTP ${res.status}` : redact(rawDescription, secrets);
  return { ok: false, error: redact(error, secrets), description };
}
