import type { Dispatcher } from "undici";
import type { AccessTokenSource } from "../auth/token-source";
import { BackendError, codeForResponse, InvalidResponseError, NetworkError, redactSecrets, TimeoutError, type WxccError } from "../errors";
import { exchange, type HttpOutcome, type HttpRequest } from "./http";
import { secretsOf } from "./reconcile";
import { gateFor, type HeldHook, type RateGate } from "./rate-gate";
import { DOWN_WAIT_BOUND_MS, DOWN_WINDOW_BUDGET_MS, isRetryableStatus, MIN_ATTEMPT_TIMEOUT_MS, nextWait, parseRetryAfter } from "./retry-policy";
import type { ErrorBody as BackendErrorBody, ConnectorWrite } from "../../contract";

/** What a retry reports, for progress logs and the bench. */
export interface RetryInfo {
  method: string;
  path: string;
  /** e.g. `PUT connector c-123`. */
  label: string;
  orgId: string;
  /** Number of the attempt that just failed (1 = the first request). */
  attempt: number;
  reason: string;
  delayMs: number;
  /** True when the wait is the backend's `Retry-After` (a 429). */
  asked: boolean;
  /** What the backend's `Retry-After` asked for, in ms, when it sent one. */
  askedMs?: number;
  /** True when the connector is down for this change, so the wait is at most {@link DOWN_WAIT_BOUND_MS}. */
  down: boolean;
}

/**
 * Where a call stands relative to a connector's down window (SPEC §7): `"down"` while a
 * connector that the provider deactivated is down (the edit, the activation, a rollback);
 * `"opening"` for the deactivation itself (its request may take the connector down, so its
 * timeout is bounded, and its waits once an attempt may have landed; a 429 proves it did
 * not). Absent: an ordinary call.
 */
export type Downtime = "down" | "opening";

/** Per-call options every client method takes. */
export interface CallOptions {
  downtime?: Downtime;
  /**
   * When the connector went down (epoch ms), for the calls that end its down window: they
   * stop retrying once {@link DOWN_WINDOW_BUDGET_MS} has passed since (see `retry-policy.ts`).
   */
  downSince?: number;
  /**
   * Hears when an attempt waits in the shared rate gate for other connectors' down windows,
   * and when its turn comes (see `HeldHook`): a deactivation's progress line says so.
   */
  onHeld?: HeldHook;
}

/** One contract call: the request plus how to describe it in a message. */
export interface Operation extends HttpRequest {
  orgId: string;
  /** e.g. `PUT connector c-123`. */
  label: string;
  downtime?: Downtime;
  /** See {@link CallOptions.downSince}. */
  downSince?: number;
  /** See {@link CallOptions.onHeld}. */
  onHeld?: HeldHook;
}

/** A failed attempt, classified. */
type Failure = Exclude<HttpOutcome, { kind: "response" }> | Extract<HttpOutcome, { kind: "response" }>;

/**
 * Why a call stopped retrying early, when the message should say so: the backend asked for
 * a wait over the cap (`refused`), a down window's budget ran out (`budget`), or the call
 * waited its 429 patience out (`patience`).
 */
type Ending = { kind: "refused"; askedMs: number; capMs: number; down: boolean } | { kind: "budget" } | { kind: "patience" };

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
  /** Headers and body timeout of one attempt, in ms (at most {@link DOWN_WAIT_BOUND_MS} in a down window). */
  timeoutMs: number;
  /** Re-sends after the first attempt for 5xx, timeouts, dropped connections, and 429s in a down window. */
  maxRetries: number;
  /** Base of the exponential backoff with full jitter, in ms. */
  retryBaseMs: number;
  /** Total time one call may sleep on 429s outside a down window before it fails. Default {@link RATE_LIMIT_PATIENCE_MS}. */
  rateLimitPatienceMs?: number;
  /** The shared limiter (default: the process-wide one of `baseUrl`). */
  gate?: RateGate;
  onRetry?: (info: RetryInfo) => void;
}

/**
 * Outside a down window a 429 means "slower", not "failed": a call keeps re-sending after
 * each `Retry-After` until it has slept this long on 429s (1 minute). Its turns in the shared
 * rate gate are not counted: there it waits for other connectors' down windows to end.
 */
export const RATE_LIMIT_PATIENCE_MS = 60_000;

