import type { Dispatcher } from "undici";
import { request } from "../../connectivity/undici-core";
import { redactSecrets } from "../errors";
import { isRetryableStatus, nextWait, parseRetryAfter } from "../client/retry-policy";
import type { WebexOAuthClient } from "./oauth-client";
import { TokenRefreshError } from "./token-refresh-error";

/** An access token as the token endpoint minted it. */
export interface MintedToken {
  accessToken: string;
  /** Epoch ms at which it expires; `Infinity` when the endpoint gave no `expires_in`. */
  expiresAt: number;
  /** Lifetime the endpoint granted, in ms (`expires_in` × 1000); `Infinity` when absent. */
  lifetimeMs: number;
  /** The refresh token to use next time: the one returned, else the one sent. */
  refreshToken: string;
}

/** How to send the grant; tests inject the dispatcher and clock. */
export interface RefreshGrantOptions {
  dispatcher: Dispatcher;
  /** Headers and body timeout of one attempt, ms. Default 30000. */
  timeoutMs?: number;
  /** Re-sends after the first attempt on 429, 5xx and transport failures. Default 3. */
  maxRetries?: number;
  /** Base of the exponential backoff, ms. Default 250. */
  retryBaseMs?: number;
  now?: () => number;
}

type Attempt = { status: number; headers: Record<string, string | string[] | undefined>; text: string } | { error: string };

async function send(client: WebexOAuthClient, opts: RefreshGrantOptions): Promise<Attempt> {
  const body = new URLSearchParams({
    grant_type: "refresh_token",
    client_id: client.clientId,
    client_secret: client.clientSecret,
    refresh_token: client.refreshToken,
  }).toString();
  try {
    const res = await request(client.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body,
      dispatcher: opts.dispatcher,
      headersTimeout: opts.timeoutMs ?? 30_000,
      bodyTimeout: opts.timeoutMs ?? 30_000,
    });
    return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
  } catch (err) {
    const e = err as { code?: string; message?: string; cause?: { code?: string } };
    return { error: [e.code ?? e.cause?.code, e.message].filter(Boolean).join(" ") || String(err) };
  }
}

function json(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Mints an access token with the OAuth 2.0 `refresh_token` grant (RFC 6749 §6), as Webex's
 * `POST https://webexapis.com/v1/access_token` takes it: form-encoded `grant_type`,
 * `client_id`, `client_secret`, `refresh_token`. Re-sends on 429 (after `Retry-After`), 5xx
 * and transport failures, which a refresh grant can take safely.
 *
 * @throws TokenRefreshError (`TOKEN_REFRESH_FAILED`) when the endpoint refuses (any other
 *   4xx, e.g. `invalid_client`, `invalid_grant`) or retries run out; its message names the
 *   key to fix, and when a 2xx body has no `access_token`. No message carries the client
 *   secret, the refresh token or an access token.
 * @example
 * ```ts
 * const t = await refreshGrant({ tokenUrl, clientId, clientSecret, refreshToken }, { dispatcher });
 * // t.accessToken, t.expiresAt (epoch ms)
 * ```
 */
export async function refreshGrant(client: WebexOAuthClient, opts: RefreshGrantOptions): Promise<MintedToken> {
  const now = opts.now ?? Date.now;
  const maxRetries = opts.maxRetries ?? 3;
  const secrets = [client.clientSecret, client.refreshToken];
  const base = { tokenUrl: client.tokenUrl, clientId: client.clientId };
  for (let attempt = 1; ; attempt++) {
    const sentAt = now();
    const out = await send(client, opts);
    const retryable = "error" in out || isRetryableStatus(out.status);
    if (!retryable && out.status >= 200 && out.status < 300) {
      const body = json(out.text);
      const accessToken = body?.access_token;
      if (typeof accessToken !== "string" || accessToken === "") {
        throw new TokenRefreshError({
          ...base,
          statusCode: out.status,
          reason: "the answer has no access_token; check that [wxcc:tokenUrl] is the Webex token endpoint",
          attempts: attempt,
        });
      }
      const expiresIn = Number(body!.expires_in);
      const lifetimeMs = Number.isFinite(expiresIn) && expiresIn >= 0 ? expiresIn * 1000 : Infinity;
      const next = typeof body!.refresh_token === "string" && body!.refresh_token !== "" ? body!.refresh_token : client.refreshToken;
      // Counted from when the request left, so a slow answer never makes the token look fresher than it is.
      return { accessToken, expiresAt: sentAt + lifetimeMs, lifetimeMs, refreshToken: next };
    }
    if (!retryable || attempt > maxRetries) {
      if ("error" in out) throw new TokenRefreshError({ ...base, reason: redactSecrets(out.error, secrets), attempts: attempt });
      const body = json(out.text);
      const oauthError = typeof body?.error === "string" ? redactSecrets(body.error, secrets) : undefined;
      const description = typeof body?.error_description === "string" ? body.error_description : typeof body?.message === "string" ? body.message : "";
      throw new TokenRefreshError({ ...base, statusCode: out.status, oauthError, reason: redactSecrets(description, secrets), attempts: attempt });
    }
    const retryAfterMs = "error" in out || out.status !== 429 ? undefined : parseRetryAfter(out.headers["retry-after"]);
    // The call loop's policy outside a down window: a Retry-After of up to 30 s is waited, backoff
    // is at most 8 s. Waiting 30 s and asking again cannot help an endpoint that asked for more: say so now.
    const wait = nextWait({ attempt, baseMs: opts.retryBaseMs ?? 250, retryAfterMs, down: false });
    if (wait.kind === "refuse") {
      throw new TokenRefreshError({ ...base, statusCode: 429, reason: "rate limited", attempts: attempt, askedMs: wait.askedMs });
    }
    await new Promise((r) => setTimeout(r, wait.delayMs));
  }
}
