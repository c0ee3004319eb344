import { describe, expect, it } from "vitest";
import type { Connector } from "../../../contract";
import { customKind, UNKNOWN, type CustomConnectorInputs } from "../../../provider/kinds";
import { checkCustom } from "../../../provider/kinds/custom-schema";
import { expectOnlyFailure, type InvalidCase } from "./invalid-case";

const PASSWORD = "pa55-Very-Secret";
const CLIENT_SECRET = "cs-Very-Secret-42";
const basic = { name: "Order API", domainUrl: "https://api.example.com", username: "svc", password: PASSWORD };
const oauth = {
  name: "Order API",
  domainUrl: "https://api.example.com",
  authenticationType: "oauth2",
  clientId: "webex",
  clientSecret: CLIENT_SECRET,
  tokenUrl: "https://idp.example.com/token",
};
const pwGrant = { ...oauth, grantType: "password", username: "svc", password: PASSWORD };
const defaults = { orgId: "acme" };
const check = (news: Record<string, unknown>, d: { orgId?: string } = defaults) => checkCustom(news, d);
const omit = (o: Record<string, unknown>, k: string) => Object.fromEntries(Object.entries(o).filter(([key]) => key !== k));

const LOOPBACK_ONLY = "http:// is only allowed for loopback hosts (localhost, 127.0.0.0/8, [::1])";
const DOMAIN = "the https:// domain of the resource the connector calls";
const VALIDATION = "a URL that answers 2xx to a GET with the Basic credentials";

