import { z } from "zod";
import { SALESFORCE_INPUT_FIELDS as FIELDS } from "./input-fields";
import type { SalesforceConnectorInputs } from "./inputs";
import type { CheckResult } from "./kind";
import { runCheck } from "./lib/check";
import { connectorId, connectorName, email, flag, opt, orgId, req, text, url } from "./lib/fields";
import { withoutUndefined } from "./lib/object";
import { inspectRsaPrivateKey } from "./lib/private-key";
import { DEFAULT_ACTIVE, DEFAULT_AUTH_SERVER_URL } from "../../contract/defaults";
import { FIELD_MAX } from "../../contract/lengths";
import { URL_RULES } from "../../contract/url";

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
 * `salesforceKind.check`: the schema (the private key parsed and normalized to PKCS#8),
 * `orgId` filled in from `defaults`. Every failure at once, each naming its property.
 * Loaded by `salesforceKind.check` on first use, so hooks that never validate never load zod.
 *
 * @example
 * checkSalesforce({ name: "Sales Cloud", clientId, userEmail, privateKey }, { orgId: "acme" });
 * // { inputs: { …, authServerUrl: "https://login.salesforce.com", active: true, orgId: "acme" }, failures: [] }
 */
export function checkSalesforce(news: Record<string, unknown>, defaults: { orgId?: string }): CheckResult<SalesforceConnectorInputs> {
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
}
