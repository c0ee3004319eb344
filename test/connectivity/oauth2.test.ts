import { MockAgent } from "undici";
import { describe, expect, it } from "vitest";
import { verifyOAuth2 } from "../../connectivity";
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

  describe("a token endpoint that answers form-encoded (as GitHub's does unless asked for JSON)", () => {
    const answer = async (status: number, body: string, headers: Record<string, string>) => {
      const agent = new MockAgent();
      agent.disableNetConnect();
      agent.get("https://idp.example.com").intercept({ path: "/token", method: "POST" }).reply(status, body, { headers });
      try {
        return await verifyOAuth2({ ...base(), tokenUrl: "https://idp.example.com/token" }, { dispatcher: agent });
      } finally {
        await agent.close();
      }
    };
    const FORM = { "content-type": "application/x-www-form-urlencoded; charset=utf-8" };

    it("succeeds when the form carries an access_token, labelled or not", async () => {
      expect(await answer(200, "access_token=gho_abc&scope=repo&token_type=bearer", FORM)).toEqual({ ok: true });
      expect(await answer(200, "access_token=gho_abc&token_type=bearer", { "content-type": "text/plain" })).toEqual({ ok: true });
    });

    it("reads the OAuth error from a form-encoded refusal", async () => {
      expect(
        await answer(400, "error=incorrect_client_credentials&error_description=The+client_id+and%2For+client_secret+passed+are+incorrect.", FORM),
      ).toEqual({
        ok: false,
        error: "incorrect_client_credentials",
        description: "The client_id and/or client_secret passed are incorrect.",
      });
    });

    it("says what a 2xx without a token was, naming parameters but never their values", async () => {
      const form = await answer(200, "error=bad_verification_code&state=s3cr3t-state", FORM);
      expect(form).toEqual({
        ok: false,
        error: "invalid_response",
        description: "token endpoint answered HTTP 200 with a form-encoded body with error, state, and no access_token",
      });
      expect(JSON.stringify(form)).not.toContain("s3cr3t-state");
      expect(await answer(200, "<html>login</html>", { "content-type": "text/html" })).toEqual({
        ok: false,
        error: "invalid_response",
        description: "token endpoint answered HTTP 200 with a text/html body, and no access_token",
      });
      expect(await answer(200, '{"token":"x"}', { "content-type": "application/json" })).toMatchObject({
        description: "token endpoint answered HTTP 200 with a JSON body with token, and no access_token",
      });
      expect(await answer(204, "", {})).toMatchObject({ description: "token endpoint answered HTTP 204 with an empty body, and no access_token" });
    });
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
