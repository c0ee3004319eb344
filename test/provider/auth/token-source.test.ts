import { inspect } from "node:util";
import { Agent } from "undici";
import { afterAll, describe, expect, it } from "vitest";
import { fixedToken, RefreshingTokenSource, renewalMarginMs, sharedTokenSource, TokenRefreshError, type WebexOAuthClient } from "../../../provider/auth";
import { useTestEmulator } from "../../emulator/support";

// The token source against the emulator's Webex token endpoint (a real server on loopback);
// the source's clock is injected, so renewal is tested without waiting for expiry.

const t = useTestEmulator({ orgs: [{ orgId: "acme", token: "acme-static-token" }] });
const dispatcher = new Agent();
afterAll(() => dispatcher.close());

let n = 0;
/** Registers a fresh integration (own client, secret, refresh token) and returns its client config. */
async function integration(accessTokenTtlSeconds = 3600): Promise<WebexOAuthClient> {
  n++;
  const client = { tokenUrl: `${t.emu.url}/v1/access_token`, clientId: `C-src-${n}`, clientSecret: `secret-src-${n}-xyz`, refreshToken: `rt-src-${n}-abcdef` };
  await t.admin.registerWebexIntegration({
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    accessTokenTtlSeconds,
    refreshTokens: [{ refreshToken: client.refreshToken, orgId: "acme" }],
  });
  return client;
}
const grantsSent = async () => (await t.admin.requests()).filter((r) => r.path === "/v1/access_token").length;
const listWith = async (token: string) =>
  (await fetch(`${t.emu.url}/v1/organizations/acme/connectors`, { headers: { authorization: `Bearer ${token}` } })).status;

