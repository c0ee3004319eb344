import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type ApiError, contractError } from "./errors";

/** Request bodies larger than this are refused with 400 (SPEC: bad input never crashes). */
export const MAX_BODY_BYTES = 64 * 1024;

/** A fresh tracking id; every response carries one (body and `TrackingID` header). */
export function newTrackingId(): string {
  return `wxcc-emu-${randomUUID()}`;
}

/** Writes a JSON body with the tracking header. Safe to call on a dead socket. */
export function sendJson(res: ServerResponse, status: number, body: unknown, trackingId: string, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const payload = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    TrackingID: trackingId,
    ...(payload ? { "content-type": "application/json; charset=utf-8" } : {}),
    "content-length": Buffer.byteLength(payload),
  });
  res.end(payload);
}

/** Writes the contract error body `{code, message, trackingId, details?}`. */
export function sendError(res: ServerResponse, err: ApiError, trackingId: string): void {
  sendJson(res, err.status, { code: err.code, message: err.message, trackingId, ...(err.details ? { details: err.details } : {}) }, trackingId, err.headers);
}

/** Bodies being read, by request: a request's body is read once, whoever asks first. */
const bodies = new WeakMap<IncomingMessage, Promise<string>>();

/**
 * Reads the body as UTF-8, refusing more than {@link MAX_BODY_BYTES}. The excess is
 * drained rather than the socket cut, so the client still gets our 400. Every call for one
 * request returns the same promise, so the body can be taken in as it arrives (see
 * {@link bufferBody}) and handled later.
 */
export function readBody(req: IncomingMessage): Promise<string> {
  let body = bodies.get(req);
  if (!body) {
    body = receive(req);
    bodies.set(req, body);
  }
  return body;
}

/**
 * Starts taking in the body now, for a request whose handling waits (an injected `delayMs`):
 * a server that has received a whole request handles it even when the client gave up
 * waiting and closed the connection meanwhile, so a late create or edit still lands, as it
 * would on a slow backend. A body cut short stays unreadable, and the handler then fails.
 */
export function bufferBody(req: IncomingMessage): void {
  readBody(req).catch(() => undefined);
}

function receive(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => {
      if (tooLarge) {
        reject(
          contractError("VALIDATION_FAILED", `Request body exceeds ${MAX_BODY_BYTES} bytes`, [
            { field: "body", reason: `must be at most ${MAX_BODY_BYTES} bytes` },
          ]),
        );
      } else resolve(Buffer.concat(chunks).toString("utf8"));
    });
    // The client closed the connection before sending the whole body: no request to handle
    // (the answer, a 400, goes nowhere; no "unexpected error" either).
    req.on("error", () => reject(contractError("VALIDATION_FAILED", "Request body cut short by the client", [{ field: "body", reason: "incomplete" }])));
  });
}

/** Parses a JSON body that must be an object; anything else is a 400 on field `body`. */
export function parseJsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw contractError("VALIDATION_FAILED", "Request body is not valid JSON", [{ field: "body", reason: "must be a JSON object" }]);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw contractError("VALIDATION_FAILED", "Request body must be a JSON object", [{ field: "body", reason: "must be a JSON object" }]);
  }
  return value as Record<string, unknown>;
}

/** The token of an `Authorization: Bearer <token>` header, if there is one. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1];
}

/** `user:password` of an `Authorization: Basic …` header, split at the first colon. */
export function basicCredentials(req: IncomingMessage): { user: string; password: string } | undefined {
  const h = req.headers.authorization;
  const m = h ? /^Basic\s+(\S+)\s*$/i.exec(h) : null;
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i < 0) return undefined;
  return { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

/** Parses an `application/x-www-form-urlencoded` body. */
export function parseForm(text: string): URLSearchParams {
  return new URLSearchParams(text);
}

/** Sends an OAuth-style error body `{error, error_description}` (RFC 6749 §5.2). */
export function sendOAuthError(
  res: ServerResponse,
  status: number,
  error: string,
  description: string,
  trackingId: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error, error_description: description }, trackingId, { "cache-control": "no-store", ...headers });
}
