import { generateKeyPairSync } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { rsaKeyPair, salesforceFixture, useTestEmulator } from "./support";

const t = useTestEmulator();
beforeEach(async () => {
  await t.freshOrg();
});

/** Asserts a 422 CONNECTIVITY_FAILED carrying the IdP's reason, no secret, and nothing saved. */
async function expectConnectivityFailure(body: Record<string, unknown>, reason: RegExp, secrets: string[]): Promise<void> {
  const r = await t.api("POST", "", { body });
  expect(r.status).toBe(422);
  expect(r.body.code).toBe("CONNECTIVITY_FAILED");
  expect(r.body.message).toMatch(reason);
  for (const s of secrets) expect(r.text).not.toContain(s);
  const names = (await t.api("GET")).body.items.map((c: { name: string }) => c.name);
  expect(names).not.toContain(body.name);
}

describe("Salesforce JWT bearer validation on create", () => {
  it("creates the connector when the key, client, user and audience are right", async () => {
    const sf = await salesforceFixture(t, "3MVG9-ok");
    const r = await t.api("POST", "", { body: sf.body("SF ok") });
    expect(r.status).toBe(201);
    expect(r.body.status).toBe("ACTIVE");
  });

  it("fails with invalid_grant when the key does not match the registered certificate", async () => {
    const sf = await salesforceFixture(t, "3MVG9-wrongkey");
    const other = rsaKeyPair();
    await expectConnectivityFailure(sf.body("SF wrong key", { privateKey: other.privateKeyPem }), /invalid_grant: invalid assertion/, [
      other.privateKeyPem,
      "PRIVATE KEY",
    ]);
  });

  it("fails with invalid_client_id for an unknown consumer key", async () => {
    const sf = await salesforceFixture(t, "3MVG9-known");
    await expectConnectivityFailure(sf.body("SF unknown client", { clientId: "3MVG9-unknown" }), /invalid_client_id: client identifier invalid/, [
      sf.keys.privateKeyPem,
    ]);
  });

  it("fails with invalid_grant when the user has not approved the app", async () => {
    const sf = await salesforceFixture(t, "3MVG9-users");
    await expectConnectivityFailure(sf.body("SF stranger", { userEmail: "stranger@example.com" }), /invalid_grant: user hasn't approved this consumer/, []);
  });

  it("refuses, before any call, an authorization server URL that reaches this server but is not written canonically (its JWT aud would not match)", async () => {
    const sf = await salesforceFixture(t, "3MVG9-aud");
    const aud = `${t.emu.url}/salesforce/sandbox/..`;
    const r = await t.api("POST", "", { body: sf.body("SF audience", { authServerUrl: aud }) });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([
      { field: "salesforce.authServerUrl", reason: `must be written as ${t.emu.url}/salesforce (it is compared verbatim as the JWT audience)` },
    ]);
  });

  it("refuses a trailing slash on the authorization server URL, as the provider's check does (the JWT aud is compared verbatim)", async () => {
    const sf = await salesforceFixture(t, "3MVG9-slash");
    const r = await t.api("POST", "", { body: sf.body("SF slash", { authServerUrl: `${t.emu.url}/salesforce/` }) });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([{ field: "salesforce.authServerUrl", reason: 'must not end with "/"' }]);
  });

  it("accepts a registered X.509-free PKCS#1 public key as well as SPKI", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    await t.admin.registerSalesforceApp({
      clientId: "3MVG9-pkcs1",
      publicKeyPem: publicKey.export({ type: "pkcs1", format: "pem" }).toString(),
      users: ["ops@example.com"],
    });
    const r = await t.api("POST", "", {
      body: {
        type: "SALESFORCE",
        name: "pkcs1",
        salesforce: {
          clientId: "3MVG9-pkcs1",
          userEmail: "OPS@example.com",
          authServerUrl: `${t.emu.url}/salesforce`,
          privateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
        },
      },
    });
    expect(r.status).toBe(201);
  });

  it("re-validates with the stored key on activate, staying INACTIVE on failure", async () => {
    const sf = await salesforceFixture(t, "3MVG9-rotate");
    const c = (await t.api("POST", "", { body: sf.body("SF rotate") })).body;
    await t.api("POST", `/${c.id}/deactivate`);
    // The certificate in the Connected App is replaced: the stored key no longer works.
    const rotated = rsaKeyPair();
    await t.admin.registerSalesforceApp({ clientId: "3MVG9-rotate", publicKeyPem: rotated.publicKeyPem, users: ["ops@example.com"] });
    const failed = await t.api("POST", `/${c.id}/activate`);
    expect(failed.status).toBe(422);
    expect(failed.body.code).toBe("CONNECTIVITY_FAILED");
    expect(failed.body.message).toMatch(/invalid_grant/);
    expect((await t.api("GET", `/${c.id}`)).body).toMatchObject({ status: "INACTIVE", version: 2 });
    // Editing in the new key (the only change) lets it activate.
    const put = await t.api("PUT", `/${c.id}`, { body: sf.body("SF rotate", { privateKey: rotated.privateKeyPem }) });
    expect(put.status).toBe(200);
    const ok = await t.api("POST", `/${c.id}/activate`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "ACTIVE", version: 4 });
  });
});

