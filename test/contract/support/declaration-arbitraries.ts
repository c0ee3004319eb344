import fc from "fast-check";
import { EMAIL_MAX, FIELD_MAX, NAME_MAX } from "../../../contract/lengths";
import { applyForms, KEY_FORM_NAMES, KEY_NAMES, type KeyMaterial } from "./key-forms";
import { aroundLimit, asciiText, blank, decorated, freeText, notAString, ofCodePoints, unicodeText } from "./text-arbitraries";
import { urlValue } from "./url-arbitraries";

/**
 * Connector declarations as a program writes them (the SDK's args, SPEC §2), valid and
 * invalid. Provider-only args (`active`, `orgId`, `connectorId`) are left out: the
 * backend never sees them.
 */
export type Declaration = Record<string, unknown>;

/** Connector names: plain, Unicode, around the 128 code point limit, decorated, blank, not strings. */
export const nameValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ._-]{0,30}[A-Za-z0-9]$/) },
  { weight: 3, arbitrary: aroundLimit(NAME_MAX) },
  { weight: 3, arbitrary: unicodeText(40) },
  { weight: 2, arbitrary: decorated(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,10}[a-z]$/)) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: blank },
  { weight: 1, arbitrary: notAString },
);

/** Email addresses: RFC-shaped ones, near misses, Unicode, around the 320 code point limit. */
export const emailValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 14, arbitrary: fc.emailAddress() },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "integration@example.com",
      "Ops.Team+sf@Sub.Example.CO",
      "ops@localhost",
      "a@b",
      "@example.com",
      "a@",
      "a@@example.com",
      "a b@example.com",
      "a@example..com",
      "a@.example.com",
      "a@example.com.",
      "ünï@exämple.com",
      "😀@example.com",
      "a@example.com\n",
      " a@example.com",
      "a@example.com ",
      "a\u0000@example.com",
      '"quoted local"@example.com',
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.integer({ min: EMAIL_MAX - 2, max: EMAIL_MAX + 2 }), fc.constantFrom("a", "é", "😀")).map(([n, unit]) => {
      const tail = "@example.com";
      return ofCodePoints(unit, n - tail.length) + tail;
    }),
  },
  { weight: 1, arbitrary: blank },
  { weight: 1, arbitrary: notAString },
);

/** Private keys: every kind, in every form a paste can take, or not a key at all. */
export function privateKeyValue(keys: KeyMaterial): fc.Arbitrary<unknown> {
  const formed = fc
    .tuple(
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom("rsa-pkcs8", "rsa-pkcs1") }, { weight: 1, arbitrary: fc.constantFrom(...KEY_NAMES) }),
      fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 3, arbitrary: fc.subarray(KEY_FORM_NAMES, { maxLength: 3 }) }),
    )
    .map(([name, forms]) => applyForms(keys.pems[name], forms));
  return fc.oneof(
    { weight: 24, arbitrary: formed },
    { weight: 1, arbitrary: aroundLimit(FIELD_MAX["salesforce.privateKey"]) },
    { weight: 1, arbitrary: blank },
    { weight: 1, arbitrary: notAString },
  );
}

/** Secrets (passwords, client secrets): usually short, sometimes around their limit in astral characters. */
export const secretValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 14, arbitrary: asciiText(30) },
  { weight: 2, arbitrary: unicodeText(20).filter((s) => s.trim() !== "") },
  { weight: 2, arbitrary: aroundLimit(FIELD_MAX["custom.password"]) },
  { weight: 1, arbitrary: blank },
  { weight: 1, arbitrary: notAString },
);

/** Where each URL field points on the emulator under test. */
export interface Endpoints {
  origin: string;
}

/** An optional property: absent (undefined) with weight `absent`, else a value. */
function maybe<T>(arb: fc.Arbitrary<T>, absent = 1, present = 6): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: present, arbitrary: arb });
}

/** A property that does not belong to the kind, added now and then. */
const strayProperty = fc.oneof(
  { weight: 12, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.record({ key: fc.constantFrom("foo", "type", "status", "privateKeyPem", "clientSecret", "domainUrl", "tokenUrl"), value: asciiText(8) }),
  },
);

