import { MockAgent } from "undici";
import { describe, expect, it } from "vitest";
import { verifyOAuth2 } from "../../../provider/connectivity";
import { recorder, useIdps } from "./support";

const { t } = useIdps();

describe("verifyOAuth2", () => {
  const base = () => ({ tokenUrl: `${t.emu.url}/oauth/token`, grantType: "client_credentials" as const, clientId: "c 1", clientSecret: "s:e/cret+%" });

  it("authenticates the client with HTTP Basic (form-encoded id and secret) and succeeds", async () => {
    expect(await verifyOAuth2(base())).toEqual({ ok: true });
    expect(await verifyOAuth2({ ...base(), grantType: "password", username: "bob", password: "bob-pw" })).toEqual({ ok: true });
  });

  it("reports invalid_client and invalid_grant without the secret or password", async () => {
    const r = await verifyOAuth2({ ...base(), clientSecret: "wrong-secret" });
    expect(r).toEqual({ ok: false, error: "invalid_client", description: "client authentication failed" });
    const p = await verifyOAuth2({ ...base(), grantType: "password", username: "bob", password: "wrong-pw" });
    expect(p).toMatchObject({ ok: false, error: "invalid_grant" });
    expect(JSON.stringify([r, p])).not.toMatch(/wrong-secret|wrong-pw/);
  });

  it("reports a refused connection as network_error and a slow server as timeout", async () => {
    expect(await verifyOAuth2({ ...base(), tokenUrl: "http://127.0.0.1:9/token" })).toMatchObject({ ok: false, error: "network_error" });
    await t.admin.injectFault({ path: "^/oauth/token$", delayMs: 1500, times: 1 });
    const slow = await verifyOAuth2(base(), { timeoutMs: 200 });
    expect(slow).toEqual({ ok: false, error: "timeout", description: expect.stringContaining("within 200 ms") });
  });

  it("reports a non-OAuth error response as http_<status>", async () => {
    await t.admin.injectFault({ path: "^/oauth/token$", drop: true, times: 1 });
    expect(await verifyOAuth2(base())).toMatchObject({ ok: false, error: "network_error" });
    const srv = await recorder(() => ({ status: 502, body: "bad gateway" }));
    try {
      expect(await verifyOAuth2({ ...base(), tokenUrl: srv.url })).toMatchObject({ ok: false, error: "http_502" });
    } finally {
      await srv.close();
    }
  });

  it("sends through an injected dispatcher", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get("https://idp.example.com").intercept({ path: "/token", method: "POST" }).reply(200, { access_token: "x" });
    expect(await verifyOAuth2({ ...base(), tokenUrl: "https://idp.example.com/token" }, { dispatcher: agent })).toEqual({ ok: true });
    agent.assertNoPendingInterceptors();
    await agent.close();
  });
});