const invalid: InvalidCase[] = [
  { what: "a missing name", args: omit(basic, "name"), property: "name", reason: "[name] is required; set name to the connector's display name" },
  {
    what: "a name of 200 characters",
    args: { ...basic, name: "n".repeat(200) },
    property: "name",
    reason: "[name] must be at most 128 characters (got 200); shorten it",
  },
  {
    what: "a name with a DEL character",
    args: { ...basic, name: "Order\u007fAPI" },
    property: "name",
    reason: "[name] must not contain control characters (newlines, tabs, …); remove them",
  },
  {
    what: "a domainUrl with a trailing space (the URL parser would trim it)",
    args: { ...basic, domainUrl: "https://crm.example.com " },
    property: "domainUrl",
    reason:
      "[domainUrl] must not contain spaces, other whitespace or invisible characters (at the ends either); remove them, and write a space inside a path as %20",
  },
  {
    what: "a validationUrl with a space in its path",
    args: { ...basic, validationUrl: "https://crm.example.com/a b" },
    property: "validationUrl",
    reason:
      "[validationUrl] must not contain spaces, other whitespace or invisible characters (at the ends either); remove them, and write a space inside a path as %20",
  },
  {
    what: "a domainUrl with a #fragment",
    args: { ...basic, domainUrl: "https://api.example.com/#top" },
    property: "domainUrl",
    reason: `[domainUrl] must not contain a #fragment; remove it`,
  },
  {
    what: "a username of 256 characters",
    args: { ...basic, username: "u".repeat(256) },
    property: "username",
    reason: "[username] must be at most 255 characters (got 256); shorten it",
  },
  {
    what: "a clientSecret of 256 characters",
    args: { ...oauth, clientSecret: "s".repeat(256) },
    property: "clientSecret",
    reason: "[clientSecret] must be at most 255 characters (got 256); shorten it",
  },
  {
    what: "a Basic username with a colon",
    args: { ...basic, username: "corp:svc" },
    property: "username",
    reason:
      '[username] must not contain ":" when authenticationType is "basic": HTTP Basic sends "user:password" and the server splits it at the first ":", so this user name can never sign in; set username to the user name without ":"',
  },
  {
    what: "a tokenUrl over 2048 characters",
    args: { ...oauth, tokenUrl: `https://idp.example.com/${"t".repeat(2048)}` },
    property: "tokenUrl",
    reason: /^\[tokenUrl\] must be at most 2048 characters \(got 2072\); shorten it$/,
  },
  { what: "a missing domainUrl", args: omit(basic, "domainUrl"), property: "domainUrl", reason: `[domainUrl] is required; set domainUrl to ${DOMAIN}` },
  {
    what: "an http domainUrl",
    args: { ...basic, domainUrl: "http://api.example.com" },
    property: "domainUrl",
    reason: `[domainUrl] must use https://; http:// is not allowed here, not even for loopback hosts: set it to ${DOMAIN}`,
  },
  {
    what: "an http domainUrl on loopback",
    args: { ...basic, domainUrl: "http://127.0.0.1:8080" },
    property: "domainUrl",
    reason: `[domainUrl] must use https://; http:// is not allowed here, not even for loopback hosts: set it to ${DOMAIN}`,
  },
  {
    what: "a domainUrl without a scheme",
    args: { ...basic, domainUrl: "api.example.com" },
    property: "domainUrl",
    reason: `[domainUrl] is not a valid URL; set it to ${DOMAIN}, e.g. "https://…"`,
  },
  {
    what: "a wss domainUrl",
    args: { ...basic, domainUrl: "wss://api.example.com" },
    property: "domainUrl",
    reason: `[domainUrl] must use https://; set it to ${DOMAIN}`,
  },
  {
    what: "an authenticationType in the wrong case",
    args: { ...basic, authenticationType: "OAuth2" },
    property: "authenticationType",
    reason: `[authenticationType] must be "basic" or "oauth2" (spelled exactly so: values are case-sensitive); set one of them or omit authenticationType for the default`,
  },
  {
    what: "basic without username",
    args: omit(basic, "username"),
    property: "username",
    reason: `[username] is required when authenticationType is "basic"; set username to the user name the connector authenticates as`,
  },
  {
    what: "basic without password",
    args: omit(basic, "password"),
    property: "password",
    reason: `[password] is required when authenticationType is "basic"; set password to that user's password (keep it secret: pulumi config set --secret)`,
  },
  {
    what: "basic with a clientId",
    args: { ...basic, clientId: "x" },
    property: "clientId",
    reason: `[clientId] does not apply when authenticationType is "basic"; remove clientId, or set authenticationType: "oauth2"`,
  },
  {
    what: "basic with a clientSecret",
    args: { ...basic, clientSecret: CLIENT_SECRET },
    property: "clientSecret",
    reason: `[clientSecret] does not apply when authenticationType is "basic"; remove clientSecret, or set authenticationType: "oauth2"`,
  },
  {
    what: "basic with a tokenUrl",
    args: { ...basic, tokenUrl: "https://idp.example.com/token" },
    property: "tokenUrl",
    reason: `[tokenUrl] does not apply when authenticationType is "basic"; remove tokenUrl, or set authenticationType: "oauth2"`,
  },
  {
    what: "basic with a scope",
    args: { ...basic, scope: "read" },
    property: "scope",
    reason: `[scope] does not apply when authenticationType is "basic"; remove scope, or set authenticationType: "oauth2"`,
  },
  {
    what: "basic with a grantType",
    args: { ...basic, grantType: "password" },
    property: "grantType",
    reason: `[grantType] does not apply when authenticationType is "basic"; remove grantType, or set authenticationType: "oauth2"`,
  },
  {
    what: "an explicit basic with a clientId",
    args: { ...basic, authenticationType: "basic", clientId: "x" },
    property: "clientId",
    reason: `[clientId] does not apply when authenticationType is "basic"; remove clientId, or set authenticationType: "oauth2"`,
  },
  {
    what: "an http validationUrl on a public host",
    args: { ...basic, validationUrl: "http://api.example.com/health" },
    property: "validationUrl",
    reason: `[validationUrl] must use https://; ${LOOPBACK_ONLY}`,
  },
  {
    what: "a validationUrl that is not a URL",
    args: { ...basic, validationUrl: "/health" },
    property: "validationUrl",
    reason: `[validationUrl] is not a valid URL; set it to ${VALIDATION}, e.g. "https://…"`,
  },
  {
    what: "a validationUrl with credentials",
    args: { ...basic, validationUrl: `https://svc:${PASSWORD}@api.example.com/health` },
    property: "validationUrl",
    reason: "[validationUrl] must not contain credentials (user:password@); put them in the credential properties instead",
  },
  {
    what: "an empty username",
    args: { ...basic, username: "" },
    property: "username",
    reason: "[username] must not be empty; set username to the user name the connector authenticates as",
  },
  {
    what: "a numeric password",
    args: { ...basic, password: 123456 },
    property: "password",
    reason: "[password] must be a string (got a number); set password to that user's password (keep it secret: pulumi config set --secret)",
  },
  {
    what: "oauth2 without clientId",
    args: omit(oauth, "clientId"),
    property: "clientId",
    reason: `[clientId] is required when authenticationType is "oauth2"; set clientId to the OAuth 2.0 client ID registered at the IdP`,
  },
  {
    what: "oauth2 without clientSecret",
    args: omit(oauth, "clientSecret"),
    property: "clientSecret",
    reason: `[clientSecret] is required when authenticationType is "oauth2"; set clientSecret to the OAuth 2.0 client secret (keep it secret: pulumi config set --secret)`,
  },
  {
    what: "oauth2 without tokenUrl",
    args: omit(oauth, "tokenUrl"),
    property: "tokenUrl",
    reason: `[tokenUrl] is required when authenticationType is "oauth2"; set tokenUrl to the IdP's token endpoint`,
  },
  {
    what: "oauth2 with a validationUrl",
    args: { ...oauth, validationUrl: "https://api.example.com/health" },
    property: "validationUrl",
    reason: `[validationUrl] does not apply when authenticationType is "oauth2"; remove validationUrl (OAuth 2.0 credentials are validated by requesting a token at tokenUrl)`,
  },
  {
    what: "oauth2 with an http tokenUrl",
    args: { ...oauth, tokenUrl: "http://idp.example.com/token" },
    property: "tokenUrl",
    reason: `[tokenUrl] must use https://; ${LOOPBACK_ONLY}`,
  },
  {
    what: "oauth2 with a tokenUrl that is not a URL",
    args: { ...oauth, tokenUrl: "idp/token" },
    property: "tokenUrl",
    reason: `[tokenUrl] is not a valid URL; set it to the IdP's token endpoint, e.g. "https://…"`,
  },
  {
    what: "oauth2 with an empty scope",
    args: { ...oauth, scope: "" },
    property: "scope",
    reason: "[scope] must not be empty; set scope to the space-separated OAuth 2.0 scopes to request, or remove scope",
  },
  {
    what: "oauth2 with an unknown grantType",
    args: { ...oauth, grantType: "implicit" },
    property: "grantType",
    reason: `[grantType] must be "client_credentials" or "password" (spelled exactly so: values are case-sensitive); set one of them or omit grantType for the default`,
  },
  {
    what: "client credentials with a username",
    args: { ...oauth, username: "svc" },
    property: "username",
    reason: `[username] does not apply when grantType is "client_credentials"; remove username, or set grantType: "password"`,
  },
  {
    what: "an explicit client credentials grant with a password",
    args: { ...oauth, grantType: "client_credentials", password: PASSWORD },
    property: "password",
    reason: `[password] does not apply when grantType is "client_credentials"; remove password, or set grantType: "password"`,
  },
  {
    what: "the password grant without username",
    args: omit(pwGrant, "username"),
    property: "username",
    reason: `[username] is required when grantType is "password"; set username to the user name the connector authenticates as`,
  },
  {
    what: "the password grant without password",
    args: omit(pwGrant, "password"),
    property: "password",
    reason: `[password] is required when grantType is "password"; set password to that user's password (keep it secret: pulumi config set --secret)`,
  },
  {
    what: "a clientSecret that is an object",
    args: { ...oauth, clientSecret: { value: CLIENT_SECRET } },
    property: "clientSecret",
    reason: "[clientSecret] must be a string (got an object); set clientSecret to the OAuth 2.0 client secret (keep it secret: pulumi config set --secret)",
  },
  {
    what: "an active that is a number",
    args: { ...basic, active: 1 },
    property: "active",
    reason: "[active] must be true or false (got a number); set active: false to keep the connector deactivated",
  },
  {
    what: "no orgId anywhere",
    args: basic,
    defaults: {},
    property: "orgId",
    reason:
      "[orgId] is required: neither the resource nor the provider sets it; run `pulumi config set wxcc:orgId <org>` (or set WXCC_ORG_ID), or set orgId on the resource",
  },
  {
    what: "an orgId with a space",
    args: { ...basic, orgId: "acme prod" },
    property: "orgId",
    reason: `[orgId] must not contain whitespace, "/", "?" or "#"; set orgId to the organization ID`,
  },
  {
    what: "an unknown property",
    args: { ...basic, headers: { a: "b" } },
    property: "headers",
    reason:
      /^\[headers\] is not a property of CustomConnector; remove it \(known properties: name, domainUrl, authenticationType, username, password, validationUrl, grantType, clientId, clientSecret, scope, tokenUrl, active, orgId, connectorId\)$/,
  },
  {
    what: "a Salesforce property",
    args: { ...basic, privateKey: "x" },
    property: "privateKey",
    reason: /^\[privateKey\] is not a property of CustomConnector; remove it/,
  },
];