/** Drops undefined properties and adds the stray one, if any. */
function assemble(props: Record<string, unknown>, stray: { key: string; value: unknown } | undefined): Declaration {
  const out: Declaration = {};
  for (const [k, v] of Object.entries(props)) if (v !== undefined) out[k] = v;
  if (stray && !(stray.key in out)) out[stray.key] = stray.value;
  return out;
}

/**
 * `SalesforceConnector` args. `authServerUrl` is always set (to the emulator or to a value
 * the rules refuse before any call): its default is the real login.salesforce.com.
 */
export function salesforceDeclaration(keys: KeyMaterial, at: Endpoints): fc.Arbitrary<Declaration> {
  return fc
    .record({
      props: fc.record({
        name: maybe(nameValue, 1, 30),
        clientId: maybe(freeText(FIELD_MAX["salesforce.clientId"]), 1, 30),
        userEmail: maybe(emailValue, 1, 30),
        authServerUrl: urlValue({ origin: at.origin, path: "/salesforce" }),
        privateKey: maybe(privateKeyValue(keys), 1, 30),
      }),
      stray: strayProperty,
    })
    .map(({ props, stray }) => assemble(props, stray));
}

/** `CustomConnector` args: a Basic, client-credentials or password-grant shape, mostly filled in as that shape needs. */
export function customDeclaration(at: Endpoints): fc.Arbitrary<Declaration> {
  const common = {
    name: maybe(nameValue, 1, 30),
    domainUrl: maybe(urlValue({ origin: "https://api.example.com", path: "/" }), 1, 30),
  };
  const authValue = (sdk: string) =>
    fc.oneof(
      { weight: 12, arbitrary: fc.constant(sdk) },
      { weight: 1, arbitrary: fc.constantFrom("BASIC", "OAuth2", "oauth", "") },
      { weight: 1, arbitrary: notAString },
    );
  const grantValue = (sdk: string) =>
    fc.oneof(
      { weight: 12, arbitrary: fc.constant(sdk) },
      { weight: 1, arbitrary: fc.constantFrom("PASSWORD", "client-credentials", "refresh_token", "") },
      { weight: 1, arbitrary: notAString },
    );
  const rarely = <T>(arb: fc.Arbitrary<T>) => maybe(arb, 12, 1);
  const basic = fc.record({
    ...common,
    authenticationType: maybe(authValue("basic"), 2, 3),
    username: maybe(freeText(FIELD_MAX["custom.username"]), 1, 20),
    password: maybe(secretValue, 1, 20),
    validationUrl: maybe(urlValue({ origin: at.origin, path: "/basic/validate" }), 2, 3),
    grantType: rarely(grantValue("client_credentials")),
    clientId: rarely(asciiText(8)),
    tokenUrl: rarely(fc.constant(`${at.origin}/oauth/token`)),
  });
  const oauth = (grant: "client_credentials" | "password") =>
    fc.record({
      ...common,
      authenticationType: authValue("oauth2"),
      grantType: grant === "client_credentials" ? maybe(grantValue(grant), 2, 3) : grantValue(grant),
      clientId: maybe(freeText(FIELD_MAX["custom.clientId"]), 1, 20),
      clientSecret: maybe(secretValue, 1, 20),
      scope: maybe(freeText(FIELD_MAX["custom.scope"]), 3, 2),
      tokenUrl: maybe(urlValue({ origin: at.origin, path: "/oauth/token" }), 1, 20),
      username: grant === "password" ? maybe(freeText(FIELD_MAX["custom.username"]), 1, 20) : rarely(asciiText(8)),
      password: grant === "password" ? maybe(secretValue, 1, 20) : rarely(asciiText(8)),
      validationUrl: rarely(fc.constant(`${at.origin}/basic/validate`)),
    });
  return fc
    .record({ props: fc.oneof(basic, oauth("client_credentials"), oauth("password")), stray: strayProperty })
    .map(({ props, stray }) => assemble(props, stray));
}
