import { generateKeyPairSync } from "node:crypto";

/** One invalid declaration: the args a program passes and the property `check` must name. */
export interface BadInput {
  /** Rule family, e.g. "salesforce/email". */
  family: string;
  kind: "salesforce" | "custom";
  args: Record<string, unknown>;
  /** The property the failure must name. */
  property: string;
}

const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const ed = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const rsaPublic = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();

/** The secret values the corpus uses (for leak scans). */
export const corpusSecrets = { privateKey: rsa, password: "corpus-pw-5e1f9a", clientSecret: "corpus-secret-77c2d0" };

const sf = (over: Record<string, unknown> = {}) => ({
  name: "Sales Cloud",
  clientId: "3MVG9-corpus",
  userEmail: "ops@example.com",
  authServerUrl: "https://login.salesforce.com",
  privateKey: rsa,
  orgId: "demo",
  ...over,
});
const basic = (over: Record<string, unknown> = {}) => ({
  name: "CRM Basic",
  domainUrl: "https://crm.example.com",
  username: "svc",
  password: corpusSecrets.password,
  validationUrl: "https://idp.example.com/validate",
  orgId: "demo",
  ...over,
});
const oauth = (over: Record<string, unknown> = {}) => ({
  name: "CRM OAuth",
  domainUrl: "https://crm.example.com",
  authenticationType: "oauth2",
  clientId: "webex-cc",
  clientSecret: corpusSecrets.clientSecret,
  scope: "crm.read",
  tokenUrl: "https://idp.example.com/oauth2/token",
  orgId: "demo",
  ...over,
});
const without = (o: Record<string, unknown>, k: string) => {
  const { [k]: _drop, ...rest } = o;
  return rest;
};

