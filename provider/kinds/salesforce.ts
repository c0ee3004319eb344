import { z } from "zod";
import type { Connector, ConnectorWrite } from "../../contract";
import type { SalesforceConnectorInputs } from "./inputs";
import type { ConnectorKind } from "./kind";
import { changedFields } from "./lib/compare";
import { runCheck } from "./lib/check";
import { connectorId, connectorName, email, flag, opt, orgId, req, text, url } from "./lib/fields";
import { withoutUndefined } from "./lib/object";
import { inspectRsaPrivateKey, samePrivateKey } from "./lib/private-key";
import { DEFAULT_ACTIVE, DEFAULT_AUTH_SERVER_URL } from "../../contract/defaults";
import { SECRET_FIELDS } from "../../contract/secrets";
import { FIELD_MAX } from "../../contract/lengths";
import { URL_RULES } from "../../contract/url";

/** Salesforce's production login server; the JWT `aud` unless a sandbox/community URL is set (from `contract/defaults`). */
export { DEFAULT_AUTH_SERVER_URL };

const FIELDS = ["name", "clientId", "userEmail", "authServerUrl", "privateKey", "active", "orgId", "connectorId"] as const;

const privateKey = text("privateKey", "the PEM RSA private key of the Connected App", { max: FIELD_MAX["salesforce.privateKey"] }).transform((pem, ctx) => {
  const result = inspectRsaPrivateKey("privateKey", pem);
  if (result.ok) return result.pkcs8;
  ctx.addIssue({ code: "custom", message: result.reason });
  return z.NEVER;
});

/**
 * The args of a `SalesforceConnector` (SPEC §2), as `check` receives them. Every field
 * also admits Pulumi's unknown sentinel, so preview never fails on a not-yet-known value.
 * Use it through `salesforceKind.check`, which adds `orgId` defaulting and `__provider`.
 *
 * @example
 * salesforceConnectorSchema.safeParse({ name: "Sales Cloud", clientId, userEmail, privateKey }).success; // true
 */
export const salesforceConnectorSchema = z
  .object({
    name: req(connectorName()),
    clientId: req(text("clientId", "the Connected App's Consumer Key", { max: FIELD_MAX["salesforce.clientId"] })),
    userEmail: req(email("userEmail", "the email of the Connected App user")),
    authServerUrl: opt(
      url("authServerUrl", {
        ...URL_RULES.authServerUrl,
        what: `the Salesforce authorization server (${DEFAULT_AUTH_SERVER_URL}, https://test.salesforce.com or your My Domain URL)`,
        baseFix: `use the authorization server's base URL, e.g. ${DEFAULT_AUTH_SERVER_URL}`,
        optional: true,
      }),
    ).default(DEFAULT_AUTH_SERVER_URL),
    privateKey: req(privateKey),
    active: opt(flag("active", "set active: false to keep the connector deactivated")).default(DEFAULT_ACTIVE),
    orgId: opt(orgId()),
    connectorId: opt(connectorId()),
  })
  .strict();

/** Args as written in a program, before defaults (what `z.input` sees). */
export type SalesforceConnectorArgsInput = z.input<typeof salesforceConnectorSchema>;

/**
 * The Salesforce connector kind: Connected App + JWT bearer flow (SPEC §1, §4).
 *
 * @example
 * const { inputs, failures } = salesforceKind.check(news, { orgId: settings.orgId });
 * // failures: [{ property: "privateKey", reason: "[privateKey] is not an RSA key (it is an EC key); …" }]
 * const body = salesforceKind.toWrite(inputs!); // { type: "SALESFORCE", name, salesforce: { …, privateKey } }
 */
export const salesforceKind: ConnectorKind<SalesforceConnectorInputs> = {
  type: "SALESFORCE",
  resourceType: "SalesforceConnector",
  secretFields: SECRET_FIELDS.SALESFORCE,
  inputFields: FIELDS,

  check(news, defaults) {
    return runCheck(
      {
        schema: salesforceConnectorSchema,
        resourceType: "SalesforceConnector",
        fields: FIELDS,
        finish: (d) => withoutUndefined({ ...d, orgId: d.orgId as string }) as SalesforceConnectorInputs,
      },
      news,
      defaults,
    );
  },

  toWrite(i): ConnectorWrite {
    return {
      type: "SALESFORCE",
      name: i.name,
      salesforce: { clientId: i.clientId, userEmail: i.userEmail, authServerUrl: i.authServerUrl, privateKey: i.privateKey },
    };
  },

  fromConnector(c: Connector, previous) {
    const s = c.salesforce;
    if (c.type !== "SALESFORCE" || !s) {
      throw new TypeError(`connector ${c.id} in org ${c.orgId} is a ${c.type} connector, not a Salesforce connector`);
    }
    return withoutUndefined({
      name: c.name,
      clientId: s.clientId,
      userEmail: s.userEmail,
      authServerUrl: s.authServerUrl,
      privateKey: previous.privateKey as string,
      active: c.status === "ACTIVE",
      orgId: c.orgId,
      connectorId: previous.connectorId !== undefined ? c.id : undefined,
    });
  },

  changedFields(olds, news) {
    // The same key in another form (PKCS#1, indented, … — e.g. state written before check
    // normalized keys) is no change: keys are compared in their normalized form.
    return changedFields(FIELDS, olds, news).filter((f) => f !== "privateKey" || !samePrivateKey(olds.privateKey, news.privateKey));
  },

  // The connectivity client (jose, undici) loads on the first preflight only, not in every plugin start.
  async verifyConnectivity(i, opts) {
    const { verifySalesforce } = await import("../../connectivity");
    return verifySalesforce({ clientId: i.clientId, userEmail: i.userEmail, authServerUrl: i.authServerUrl, privateKeyPem: i.privateKey }, opts);
  },
};
