import { generateKeyPairSync } from "node:crypto";
import * as jose from "jose";
import { describe, expect, it } from "vitest";
import { verifySalesforce } from "../../connectivity";
import { recorder, useIdps } from "./support";

const { t, keys } = useIdps();

const sf = () => ({ clientId: "3MVG9-client", userEmail: "ops@example.com", authServerUrl: `${t.emu.url}/salesforce`, privateKeyPem: keys.privateKeyPem });

describe("verifySalesforce", () => {
  it("succeeds against the emulator's fake Salesforce", async () => {
    expect(await verifySalesforce(sf())).toEqual({ ok: true });
  });

  it("returns Salesforce's own error and description", async () => {
    expect(await verifySalesforce({ ...sf(), userEmail: "x@example.com" })).toEqual({
      ok: false,
      error: "invalid_grant",
      description: "user hasn't approved this consumer",
    });
    expect(await verifySalesforce({ ...sf(), clientId: "nope" })).toEqual({ ok: false, error: "invalid_client_id", description: "client identifier invalid" });
  });

  it("rejects a non-RSA or unparseable key with invalid_key, without any request", async () => {
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    expect(await verifySalesforce({ ...sf(), privateKeyPem: ec })).toMatchObject({ ok: false, error: "invalid_key" });
    expect(await verifySalesforce({ ...sf(), privateKeyPem: "not a key" })).toMatchObject({ ok: false, error: "invalid_key" });
  });

  it("posts an RS256 assertion with iss, sub, aud and an exp at most 3 minutes ahead to <authServerUrl>/services/oauth2/token", async () => {
    const srv = await recorder(() => ({ status: 200, body: { access_token: "tok" } }));
    try {
      const before = Math.floor(Date.now() / 1000);
      expect(await verifySalesforce({ ...sf(), authServerUrl: `${srv.url}/` })).toEqual({ ok: true });
      const { req, body } = srv.seen[0]!;
      expect(req.method).toBe("POST");
      expect(req.url).toBe("/services/oauth2/token");
      expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      const form = new URLSearchParams(body);
      expect(form.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
      const assertion = form.get("assertion")!;
      expect(jose.decodeProtectedHeader(assertion).alg).toBe("RS256");
      const claims = jose.decodeJwt(assertion);
      expect(claims).toMatchObject({ iss: "3MVG9-client", sub: "ops@example.com", aud: `${srv.url}/` });
      expect(claims.exp! - before).toBeGreaterThanOrEqual(120);
      expect(claims.exp! - before).toBeLessThanOrEqual(180);
    } finally {
      await srv.close();
    }
  });

  it("redacts secrets a server echoes back in its description", async () => {
    const srv = await recorder((_req, body) => ({
      status: 400,
      body: { error: "invalid_grant", error_description: `bad assertion ${new URLSearchParams(body).get("assertion")}` },
    }));
    try {
      const r = await verifySalesforce({ ...sf(), authServerUrl: srv.url });
      const assertion = new URLSearchParams(srv.seen[0]!.body).get("assertion")!;
      expect(r).toMatchObject({ ok: false, error: "invalid_grant" });
      expect(JSON.stringify(r)).not.toContain(assertion);
      expect(JSON.stringify(r)).toContain("[redacted]");
    } finally {
      await srv.close();
    }
  });
});
