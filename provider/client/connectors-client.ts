import type { Dispatcher } from "undici";
import { BackendError, codeForResponse, InvalidResponseError, NetworkError, redactSecrets, TimeoutError, WxccError } from "../errors";
import { exchange, sharedAgent, type HttpOutcome, type HttpRequest } from "./http";
import { carriesSecret, findByName, matchesWrite, secretsOf } from "./reconcile";
import { backoffMs, isRetryableStatus, parseRetryAfter } from "./retry-policy";
import type { BackendErrorBody, Connector, ConnectorType, ConnectorWrite } from "./types";

/** What a retry reports, for progress logs and the bench. */
export interface RetryInfo {
  method: string;
  path: string;
  /** Number of the attempt that just failed (1 = the first request). */
  attempt: number;
  reason: string;
  delayMs: number;
}

/** How to reach the backend. Only `baseUrl` and `accessToken` are required. */
export interface ClientOptions {
  /** e.g. `http://127.0.0.1:8787`, without `/v1`. */
  baseUrl: string;
  /** Bearer token; never logged, never in an error message. */
  accessToken: string;
  /** Injected by tests (MockAgent); default: a shared keep-alive Agent with a connect timeout. */
  dispatcher?: Dispatcher;
  /** Headers and body timeout of one attempt. Default 30000. */
  requestTimeoutMs?: number;
  /** TCP connect timeout of the default dispatcher. Default 10000. */
  connectTimeoutMs?: number;
  /** Re-sends after the first attempt. Default 4. */
  maxRetries?: number;
  /** Base of the exponential backoff with full jitter (capped at 8 s). Default 250. */
  retryBaseMs?: number;
  onRetry?: (info: RetryInfo) => void;
}

/** One contract call: the request plus how to describe it in a message. */
interface Operation extends HttpRequest {
  orgId: string;
  /** e.g. `PUT connector c-123`. */
  label: string;
}

/** A failed attempt, classified. */
type Failure = Exclude<HttpOutcome, { kind: "response" }> | Extract<HttpOutcome, { kind: "response" }>;

/** Per-method behaviour of the retry loop. A hook returns `{ value }` to settle the call. */
interface Plan<T> {
  /** Statuses that count as success besides 2xx (404 for get/delete). */
  accept?: number[];
  parse(status: number, json: unknown): T;
  /**
   * Called after a failure that may have reached the backend (lost response, timeout, 5xx),
   * before re-sending and once more when retries are exhausted: decides from a read whether
   * the request already took effect.
   */
  settle?(final: boolean): Promise<{ value: T } | undefined>;
  /** Called on a non-retryable error answering a re-send whose earlier attempt may have been applied. */
  settleRefusal?(status: number, code: string): Promise<{ value: T } | undefined>;
}

const seg = encodeURIComponent;

/**
 * Client for the connector backend contract (SPEC §3), with retries and reconciliation so
 * a lost response never duplicates or half-applies a change.
 *
 * Retry decisions (each method's TSDoc repeats its own):
 * - Retried: 429 (after `Retry-After`), 500/502/503/504, dropped or refused connections and
 *   timeouts. Never another 4xx.
 * - GET and `deactivate` are safe to repeat. `activate` and DELETE are idempotent in effect.
 * - PUT is a full replacement, so a re-send converges to the same state; still, after a
 *   response that may have been applied it first reads the connector to avoid a needless
 *   second version bump, and with `If-Match` a 412 on a re-send is checked the same way.
 * - `create` is never re-sent blindly: after a lost response it looks the connector up by
 *   name and only re-sends when it does not exist.
 *
 * @example
 * ```ts
 * const client = new ConnectorsClient({ baseUrl: "http://127.0.0.1:8787", accessToken: token });
 * const c = await client.create("demo", { type: "CUSTOM", name: "crm", custom: { authenticationType: "BASIC", domainUrl: "https://crm.example.com", username: "svc", password } });
 * await client.deactivate("demo", c.id);
 * await client.delete("demo", c.id);
 * ```
 */
