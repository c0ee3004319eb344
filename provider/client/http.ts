import type { Dispatcher } from "undici";
import { Agent, request } from "../../connectivity/undici-core";

/** One request as the client sends it. */
export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  body?: unknown;
  ifMatch?: number;
}

/** The result of one attempt: a response of any status, or a transport failure. */
export type HttpOutcome =
  | { kind: "response"; status: number; headers: Record<string, string | string[] | undefined>; text: string }
  | {
      kind: "network" | "timeout";
      /** Code and message of the underlying error, unredacted. */
      reason: string;
      /** False when the request provably never reached the server (refused, connect timeout). */
      sent: boolean;
    };

const agents = new Map<number, Agent>();

/** One keep-alive Agent (a pool per origin) per connect timeout, shared by every client. */
export function sharedAgent(connectTimeoutMs: number): Agent {
  let a = agents.get(connectTimeoutMs);
  if (!a) {
    a = new Agent({ connect: { timeout: connectTimeoutMs }, keepAliveTimeout: 4_000 });
    agents.set(connectTimeoutMs, a);
  }
  return a;
}

const NOT_SENT = new Set(["ECONNREFUSED", "UND_ERR_CONNECT_TIMEOUT", "ENOTFOUND", "EAI_AGAIN"]);
const TIMEOUTS = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT", "ETIMEDOUT"]);

/** Sends one request and reads the whole body; transport failures are returned, not thrown. */
export async function exchange(dispatcher: Dispatcher, baseUrl: string, accessToken: string, req: HttpRequest, timeoutMs: number): Promise<HttpOutcome> {
  const headers: Record<string, string> = { authorization: `Bearer ${accessToken}`, accept: "application/json" };
  if (req.body !== undefined) headers["content-type"] = "application/json";
  if (req.ifMatch !== undefined) headers["if-match"] = String(req.ifMatch);
  try {
    const res = await request(`${baseUrl}${req.path}`, {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      dispatcher,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const text = await res.body.text();
    return { kind: "response", status: res.statusCode, headers: res.headers, text };
  } catch (err) {
    const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
    const code = e.code ?? e.cause?.code;
    const reason = [code, e.message].filter(Boolean).join(" ") || String(err);
    return { kind: code && TIMEOUTS.has(code) ? "timeout" : "network", reason, sent: !(code && NOT_SENT.has(code)) };
  }
}
