import { z } from "zod";
import type { CustomConnectorInputs } from "./inputs";
import { CUSTOM_INPUT_FIELDS as FIELDS, DEFAULT_AUTH, DEFAULT_GRANT } from "./input-fields";
import type { CheckFailure, CheckResult } from "./kind";
import { runCheck } from "./lib/check";
import { connectorId, connectorName, flag, oneOf, opt, orgId, req, text, url } from "./lib/fields";
import { withoutUndefined } from "./lib/object";
import { isUnknown } from "./lib/unknown";
import { isBasicUserId } from "../../contract/basic-auth";
import { CUSTOM_FIELDS, customFieldSet } from "../../contract/custom-fields";
import { DEFAULT_ACTIVE, DEFAULT_GRANT_TYPE } from "../../contract/defaults";
import { FIELD_MAX } from "../../contract/lengths";
import { URL_RULES } from "../../contract/url";

/** What each credential property is, for "set X to …" fixes. */
const WHAT: Record<string, string> = {
  username: "the user name the connector authenticates as",
  password: "that user's password (keep it secret: pulumi config set --secret)",
  clientId: "the OAuth 2.0 client ID registered at the IdP",
  clientSecret: "the OAuth 2.0 client secret (keep it secret: pulumi config set --secret)",
  tokenUrl: "the IdP's token endpoint",
};

/**
 * The args of a `CustomConnector` (SPEC §2), per field. Which fields belong to which
 * authentication type and grant is checked by `customConnectorRules`.
 *
 * @example
 * customConnectorSchema.safeParse({ name: "Orders", domainUrl: "http://x" }).success; // false: https only
 */
export const customConnectorSchema = z
  .object({
    name: req(connectorName()),
    domainUrl: req(url("domainUrl", { ...URL_RULES.domainUrl, what: "the https:// domain of the resource the connector calls" })),
    authenticationType: opt(oneOf("authenticationType", ["basic", "oauth2"])).default(DEFAULT_AUTH),
    username: opt(text("username", WHAT.username, { max: FIELD_MAX["custom.username"] })),
    password: opt(text("password", WHAT.password, { max: FIELD_MAX["custom.password"] })),
    validationUrl: opt(
      url("validationUrl", { ...URL_RULES.validationUrl, what: "a URL that answers 2xx to a GET with the Basic credentials", optional: true }),
    ),
    grantType: opt(oneOf("grantType", ["client_credentials", "password"])),
    clientId: opt(text("clientId", WHAT.clientId, { max: FIELD_MAX["custom.clientId"] })),
    clientSecret: opt(text("clientSecret", WHAT.clientSecret, { max: FIELD_MAX["custom.clientSecret"] })),
    scope: opt(text("scope", "the space-separated OAuth 2.0 scopes to request", { optional: true, max: FIELD_MAX["custom.scope"] })),
    tokenUrl: opt(url("tokenUrl", { ...URL_RULES.tokenUrl, what: WHAT.tokenUrl })),
    active: opt(flag("active", "set active: false to keep the connector deactivated")).default(DEFAULT_ACTIVE),
    orgId: opt(orgId()),
    connectorId: opt(connectorId()),
  })
  .strict();

/** Args as written in a program, before defaults (what `z.input` sees). */
export type CustomConnectorArgsInput = z.input<typeof customConnectorSchema>;

/**
 * The rules that span properties (SPEC §1): which credentials each authentication type
 * and grant needs, and which it forbids. Skipped where the deciding value is unknown
 * (preview) or invalid (the schema reports that one).
 *
 * @example
 * customConnectorRules({ authenticationType: "oauth2", clientId: "c", clientSecret: "s" });
 * // [{ property: "tokenUrl", reason: `[tokenUrl] is required when authenticationType is "oauth2"; set tokenUrl to the IdP's token endpoint` }]
 */
export function customConnectorRules(raw: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const has = (k: string) => raw[k] !== undefined;
  const need = (k: string, when: string) => {
    if (!has(k)) failures.push({ property: k, reason: `[${k}] is required when ${when}; set ${k} to ${WHAT[k]}` });
  };
  const forbid = (k: string, when: string, fix: string) => {
    if (has(k)) failures.push({ property: k, reason: `[${k}] does not apply when ${when}; remove ${k}${fix}` });
  };
  const auth = raw.authenticationType ?? DEFAULT_AUTH;
  const grant = raw.grantType ?? DEFAULT_GRANT;
  if (auth === "basic") {
    const basic = customFieldSet("BASIC", DEFAULT_GRANT_TYPE);
    const when = `authenticationType is "basic"`;
    for (const k of basic.required) if (k !== "domainUrl") need(k, when);
    if (typeof raw.username === "string" && !isUnknown(raw.username) && !isBasicUserId(raw.username)) {
      failures.push({
        property: "username",
        reason: `[username] must not contain ":" when ${when}: HTTP Basic sends "user:password" and the server splits it at the first ":", so this user name can never sign in; set username to the user name without ":"`,
      });
    }
    for (const k of CUSTOM_FIELDS) if (!basic.allowed.includes(k)) forbid(k, when, `, or set authenticationType: "oauth2"`);
  } else if (auth === "oauth2") {
    // The contract's field sets per grant; where the grant is unknown or invalid, only what both grants agree on.
    const credentials = customFieldSet("OAUTH2", "CLIENT_CREDENTIALS");
    const password = customFieldSet("OAUTH2", "PASSWORD");
    const set = grant === "password" ? password : grant === "client_credentials" ? credentials : { required: credentials.required, allowed: password.allowed };
    const when = `authenticationType is "oauth2"`;
    for (const k of set.required) {
      if (k !== "domainUrl") need(k, credentials.required.includes(k) ? when : `grantType is "password"`);
    }
    for (const k of CUSTOM_FIELDS) {
      if (set.allowed.includes(k)) continue;
      if (password.allowed.includes(k)) forbid(k, `grantType is "client_credentials"`, `, or set grantType: "password"`);
      else forbid(k, when, " (OAuth 2.0 credentials are validated by requesting a token at tokenUrl)");
    }
  }
  return failures;
}

/**
 * `customKind.check`: the schema, then the cross-field rules; defaults filled in (`orgId`
 * from `defaults`, the OAuth 2.0 grant). Every failure at once, each naming its property.
 * Loaded by `customKind.check` on first use, so hooks that never validate never load zod.
 *
 * @example
 * checkCustom({ name: "Orders", domainUrl: "https://orders.example.com", username: "svc", password }, { orgId: "acme" });
 * // { inputs: { …, authenticationType: "basic", active: true, orgId: "acme" }, failures: [] }
 */
export function checkCustom(news: Record<string, unknown>, defaults: { orgId?: string }): CheckResult<CustomConnectorInputs> {
  return runCheck(
    {
      schema: customConnectorSchema,
      resourceType: "CustomConnector",
      fields: FIELDS,
      crossFieldRules: customConnectorRules,
      finish: (d) => {
        const grantType = d.authenticationType === "oauth2" ? (d.grantType ?? DEFAULT_GRANT) : d.grantType;
        return withoutUndefined({ ...d, grantType, orgId: d.orgId as string }) as CustomConnectorInputs;
      },
    },
    news,
    defaults,
  );
}