/**
 * The call loop every contract operation goes through: sends a request through the
 * process-wide {@link RateGate}, retries what is safe to retry (429 after `Retry-After`,
 * 5xx, lost connections, timeouts; never another 4xx), asks the operation's {@link Plan}
 * whether a request that may have landed already took effect (reconciliation), and maps
 * what finally came back to a `WxccError` with every secret redacted. A 401 is answered once
 * by renewing the token (when the token source can: an OAuth client, not a fixed
 * `wxcc:accessToken`) and re-sending; a 401 proves nothing was applied.
 *
 * Waiting: outside a down window, 429s are re-sent for up to {@link RATE_LIMIT_PATIENCE_MS}
 * after each `Retry-After` of at most 30 s (`MAX_RETRY_AFTER_MS`), and other failures
 * `maxRetries` times with backoff (≤ 8 s). Inside one (`downtime`), every single wait —
 * backoff, `Retry-After`, one request's timeout — is at most {@link DOWN_WAIT_BOUND_MS} (5 s),
 * and 429s count against `maxRetries`. A `Retry-After` above the cap (30 s, or 5 s while
 * down) fails the call at once (`RATE_LIMITED`, naming the wait asked for and the cap):
 * waiting the cap and asking again cannot help, and while down the provider rolls back
 * instead of keeping the connector down.
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
  private readonly patienceMs: number;
  private readonly gate: RateGate;
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
    this.patienceMs = opts.rateLimitPatienceMs ?? RATE_LIMIT_PATIENCE_MS;
    this.gate = opts.gate ?? gateFor(opts.baseUrl);
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
    const boundedTimeoutMs = op.downtime ? Math.min(this.timeoutMs, DOWN_WAIT_BOUND_MS) : this.timeoutMs;
    // The end of the down window's budget, for the calls that end one.
    const budgetEnd = op.downtime === "down" && op.downSince !== undefined ? op.downSince + DOWN_WINDOW_BUDGET_MS : undefined;
    let maybeApplied = false;
    let failures = 0;
    // Time this call has slept on 429s outside a down window. Waits in the shared gate do not
    // count: they are other connectors' down windows being served first, not this call failing.
    let rateLimitedWaitMs = 0;
    let renewed: string | undefined;
    let renewedOnce = false;
    for (let attempt = 1; ; attempt++) {
      const down = op.downtime === "down" || (op.downtime === "opening" && maybeApplied);
      const token = renewed ?? (await this.boundedWhileDown(down, op, () => this.tokens.token()));
      renewed = undefined;
      const pass = await this.gate.acquire({ urgent: down, retry: attempt > 1, window: op.downtime === "opening", onHeld: op.onHeld });
      this.sent++;
      const timeoutMs = budgetEnd === undefined ? boundedTimeoutMs : Math.min(boundedTimeoutMs, Math.max(MIN_ATTEMPT_TIMEOUT_MS, budgetEnd - Date.now()));
      const out = await exchange(this.dispatcher, this.baseUrl, token, op, timeoutMs);
      const rateLimited = out.kind === "response" && out.status === 429;
      const retryAfterMs = rateLimited ? parseRetryAfter(out.headers["retry-after"]) : undefined;
      pass.done(rateLimited ? "throttled" : out.kind === "response" ? "answered" : "no-answer", retryAfterMs);
      if (out.kind === "response" && out.status === 401 && !renewedOnce) {
        renewedOnce = true;
        renewed = await this.boundedWhileDown(down, op, () => this.tokens.renewAfterRejection(token));
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
          throw new InvalidResponseError({
            operation: op.label,
            orgId: op.orgId,
            baseUrl: this.baseUrl,
            statusCode: out.status,
            reason: redactSecrets((err as Error).message, secrets()),
          });
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
      const applied = out.kind === "response" ? !rateLimited : out.sent;
      maybeApplied ||= applied;
      const bounded = op.downtime === "down" || (op.downtime === "opening" && maybeApplied);
      const patient = rateLimited && !bounded;
      if (!patient) failures++;
      let final = patient ? rateLimitedWaitMs >= this.patienceMs : failures > this.maxRetries;
      let ending: Ending | undefined = final && patient ? { kind: "patience" } : undefined;
      if (!final) {
        const wait = nextWait({ attempt: patient ? attempt : failures, baseMs: this.retryBaseMs, retryAfterMs, down: bounded });
        if (wait.kind === "refuse") {
          final = true;
          ending = { kind: "refused", askedMs: wait.askedMs, capMs: wait.capMs, down: bounded };
        } else if (budgetEnd !== undefined && Date.now() + wait.delayMs >= budgetEnd) {
          final = true;
          ending = { kind: "budget" };
        } else {
          this.onRetry?.({
            method: op.method,
            path: op.path,
            label: op.label,
            orgId: op.orgId,
            attempt,
            reason: this.reason(out, secrets()),
            delayMs: wait.delayMs,
            asked: wait.asked,
            askedMs: retryAfterMs,
            down: bounded,
          });
          if (patient) rateLimitedWaitMs += wait.delayMs;
          await new Promise((r) => setTimeout(r, wait.delayMs));
        }
      }
      // On the last failure, any earlier attempt that may have landed is settled too.
      if ((applied || (final && maybeApplied)) && plan.settle) {
        const settled = await plan.settle(final);
        if (settled) return settled.value;
      }
      if (final) throw this.toError(op, out, attempt, secrets(), ending);
    }
  }

  /**
   * Getting an access token (an OAuth client's grant may be under way, or retrying a slow
   * token endpoint) is a wait like any other: while the connector is down it may last at
   * most {@link DOWN_WAIT_BOUND_MS}, then the call fails and the provider rolls back. The
   * grant itself goes on for the next caller.
   */
  private async boundedWhileDown<T>(down: boolean, op: Operation, get: () => Promise<T>): Promise<T> {
    if (!down) return get();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new TimeoutError({
              operation: op.label,
              orgId: op.orgId,
              baseUrl: this.baseUrl,
              reason: `no access token within ${formatSeconds(DOWN_WAIT_BOUND_MS)} (the token endpoint is slow or asked to wait) while the connector is down for this change, so the provider stopped waiting`,
            }),
          ),
        DOWN_WAIT_BOUND_MS,
      );
    });
    const pending = get();
    pending.catch(() => undefined);
    try {
      return await Promise.race([pending, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private reason(out: Failure, secrets: string[]): string {
    if (out.kind !== "response") return redactSecrets(out.reason, secrets);
    return `${out.status} ${codeForResponse(out.status, errorBody(out.text)?.code)}`;
  }

  private toError(op: Operation, out: Failure, attempts: number, secrets: string[], ending?: Ending): WxccError {
    const base = { operation: op.label, orgId: op.orgId, baseUrl: this.baseUrl, attempts };
    if (out.kind !== "response") {
      const reason = redactSecrets(out.reason, secrets) + (ending?.kind === "budget" ? `; ${budgetRemedy(op)}` : "");
      return out.kind === "timeout" ? new TimeoutError({ ...base, reason }) : new NetworkError({ ...base, reason });
    }
    const body = errorBody(out.text);
    const header = out.headers.trackingid;
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
      remedy: this.remedy(op, ending),
    });
  }

  /** The "what to do" of a call that stopped early; `undefined`: the code's usual hint. */
  private remedy(op: Operation, ending: Ending | undefined): string | undefined {
    switch (ending?.kind) {
      case "refused":
        return ending.down ? refusedWhileDownRemedy(ending.askedMs, ending.capMs) : refusedWaitRemedy(ending.askedMs, ending.capMs);
      case "budget":
        return budgetRemedy(op);
      case "patience":
        return patienceRemedy(this.patienceMs);
      default:
        return undefined;
    }
  }
}

