import { randomBytes } from "node:crypto";
import { contractError, type FieldIssue } from "./errors";

/** Webex's own lifetimes: access tokens 14 days, refresh tokens 90 days (developer.webex.com, "Integrations"). */
export const WEBEX_ACCESS_TOKEN_TTL_SECONDS = 14 * 24 * 3600;
export const WEBEX_REFRESH_TOKEN_TTL_SECONDS = 90 * 24 * 3600;

/** A refresh token one user's authorization of an integration produced; it acts on that user's org only. */
export interface WebexRefreshToken {
  refreshToken: string;
  orgId: string;
  /** Epoch ms after which the refresh grant answers `invalid_grant`. */
  expiresAt: number;
}

/** A Webex integration (or service app) as the token endpoint knows it. */
export interface WebexIntegration {
  clientId: string;
  clientSecret: string;
  /** Lifetime of every access token minted for it, in seconds. */
  accessTokenTtlSeconds: number;
  refreshTokens: WebexRefreshToken[];
}

/** An access token the token endpoint minted; valid on `orgId` until `expiresAt` (epoch ms). */
export interface MintedAccessToken {
  accessToken: string;
  clientId: string;
  orgId: string;
  expiresAt: number;
}

/** What the state file keeps of the Webex token endpoint, so a restart invalidates nothing. */
export interface WebexSnapshot {
  webexIntegrations: WebexIntegration[];
  webexAccessTokens: MintedAccessToken[];
}

/** What `POST /_admin/webex/integrations` takes. */
export interface WebexIntegrationSpec {
  clientId: string;
  clientSecret: string;
  /** Seconds; default {@link WEBEX_ACCESS_TOKEN_TTL_SECONDS}. */
  accessTokenTtlSeconds?: number;
  /** Seconds from registration; default {@link WEBEX_REFRESH_TOKEN_TTL_SECONDS}. */
  refreshTokenTtlSeconds?: number;
  /** At least one; each is bound to the org whose user authorized the integration. */
  refreshTokens: Array<{ refreshToken: string; orgId: string }>;
}

/** Outcome of a refresh grant, shaped as the endpoint answers it. */
export type RefreshOutcome =
  | { ok: true; accessToken: string; expiresIn: number; refreshToken: string; refreshTokenExpiresIn: number }
  | { ok: false; status: 400 | 401; error: "invalid_client" | "invalid_grant"; description: string };

/** Expired access tokens are remembered this long, so a late caller hears "expired" rather than "unknown". */
const EXPIRED_MEMORY_MS = 3600_000;

const isNonEmptyString = (v: unknown): v is string => typeof v === "string" && v !== "";
const isPositiveInt = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v > 0;

/**
 * Checks an admin body against {@link WebexIntegrationSpec}; every problem is a 400
 * naming the field, as the other admin routes do.
 */
export function parseWebexIntegrationSpec(b: Record<string, unknown>): WebexIntegrationSpec {
  const issues: FieldIssue[] = [];
  for (const k of ["clientId", "clientSecret"]) if (!isNonEmptyString(b[k])) issues.push({ field: k, reason: "is required (a non-empty string)" });
  for (const k of ["accessTokenTtlSeconds", "refreshTokenTtlSeconds"]) {
    if (b[k] !== undefined && !isPositiveInt(b[k])) issues.push({ field: k, reason: "must be a positive integer of seconds" });
  }
  const tokens = b.refreshTokens;
  const tokenOk = (t: unknown) => {
    const o = t && typeof t === "object" ? (t as Record<string, unknown>) : undefined;
    return !!o && isNonEmptyString(o.refreshToken) && isNonEmptyString(o.orgId) && Object.keys(o).length === 2;
  };
  if (!Array.isArray(tokens) || tokens.length === 0 || !tokens.every(tokenOk)) {
    issues.push({ field: "refreshTokens", reason: "must be a non-empty array of {refreshToken, orgId}" });
  }
  const known = ["clientId", "clientSecret", "accessTokenTtlSeconds", "refreshTokenTtlSeconds", "refreshTokens"];
  for (const k of Object.keys(b)) if (!known.includes(k)) issues.push({ field: k, reason: "is not a known field" });
  if (issues.length) throw contractError("VALIDATION_FAILED", `Invalid admin request: [${issues[0]!.field}] ${issues[0]!.reason}`, issues);
  return {
    clientId: b.clientId as string,
    clientSecret: b.clientSecret as string,
    ...(b.accessTokenTtlSeconds !== undefined ? { accessTokenTtlSeconds: b.accessTokenTtlSeconds as number } : {}),
    ...(b.refreshTokenTtlSeconds !== undefined ? { refreshTokenTtlSeconds: b.refreshTokenTtlSeconds as number } : {}),
    refreshTokens: (tokens as Array<{ refreshToken: string; orgId: string }>).map((t) => ({ refreshToken: t.refreshToken, orgId: t.orgId })),
  };
}

