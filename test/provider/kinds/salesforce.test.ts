import * as jose from "jose";
import { describe, expect, it } from "vitest";
import type { Connector } from "../../../contract";
import { salesforceKind, UNKNOWN, type SalesforceConnectorInputs } from "../../../provider/kinds";
import { checkSalesforce } from "../../../provider/kinds/salesforce-schema";
import { expectOnlyFailure, type InvalidCase } from "./invalid-case";
import { keyFragments, makeKeys } from "./keys";
import { armored } from "../../support/pem";

const keys = makeKeys();
const valid = { name: "Sales Cloud", clientId: "3MVG9-consumer-key", userEmail: "integration@example.com", privateKey: keys.pkcs8 };
const defaults = { orgId: "acme" };
const check = (news: Record<string, unknown>, d: { orgId?: string } = defaults) => checkSalesforce(news, d);

const FIX = "set it to the unencrypted PEM RSA private key whose certificate is uploaded in the Salesforce Connected App";
const LOOPBACK_ONLY = "http:// is only allowed for loopback hosts (localhost, 127.0.0.0/8, [::1])";
const AUTH_WHAT = "the Salesforce authorization server (https://login.salesforce.com, https://test.salesforce.com or your My Domain URL)";

const without = (k: string) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k));

const invalid: InvalidCase[] = [
  { what: "a missing name", args: without("name"), property: "name", reason: "[name] is required; set name to the connector's display name" },
  { what: "an empty name", args: { ...valid, name: "" }, property: "name", reason: "[name] must not be empty; set name to the connector's display name" },
  { what: "a blank name", args: { ...valid, name: "   " }, property: "name", reason: "[name] must not be empty; set name to the connector's display name" },
  {
    what: "a name of 129 characters",
    args: { ...valid, name: "x".repeat(129) },
    property: "name",
    reason: "[name] must be at most 128 characters (got 129); shorten it",
  },
  {
    what: "a name of 129 emoji",
    args: { ...valid, name: "😀".repeat(129) },
    property: "name",
    reason: "[name] must be at most 128 characters (got 129); shorten it",
  },
  {
    what: "a clientId of 1025 characters",
    args: { ...valid, clientId: "c".repeat(1025) },
    property: "clientId",
    reason: "[clientId] must be at most 1024 characters (got 1025); shorten it",
  },
  {
    what: "a userEmail with an empty domain label",
    args: { ...valid, userEmail: "a@.example.com" },
    property: "userEmail",
    reason: `[userEmail] must be an email address (one "@", no spaces, a dotted domain); set userEmail to the email of the Connected App user`,
  },
  {
    what: "a privateKey over 16384 characters",
    args: { ...valid, privateKey: "k".repeat(16385) },
    property: "privateKey",
    reason: "[privateKey] must be at most 16384 characters (got 16385); shorten it",
  },
  {
    what: "a name with a newline",
    args: { ...valid, name: "Sales\nCloud" },
    property: "name",
    reason: "[name] must not contain control characters (newlines, tabs, …); remove them",
  },
  {
    what: "a name with a tab",
    args: { ...valid, name: "Sales\tCloud" },
    property: "name",
    reason: "[name] must not contain control characters (newlines, tabs, …); remove them",
  },
  {
    what: "a name with leading whitespace",
    args: { ...valid, name: " Sales" },
    property: "name",
    reason: "[name] must not start or end with whitespace; trim it",
  },
  {
    what: "a numeric name",
    args: { ...valid, name: 42 },
    property: "name",
    reason: `[name] must be a string (got a number); set name to the connector's display name`,
  },
  {
    what: "a missing clientId",
    args: without("clientId"),
    property: "clientId",
    reason: "[clientId] is required; set clientId to the Connected App's Consumer Key",
  },
  {
    what: "an empty clientId",
    args: { ...valid, clientId: "" },
    property: "clientId",
    reason: "[clientId] must not be empty; set clientId to the Connected App's Consumer Key",
  },
  {
    what: "a missing userEmail",
    args: without("userEmail"),
    property: "userEmail",
    reason: "[userEmail] is required; set userEmail to the email of the Connected App user",
  },
  {
    what: "a userEmail without @",
    args: { ...valid, userEmail: "integration" },
    property: "userEmail",
    reason: `[userEmail] must be an email address (one "@", no spaces, a dotted domain); set userEmail to the email of the Connected App user`,
  },
  {
    what: "a userEmail without a dotted domain",
    args: { ...valid, userEmail: "a@example" },
    property: "userEmail",
    reason: `[userEmail] must be an email address (one "@", no spaces, a dotted domain); set userEmail to the email of the Connected App user`,
  },
  {
    what: "a userEmail with a space",
    args: { ...valid, userEmail: "a b@example.com" },
    property: "userEmail",
    reason: `[userEmail] must be an email address (one "@", no spaces, a dotted domain); set userEmail to the email of the Connected App user`,
  },
  {
    what: "an authServerUrl that is not a URL",
    args: { ...valid, authServerUrl: "login.salesforce.com" },
    property: "authServerUrl",
    reason: `[authServerUrl] is not a valid URL; set it to ${AUTH_WHAT}, e.g. "https://…"`,
  },
  {
    what: "an http authServerUrl on a public host",
    args: { ...valid, authServerUrl: "http://login.salesforce.com" },
    property: "authServerUrl",
    reason: `[authServerUrl] must use https://; ${LOOPBACK_ONLY}`,
  },
  {
    what: "an http authServerUrl on 10.0.0.1",
    args: { ...valid, authServerUrl: "http://10.0.0.1" },
    property: "authServerUrl",
    reason: `[authServerUrl] must use https://; ${LOOPBACK_ONLY}`,
  },
  {
    what: "an ftp authServerUrl",
    args: { ...valid, authServerUrl: "ftp://login.salesforce.com" },
    property: "authServerUrl",
    reason: `[authServerUrl] must use https://; set it to ${AUTH_WHAT}`,
  },
  {
    what: "an authServerUrl with a trailing slash",
    args: { ...valid, authServerUrl: "https://login.salesforce.com/" },
    property: "authServerUrl",
    reason: `[authServerUrl] must not end with "/"; it is compared verbatim as the JWT audience, so remove the trailing slash`,
  },
  {
    what: "an authServerUrl with credentials",
    args: { ...valid, authServerUrl: "https://admin:hunter2@login.salesforce.com" },
    property: "authServerUrl",
    reason: "[authServerUrl] must not contain credentials (user:password@); put them in the credential properties instead",
  },
  {
    what: "an authServerUrl that is the token endpoint",
    args: { ...valid, authServerUrl: "https://login.salesforce.com/services/oauth2/token" },
    property: "authServerUrl",
    reason: `[authServerUrl] must not name an endpoint (a /services/… path); use the authorization server's base URL, e.g. https://login.salesforce.com`,
  },
  {
    what: "an authServerUrl with a query",
    args: { ...valid, authServerUrl: "https://login.salesforce.com?prompt=login" },
    property: "authServerUrl",
    reason: `[authServerUrl] must not contain a ?query; use the authorization server's base URL, e.g. https://login.salesforce.com`,
  },
  {
    what: "an authServerUrl not written canonically",
    args: { ...valid, authServerUrl: "https://Login.Salesforce.com:443" },
    property: "authServerUrl",
    reason: `[authServerUrl] must be written in its canonical form (scheme and host in lower case, no default port, no spaces, no final "/"): it is compared verbatim as the JWT audience`,
  },
  {
    what: "an authServerUrl with a fragment",
    args: { ...valid, authServerUrl: "https://login.salesforce.com#x" },
    property: "authServerUrl",
    reason: `[authServerUrl] must not contain a #fragment; use the authorization server's base URL, e.g. https://login.salesforce.com`,
  },
  {
    what: "an empty authServerUrl",
    args: { ...valid, authServerUrl: "" },
    property: "authServerUrl",
    reason: `[authServerUrl] must not be empty; set authServerUrl to ${AUTH_WHAT}, or remove authServerUrl`,
  },
  {
    what: "a missing privateKey",
    args: without("privateKey"),
    property: "privateKey",
    reason: "[privateKey] is required; set privateKey to the PEM RSA private key of the Connected App",
  },
  {
    what: "a privateKey that is not PEM",
    args: { ...valid, privateKey: "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC" },
    property: "privateKey",
    reason: `[privateKey] is not a PEM private key (no "-----BEGIN … PRIVATE KEY-----" line); ${FIX}`,
  },
  {
    what: "an EC privateKey (PKCS#8)",
    args: { ...valid, privateKey: keys.ec },
    property: "privateKey",
    reason: `[privateKey] is not an RSA key (it is an EC key); ${FIX}`,
  },
  {
    what: "an EC privateKey (SEC1)",
    args: { ...valid, privateKey: keys.ecSec1 },
    property: "privateKey",
    reason: `[privateKey] is not an RSA key (it is an EC key); RS256 needs RSA: ${FIX}`,
  },
  {
    what: "an Ed25519 privateKey",
    args: { ...valid, privateKey: keys.ed25519 },
    property: "privateKey",
    reason: `[privateKey] is not an RSA key (it is an ED25519 key); ${FIX}`,
  },
  {
    what: "an RSA-PSS privateKey",
    args: { ...valid, privateKey: keys.rsaPss },
    property: "privateKey",
    reason: `[privateKey] is not an RSA key (it is an RSA-PSS key, which cannot sign RS256); ${FIX}`,
  },
  {
    what: "a 1024-bit RSA privateKey",
    args: { ...valid, privateKey: keys.small },
    property: "privateKey",
    reason: "[privateKey] is a 1024-bit RSA key; RS256 requires at least 2048 bits: generate a 2048-bit key and upload its certificate to the Connected App",
  },
  {
    what: "an encrypted privateKey",
    args: { ...valid, privateKey: keys.encrypted },
    property: "privateKey",
    reason: `[privateKey] is encrypted with a passphrase; decrypt it first (openssl pkey -in key.pem -out plain.pem) and ${FIX}`,
  },
  {
    what: "a public key as privateKey",
    args: { ...valid, privateKey: keys.publicKey },
    property: "privateKey",
    reason: `[privateKey] is a public key, not a private key; ${FIX}`,
  },
  {
    what: "a certificate as privateKey",
    args: { ...valid, privateKey: keys.certificate },
    property: "privateKey",
    reason: `[privateKey] is a certificate, not a private key; ${FIX}`,
  },
  {
    what: "a corrupted privateKey",
    args: { ...valid, privateKey: keys.corrupted },
    property: "privateKey",
    reason: `[privateKey] could not be parsed as a PEM private key (corrupted or truncated?); ${FIX}`,
  },
  {
    what: "a privateKey of an unsupported PEM type",
    args: { ...valid, privateKey: armored("DSA PRIVATE KEY", "AAAA") },
    property: "privateKey",
    reason: `[privateKey] has an unsupported PEM type (only BEGIN PRIVATE KEY and BEGIN RSA PRIVATE KEY are read); ${FIX}`,
  },
  {
    what: "a numeric privateKey",
    args: { ...valid, privateKey: 12345 },
    property: "privateKey",
    reason: "[privateKey] must be a string (got a number); set privateKey to the PEM RSA private key of the Connected App",
  },
  {
    what: "an active that is a string",
    args: { ...valid, active: "yes" },
    property: "active",
    reason: `[active] must be true or false (got a string); set active: false to keep the connector deactivated`,
  },
  {
    what: "no orgId anywhere",
    args: valid,
    defaults: {},
    property: "orgId",
    reason:
      "[orgId] is required: neither the resource nor the provider sets it; run `pulumi config set wxcc:orgId <org>` (or set WXCC_ORG_ID), or set orgId on the resource",
  },
  {
    what: "an empty orgId",
    args: { ...valid, orgId: "" },
    property: "orgId",
    reason: "[orgId] must not be empty; set orgId to the Webex Contact Center organization ID, or remove orgId",
  },
  {
    what: "an orgId with a slash",
    args: { ...valid, orgId: "acme/prod" },
    property: "orgId",
    reason: `[orgId] must not contain whitespace, "/", "?" or "#"; set orgId to the organization ID`,
  },
  {
    what: "an empty connectorId",
    args: { ...valid, connectorId: "" },
    property: "connectorId",
    reason: "[connectorId] must not be empty; set connectorId to the ID of an existing connector to adopt, or remove connectorId",
  },
  {
    what: "an unknown property",
    args: { ...valid, domainUrl: "https://x.example.com" },
    property: "domainUrl",
    reason:
      /^\[domainUrl\] is not a property of SalesforceConnector; remove it \(known properties: name, clientId, userEmail, authServerUrl, privateKey, active, orgId, connectorId\)$/,
  },
  {
    what: "a misspelled property",
    args: { ...valid, privatekey: "x" },
    property: "privatekey",
    reason: /^\[privatekey\] is not a property of SalesforceConnector; remove it/,
  },
];

