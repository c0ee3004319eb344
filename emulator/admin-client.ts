import { request, type Dispatcher } from "undici";
import type { FaultSpec, ActiveFault } from "./faults";
import type { ConnectorEvent, RequestLogEntry } from "./logs";

/** An admin API call that did not succeed; carries the status and the error body. */
export class EmulatorAdminError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string | undefined,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    this.name = "EmulatorAdminError";
  }
}

/**
 * Client of the emulator's admin API (SPEC §5). Tests, the demo and the examples use it
 * to register IdP apps, clients and users, inject faults, and read the logs.
 *
 * @example
 * const admin = new EmulatorAdmin(emu.url, emu.adminToken);
 * await admin.registerSalesforceApp({ clientId: "3MVG9", publicKeyPem, users: ["ops@example.com"] });
 * await admin.injectFault({ method: "POST", path: "/activate$", status: 503, times: 1 });
 */
export class EmulatorAdmin {
  private readonly base: string;

  constructor(
    url: string,
    private readonly adminToken: string,
    private readonly dispatcher?: Dispatcher,
  ) {
    this.base = url.replace(/\/+$/, "");
  }

  /** Registers (or replaces) a Salesforce Connected App: consumer key, public key or certificate, approved users. */
  async registerSalesforceApp(a: { clientId: string; publicKeyPem: string; users: string[] }): Promise<void> {
    await this.call("POST", "/_admin/salesforce/apps", a);
  }

  /** Registers (or replaces) an OAuth 2.0 client; `scopes` absent allows any scope; `users` serve the password grant. */
  async registerOAuthClient(c: {
    clientId: string;
    clientSecret: string;
    scopes?: string[];
    users?: Array<{ username: string; password: string }>;
  }): Promise<void> {
    await this.call("POST", "/_admin/oauth/clients", c);
  }

  /** Registers (or replaces) a user of the Basic validation endpoint `<url>/basic/validate`. */
  async registerBasicUser(u: { username: string; password: string }): Promise<void> {
    await this.call("POST", "/_admin/basic/users", u);
  }

  /** Adds an org (or replaces its token) at run time; a token registered for several orgs is valid on each. */
  async registerOrg(o: { orgId: string; token: string }): Promise<void> {
    await this.call("POST", "/_admin/orgs", o);
  }

  /**
   * Registers (or replaces) a Webex integration of the token endpoint `<url>/v1/access_token`:
   * its client id and secret, the lifetime of the access tokens it mints (seconds; default
   * 14 days) and of its refresh tokens (default 90 days), and its refresh tokens, each bound
   * to one org. Tokens minted from a refresh token act on its org only.
   */
  async registerWebexIntegration(i: {
    clientId: string;
    clientSecret: string;
    accessTokenTtlSeconds?: number;
    refreshTokenTtlSeconds?: number;
    refreshTokens: Array<{ refreshToken: string; orgId: string }>;
  }): Promise<void> {
    await this.call("POST", "/_admin/webex/integrations", i);
  }

  /**
   * Every access token the Webex token endpoint minted (expired ones for an hour after),
   * oldest first, with the client and org it was minted for and when it expires (ISO 8601).
   * Tests catalogue them as secrets and check when the provider renewed.
   */
  async webexAccessTokens(): Promise<Array<{ accessToken: string; clientId: string; orgId: string; expiresAt: string }>> {
    return (
      (await this.call("GET", "/_admin/webex/access-tokens")) as { items: Array<{ accessToken: string; clientId: string; orgId: string; expiresAt: string }> }
    ).items;
  }

  /** Injects a fault for the next `times` requests whose path matches the regex (and method, if given). */
  async injectFault(f: FaultSpec): Promise<ActiveFault> {
    return (await this.call("POST", "/_admin/faults", f)) as ActiveFault;
  }

  /** Removes every injected fault. */
  async clearFaults(): Promise<void> {
    await this.call("DELETE", "/_admin/faults");
  }

  /** Every non-admin request so far, oldest first; `status` 0 = dropped (or still in flight). */
  async requests(): Promise<RequestLogEntry[]> {
    return ((await this.call("GET", "/_admin/requests")) as { items: RequestLogEntry[] }).items;
  }

  /** Empties the request log. */
  async clearRequests(): Promise<void> {
    await this.call("DELETE", "/_admin/requests");
  }

  /** Every create, status change, edit and delete so far, oldest first. */
  async events(filter: { connectorId?: string; orgId?: string } = {}): Promise<ConnectorEvent[]> {
    const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as Array<[string, string]>).toString();
    return ((await this.call("GET", `/_admin/events${q ? `?${q}` : ""}`)) as { items: ConnectorEvent[] }).items;
  }

  private async call(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<unknown> {
    const res = await request(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.adminToken}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
    });
    const text = await res.body.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (res.statusCode >= 300) {
      const err = parsed as { code?: string; message?: string } | undefined;
      throw new EmulatorAdminError(
        res.statusCode,
        err?.code,
        `emulator admin ${method} ${path} failed with ${res.statusCode} ${err?.code ?? ""}: ${err?.message ?? text}`,
        parsed,
      );
    }
    return parsed;
  }
}