/**
 * The Webex integrations the emulator's token endpoint (`/v1/access_token`) serves, and
 * the access tokens it minted. A minted token acts on the org of the refresh token that
 * minted it and is refused (401) by the contract once expired, as Webex's are.
 *
 * Registering an existing `clientId` replaces it (rotating its secret, TTL or refresh
 * tokens); access tokens already minted stay valid until they expire.
 *
 * @example
 * const webex = new WebexIntegrations();
 * webex.register({ clientId: "C1", clientSecret: "s", accessTokenTtlSeconds: 3, refreshTokens: [{ refreshToken: "r", orgId: "acme" }] });
 * const out = webex.refresh("C1", "s", "r"); // { ok: true, accessToken, expiresIn: 3, … }
 * webex.lookup(out.accessToken); // { orgId: "acme", expired: false }
 */
export class WebexIntegrations {
  private readonly integrations = new Map<string, WebexIntegration>();
  private readonly minted = new Map<string, MintedAccessToken>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Adds or replaces an integration; refresh tokens count their lifetime from now. */
  register(spec: WebexIntegrationSpec): WebexIntegration {
    const refreshTtl = (spec.refreshTokenTtlSeconds ?? WEBEX_REFRESH_TOKEN_TTL_SECONDS) * 1000;
    const integration: WebexIntegration = {
      clientId: spec.clientId,
      clientSecret: spec.clientSecret,
      accessTokenTtlSeconds: spec.accessTokenTtlSeconds ?? WEBEX_ACCESS_TOKEN_TTL_SECONDS,
      refreshTokens: spec.refreshTokens.map((t) => ({ refreshToken: t.refreshToken, orgId: t.orgId, expiresAt: this.now() + refreshTtl })),
    };
    this.integrations.set(spec.clientId, integration);
    return integration;
  }

  /**
   * The `refresh_token` grant: checks the client and its secret (`invalid_client`), then
   * the refresh token (`invalid_grant` when unknown, another client's, or expired), and
   * mints an access token for the refresh token's org. Like Webex, the same refresh token
   * comes back with its remaining lifetime.
   */
  refresh(clientId: string | undefined, clientSecret: string | undefined, refreshToken: string | undefined): RefreshOutcome {
    const integration = clientId ? this.integrations.get(clientId) : undefined;
    if (!integration || clientSecret !== integration.clientSecret) {
      return { ok: false, status: 401, error: "invalid_client", description: "client authentication failed" };
    }
    const grant = integration.refreshTokens.find((t) => t.refreshToken === refreshToken);
    const now = this.now();
    if (!grant) return { ok: false, status: 400, error: "invalid_grant", description: "the refresh token is not valid for this client" };
    if (grant.expiresAt <= now) return { ok: false, status: 400, error: "invalid_grant", description: "the refresh token has expired" };
    this.forgetLongExpired(now);
    const accessToken = `wxt_${randomBytes(30).toString("base64url")}`;
    this.minted.set(accessToken, {
      accessToken,
      clientId: integration.clientId,
      orgId: grant.orgId,
      expiresAt: now + integration.accessTokenTtlSeconds * 1000,
    });
    return {
      ok: true,
      accessToken,
      expiresIn: integration.accessTokenTtlSeconds,
      refreshToken: grant.refreshToken,
      refreshTokenExpiresIn: Math.max(0, Math.floor((grant.expiresAt - now) / 1000)),
    };
  }

  /** The org a minted access token acts on and whether it has expired; undefined for a token this endpoint never minted. */
  lookup(accessToken: string): { orgId: string; expired: boolean } | undefined {
    const t = this.minted.get(accessToken);
    return t && { orgId: t.orgId, expired: t.expiresAt <= this.now() };
  }

  /** Every access token minted and not yet forgotten (expired ones stay an hour), oldest first. */
  accessTokens(): MintedAccessToken[] {
    return [...this.minted.values()].map((t) => ({ ...t }));
  }

  snapshot(): WebexSnapshot {
    return {
      webexIntegrations: [...this.integrations.values()],
      webexAccessTokens: [...this.minted.values()].filter((t) => t.expiresAt > this.now()),
    };
  }

  load(s: Partial<WebexSnapshot>): void {
    for (const i of s.webexIntegrations ?? []) this.integrations.set(i.clientId, { ...i, refreshTokens: i.refreshTokens.map((t) => ({ ...t })) });
    for (const t of s.webexAccessTokens ?? []) this.minted.set(t.accessToken, { ...t });
  }

  private forgetLongExpired(now: number): void {
    for (const [k, t] of this.minted) if (t.expiresAt + EXPIRED_MEMORY_MS <= now) this.minted.delete(k);
  }
}
