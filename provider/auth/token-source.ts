import { createHash } from "node:crypto";
import type { Dispatcher } from "undici";
import type { WebexOAuthClient } from "./oauth-client";
import { refreshGrant, type MintedToken, type RefreshGrantOptions } from "./refresh-grant";

/**
 * Where the backend client gets the bearer token of each request. Implementations keep
 * every token and credential out of `JSON.stringify` and `util.inspect`.
 */
export interface AccessTokenSource {
  /** `"fixed"` for `wxcc:accessToken`, `"oauth"` for a Webex OAuth client that renews. */
  readonly kind: "fixed" | "oauth";
  /** A token to send now: valid for at least the renewal margin, minted or renewed if needed. */
  token(): Promise<string>;
  /**
   * After the backend answered 401 to `rejected`: a token to retry with once — one another
   * request renewed meanwhile, or a newly minted one — or `undefined` when this source
   * cannot renew (a fixed token), so the 401 stands.
   */
  renewAfterRejection(rejected: string): Promise<string | undefined>;
  /** Every secret value known so far (credentials and tokens minted), for the redactor. */
  secrets(): string[];
}

/** Hides a field from `JSON.stringify`, `util.inspect` and spreads. */
function hidden<T extends object>(target: T, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable: true });
}

/**
 * The fixed `wxcc:accessToken`: sent as is, never renewed (a 401 stands).
 *
 * @example
 * const source = fixedToken(settings.accessToken);
 */
export function fixedToken(accessToken: string): AccessTokenSource {
  const source = {
    kind: "fixed" as const,
    token: async () => accessToken,
    renewAfterRejection: async () => undefined,
    secrets: () => [accessToken],
  };
  return source;
}

/**
 * How long before expiry a token is renewed: a third of its lifetime, at most 5 minutes.
 * Webex tokens (14 days) renew 5 minutes early; a 3-second emulator token after 2 s.
 */
export function renewalMarginMs(lifetimeMs: number): number {
  return Math.min(5 * 60_000, lifetimeMs / 3);
}

/**
 * Access tokens of a Webex OAuth client: minted with the `refresh_token` grant on first
 * use, renewed before expiry (see {@link renewalMarginMs}) and once after a 401. One
 * refresh at a time: every request waiting for a token shares the grant in flight. A
 * rotated refresh token returned by the endpoint is used for the next grant (in memory
 * only; stack config is never written).
 */
export class RefreshingTokenSource implements AccessTokenSource {
  readonly kind = "oauth" as const;
  declare private client: WebexOAuthClient;
  declare private current: MintedToken | undefined;
  declare private inFlight: Promise<MintedToken> | undefined;
  /** Tokens minted and refresh tokens superseded: still secrets, for the redactor. */
  declare private readonly retired: string[];
  declare private count: number;

  constructor(
    client: WebexOAuthClient,
    private readonly options: RefreshGrantOptions,
  ) {
    hidden(this, "client", { ...client });
    hidden(this, "current", undefined);
    hidden(this, "inFlight", undefined);
    hidden(this, "retired", []);
    hidden(this, "count", 0);
  }

  /** Number of grants sent so far (for tests and bench call counts). */
  get grants(): number {
    return this.count;
  }

  async token(): Promise<string> {
    const now = (this.options.now ?? Date.now)();
    const c = this.current;
    if (c && now < c.expiresAt - renewalMarginMs(c.lifetimeMs)) return c.accessToken;
    return (await this.mint()).accessToken;
  }

  async renewAfterRejection(rejected: string): Promise<string | undefined> {
    if (this.inFlight) return (await this.inFlight).accessToken;
    if (this.current && this.current.accessToken !== rejected) return this.current.accessToken;
    return (await this.mint()).accessToken;
  }

  secrets(): string[] {
    return [this.client.clientSecret, this.client.refreshToken, ...this.retired];
  }

  private mint(): Promise<MintedToken> {
    this.inFlight ??= refreshGrant(this.client, this.options)
      .then((t) => {
        this.count++;
        this.retired.push(t.accessToken);
        if (t.refreshToken !== this.client.refreshToken) {
          this.retired.push(this.client.refreshToken);
          this.client = { ...this.client, refreshToken: t.refreshToken };
        }
        this.current = t;
        return t;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }
}

/** One source per OAuth client per process, so every resource shares its tokens. */
const shared = new Map<string, RefreshingTokenSource>();

/**
 * The process-wide token source of a Webex OAuth client: every resource of the provider
 * process (and the SDK's org check in the program process) configured with the same
 * client, secret, refresh token and token URL gets the same instance, so they share one
 * access token and one refresh at a time. Keyed by a hash; credentials are never kept in
 * the key.
 *
 * @example
 * const source = sharedTokenSource({ tokenUrl, clientId, clientSecret, refreshToken }, { dispatcher });
 * await source.token(); // mints on first use
 */
export function sharedTokenSource(client: WebexOAuthClient, options: { dispatcher: Dispatcher; timeoutMs?: number }): RefreshingTokenSource {
  const key = createHash("sha256")
    .update(JSON.stringify([client.tokenUrl, client.clientId, client.clientSecret, client.refreshToken]))
    .digest("hex");
  let source = shared.get(key);
  if (!source) {
    source = new RefreshingTokenSource(client, options);
    shared.set(key, source);
  }
  return source;
}