export class ConnectorsClient {
  private readonly baseUrl: string;
  declare private readonly token: string;
  private readonly dispatcher: Dispatcher;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;
  private readonly onRetry?: (info: RetryInfo) => void;
  private sent = 0;

  constructor(opts: ClientOptions) {
    if (!opts?.baseUrl) throw new WxccError("INVALID_ARGUMENT", "opts.baseUrl must be defined (e.g. http://127.0.0.1:8787)");
    if (!opts.accessToken) throw new WxccError("INVALID_ARGUMENT", "opts.accessToken must be defined");
    this.baseUrl = opts.baseUrl.replace(/\/+$/, "");
    // Not enumerable: a client printed with util.inspect or JSON.stringify shows no token.
    Object.defineProperty(this, "token", { value: opts.accessToken, enumerable: false });
    this.dispatcher = opts.dispatcher ?? sharedAgent(opts.connectTimeoutMs ?? 10_000);
    this.timeoutMs = opts.requestTimeoutMs ?? 30_000;
    this.maxRetries = opts.maxRetries ?? 4;
    this.retryBaseMs = opts.retryBaseMs ?? 250;
    this.onRetry = opts.onRetry;
  }

  /** Number of HTTP requests sent (including retries) — for bench/ call counts. */
  get requestCount(): number {
    return this.sent;
  }

  /** `GET /connectors` (optionally `?type=`). */
  async list(orgId: string, type?: ConnectorType): Promise<Connector[]> {
    const query = type ? `?type=${seg(type)}` : "";
    const op = this.op("GET", orgId, `${this.base(orgId)}${query}`, "GET connector list");
    return this.run(op, { parse: (_s, json) => ((json as { items?: Connector[] })?.items ?? []) });
  }

  /** `GET /connectors/{id}`; `undefined` when it does not exist. */
  async get(orgId: string, id: string): Promise<Connector | undefined> {
    const op = this.op("GET", orgId, this.item(orgId, id), `GET connector ${id}`);
    return this.run(op, { accept: [404], parse: (s, json) => (s === 404 ? undefined : (json as Connector)) });
  }

  /**
   * `POST /connectors` → the new ACTIVE connector. Never creates a duplicate: after a lost
   * response it looks the connector up by name and returns it when its non-secret settings
   * match; a re-sent POST answered with 409 NAME_CONFLICT is checked the same way.
   */
  async create(orgId: string, body: ConnectorWrite): Promise<Connector> {
    const op = this.op("POST", orgId, this.base(orgId), `POST new connector "${body?.name}"`, body);
    const lookup = async (): Promise<{ value: Connector } | undefined> => {
      let found: Connector | undefined;
      try {
        found = findByName(await this.list(orgId, body.type), body.name, body.type);
      } catch (err) {
        throw new WxccError(
          (err as WxccError).code ?? "NETWORK_ERROR",
          `The response to ${op.label} in org "${orgId}" was lost and looking it up by name failed, so it may or may not exist: ${(err as Error).message}. Run \`pulumi up\` again once the backend answers: if it was created, the backend refuses the name with NAME_CONFLICT and names its id; adopt it with the \`connectorId\` input`,
          { cause: err },
        );
      }
      if (!found) return undefined;
      if (matchesWrite(found, body, true)) return { value: found };
      throw new BackendError({
        operation: op.label,
        orgId,
        statusCode: 409,
        code: "NAME_CONFLICT",
        serverMessage: `connector ${found.id} already has this name with different settings`,
      });
    };
    return this.run(op, {
      parse: (_s, json) => json as Connector,
      settle: lookup,
      settleRefusal: async (_status, code) => (code === "NAME_CONFLICT" ? lookup().catch(() => undefined) : undefined),
    });
  }

