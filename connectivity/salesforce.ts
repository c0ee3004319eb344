import { createPrivateKey, type KeyObject } from "node:crypto";
import * as jose from "jose";
import { isFailure, oauthResult, parseUrl, send } from "./http";
import type { ConnectivityOptions, ConnectivityResult } from "./types";

/** Salesforce connector settings needed for the JWT bearer flow. */
export interface SalesforceConnectivitySettings {
  /** Connected App consumer key; the JWT `iss`. */
  clientId: string;
  /** Connected App user; the JWT `sub`. */
  userEmail: string;
  /** Authorization server; the JWT `aud` and the base of the token endpoint. */
  authServerUrl: string;
  /** PEM RSA private key whose certificate is uploaded in the Connected App. */
  privateKeyPem: string;
}

/** Salesforce refuses assertions that expire more than 3 minutes ahead; stay well inside. */
const ASSERTION_LIFETIME_S = 150;

/** Parses a PEM RSA private key, or returns undefined. */
export function parseRsaPrivateKey(pem: string): KeyObject | undefined {
  try {
    const key = createPrivateKey(pem);
    return key.asymmetricKeyType === "rsa" ? key : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs the OAuth 2.0 JWT bearer flow (SPEC §4) exactly as the connector service does:
 * signs an RS256 assertion and exchanges it at `<authServerUrl>/services/oauth2/token`.
 *
 * @example
 * const r = await verifySalesforce({ clientId, userEmail, authServerUrl: `${url}/salesforce`, privateKeyPem });
 * // r = { ok: false, error: "invalid_grant", description: "user hasn't approved this consumer" }
 */
export async function verifySalesforce(s: SalesforceConnectivitySettings, o?: ConnectivityOptions): Promise<ConnectivityResult> {
  const key = parseRsaPrivateKey(s.privateKeyPem);
  if (!key) return { ok: false, error: "invalid_key", description: "private key is not a parseable RSA private key" };
  const base = parseUrl(s.authServerUrl, "authServerUrl");
  if (isFailure(base)) return base;
  const tokenUrl = new URL(`${s.authServerUrl.replace(/\/+$/, "")}/services/oauth2/token`);

  const now = Math.floor(Date.now() / 1000);
  const assertion = await new jose.SignJWT({})
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer(s.clientId)
    .setSubject(s.userEmail)
    .setAudience(s.authServerUrl)
    .setIssuedAt(now)
    .setExpirationTime(now + ASSERTION_LIFETIME_S)
    .sign(key);

  const secrets = [s.privateKeyPem, assertion];
  const body = new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion });
  const res = await send(
    tokenUrl,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: body.toString(),
    },
    o,
    secrets,
  );
  if (isFailure(res)) return res;
  return oauthResult(res, secrets);
}
