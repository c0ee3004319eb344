import * as jose from "jose";
import { createPrivateKey } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { http, rsaKeyPair, useTestEmulator } from "./support";

const t = useTestEmulator();
let keys: ReturnType<typeof rsaKeyPair>;
beforeAll(async () => {
  keys = rsaKeyPair();
  await t.admin.registerSalesforceApp({ clientId: "3MVG9-direct", publicKeyPem: keys.publicKeyPem, users: ["ops@example.com"] });
});

async function exchange(claims: { iss?: string; sub?: string; aud?: string; exp?: number }, form: Record<string, string> = {}) {
  let jwt = new jose.SignJWT({}).setProtectedHeader({ alg: "RS256" });
  if (claims.iss) jwt = jwt.setIssuer(claims.iss);
  if (claims.sub) jwt = jwt.setSubject(claims.sub);
  if (claims.aud) jwt = jwt.setAudience(claims.aud);
  if (claims.exp) jwt = jwt.setExpirationTime(claims.exp);
  const assertion = await jwt.sign(createPrivateKey(keys.privateKeyPem));
  const body = new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion, ...form }).toString();
  return http(`${t.emu.url}/salesforce/services/oauth2/token`, { method: "POST", raw: body, headers: { "content-type": "application/x-www-form-urlencoded" } });
}

const now = () => Math.floor(Date.now() / 1000);
const good = () => ({ iss: "3MVG9-direct", sub: "ops@example.com", aud: `${t.emu.url}/salesforce`, exp: now() + 120 });

describe("fake Salesforce token endpoint", () => {
  it("issues an access token for a valid assertion", async () => {
    const r = await exchange(good());
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: "Bearer", instance_url: `${t.emu.url}/salesforce` });
    expect(r.body.access_token).toBeTruthy();
  });

  it.each([
    ["an exp more than 3 minutes ahead", { exp: now() + 600 }, "invalid_grant", /3 minutes/],
    ["an expired assertion", { exp: now() - 60 }, "invalid_grant", /expired/],
    ["no exp", { exp: undefined }, "invalid_grant", /exp claim is required/],
    ["a wrong audience", { aud: "https://login.salesforce.com" }, "invalid_grant", /audience is invalid/],
    ["an unknown issuer", { iss: "3MVG9-nope" }, "invalid_client_id", /client identifier invalid/],
    ["an unapproved user", { sub: "eve@example.com" }, "invalid_grant", /approved/],
  ])("rejects %s with 400 %s", async (_l, over, error, description) => {
    const r = await exchange({ ...good(), ...over });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe(error);
    expect(r.body.error_description).toMatch(description);
  });

  it("rejects other grant types and a missing assertion", async () => {
    const r1 = await http(`${t.emu.url}/salesforce/services/oauth2/token`, {
      method: "POST",
      raw: "grant_type=password",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(r1.body.error).toBe("unsupported_grant_type");
    const r2 = await http(`${t.emu.url}/salesforce/services/oauth2/token`, {
      method: "POST",
      raw: "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(r2.body.error).toBe("invalid_request");
    const r3 = await http(`${t.emu.url}/salesforce/services/oauth2/token`, {
      method: "POST",
      raw: "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=garbage",
    });
    expect(r3.body).toEqual({ error: "invalid_grant", error_description: "invalid assertion" });
  });
});
