import { beforeAll, describe, expect, it } from "vitest";
import { http, useTestEmulator } from "./support";

const t = useTestEmulator();
beforeAll(async () => {
  await t.admin.registerOAuthClient({
    clientId: "body-client",
    clientSecret: "body-secret",
    scopes: ["read"],
    users: [{ username: "amy", password: "amy-pw" }],
  });
  await t.admin.registerBasicUser({ username: "svc", password: "svc-pw" });
});

const token = (form: Record<string, string>, headers: Record<string, string> = {}) =>
  http(`${t.emu.url}/oauth/token`, {
    method: "POST",
    raw: new URLSearchParams(form).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });
const basic = (user: string, pw: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${pw}`).toString("base64")}` });

describe("fake OAuth 2.0 token endpoint", () => {
  it("accepts client credentials in the body as well as in a Basic header", async () => {
    const body = await token({ grant_type: "client_credentials", client_id: "body-client", client_secret: "body-secret", scope: "read" });
    expect(body.status).toBe(200);
    expect(body.body).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "read" });
    expect(body.headers["cache-control"]).toBe("no-store");
    expect((await token({ grant_type: "client_credentials" }, basic("body-client", "body-secret"))).status).toBe(200);
  });

  it("answers 401 invalid_client with WWW-Authenticate for a wrong or missing secret", async () => {
    for (const r of [
      await token({ grant_type: "client_credentials" }, basic("body-client", "nope")),
      await token({ grant_type: "client_credentials", client_id: "body-client" }),
    ]) {
      expect(r.status).toBe(401);
      expect(r.body.error).toBe("invalid_client");
      expect(r.headers["www-authenticate"]).toMatch(/^Basic/);
    }
  });

  it("answers unsupported_grant_type, invalid_request and invalid_scope per RFC 6749", async () => {
    const auth = basic("body-client", "body-secret");
    expect((await token({ grant_type: "authorization_code" }, auth)).body.error).toBe("unsupported_grant_type");
    expect((await token({}, auth)).body.error).toBe("invalid_request");
    const scope = await token({ grant_type: "client_credentials", scope: "read write" }, auth);
    expect(scope.status).toBe(400);
    expect(scope.body).toEqual({ error: "invalid_scope", error_description: "scope not allowed for this client: write" });
  });

  it("checks the resource owner on the password grant", async () => {
    const auth = basic("body-client", "body-secret");
    expect((await token({ grant_type: "password", username: "amy", password: "amy-pw" }, auth)).status).toBe(200);
    expect((await token({ grant_type: "password", username: "amy", password: "x" }, auth)).body.error).toBe("invalid_grant");
    expect((await token({ grant_type: "password", username: "zed", password: "amy-pw" }, auth)).body.error).toBe("invalid_grant");
  });
});

describe("fake Basic validation endpoint", () => {
  it("answers 200 to a registered user and 401 to anyone else", async () => {
    const url = `${t.emu.url}/basic/validate`;
    expect((await http(url, { headers: basic("svc", "svc-pw") })).status).toBe(200);
    expect((await http(url, { headers: basic("svc", "bad") })).status).toBe(401);
    expect((await http(url)).status).toBe(401);
  });
});
