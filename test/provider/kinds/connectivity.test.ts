import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as jose from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customKind, salesforceKind } from "../../../provider/kinds";
import { checkCustom } from "../../../provider/kinds/custom-schema";
import { checkSalesforce } from "../../../provider/kinds/salesforce-schema";
import { makeKeys } from "./keys";

const keys = makeKeys();
let server: Server;
let url = "";

// A tiny stand-in for the three §4 endpoints, enough to see each kind send what it should.
beforeAll(async () => {
  const publicKey = await jose.importSPKI(keys.publicKey, "RS256");
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", async () => {
      const json = (status: number, o: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(o));
      const form = new URLSearchParams(body);
      const basic = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString();
      if (req.url === "/salesforce/services/oauth2/token") {
        try {
          const { payload } = await jose.jwtVerify(form.get("assertion") ?? "", publicKey, {
            audience: `${url}/salesforce`,
            issuer: "cid",
            subject: "i@example.com",
          });
          return json(200, { access_token: `at-${payload.sub}` });
        } catch {
          return json(400, { error: "invalid_grant", error_description: "invalid assertion" });
        }
      }
      if (req.url === "/oauth/token") {
        const ok =
          basic === "webex:s3cret" && (form.get("grant_type") === "client_credentials" || (form.get("username") === "u" && form.get("password") === "pw"));
        return ok ? json(200, { access_token: "at", token_type: "Bearer" }) : json(401, { error: "invalid_client" });
      }
      if (req.url === "/basic/validate") return res.writeHead(basic === "svc:pw" ? 204 : 401).end();
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const sf = (privateKey: string) =>
  checkSalesforce({ name: "n", clientId: "cid", userEmail: "i@example.com", authServerUrl: `${url}/salesforce`, privateKey }, { orgId: "o" }).inputs!;
const custom = (args: Record<string, unknown>) => checkCustom({ name: "n", domainUrl: "https://api.example.com", ...args }, { orgId: "o" }).inputs!;

describe("verifyConnectivity", () => {
  it("passes the Salesforce JWT bearer flow with the right key (given as PKCS#1)", async () => {
    expect(await salesforceKind.verifyConnectivity(sf(keys.pkcs1))).toEqual({ ok: true });
  });

  it("fails the Salesforce flow with another key, with the server's OAuth error", async () => {
    expect(await salesforceKind.verifyConnectivity(sf(keys.other))).toMatchObject({ ok: false, error: "invalid_grant" });
  });

  it("requests a client_credentials token for OAuth 2.0", async () => {
    const i = custom({ authenticationType: "oauth2", clientId: "webex", clientSecret: "s3cret", tokenUrl: `${url}/oauth/token` });
    expect(await customKind.verifyConnectivity(i)).toEqual({ ok: true });
  });

  it("fails OAuth 2.0 with a wrong client secret", async () => {
    const i = custom({ authenticationType: "oauth2", clientId: "webex", clientSecret: "nope", tokenUrl: `${url}/oauth/token` });
    expect(await customKind.verifyConnectivity(i)).toMatchObject({ ok: false, error: "invalid_client" });
  });

  it("sends username and password for the password grant", async () => {
    const i = custom({
      authenticationType: "oauth2",
      grantType: "password",
      clientId: "webex",
      clientSecret: "s3cret",
      tokenUrl: `${url}/oauth/token`,
      username: "u",
      password: "pw",
    });
    expect(await customKind.verifyConnectivity(i)).toEqual({ ok: true });
  });

  it("calls the Basic validation URL with the credentials", async () => {
    expect(await customKind.verifyConnectivity(custom({ username: "svc", password: "pw", validationUrl: `${url}/basic/validate` }))).toEqual({ ok: true });
    expect(await customKind.verifyConnectivity(custom({ username: "svc", password: "bad", validationUrl: `${url}/basic/validate` }))).toMatchObject({
      ok: false,
    });
  });

  it("has nothing to verify for Basic without a validation URL", async () => {
    expect(await customKind.verifyConnectivity(custom({ username: "svc", password: "pw" }))).toEqual({ ok: true });
  });
});
