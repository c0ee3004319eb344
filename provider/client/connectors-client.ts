import { setTimeout as sleep } from "node:timers/promises";
import { Agent, type Dispatcher } from "undici";
import { BackendError, redactSecrets, TransportError, WxccError } from "../errors";
import { sendJson, type HttpResponse } from "./http";
import { findByName, holdsWrite } from "./reconcile";
import { remedyFor } from "./remedies";
import { backoffMs, DEFAULT_RETRY_POLICY, isRetryableStatus, retryAfterMs, type RetryPolicy } from "./retry-policy";
import type { BackendErrorBody, Connector, ConnectorType, ConnectorWrite } from "./types";

export interface ClientOptions {
  /** Backend origin, e.g. `http://127.0.0.1:8787` (no `/v1`). */
  baseUrl: string;
  /** Bearer token for the org; never logged, never in a message. */
  accessToken: string;
  /** Injected by tests (MockAgent); default: one keep-alive Agent for this client. */
  dispatcher?: Dispatcher;
  /** Per attempt, for headers and body; default 30 s. */
  requestTimeoutMs?: number;
  /** Default 10 s. */
  connectTimeoutMs?: number;
  /** Retries after the first attempt; default 4. */
  maxRetries?: number;
  /** First backoff step; default 250 ms. */
  retryBaseMs?: number;
  /** Called before each retry (progress output, bench). */
  onRetry?: (info: { method: string; path: string; attempt: number; reason: string; delayMs: number }) => void;
}

/** How a call may be retried when its answer is lost or refused transiently. */
type RetryMode =
  /** Safe to repeat as is (reads; idempotent state changes). */
  | "repeat"
  /** Only a `429` (refused before processing) is repeated; anything ambiguous is the caller's to reconcile. */
  | "only-if-refused";

interface Call {
  method: "GET" | "POST" | "PUT" | "DELETE";
  orgId: string;
  /** After `/connectors`. */
  path: string;
  /** For messages: "GET connector c-1". */
  what: string;
  body?: ConnectorWrite;
  headers?: Record<string, string>;
  retry: RetryMode;
}

/**
 * Client of the connector backend contract (SPEC §3). One keep-alive connection pool,
 * per-attempt timeouts, retries with jittered backoff for transient failures, and writes
 * whose answer was lost are reconciled by reading the backend, never repeated blindly.
 *
 * @example
 * ```ts
 * const client = new ConnectorsClient({ baseUrl: "http://127.0.0.1:8787", accessToken: token });
 * const c = await client.create("demo", { type: "CUSTOM", name: "Orders", custom: { … } });
 * await client.deactivate("demo", c.id);
 * ```
 */
export class ConnectorsClient {
  private readonly dispatcher: Dispatcher;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly baseUrl: string;
  private sent = 0;

