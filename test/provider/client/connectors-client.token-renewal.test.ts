import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { TokenRefreshError } from "../../../provider/auth";
import { ConnectorsClient } from "../../../provider/client";
import { BackendError } from "../../../provider/errors";
import { useTestEmulator } from "../../emulator/support";

// The backend client with a Webex OAuth client instead of a fixed token, against the
// emulator's token endpoint and contract (real servers on loopback).

const t = useTestEmulator({ orgs: [{ orgId: "acme", token: "acme-static-token" }] });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let n = 0;
/** A fresh integration bound to org acme (so no two tests share a process-wide token source). */
async function oauthClient(accessTokenTtlSeconds = 3600) {
  n++;
  const c = {
    tokenUrl: `${t.emu.url}/v1/access_token`,
    clientId: `C-client-${n}`,
    clientSecret: `cs-client-${n}-secret`,
    refreshToken: `rt-client-${n}-refresh`,
  };
  await t.admin.registerWebexIntegration({
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    accessTokenTtlSeconds,
    refreshTokens: [{ refreshToken: c.refreshToken, orgId: "acme" }],
  });
  return c;
}
const clientFor = async (ttl?: number) => new ConnectorsClient({ baseUrl: t.emu.url, oauthClient: await oauthClient(ttl), maxRetries: 1, retryBaseMs: 1 });
/** `[path, status]` of every request since the log was last cleared, token grants included. */
const log = async () =>
  (await t.admin.requests()).map((r) => [
    r.path === "/v1/access_token" ? "grant" : `${r.method} ${r.path.replace(/^\/v1\/organizations\/acme/, "")}`,
    r.status,
  ]);

describe("ConnectorsClient with a Webex OAuth client", () => {
  it("mints a token on first use and lists the org's connectors with it", async () => {
    const client = await clientFor();
    await t.admin.clearRequests();
    expect(await client.list("acme")).toEqual([]);
    expect(await log()).toEqual([
      ["grant", 200],
      ["GET /connectors", 200],
    ]);
  });

  it("renews a token before it expires, so a call after two thirds of its lifetime meets no 401", async () => {
    const client = await clientFor(1);
    await t.admin.clearRequests();
    await client.list("acme");
    await sleep(800);
    await client.list("acme");
    expect(await log()).toEqual([
      ["grant", 200],
      ["GET /connectors", 200],
      ["grant", 200],
      ["GET /connectors", 200],
    ]);
  });

  it("renews once and re-sends after a 401", async () => {
    const client = await clientFor();
    await client.list("acme");
    await t.admin.clearRequests();
    await t.admin.injectFault({ method: "GET", path: "/connectors$", status: 401, times: 1 });
    expect(await client.list("acme")).toEqual([]);
    expect(await log()).toEqual([
      ["GET /connectors", 401],
      ["grant", 200],
      ["GET /connectors", 200],
    ]);
  });

  it("gives up after a second 401, with the OAuth hint and no secret in the message", async () => {
    const c = await oauthClient();
    const client = new ConnectorsClient({ baseUrl: t.emu.url, oauthClient: c });
    await client.list("acme");
    await t.admin.clearRequests();
    await t.admin.injectFault({ method: "GET", path: "/connectors$", status: 401, times: 2 });
    const err = await client.list("acme").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect(err).toMatchObject({ code: "UNAUTHORIZED", statusCode: 401 });
    expect((err as Error).message).toContain("the access token minted for the OAuth client was rejected, also after renewing it");
    expect(await log()).toEqual([
      ["GET /connectors", 401],
      ["grant", 200],
      ["GET /connectors", 401],
    ]);
    const minted = (await t.admin.webexAccessTokens()).filter((m) => m.clientId === c.clientId).map((m) => m.accessToken);
    for (const secret of [c.clientSecret, c.refreshToken, ...minted]) {
      expect((err as Error).message).not.toContain(secret);
      expect(inspect(client, { depth: 6 })).not.toContain(secret);
    }
  });

  it("a 403 from a token of another org is not renewed: it names wxcc:orgId and wxcc:refreshToken", async () => {
    await t.admin.registerOrg({ orgId: "globex", token: "globex-static-token" });
    const client = await clientFor();
    await t.admin.clearRequests();
    const err = await client.list("globex").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "FORBIDDEN", statusCode: 403 });
    expect((err as Error).message).toContain(
      'the token is not valid for org "globex"; check `wxcc:orgId` and that `wxcc:refreshToken` was issued by an admin of that org',
    );
    expect(await log()).toEqual([
      ["grant", 200],
      ["GET /v1/organizations/globex/connectors", 403],
    ]);
  });

  it("sends no contract call when the token endpoint refuses the client; the error names the key to fix", async () => {
    const c = await oauthClient();
    const client = new ConnectorsClient({ baseUrl: t.emu.url, oauthClient: { ...c, clientSecret: "cs-wrong-secret" } });
    await t.admin.clearRequests();
    const err = await client.list("acme").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TokenRefreshError);
    expect((err as Error).message).toContain("[wxcc:clientSecret]");
    expect((err as Error).message).not.toContain("cs-wrong-secret");
    expect(await log()).toEqual([["grant", 401]]);
  });

  it("with a fixed token, a 401 stands: no grant, no re-send", async () => {
    const client = new ConnectorsClient({ baseUrl: t.emu.url, accessToken: "acme-static-token" });
    await t.admin.clearRequests();
    await t.admin.injectFault({ method: "GET", path: "/connectors$", status: 401, times: 1 });
    const err = await client.list("acme").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "UNAUTHORIZED" });
    expect((err as Error).message).toContain("check `wxcc:accessToken`");
    expect(await log()).toEqual([["GET /connectors", 401]]);
  });

  it("shares one token among clients of the same OAuth client, as the resources of one provider process do", async () => {
    const c = await oauthClient();
    await t.admin.clearRequests();
    const clients = Array.from({ length: 5 }, () => new ConnectorsClient({ baseUrl: t.emu.url, oauthClient: { ...c } }));
    await Promise.all(clients.map((x) => x.list("acme")));
    expect((await log()).filter(([what]) => what === "grant")).toEqual([["grant", 200]]);
  });
});