describe("CustomConnector check", () => {
  it("fills basic authentication, active and orgId in a minimal Basic declaration", () => {
    expect(check(basic)).toEqual({ inputs: { ...basic, authenticationType: "basic", active: true, orgId: "acme" }, failures: [] });
  });

  it("fills the client_credentials grant for OAuth 2.0", () => {
    expect(check(oauth).inputs).toEqual({ ...oauth, grantType: "client_credentials", active: true, orgId: "acme" });
  });

  it("leaves grantType absent for Basic", () => {
    expect(check(basic).inputs).not.toHaveProperty("grantType");
  });

  it.each([
    ["Basic with a validation URL", { ...basic, validationUrl: "https://api.example.com/health" }],
    ["Basic with a loopback http validation URL", { ...basic, validationUrl: "http://127.0.0.1:8787/basic/validate" }],
    ["OAuth 2.0 with a scope", { ...oauth, scope: "orders.read orders.write" }],
    ["OAuth 2.0 with a localhost token URL", { ...oauth, tokenUrl: "http://localhost:8787/oauth/token" }],
    ["OAuth 2.0 with an [::1] token URL", { ...oauth, tokenUrl: "http://[::1]:8787/oauth/token" }],
    ["the password grant", pwGrant],
    ['the password grant with a user name containing ":" (sent form-encoded, not as HTTP Basic)', { ...pwGrant, username: "corp:svc" }],
    ["OAuth 2.0 credentials of 255 × 😀", { ...oauth, clientId: "😀".repeat(255), clientSecret: "😀".repeat(255) }],
    ["an adopted connector", { ...basic, connectorId: "c-9", active: false, orgId: "other" }],
  ])("accepts %s", (_what, args) => {
    const { inputs, failures } = check(args);
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject(args);
  });

  it.each(invalid)("rejects $what on [$property]", ({ args, property, reason, defaults: d }) => {
    expectOnlyFailure(check(args, d ?? defaults), property, reason);
  });

  it("reports every missing OAuth 2.0 credential at once", () => {
    expect(check({ name: "x", domainUrl: "https://a.example.com", authenticationType: "oauth2" }).failures.map((f) => f.property)).toEqual([
      "clientId",
      "clientSecret",
      "tokenUrl",
    ]);
  });

  it("never echoes a password or client secret in a reason", () => {
    for (const c of invalid) {
      const text = JSON.stringify(check(c.args, c.defaults ?? defaults).failures);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(CLIENT_SECRET);
    }
  });

  it("ignores __provider and null values", () => {
    expect(check({ ...basic, __provider: "p", validationUrl: null }).inputs).toEqual(check(basic).inputs);
  });

  it.each(["name", "domainUrl", "username", "password", "validationUrl", "active", "orgId", "connectorId"])(
    "tolerates an unknown (preview) value in Basic [%s]",
    (field) => {
      const { inputs, failures } = check({ ...basic, validationUrl: "https://api.example.com/h", [field]: UNKNOWN });
      expect(failures).toEqual([]);
      expect((inputs as Record<string, unknown>)[field]).toBe(UNKNOWN);
    },
  );

  it.each(["clientId", "clientSecret", "tokenUrl", "scope", "grantType", "username", "password"])(
    "tolerates an unknown (preview) value in password-grant [%s]",
    (field) => {
      const { failures } = check({ ...pwGrant, scope: "s", [field]: UNKNOWN });
      expect(failures).toEqual([]);
    },
  );

  it("skips the auth rules while authenticationType is unknown", () => {
    const { inputs, failures } = check({ name: "x", domainUrl: "https://a.example.com", authenticationType: UNKNOWN, clientId: "c", username: "u" });
    expect(failures).toEqual([]);
    expect(inputs).not.toHaveProperty("grantType");
  });

  it("skips the grant rules but keeps the OAuth 2.0 ones while grantType is unknown", () => {
    expect(check({ ...omit(oauth, "tokenUrl"), grantType: UNKNOWN, username: "u" }).failures.map((f) => f.property)).toEqual(["tokenUrl"]);
  });
});