describe("SalesforceConnector check", () => {
  it("accepts a minimal declaration and fills every default", () => {
    expect(check(valid)).toEqual({
      inputs: { ...valid, authServerUrl: "https://login.salesforce.com", active: true, orgId: "acme" },
      failures: [],
    });
  });

  it("accepts a name of 100 emoji: 100 characters, though 200 UTF-16 units (the contract counts code points)", () => {
    expect(check({ ...valid, name: "😀".repeat(100) }).failures).toEqual([]);
  });

  it("keeps declared values over defaults", () => {
    const args = { ...valid, authServerUrl: "https://test.salesforce.com", active: false, orgId: "other", connectorId: "c-1" };
    expect(check(args).inputs).toEqual(args);
  });

  it.each(invalid)("rejects $what on [$property]", ({ args, property, reason, defaults: d }) => {
    expectOnlyFailure(check(args, d ?? defaults), property, reason);
  });

  it("reports every problem at once, one per property", () => {
    const { failures } = check({ name: "", userEmail: "x", privateKey: keys.ec, active: 1, extra: true }, {});
    expect(failures.map((f) => f.property).sort()).toEqual(["active", "clientId", "extra", "name", "orgId", "privateKey", "userEmail"]);
  });

  it.each([
    ["http://127.0.0.1:8787/salesforce"],
    ["http://127.1.2.3/salesforce"],
    ["http://localhost:8787/salesforce"],
    ["http://[::1]:8787/salesforce"],
    ["https://test.salesforce.com"],
    ["https://acme.my.salesforce.com"],
    ["https://acme.my.site.com/customers"],
  ])("accepts the authServerUrl %s", (authServerUrl) => {
    expect(check({ ...valid, authServerUrl }).failures).toEqual([]);
  });

  it("never puts key material in a reason", () => {
    const secrets = [keys.pkcs8, keys.ec, keys.ecSec1, keys.small, keys.encrypted, keys.corrupted, keys.rsaPss, keys.ed25519, keys.publicKey];
    for (const privateKey of [keys.ec, keys.ecSec1, keys.small, keys.encrypted, keys.corrupted, keys.rsaPss, keys.ed25519, keys.publicKey, keys.certificate]) {
      const text = JSON.stringify(check({ ...valid, privateKey }).failures);
      for (const pem of secrets) for (const fragment of keyFragments(pem)) expect(text).not.toContain(fragment);
    }
  });

  it("accepts a PKCS#1 key and normalizes it to PKCS#8 that jose imports", async () => {
    const { inputs, failures } = check({ ...valid, privateKey: keys.pkcs1 });
    expect(failures).toEqual([]);
    expect(inputs?.privateKey).toBe(keys.pkcs8);
    await expect(jose.importPKCS8(inputs!.privateKey, "RS256")).resolves.toBeDefined();
  });

  it("accepts a key whose newlines arrived as literal \\n", () => {
    expect(check({ ...valid, privateKey: keys.pkcs8.replace(/\n/g, "\\n") }).inputs?.privateKey).toBe(keys.pkcs8);
  });

  it.each([
    ["indented, as in a YAML block scalar", (pem: string) => pem.replace(/^/gm, "    ")],
    ["led by spaces and a blank line", (pem: string) => `  \n  ${pem}`],
    ["folded onto one line, as a YAML > scalar reads it", (pem: string) => pem.trim().split("\n").join(" ")],
  ])("accepts a key %s, normalized to the same PKCS#8", (_form, reshape) => {
    for (const pem of [keys.pkcs8, keys.pkcs1]) expect(check({ ...valid, privateKey: reshape(pem) })).toEqual({ inputs: check(valid).inputs, failures: [] });
  });

  it("accepts a key with CRLF line ends", () => {
    expect(check({ ...valid, privateKey: keys.pkcs8.replace(/\n/g, "\r\n") }).inputs?.privateKey).toBe(keys.pkcs8);
  });

  it("is idempotent: checking checked inputs changes nothing", () => {
    const once = check({ ...valid, privateKey: keys.pkcs1 }).inputs!;
    expect(check(once).inputs).toEqual(once);
  });

  it("ignores __provider and drops it from the inputs", () => {
    const { inputs, failures } = check({ ...valid, __provider: "serialized" });
    expect(failures).toEqual([]);
    expect(inputs).not.toHaveProperty("__provider");
  });

  it("treats null like an omitted property", () => {
    expect(check({ ...valid, authServerUrl: null, connectorId: null }).inputs).toEqual(check(valid).inputs);
  });

  it.each(["name", "clientId", "userEmail", "authServerUrl", "privateKey", "active", "orgId", "connectorId"])(
    "tolerates an unknown (preview) value in [%s] and passes it through",
    (field) => {
      const { inputs, failures } = check({ ...valid, [field]: UNKNOWN });
      expect(failures).toEqual([]);
      expect((inputs as Record<string, unknown>)[field]).toBe(UNKNOWN);
    },
  );
});