/** Why a call in a down window gave up on a 429 instead of waiting. */
function refusedWhileDownRemedy(askedMs: number, capMs: number): string {
  return (
    `the backend asked to wait ${formatSeconds(askedMs)} (Retry-After), but the connector is down for this change and no single wait ` +
    `while it is down may exceed ${formatSeconds(capMs)}, so the provider gave up at once instead of waiting; run \`pulumi up\` again once the backend accepts requests`
  );
}

/**
 * Why an ordinary call gave up on a 429 at once: the backend asked for more than the
 * provider ever waits at once. Fewer calls at a time (`--parallel`) would not shorten it.
 */
function refusedWaitRemedy(askedMs: number, capMs: number): string {
  return (
    `the backend asked to wait ${formatSeconds(askedMs)} (Retry-After), more than the provider waits at once (${formatSeconds(capMs)}), ` +
    "so it gave up at once instead of waiting; run the same command again once that time has passed"
  );
}

/** Why an ordinary call gave up after many short 429s: here fewer calls at once can help. */
function patienceRemedy(patienceMs: number): string {
  return (
    `the backend kept rate limiting this token through ${formatSeconds(patienceMs)} of waiting, the most one call waits; ` +
    "run the same command again later, or with a lower `--parallel` so fewer calls compete for the limit"
  );
}

/** Why a call that ends a down window stopped retrying before its attempts ran out. */
function budgetRemedy(op: Operation): string {
  const down = op.downSince === undefined ? "" : ` (down for ${formatSeconds(Date.now() - op.downSince)})`;
  return (
    `the connector is down for this change${down} and the calls that bring it back may retry for at most ${formatSeconds(DOWN_WINDOW_BUDGET_MS)}, ` +
    "so the provider stopped retrying; run `pulumi up` again once the backend answers"
  );
}

/** `86400 s`, `1.5 s`. */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
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
