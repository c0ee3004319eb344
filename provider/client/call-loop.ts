import type { Dispatcher } from "undici";
import type { AccessTokenSource } from "../auth/token-source";
import { BackendError, codeForResponse, InvalidResponseError, NetworkError, redactSecrets, TimeoutError, type WxccError } from "../errors";
import { exchange, type HttpOutcome, type HttpRequest } from "./http";
import { secretsOf } from "./reconcile";
import { backoffMs, isRetryableStatus, parseRetryAfter } from "./retry-policy";
import type { ErrorBody as BackendErrorBody, ConnectorWrite } from "../../contract";

/** What a retry reports, for progress logs and the bench. */
export interface RetryInfo {
  method: string;
  path: string;
  /** Number of the attempt that just failed (1 = the first request). */
  attempt: number;
  reason: string;
  delayMs: number;
}

/** One contract call: the request plus how to describe it in a message. */
export interface Operation extends HttpRequest {
  orgId: string;
  /** e.g. `PUT connector c-123`. */
  label: string;
}

/** A failed attempt, classified. */
type Failure = Exclude<HttpOutcome, { kind: "response" }> | Extract<HttpOutcome, { kind: "response" }>;

/** Per-method behaviour of the retry loop. A hook returns `{ value }` to settle the call. */
export interface Plan<T> {
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

/** What the loop needs to send a request: resolved client options. */
export interface CallLoopOptions {
  baseUrl: string;
  /** Where each request's bearer token comes from; a 401 asks it once for a renewed one. */
  tokens: AccessTokenSource;
  dispatcher: Dispatcher;
  /** Headers and body timeout of one attempt, in ms. */
  timeoutMs: number;
  /** Re-sends after the first attempt. */
  maxRetries: number;
  /** Base of the exponential backoff with full jitter, in ms. */
  retryBaseMs: number;
  onRetry?: (info: RetryInfo) => void;
}

/**
 * The call loop every contract operation goes through: sends a request, retries what is
 * safe to retry (429 after `Retry-After`, 5xx, lost connections, timeouts; never another
 * 4xx), asks the operation's {@link Plan} whether a request that may have landed already
 * took effect (reconciliation), and maps what finally came back to a `WxccError` with
 * every secret redacted. A 401 is answered once by renewing the token (when the token
 * source can: an OAuth client, not a fixed `wxcc:accessToken`) and re-sending; a 401 proves
 * nothing was applied.
 *
 * @example
 * ```ts
 * const loop = new CallLoop({ baseUrl, tokens: fixedToken(accessToken), dispatcher, timeoutMs: 30_000, maxRetries: 4, retryBaseMs: 250 });
 * const items = await loop.run({ method: "GET", orgId, path, label: "GET connector list" }, { parse: (_s, json) => json });
 * ```
 */
export class CallLoop {
  private readonly baseUrl: string;
  declare private readonly tokens: AccessTokenSource;
  private readonly dispatcher: Dispatcher;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly retryBaseMs: number;
  private readonly onRetry?: (info: RetryInfo) => void;
  private sent = 0;

  constructor(opts: CallLoopOptions) {
    this.baseUrl = opts.baseUrl;
    // Not enumerable: a client printed with util.inspect or JSON.stringify shows no token.
    Object.defineProperty(this, "tokens", { value: opts.tokens, enumerable: false });
    this.dispatcher = opts.dispatcher;
    this.timeoutMs = opts.timeoutMs;
    this.maxRetries = opts.maxRetries;
    this.retryBaseMs = opts.retryBaseMs;
    this.onRetry = opts.onRetry;
  }

  /** Number of HTTP requests sent (including retries). */
  get requestCount(): number {
    return this.sent;
  }

  /** Runs one operation to its result or its error; see the class comment for the policy. */
  async run<T>(op: Operation, plan: Plan<T>): Promise<T> {
    const bodySecrets = secretsOf(op.body as ConnectorWrite | undefined);
    // Read when needed: the token source learns every token it mints.
    const secrets = () => [...this.tokens.secrets(), ...bodySecrets];
    let maybeApplied = false;
    let renewed: string | undefined;
    let renewedOnce = false;
    for (let attempt = 1; ; attempt++) {
      const token = renewed ?? (await this.tokens.token());
      renewed = undefined;
      this.sent++;
      const out = await exchange(this.dispatcher, this.baseUrl, token, op, this.timeoutMs);
      if (out.kind === "response" && out.status === 401 && !renewedOnce) {
        renewedOnce = true;
        renewed = await this.tokens.renewAfterRejection(token);
        if (renewed !== undefined) {
          // Not an attempt of its own: the backend refused the credential, not the request.
          attempt--;
          continue;
        }
      }
      if (out.kind === "response" && ((out.status >= 200 && out.status < 300) || plan.accept?.includes(out.status))) {
        let json: unknown;
        try {
          json = out.text ? JSON.parse(out.text) : undefined;
        } catch (err) {
          throw new InvalidResponseError({ operation: op.label, orgId: op.orgId, baseUrl: this.baseUrl, statusCode: out.status, reason: redactSecrets((err as Error).message, secrets()) });
        }
        return plan.parse(out.status, json);
      }
      const retryable = out.kind !== "response" || isRetryableStatus(out.status);
      if (!retryable) {
        if (maybeApplied && plan.settleRefusal && out.kind === "response") {
          const settled = await plan.settleRefusal(out.status, String(errorBody(out.text)?.code ?? ""));
          if (settled) return settled.value;
        }
        throw this.toError(op, out, attempt, secrets());
      }
      // A 429 or a refused connection provably did nothing; anything else may have.
      const applied = out.kind === "response" ? out.status !== 429 : out.sent;
      maybeApplied ||= applied;
      const final = attempt > this.maxRetries;
      if (!final) {
        const retryAfter = out.kind === "response" && out.status === 429 ? parseRetryAfter(out.headers["retry-after"]) : undefined;
        const delayMs = retryAfter ?? backoffMs(attempt, this.retryBaseMs);
        this.onRetry?.({ method: op.method, path: op.path, attempt, reason: this.reason(out, secrets()), delayMs });
        await new Promise((r) => setTimeout(r, delayMs));
      }
      if (applied && plan.settle) {
        const settled = await plan.settle(final);
        if (settled) return settled.value;
      }
      if (final) throw this.toError(op, out, attempt, secrets());
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
      auth: this.tokens.kind,
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