const inputs: SalesforceConnectorInputs = check({ ...valid, authServerUrl: "http://127.0.0.1:8787/salesforce" }).inputs!;

/** What the backend would return after POSTing `toWrite(inputs)`. */
function live(i: SalesforceConnectorInputs, extra: Partial<Connector> = {}): Connector {
  const { privateKey: _secret, ...salesforce } = salesforceKind.toWrite(i).salesforce!;
  return { id: "c-1", orgId: i.orgId, type: "SALESFORCE", name: i.name, status: "ACTIVE", version: 1, createdAt: "t0", updatedAt: "t0", salesforce, ...extra };
}

describe("SalesforceConnector wire mapping", () => {
  it("writes the full body, secret included", () => {
    expect(salesforceKind.toWrite(inputs)).toEqual({
      type: "SALESFORCE",
      name: "Sales Cloud",
      salesforce: { clientId: valid.clientId, userEmail: valid.userEmail, authServerUrl: "http://127.0.0.1:8787/salesforce", privateKey: keys.pkcs8 },
    });
  });

  it("round-trips through the backend shape, the key coming from the previous inputs", () => {
    expect(salesforceKind.fromConnector(live(inputs), { privateKey: inputs.privateKey })).toEqual(inputs);
  });

  it("reports a connector deactivated by hand as active: false", () => {
    expect(salesforceKind.fromConnector(live(inputs, { status: "INACTIVE" }), inputs).active).toBe(false);
  });

  it("keeps connectorId in the inputs only when it was declared", () => {
    expect(salesforceKind.fromConnector(live(inputs), inputs)).not.toHaveProperty("connectorId");
    expect(salesforceKind.fromConnector(live(inputs), { ...inputs, connectorId: "c-1" }).connectorId).toBe("c-1");
  });

  it("leaves privateKey out when no previous key is known", () => {
    expect(salesforceKind.fromConnector(live(inputs), {})).not.toHaveProperty("privateKey");
  });

  it("refuses to read a custom connector as a Salesforce one", () => {
    expect(() => salesforceKind.fromConnector({ ...live(inputs), type: "CUSTOM", salesforce: undefined }, {})).toThrow(
      "connector c-1 in org acme is a CUSTOM connector, not a Salesforce connector",
    );
  });
});