  /**
   * `PUT /connectors/{id}` (only while INACTIVE). With `ifMatch` the backend refuses with
   * 412 when the version moved. After a response that may have been applied, the live
   * connector decides: with `ifMatch`, a higher version showing the request's non-secret
   * fields is success; without it, equal fields count only when the body sets no secret
   * (a read cannot show that a secret changed), otherwise the PUT is re-sent, which is safe
   * because a full replacement with the same body converges to the same state.
   */
  async replace(orgId: string, id: string, body: ConnectorWrite, opts: { ifMatch?: number } = {}): Promise<Connector> {
    const op = this.op("PUT", orgId, this.item(orgId, id), `PUT connector ${id}`, body, opts.ifMatch);
    const check = async (): Promise<{ value: Connector } | undefined> => {
      const live = await this.get(orgId, id).catch(() => undefined);
      if (!live || !matchesWrite(live, body)) return undefined;
      if (opts.ifMatch !== undefined ? live.version > opts.ifMatch : !carriesSecret(body)) return { value: live };
      return undefined;
    };
    return this.run(op, {
      parse: (_s, json) => json as Connector,
      settle: check,
      settleRefusal: async (_status, code) => (code === "VERSION_MISMATCH" ? check() : undefined),
    });
  }

  /**
   * `POST /connectors/{id}/deactivate` → INACTIVE. Idempotent, so always safe to re-send;
   * when retries run out after answers that may have been lost, the connector is read and
   * returned if it is INACTIVE (the deactivation landed).
   */
  async deactivate(orgId: string, id: string): Promise<Connector> {
    const op = this.op("POST", orgId, `${this.item(orgId, id)}/deactivate`, `POST deactivate connector ${id}`);
    const ifInactive = async (): Promise<{ value: Connector } | undefined> => {
      const live = await this.get(orgId, id).catch(() => undefined);
      return live?.status === "INACTIVE" ? { value: live } : undefined;
    };
    return this.run(op, { parse: (_s, json) => json as Connector, settle: async (final) => (final ? ifInactive() : undefined) });
  }

  /**
   * `POST /connectors/{id}/activate` → ACTIVE (validates connectivity). Idempotent in
   * effect; when a re-send is refused or retries run out after a lost response, the
   * connector is read and returned if it is ACTIVE.
   */
  async activate(orgId: string, id: string): Promise<Connector> {
    const op = this.op("POST", orgId, `${this.item(orgId, id)}/activate`, `POST activate connector ${id}`);
    const ifActive = async (): Promise<{ value: Connector } | undefined> => {
      const live = await this.get(orgId, id).catch(() => undefined);
      return live?.status === "ACTIVE" ? { value: live } : undefined;
    };
    return this.run(op, {
      parse: (_s, json) => json as Connector,
      settle: async (final) => (final ? ifActive() : undefined),
      settleRefusal: () => ifActive(),
    });
  }

  /**
   * `DELETE /connectors/{id}` (only while INACTIVE). 404 counts as success, so re-sends are
   * safe; when retries run out after answers that may have been lost, a read showing the
   * connector gone is success too.
   */
  async delete(orgId: string, id: string): Promise<void> {
    const op = this.op("DELETE", orgId, this.item(orgId, id), `DELETE connector ${id}`);
    const ifGone = async (): Promise<{ value: undefined } | undefined> => {
      const gone = await this.get(orgId, id).then(
        (live) => live === undefined,
        () => false,
      );
      return gone ? { value: undefined } : undefined;
    };
    await this.run(op, { accept: [404], parse: () => undefined, settle: async (final) => (final ? ifGone() : undefined) });
  }

  private base(orgId: string): string {
    if (typeof orgId !== "string" || orgId === "") throw new WxccError("INVALID_ARGUMENT", "orgId must be a non-empty string");
    return `/v1/organizations/${seg(orgId)}/connectors`;
  }

  private item(orgId: string, id: string): string {
    if (typeof id !== "string" || id === "") throw new WxccError("INVALID_ARGUMENT", "id must be a non-empty string");
    return `${this.base(orgId)}/${seg(id)}`;
  }

