import type { Connector, ConnectorWrite } from "../../contract";
import { DEFAULT_AUTH_SERVER_URL } from "../../contract/defaults";
import { SECRET_FIELDS } from "../../contract/secrets";
import { SALESFORCE_INPUT_FIELDS } from "./input-fields";
import type { SalesforceConnectorInputs } from "./inputs";
import type { ConnectorKind } from "./kind";
import { changedFields } from "./lib/compare";
import { withoutUndefined } from "./lib/object";
import { samePrivateKey } from "./lib/private-key";

/** Salesforce's production login server; the JWT `aud` unless a sandbox/community URL is set (from `contract/defaults`). */
export { DEFAULT_AUTH_SERVER_URL };

/**
 * The Salesforce connector kind: Connected App + JWT bearer flow (SPEC §1, §4).
 *
 * @example
 * const { inputs, failures } = await salesforceKind.check(news, { orgId: settings.orgId });
 * // failures: [{ property: "privateKey", reason: "[privateKey] is not an RSA key (it is an EC key); …" }]
 * const body = salesforceKind.toWrite(inputs!); // { type: "SALESFORCE", name, salesforce: { …, privateKey } }
 */
export const salesforceKind: ConnectorKind<SalesforceConnectorInputs> = {
  type: "SALESFORCE",
  resourceType: "SalesforceConnector",
  secretFields: SECRET_FIELDS.SALESFORCE,
  inputFields: SALESFORCE_INPUT_FIELDS,

  async check(news, defaults) {
    // The zod schema loads on the first check only: read and delete never validate.
    const { checkSalesforce } = await import("./salesforce-schema");
    return checkSalesforce(news, defaults);
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
    return changedFields(SALESFORCE_INPUT_FIELDS, olds, news).filter((f) => f !== "privateKey" || !samePrivateKey(olds.privateKey, news.privateKey));
  },

  // The connectivity client (jose, undici) loads on the first preflight only, not in every plugin start.
  async verifyConnectivity(i, opts) {
    const { verifySalesforce } = await import("../../connectivity");
    return verifySalesforce({ clientId: i.clientId, userEmail: i.userEmail, authServerUrl: i.authServerUrl, privateKeyPem: i.privateKey }, opts);
  },
};
