import type { Dispatcher } from "undici";
import { fixedToken, sharedTokenSource, type WebexOAuthClient } from "../auth";
import { BackendError, WxccError } from "../errors";
import { type CallOptions, CallLoop, type Operation, type RetryInfo } from "./call-loop";
import { sharedAgent, type HttpRequest } from "./http";
import { type DownWindow, gateFor, type HeldHook, type RateGate } from "./rate-gate";
import { reportLongWait } from "./long-wait";
import { carriesSecret, findByName, matchesWrite } from "./reconcile";
import type { Connector, ConnectorType, ConnectorWrite } from "../../contract";

export type { CallOptions, Downtime, RetryInfo } from "./call-loop";

/** How to reach the backend. `baseUrl` and one of `accessToken` and `oauthClient` are required. */
export interface ClientOptions {
  /** e.g. `http://127.0.0.1:8787`, without `/v1`. */
  baseUrl: string;
  /** Fixed bearer token; never logged, never in an error message. */
  accessToken?: string;
  /**
   * A Webex OAuth client instead of a fixed token: access tokens are minted with the
   * `refresh_token` grant on first use, renewed before expiry and once after a 401, and
   * shared by every client of this process with the same OAuth client (see
   * `sharedTokenSource`; the first client's dispatcher serves its grants).
   */
  oauthClient?: WebexOAuthClient;
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
  /** Time one call may wait on 429s outside a down window before failing, in ms. Default 60000. */
  rateLimitPatienceMs?: number;
  /** The limiter shared with other clients (tests inject one). Default: the process-wide gate of `baseUrl`. */
  gate?: RateGate;
  /** Called before each re-send. Default: a progress line for waits of 2 s or more (`rate limited: waiting 30 s as the backend asked…`). */
  onRetry?: (info: RetryInfo) => void;
}

const seg = encodeURIComponent;