  private op(method: HttpRequest["method"], orgId: string, path: string, label: string, body?: unknown, ifMatch?: number): Operation {
    return { method, orgId, path, label, body, ifMatch };
  }

  /** The retry loop shared by every method; see the class comment for the policy. */
  private async run<T>(op: Operation, plan: Plan<T>): Promise<T> {
    const secrets = [this.token, ...secretsOf(op.body as ConnectorWrite | undefined)];
    let maybeApplied = false;
    for (let attempt = 1; ; attempt++) {
      this.sent++;
      const out = await exchange(this.dispatcher, this.baseUrl, this.token, op, this.timeoutMs);
      if (out.kind === "response" && ((out.status >= 200 && out.status < 300) || plan.accept?.includes(out.status))) {
        let json: unknown;
        try {
          json = out.text ? JSON.parse(out.text) : undefined;
        } catch (err) {
          throw new InvalidResponseError({ operation: op.label, orgId: op.orgId, baseUrl: this.baseUrl, statusCode: out.status, reason: redactSecrets((err as Error).message, secrets) });
        }
        return plan.parse(out.status, json);
      }
      const retryable = out.kind !== "response" || isRetryableStatus(out.status);
      if (!retryable) {
        if (maybeApplied && plan.settleRefusal && out.kind === "response") {
          const settled = await plan.settleRefusal(out.status, String(errorBody(out.text)?.code ?? ""));
          if (settled) return settled.value;
        }
        throw this.toError(op, out, attempt, secrets);
      }
      // A 429 or a refused connection provably did nothing; anything else may have.
      const applied = out.kind === "response" ? out.status !== 429 : out.sent;
      maybeApplied ||= applied;
      const final = attempt > this.maxRetries;
      if (!final) {
        const retryAfter = out.kind === "response" && out.status === 429 ? parseRetryAfter(out.headers["retry-after"]) : undefined;
        const delayMs = retryAfter ?? backoffMs(attempt, this.retryBaseMs);
        this.onRetry?.({ method: op.method, path: op.path, attempt, reason: this.reason(out, secrets), delayMs });
        await new Promise((r) => setTimeout(r, delayMs));
      }
      if (applied && plan.settle) {
        const settled = await plan.settle(final);
        if (settled) return settled.value;
      }
      if (final) throw this.toError(op, out, attempt, secrets);
    }
  }

  private reason(out: Failure, secrets: string[]): string {
    if (out.kind !== "response") return redactSecrets(out.reason, secrets);
    return `${out.status} ${codeForResponse(out.status, errorBody(out.text)?.code)}`;
  }

  private toError(op: Operation, out: Failure, attempts: number, secrets: string[]): WxccError {
    const base = { operation: op.label, orgId: op.orgId, baseUrl: this.baseUrl, attempts };
    if (out.kind !== "response") {
      const reason = redactSecrets(out.reason, secrets);
      return out.kind === "timeout" ? new TimeoutError({ ...base, reason }) : new NetworkError({ ...base, reason });
    }
    const body = errorBody(out.text);
    const header = out.headers["trackingid"];
    return new BackendError({
      operation: op.label,
      orgId: op.orgId,
      attempts,
      statusCode: out.status,
      code: codeForResponse(out.status, body?.code),
      serverMessage: body?.message ? redactSecrets(String(body.message), secrets) : undefined,
      trackingId: body?.trackingId ?? (Array.isArray(header) ? header[0] : header),
      details: body?.details?.map((d) => ({ field: redactSecrets(String(d.field), secrets), reason: redactSecrets(String(d.reason), secrets) })),
      retryAfterMs: out.status === 429 ? parseRetryAfter(out.headers["retry-after"]) : undefined,
    });
  }
}

/** The contract error body, when the text is one. */
function errorBody(text: string): Partial<BackendErrorBody> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" ? (v as Partial<BackendErrorBody>) : undefined;
  } catch {
    return undefined;
  }
}