describe("SalesforceConnector changedFields", () => {
  const outputs = { ...inputs, connectorId: "c-1", status: "ACTIVE", version: 3, createdAt: "t0", updatedAt: "t1", __provider: "p" };

  it("finds nothing when only computed fields, __provider and key order differ", () => {
    const reordered = Object.fromEntries(Object.entries(inputs).reverse()) as SalesforceConnectorInputs;
    expect(salesforceKind.changedFields(outputs, reordered)).toEqual([]);
  });

  it("lists changed properties in declaration order, secrets included", () => {
    expect(salesforceKind.changedFields(outputs, { ...inputs, privateKey: keys.other, name: "Renamed", active: false })).toEqual([
      "name",
      "privateKey",
      "active",
    ]);
  });

  it("does not count an undeclared connectorId against the assigned one", () => {
    expect(salesforceKind.changedFields(outputs, inputs)).toEqual([]);
  });

  it("counts a declared connectorId that differs", () => {
    expect(salesforceKind.changedFields(outputs, { ...inputs, connectorId: "c-2" })).toEqual(["connectorId"]);
  });

  it("counts an unknown (preview) value as changed", () => {
    expect(salesforceKind.changedFields(outputs, { ...inputs, clientId: UNKNOWN })).toEqual(["clientId"]);
  });
});