/**
 * Client for the connector backend contract (SPEC §3), with retries and reconciliation so
 * a lost response never duplicates or half-applies a change.
 *
 * Retry decisions (each method's TSDoc repeats its own):
 * - Retried: 429 (after `Retry-After`), 500/502/503/504, dropped or refused connections and
 *   timeouts. Never another 4xx. Every request passes the process-wide rate gate, which
 *   slows all of them down together after a 429.
 * - Calls made while a connector is down (`{ downtime: "down" }`, see `CallOptions`) never
 *   wait longer than 5 s at once and give up on a longer `Retry-After` (see `CallLoop`).
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
  private readonly loop: CallLoop;
  private readonly gate: RateGate;

  constructor(opts: ClientOptions) {
    if (!opts?.baseUrl) throw new WxccError("INVALID_ARGUMENT", "opts.baseUrl must be defined (e.g. http://127.0.0.1:8787)");
    if (!opts.accessToken && !opts.oauthClient) throw new WxccError("INVALID_ARGUMENT", "opts.accessToken or opts.oauthClient must be defined");
    const baseUrl = opts.baseUrl.replace(/\/+$/, "");
    const dispatcher = opts.dispatcher ?? sharedAgent(opts.connectTimeoutMs ?? 10_000);
    const timeoutMs = opts.requestTimeoutMs ?? 30_000;
    this.gate = opts.gate ?? gateFor(baseUrl);
    this.loop = new CallLoop({
      baseUrl,
      tokens: opts.oauthClient ? sharedTokenSource(opts.oauthClient, { dispatcher, timeoutMs }) : fixedToken(opts.accessToken!),
      dispatcher,
      timeoutMs,
      maxRetries: opts.maxRetries ?? 4,
      retryBaseMs: opts.retryBaseMs ?? 250,
      rateLimitPatienceMs: opts.rateLimitPatienceMs,
      gate: this.gate,
      onRetry: opts.onRetry ?? reportLongWait,
    });
  }

  /**
   * Waits for the shared rate gate to allow one more connector down, and returns the
   * window: call `wentDown()` once the deactivation landed and the window itself when the
   * connector is back up or gone (see `RateGate.openWindow`). Lifecycle code opens one
   * around deactivate → … → activate, so a rate-limited backend serves the connectors
   * already down before another is taken down. `onHeld` hears when this one waits for
   * another connector's window, and when its turn comes (see `HeldHook`).
   *
   * @example
   * ```ts
   * const close = await client.openDownWindow(() => { report("waiting…"); return undefined; });
   * try { await deactivate(); close.wentDown(); … } finally { close(); }
   * ```
   */
  openDownWindow(onHeld?: HeldHook): Promise<DownWindow> {
    return this.gate.openWindow(onHeld);
  }

  /** Number of HTTP requests sent (including retries) — for bench/ call counts. */
  get requestCount(): number {
    return this.loop.requestCount;
  }

  /** `GET /connectors` (optionally `?type=`). */
  async list(orgId: string, type?: ConnectorType): Promise<Connector[]> {
    const query = type ? `?type=${seg(type)}` : "";
    const op = this.op("GET", orgId, `${this.base(orgId)}${query}`, "GET connector list", {});
    return this.loop.run(op, { parse: (_s, json) => (json as { items?: Connector[] })?.items ?? [] });
  }

  /** `GET /connectors/{id}`; `undefined` when it does not exist. */
  async get(orgId: string, id: string, opts: CallOptions = {}): Promise<Connector | undefined> {
    const op = this.op("GET", orgId, this.item(orgId, id), `GET connector ${id}`, opts);
    return this.loop.run(op, { accept: [404], parse: (s, json) => (s === 404 ? undefined : (json as Connector)) });
  }

  /**
   * `POST /connectors` → the new ACTIVE connector. Never creates a duplicate: after a lost
   * response it looks the connector up by name and returns it when its non-secret settings
   * match; a re-sent POST answered with 409 NAME_CONFLICT is checked the same way.
   */
  async create(orgId: string, body: ConnectorWrite): Promise<Connector> {
    const op = this.op("POST", orgId, this.base(orgId), `POST new connector "${body?.name}"`, {}, body);
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
    return this.loop.run(op, {
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
  async replace(orgId: string, id: string, body: ConnectorWrite, opts: CallOptions & { ifMatch?: number } = {}): Promise<Connector> {
    const op = this.op("PUT", orgId, this.item(orgId, id), `PUT connector ${id}`, opts, body, opts.ifMatch);
    const check = async (): Promise<{ value: Connector } | undefined> => {
      const live = await this.get(orgId, id, opts).catch(() => undefined);
      if (!live || !matchesWrite(live, body)) return undefined;
      if (opts.ifMatch !== undefined ? live.version > opts.ifMatch : !carriesSecret(body)) return { value: live };
      return undefined;
    };
    return this.loop.run(op, {
      parse: (_s, json) => json as Connector,
      settle: check,
      settleRefusal: async (_status, code) => (code === "VERSION_MISMATCH" ? check() : undefined),
    });
  }

  /**
   * `POST /connectors/{id}/deactivate` → INACTIVE. Idempotent, so always safe to re-send;
   * when retries run out after answers that may have been lost, the connector is read and
   * returned if it is INACTIVE (the deactivation landed). With `ifMatch` the backend refuses
   * with 412 VERSION_MISMATCH when the connector's version is not that one (RFC 9110
   * conditional request); a 412 answering a re-send is success when the read shows the
   * connector INACTIVE at `ifMatch + 1` (the first attempt landed).
   */
  async deactivate(orgId: string, id: string, opts: CallOptions & { ifMatch?: number } = {}): Promise<Connector> {
    const op = this.op("POST", orgId, `${this.item(orgId, id)}/deactivate`, `POST deactivate connector ${id}`, opts, undefined, opts.ifMatch);
    const ifInactive = async (): Promise<{ value: Connector } | undefined> => {
      // Once it may have landed, the connector may be down: the read is as bounded as the call.
      const live = await this.get(orgId, id, { downtime: opts.downtime && "down" }).catch(() => undefined);
      return live?.status === "INACTIVE" ? { value: live } : undefined;
    };
    const landed = async (_status: number, code: string): Promise<{ value: Connector } | undefined> => {
      if (code !== "VERSION_MISMATCH" || opts.ifMatch === undefined) return undefined;
      const settled = await ifInactive();
      return settled?.value.version === opts.ifMatch + 1 ? settled : undefined;
    };
    return this.loop.run(op, { parse: (_s, json) => json as Connector, settle: async (final) => (final ? ifInactive() : undefined), settleRefusal: landed });
  }

  /**
   * `POST /connectors/{id}/activate` → ACTIVE (validates connectivity). Idempotent in
   * effect; when a re-send is refused or retries run out after a lost response, the
   * connector is read and returned if it is ACTIVE.
   *
   * `ifMatch` is the version the caller last saw (INACTIVE). It goes as `If-Match`, so an
   * activation that reaches the backend after its client gave up cannot switch on a
   * connector that was deactivated since (the backend answers 412 and changes nothing). A
   * caller that does want it up gets it up: on 412 the connector is read, and if it is
   * INACTIVE at another version the activation is sent once more with that version.
   */
  async activate(orgId: string, id: string, opts: CallOptions & { ifMatch?: number } = {}): Promise<Connector> {
    try {
      return await this.activateOnce(orgId, id, opts);
    } catch (err) {
      if (opts.ifMatch === undefined || !(err instanceof BackendError) || err.code !== "VERSION_MISMATCH") throw err;
      const live = await this.get(orgId, id, opts);
      if (live?.status === "ACTIVE") return live;
      return this.activateOnce(orgId, id, { ...opts, ifMatch: live?.version });
    }
  }

  private async activateOnce(orgId: string, id: string, opts: CallOptions & { ifMatch?: number }): Promise<Connector> {
    const op = this.op("POST", orgId, `${this.item(orgId, id)}/activate`, `POST activate connector ${id}`, opts, undefined, opts.ifMatch);
    const ifActive = async (): Promise<{ value: Connector } | undefined> => {
      const live = await this.get(orgId, id, opts).catch(() => undefined);
      return live?.status === "ACTIVE" ? { value: live } : undefined;
    };
    return this.loop.run(op, {
      parse: (_s, json) => json as Connector,
      settle: async (final) => (final ? ifActive() : undefined),
      settleRefusal: () => ifActive(),
    });
  }

  /**
   * `DELETE /connectors/{id}` (only while INACTIVE). 404 counts as success, so re-sends are
   * safe; when retries run out after answers that may have been lost, a read showing the
   * connector gone is success too. With `ifMatch` the backend refuses with 412
   * VERSION_MISMATCH when the connector's version is not that one.
   */
  async delete(orgId: string, id: string, opts: CallOptions & { ifMatch?: number } = {}): Promise<void> {
    const op = this.op("DELETE", orgId, this.item(orgId, id), `DELETE connector ${id}`, opts, undefined, opts.ifMatch);
    const ifGone = async (): Promise<{ value: undefined } | undefined> => {
      const gone = await this.get(orgId, id, opts).then(
        (live) => live === undefined,
        () => false,
      );
      return gone ? { value: undefined } : undefined;
    };
    await this.loop.run(op, { accept: [404], parse: () => undefined, settle: async (final) => (final ? ifGone() : undefined) });
  }

  private base(orgId: string): string {
    if (typeof orgId !== "string" || orgId === "") throw new WxccError("INVALID_ARGUMENT", "orgId must be a non-empty string");
    return `/v1/organizations/${seg(orgId)}/connectors`;
  }

  private item(orgId: string, id: string): string {
    if (typeof id !== "string" || id === "") throw new WxccError("INVALID_ARGUMENT", "id must be a non-empty string");
    return `${this.base(orgId)}/${seg(id)}`;
  }

  private op(method: HttpRequest["method"], orgId: string, path: string, label: string, opts: CallOptions, body?: unknown, ifMatch?: number): Operation {
    return { method, orgId, path, label, body, ifMatch, downtime: opts.downtime, downSince: opts.downSince, onHeld: opts.onHeld };
  }
}