/** What the backend would return after POSTing `toWrite(inputs)`. */
function live(i: CustomConnectorInputs, extra: Partial<Connector> = {}): Connector {
  const { password: _p, clientSecret: _s, ...custom } = customKind.toWrite(i).custom!;
  return { id: "c-1", orgId: i.orgId, type: "CUSTOM", name: i.name, status: "ACTIVE", version: 2, createdAt: "t0", updatedAt: "t1", custom, ...extra };
}

describe("CustomConnector wire mapping", () => {
  const basicInputs = check({ ...basic, validationUrl: "https://api.example.com/health" }).inputs!;
  const oauthInputs = check({ ...oauth, scope: "read" }).inputs!;
  const pwInputs = check(pwGrant).inputs!;

  it("writes Basic with upper-case enums and no OAuth keys", () => {
    expect(customKind.toWrite(basicInputs)).toEqual({
      type: "CUSTOM",
      name: "Order API",
      custom: {
        authenticationType: "BASIC",
        domainUrl: "https://api.example.com",
        username: "svc",
        password: PASSWORD,
        validationUrl: "https://api.example.com/health",
      },
    });
  });

  it("writes OAuth 2.0 client credentials with the secret", () => {
    expect(customKind.toWrite(oauthInputs).custom).toEqual({
      authenticationType: "OAUTH2",
      domainUrl: "https://api.example.com",
      grantType: "CLIENT_CREDENTIALS",
      clientId: "webex",
      clientSecret: CLIENT_SECRET,
      scope: "read",
      tokenUrl: "https://idp.example.com/token",
    });
  });

  it("writes the password grant", () => {
    expect(customKind.toWrite(pwInputs).custom).toMatchObject({ grantType: "PASSWORD", username: "svc", password: PASSWORD });
  });

  it.each([
    ["Basic", basicInputs],
    ["OAuth 2.0", oauthInputs],
    ["the password grant", pwInputs],
  ])("round-trips %s through the backend shape, secrets from the previous inputs", (_what, i) => {
    expect(customKind.fromConnector(live(i), { password: i.password, clientSecret: i.clientSecret })).toEqual(i);
  });

  it("drops secrets the live auth type no longer uses (switched to Basic by hand)", () => {
    const c = live(basicInputs);
    expect(customKind.fromConnector(c, { password: "p", clientSecret: "s" })).not.toHaveProperty("clientSecret");
  });

  it("drops the password when the live connector uses client credentials", () => {
    expect(customKind.fromConnector(live(oauthInputs), { password: "p", clientSecret: CLIENT_SECRET })).not.toHaveProperty("password");
  });

  it("reports a deactivated connector as active: false and keeps a declared connectorId", () => {
    const r = customKind.fromConnector(live(basicInputs, { status: "INACTIVE", id: "c-7" }), { ...basicInputs, connectorId: "c-7" });
    expect(r).toMatchObject({ active: false, connectorId: "c-7" });
  });
});

describe("CustomConnector changedFields", () => {
  const i = check(oauth).inputs!;
  const outputs = { ...i, connectorId: "c-1", status: "ACTIVE" as const, version: 1, createdAt: "t", updatedAt: "t" };

  it("finds nothing for the same declaration", () => {
    expect(customKind.changedFields(outputs, check(oauth).inputs!)).toEqual([]);
  });

  it("finds a changed client secret", () => {
    expect(customKind.changedFields(outputs, { ...i, clientSecret: "rotated" })).toEqual(["clientSecret"]);
  });

  it("finds a switch to Basic as every affected property", () => {
    const b = check(basic).inputs!;
    expect(customKind.changedFields(outputs, b)).toEqual(["authenticationType", "username", "password", "grantType", "clientId", "clientSecret", "tokenUrl"]);
  });
});