describe("custom OAuth 2.0 and Basic validation on create", () => {
  const oauthBody = (name: string, over: Record<string, unknown> = {}) => ({
    type: "CUSTOM",
    name,
    custom: {
      authenticationType: "OAUTH2",
      domainUrl: "https://api.example.com",
      clientId: "app-1",
      clientSecret: "right-secret",
      tokenUrl: `${t.emu.url}/oauth/token`,
      ...over,
    },
  });

  beforeEach(async () => {
    await t.admin.registerOAuthClient({
      clientId: "app-1",
      clientSecret: "right-secret",
      scopes: ["read", "write"],
      users: [{ username: "alice", password: "alice-pw" }],
    });
  });

  it("creates a client-credentials connector with the right secret and scope", async () => {
    const r = await t.api("POST", "", { body: oauthBody("cc ok", { scope: "read write" }) });
    expect(r.status).toBe(201);
    expect(r.body.custom).toEqual({
      authenticationType: "OAUTH2",
      domainUrl: "https://api.example.com",
      grantType: "CLIENT_CREDENTIALS",
      clientId: "app-1",
      scope: "read write",
      tokenUrl: `${t.emu.url}/oauth/token`,
    });
  });

  it("fails with invalid_client for a wrong secret, without echoing it", async () => {
    await expectConnectivityFailure(oauthBody("cc bad", { clientSecret: "wrong-secret" }), /invalid_client: client authentication failed/, [
      "wrong-secret",
      "right-secret",
    ]);
  });

  it("fails with invalid_client for an unknown client", async () => {
    await expectConnectivityFailure(oauthBody("cc unknown", { clientId: "app-x" }), /invalid_client/, []);
  });

  it("fails with invalid_scope for a scope the client may not have", async () => {
    await expectConnectivityFailure(oauthBody("cc scope", { scope: "admin" }), /invalid_scope: .*admin/, []);
  });

  it("creates a password-grant connector for a registered user and fails with invalid_grant otherwise", async () => {
    const ok = await t.api("POST", "", { body: oauthBody("pw ok", { grantType: "PASSWORD", username: "alice", password: "alice-pw" }) });
    expect(ok.status).toBe(201);
    expect(ok.body.custom).toMatchObject({ grantType: "PASSWORD", username: "alice" });
    await expectConnectivityFailure(oauthBody("pw bad", { grantType: "PASSWORD", username: "alice", password: "nope-pw" }), /invalid_grant/, [
      "nope-pw",
      "alice-pw",
    ]);
  });

  it("validates Basic credentials at the validation URL", async () => {
    await t.admin.registerBasicUser({ username: "svc", password: "svc-pw" });
    const body = (password: string, name: string) => ({
      type: "CUSTOM",
      name,
      custom: { domainUrl: "https://api.example.com", username: "svc", password, validationUrl: `${t.emu.url}/basic/validate` },
    });
    expect((await t.api("POST", "", { body: body("svc-pw", "basic ok") })).status).toBe(201);
    await expectConnectivityFailure(body("bad-pw", "basic bad"), /http_401/, ["bad-pw"]);
  });

  it("reports an unreachable token URL as a network error", async () => {
    await expectConnectivityFailure(oauthBody("cc down", { tokenUrl: "http://127.0.0.1:9/token" }), /network_error: cannot reach 127\.0\.0\.1:9/, [
      "right-secret",
    ]);
  });

  it("re-validates with the stored secret on activate", async () => {
    const c = (await t.api("POST", "", { body: oauthBody("cc rotate") })).body;
    await t.api("POST", `/${c.id}/deactivate`);
    await t.admin.registerOAuthClient({ clientId: "app-1", clientSecret: "rotated-secret" });
    const failed = await t.api("POST", `/${c.id}/activate`);
    expect(failed.status).toBe(422);
    expect(failed.body.message).toMatch(/invalid_client/);
    expect((await t.api("GET", `/${c.id}`)).body.status).toBe("INACTIVE");
    await t.api("PUT", `/${c.id}`, { body: oauthBody("cc rotate", { clientSecret: "rotated-secret" }) });
    expect((await t.api("POST", `/${c.id}/activate`)).status).toBe(200);
    const events = await t.admin.events({ connectorId: c.id });
    expect(events.map((e) => e.kind)).toEqual(["CREATE", "DEACTIVATE", "EDIT", "ACTIVATE"]);
  });
});