const badEmails = [
  "",
  " ",
  "ops",
  "ops@",
  "@example.com",
  "ops@@example.com",
  "ops example@example.com",
  "ops@example..com",
  "ops@.example.com",
  "ops@example",
  "ops@example.com.",
  "ops@example.com,x@example.com",
];
const badUrls = [
  "",
  "not a url",
  "example.com",
  "//example.com",
  "ftp://example.com",
  "javascript:alert(1)",
  "https://",
  "https:// spaced.example.com",
  "file:///etc/passwd",
  "mailto:a@example.com",
];
const nonLoopbackHttp = ["http://example.com", "http://10.0.0.1/token", "http://192.168.1.10", "http://idp.internal:8080/x", "http://0.0.0.0:8787"];
const badDomainUrls = [...badUrls, ...nonLoopbackHttp, "http://127.0.0.1:8787", "http://localhost"];
const notString = [42, true, { a: 1 }, ["x"]];
const badKeys: Array<[string, string]> = [
  ["garbage", "not a key"],
  ["EC key", ec],
  ["Ed25519 key", ed],
  ["RSA public key", rsaPublic],
  ["truncated RSA key", rsa.slice(0, 200)],
  ["body only", rsa.split("\n").slice(1, -2).join("\n")],
  ["corrupted body", rsa.replace(/[A-Za-z]{8}/, "!!!!!!!!")],
  ["certificate header", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"],
];

/**
 * A tabled corpus of invalid connector declarations, one entry per (rule, bad value)
 * pair: every field's missing / wrong-typed / malformed values, fields foreign to the
 * chosen auth/grant type, and bad enum values. Deterministic apart from generated keys.
 *
 * @example
 * for (const c of badInputCorpus()) expect((await hooks.check({}, c.args)).failures).toContainEqual(expect.objectContaining({ property: c.property }));
 */
export function badInputCorpus(): BadInput[] {
  const out: BadInput[] = [];
  const add = (family: string, kind: BadInput["kind"], property: string, args: Record<string, unknown>) => out.push({ family, kind, property, args });

  for (const k of ["name", "clientId", "userEmail", "privateKey"]) add("salesforce/required", "salesforce", k, without(sf(), k));
  for (const k of ["name", "clientId", "userEmail", "privateKey"]) add("salesforce/empty", "salesforce", k, sf({ [k]: "" }));
  for (const k of ["name", "clientId", "userEmail", "authServerUrl", "privateKey"])
    for (const v of notString) add("salesforce/type", "salesforce", k, sf({ [k]: v }));
  for (const v of badEmails) add("salesforce/email", "salesforce", "userEmail", sf({ userEmail: v }));
  for (const v of [...badUrls, ...nonLoopbackHttp]) add("salesforce/authServerUrl", "salesforce", "authServerUrl", sf({ authServerUrl: v }));
  for (const [, v] of badKeys) add("salesforce/privateKey", "salesforce", "privateKey", sf({ privateKey: v }));
  for (const k of ["domainUrl", "username", "password", "clientSecret", "tokenUrl", "authenticationType"])
    add("salesforce/foreign", "salesforce", k, sf({ [k]: k === "domainUrl" || k === "tokenUrl" ? "https://x.example.com" : "x" }));
  for (const v of ["yes", 1, "true"]) add("salesforce/active", "salesforce", "active", sf({ active: v }));

  for (const k of ["name", "domainUrl", "username", "password"]) add("basic/required", "custom", k, without(basic(), k));
  for (const k of ["name", "domainUrl", "username", "password"]) add("basic/empty", "custom", k, basic({ [k]: "" }));
  for (const k of ["name", "domainUrl", "username", "password", "validationUrl"]) for (const v of notString) add("basic/type", "custom", k, basic({ [k]: v }));
  for (const v of badDomainUrls) add("custom/domainUrl", "custom", "domainUrl", basic({ domainUrl: v }));
  for (const v of [...badUrls.filter((u) => u !== ""), ...nonLoopbackHttp]) add("basic/validationUrl", "custom", "validationUrl", basic({ validationUrl: v }));
  for (const [k, v] of [
    ["clientId", "c"],
    ["clientSecret", "s"],
    ["scope", "x"],
    ["tokenUrl", "https://t.example.com"],
    ["grantType", "password"],
    ["privateKey", rsa],
    ["userEmail", "a@example.com"],
  ] as const)
    add("basic/foreign", "custom", k, basic({ [k]: v }));
  for (const v of ["BASIC", "OAuth2", "oauth", "bearer", "", 1])
    add("custom/authenticationType", "custom", "authenticationType", basic({ authenticationType: v }));

  for (const k of ["clientId", "clientSecret", "tokenUrl"]) add("oauth/required", "custom", k, without(oauth(), k));
  for (const k of ["clientId", "clientSecret", "tokenUrl"]) add("oauth/empty", "custom", k, oauth({ [k]: "" }));
  for (const k of ["clientId", "clientSecret", "tokenUrl", "scope"]) for (const v of notString) add("oauth/type", "custom", k, oauth({ [k]: v }));
  for (const v of [...badUrls.filter((u) => u !== ""), ...nonLoopbackHttp]) add("oauth/tokenUrl", "custom", "tokenUrl", oauth({ tokenUrl: v }));
  for (const v of badDomainUrls) add("custom/domainUrl", "custom", "domainUrl", oauth({ domainUrl: v }));
  for (const k of ["username", "password"]) add("oauth/foreign-client-credentials", "custom", k, oauth({ [k]: "x" }));
  add("oauth/foreign", "custom", "validationUrl", oauth({ validationUrl: "https://v.example.com" }));
  for (const k of ["username", "password"])
    add("oauth/password-grant-required", "custom", k, without(oauth({ grantType: "password", username: "u", password: corpusSecrets.password }), k));
  for (const v of ["client-credentials", "PASSWORD", "implicit", "authorization_code", "", 7])
    add("oauth/grantType", "custom", "grantType", oauth({ grantType: v }));
  for (const v of ["yes", 0, "false"]) add("custom/active", "custom", "active", oauth({ active: v }));
  return out;
}