  constructor(private readonly opts: ClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, "");
    this.timeoutMs = opts.requestTimeoutMs ?? 30_000;
    this.policy = {
      ...DEFAULT_RETRY_POLICY,
      ...(opts.maxRetries === undefined ? {} : { maxRetries: opts.maxRetries }),
      ...(opts.retryBaseMs === undefined ? {} : { baseMs: opts.retryBaseMs }),
    };
    this.dispatcher = opts.dispatcher ?? new Agent({ connect: { timeout: opts.connectTimeoutMs ?? 10_000 }, keepAliveTimeout: 10_000 });
  }

  /** HTTP requests sent so far, retries included (for bench/ call counts). */
  get requestCount(): number {
    return this.sent;
  }

  async list(orgId: string, type?: ConnectorType): Promise<Connector[]> {
    const res = await this.send({ method: "GET", orgId, path: type ? `?type=${type}` : "", what: "GET connectors", retry: "repeat" });
    return (res.json?.items ?? []) as Connector[];
  }

  /** The connector, or undefined when the backend says 404. */
  async get(orgId: string, id: string): Promise<Connector | undefined> {
    const res = await this.send({ method: "GET", orgId, path: `/${enc(id)}`, what: `GET connector ${id}`, retry: "repeat" }, [404]);
    return res.status === 404 ? undefined : (res.json as Connector);
  }

  /**
   * Creates a connector. If the answer is lost (dropped connection, timeout, 5xx) the
   * connector is looked up by name before anything is sent again, so a connector is never
   * created twice.
   */
  async create(orgId: string, body: ConnectorWrite): Promise<Connector> {
    const call: Call = { method: "POST", orgId, path: "", what: `POST connector "${body.name}"`, body, retry: "only-if-refused" };
    let ambiguous = false;
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await this.send(call);
        return res.json as Connector;
      } catch (err) {
        const lost = isAnswerLost(err);
        const conflictAfterLoss = ambiguous && err instanceof BackendError && err.code === "NAME_CONFLICT";
        if (!lost && !conflictAfterLoss) throw err;
        ambiguous = true;
        const existing = findByName(await this.list(orgId, body.type), body);
        if (existing && holdsWrite(existing, body)) return existing;
        if (conflictAfterLoss || attempt >= this.policy.maxRetries) throw err;
        await this.pause(call, attempt + 1, (err as Error).message);
      }
    }
  }

  /**
   * Replaces the editable fields (SPEC §3 `PUT`); the connector must be INACTIVE. With
   * `ifMatch`, a retry whose first attempt did land gets 412; the live connector is then
   * compared with the request, and a match counts as success.
   */
  async replace(orgId: string, id: string, body: ConnectorWrite, opts: { ifMatch?: number } = {}): Promise<Connector> {
    const headers = opts.ifMatch === undefined ? undefined : { "if-match": String(opts.ifMatch) };
    const call: Call = { method: "PUT", orgId, path: `/${enc(id)}`, what: `PUT connector ${id}`, body, headers, retry: "only-if-refused" };
    let ambiguous = false;
    for (let attempt = 0; ; attempt++) {
      try {
        // After a lost answer the version may have moved on because our own write landed.
        const res = await this.send(ambiguous ? { ...call, headers: undefined } : call);
        return res.json as Connector;
      } catch (err) {
        if (!isAnswerLost(err)) throw err;
        ambiguous = true;
        const live = await this.get(orgId, id);
        if (live && holdsWrite(live, body) && (opts.ifMatch === undefined || live.version > opts.ifMatch)) return live;
        if (attempt >= this.policy.maxRetries) throw err;
        await this.pause(call, attempt + 1, (err as Error).message);
      }
    }
  }

  /** → INACTIVE. Idempotent, so safe to repeat. */
  async deactivate(orgId: string, id: string): Promise<Connector> {
    return (await this.send({ method: "POST", orgId, path: `/${enc(id)}/deactivate`, what: `deactivate connector ${id}`, retry: "repeat" })).json;
  }

  /** Validates connectivity → ACTIVE. Activating an ACTIVE connector is a no-op, so safe to repeat. */
  async activate(orgId: string, id: string): Promise<Connector> {
    return (await this.send({ method: "POST", orgId, path: `/${enc(id)}/activate`, what: `activate connector ${id}`, retry: "repeat" })).json;
  }

  /** Deletes an INACTIVE connector; one already gone counts as deleted. */
  async delete(orgId: string, id: string): Promise<void> {
    await this.send({ method: "DELETE", orgId, path: `/${enc(id)}`, what: `DELETE connector ${id}`, retry: "repeat" }, [404]);
  }

  /** Sends with retries; returns 2xx answers and statuses in `accept`, throws the rest. */
  private async send(call: Call, accept: number[] = []): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      let res: HttpResponse;
      try {
        this.sent++;
        res = await sendJson({
          method: call.method,
          url: `${this.baseUrl}/v1/organizations/${enc(call.orgId)}/connectors${call.path}`,
          headers: { authorization: `Bearer ${this.opts.accessToken}`, accept: "application/json", ...call.headers },
          body: call.body,
          timeoutMs: this.timeoutMs,
          dispatcher: this.dispatcher,
        });
      } catch (err) {
        const transport = err as TransportError;
        if (call.retry === "repeat" && attempt < this.policy.maxRetries) {
          await this.pause(call, attempt + 1, transport.message);
          continue;
        }
        throw this.transportFailure(call, transport, attempt + 1);
      }
      if ((res.status >= 200 && res.status < 300) || accept.includes(res.status)) return res;
      const retryable = res.status === 429 || (call.retry === "repeat" && isRetryableStatus(res.status));
      if (retryable && attempt < this.policy.maxRetries) {
        await this.pause(call, attempt + 1, `HTTP ${res.status}`, retryAfterMs(res.headers["retry-after"], this.policy.capMs));
        continue;
      }
      throw this.backendFailure(call, res, attempt + 1);
    }
  }

  private async pause(call: Call, attempt: number, reason: string, serverDelayMs?: number): Promise<void> {
    const delayMs = serverDelayMs ?? backoffMs(this.policy, attempt);
    this.opts.onRetry?.({ method: call.method, path: call.path, attempt, reason, delayMs });
    await sleep(delayMs);
  }

  private backendFailure(call: Call, res: HttpResponse, attempts: number): BackendError {
    const body = (res.json ?? {}) as Partial<BackendErrorBody>;
    const code = (typeof body.code === "string" ? body.code : res.status >= 500 ? "INTERNAL" : "VALIDATION_FAILED") as BackendError["code"];
    const details = Array.isArray(body.details) ? body.details : undefined;
    const fields = details?.length ? ` [${details.map((d) => `${d.field}: ${d.reason}`).join("; ")}]` : "";
    const serverMessage = body.message ? ` — ${body.message}` : "";
    const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
    const tracking = body.trackingId ? ` (trackingId ${body.trackingId})` : "";
    const message = `Backend refused ${call.what} in org "${call.orgId}"${tries}: ${res.status} ${code}${serverMessage}${fields}; ${remedyFor(code, call.orgId)}${tracking}`;
    return new BackendError(code, this.redact(call, message), {
      statusCode: res.status,
      trackingId: body.trackingId,
      details,
      retryAfterMs: retryAfterMs(res.headers["retry-after"], this.policy.capMs),
    });
  }

  private transportFailure(call: Call, err: TransportError, attempts: number): TransportError {
    const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
    const message = `Could not complete ${call.what} in org "${call.orgId}" at ${this.baseUrl}${tries}: ${err.message}; check \`wxcc:baseUrl\` and that the backend is reachable`;
    return new TransportError(attempts > 1 ? "RETRIES_EXHAUSTED" : err.code === "TIMEOUT" ? "TIMEOUT" : "NETWORK_ERROR", this.redact(call, message), { cause: err });
  }

  /** Server-provided text could echo anything we sent; strip the token and secrets. */
  private redact(call: Call, text: string): string {
    const s = call.body?.salesforce;
    const c = call.body?.custom;
    return redactSecrets(text, [this.opts.accessToken, s?.privateKey, c?.password, c?.clientSecret]);
  }
}

/** A failure after which the write may or may not have happened. */
function isAnswerLost(err: unknown): boolean {
  if (err instanceof TransportError) return true;
  return err instanceof WxccError && (err.statusCode ?? 0) >= 500;
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