describe("RefreshingTokenSource", () => {
  it("mints a token the backend accepts on first use and reuses it until the renewal margin", async () => {
    let now = Date.now();
    const source = new RefreshingTokenSource(await integration(3600), { dispatcher, now: () => now });
    const first = await source.token();
    expect(await listWith(first)).toBe(200);
    now += 3600_000 - renewalMarginMs(3600_000) - 1000;
    expect(await source.token()).toBe(first);
    expect(source.grants).toBe(1);
    now += 1000;
    const second = await source.token();
    expect(second).not.toBe(first);
    expect(source.grants).toBe(2);
    expect(await listWith(second)).toBe(200);
  });

  it("renews a 3-second token after 2 seconds: a third of its lifetime is the margin", () => {
    expect(renewalMarginMs(3000)).toBe(1000);
    expect(renewalMarginMs(14 * 24 * 3600_000)).toBe(5 * 60_000);
  });

  it("sends one grant for many concurrent first requests", async () => {
    const source = new RefreshingTokenSource(await integration(), { dispatcher });
    await t.admin.clearRequests();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => source.token()));
    expect(new Set(tokens).size).toBe(1);
    expect(await grantsSent()).toBe(1);
  });

  it("after a 401, mints once for every request refused with the same token, and none for a token already replaced", async () => {
    const source = new RefreshingTokenSource(await integration(), { dispatcher });
    const old = await source.token();
    await t.admin.clearRequests();
    const renewed = await Promise.all(Array.from({ length: 5 }, () => source.renewAfterRejection(old)));
    expect(new Set(renewed).size).toBe(1);
    expect(renewed[0]).not.toBe(old);
    expect(await grantsSent()).toBe(1);
    expect(await source.renewAfterRejection(old)).toBe(renewed[0]);
    expect(await grantsSent()).toBe(1);
  });

  it("re-sends the grant after 503s and dropped connections", async () => {
    const source = new RefreshingTokenSource(await integration(), { dispatcher, retryBaseMs: 1 });
    await t.admin.injectFault({ path: "^/v1/access_token$", status: 503, times: 1 });
    await t.admin.injectFault({ path: "^/v1/access_token$", drop: true, times: 1 });
    await t.admin.clearRequests();
    expect(await listWith(await source.token())).toBe(200);
    expect((await t.admin.requests()).filter((r) => r.path === "/v1/access_token").map((r) => r.status)).toEqual([503, 0, 200]);
  });

  it("a wrong client secret fails with TOKEN_REFRESH_FAILED naming wxcc:clientSecret, without quoting it", async () => {
    const client = await integration();
    const source = new RefreshingTokenSource({ ...client, clientSecret: "wrong-secret-123" }, { dispatcher });
    const err = await source.token().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TokenRefreshError);
    expect(err).toMatchObject({ code: "TOKEN_REFRESH_FAILED", statusCode: 401, oauthError: "invalid_client" });
    expect((err as Error).message).toBe(
      `Could not get an access token from ${client.tokenUrl} for OAuth client "${client.clientId}": 401 invalid_client (client authentication failed) — check [wxcc:clientId] and [wxcc:clientSecret]: run \`pulumi config set wxcc:clientId <id>\` and \`pulumi config set --secret wxcc:clientSecret <secret>\` (or set WXCC_CLIENT_ID and WXCC_CLIENT_SECRET)`,
    );
    expect((err as Error).message).not.toContain("wrong-secret-123");
    expect((err as Error).message).not.toContain(client.refreshToken);
  });

  it("an unknown refresh token fails naming wxcc:refreshToken and the command that sets it", async () => {
    const client = await integration();
    const err = await new RefreshingTokenSource({ ...client, refreshToken: "rt-revoked-999" }, { dispatcher }).token().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "TOKEN_REFRESH_FAILED", statusCode: 400, oauthError: "invalid_grant" });
    expect((err as Error).message).toContain("400 invalid_grant (the refresh token is not valid for this client)");
    expect((err as Error).message).toContain("`pulumi config set --secret wxcc:refreshToken <token>` (or set WXCC_REFRESH_TOKEN)");
    expect((err as Error).message).not.toContain("rt-revoked-999");
  });

  it("an unreachable token endpoint fails after its retries naming wxcc:tokenUrl", async () => {
    const client = await integration();
    const err = await new RefreshingTokenSource({ ...client, tokenUrl: "http://127.0.0.1:1/v1/access_token" }, { dispatcher, retryBaseMs: 1, maxRetries: 1 })
      .token()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "TOKEN_REFRESH_FAILED", attempts: 2 });
    expect((err as Error).message).toMatch(
      /^Could not get an access token from http:\/\/127\.0\.0\.1:1\/v1\/access_token for OAuth client "C-src-\d+" after 2 attempts: ECONNREFUSED/,
    );
    expect((err as Error).message).toContain("check [wxcc:tokenUrl]");
  });

  it("knows every secret for the redactor, and shows none when printed", async () => {
    const client = await integration();
    const source = new RefreshingTokenSource(client, { dispatcher });
    const minted = await source.token();
    expect(source.secrets()).toEqual(expect.arrayContaining([client.clientSecret, client.refreshToken, minted]));
    for (const shown of [JSON.stringify(source), inspect(source, { depth: 5, showHidden: false }), String(Object.keys(source))]) {
      for (const secret of source.secrets()) expect(shown).not.toContain(secret);
    }
  });
});

describe("sharedTokenSource", () => {
  it("gives every caller with the same client the same source, and another client its own", async () => {
    const a = await integration();
    const b = await integration();
    expect(sharedTokenSource(a, { dispatcher })).toBe(sharedTokenSource({ ...a }, { dispatcher }));
    expect(sharedTokenSource(a, { dispatcher })).not.toBe(sharedTokenSource(b, { dispatcher }));
    expect(sharedTokenSource(a, { dispatcher })).not.toBe(sharedTokenSource({ ...a, refreshToken: "rt-other-123456" }, { dispatcher }));
  });
});

describe("fixedToken", () => {
  it("sends the configured token and never renews it", async () => {
    const source = fixedToken("acme-static-token");
    expect(await source.token()).toBe("acme-static-token");
    expect(await source.renewAfterRejection("acme-static-token")).toBeUndefined();
    expect(source.secrets()).toEqual(["acme-static-token"]);
  });
});
