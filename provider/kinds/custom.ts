import type { Connector, ConnectorWrite, CustomSettingsWrite } from "../../contract";
import { SECRET_FIELDS } from "../../contract/secrets";
import { CUSTOM_INPUT_FIELDS, DEFAULT_GRANT } from "./input-fields";
import type { CustomConnectorInputs } from "./inputs";
import type { ConnectorKind, ConnectivityResult } from "./kind";
import { changedFields } from "./lib/compare";
import { withoutUndefined } from "./lib/object";

/**
 * The custom connector kind: Basic or OAuth 2.0 against a resource domain (SPEC §1, §4).
 *
 * @example
 * const { inputs } = await customKind.check({ name: "Orders", domainUrl, username, password }, { orgId: "acme" });
 * // inputs.authenticationType === "basic", inputs.active === true
 * await customKind.verifyConnectivity(inputs!); // GETs validationUrl when set, else { ok: true }
 */
export const customKind: ConnectorKind<CustomConnectorInputs> = {
  type: "CUSTOM",
  resourceType: "CustomConnector",
  secretFields: SECRET_FIELDS.CUSTOM,
  inputFields: CUSTOM_INPUT_FIELDS,

  async check(news, defaults) {
    // The zod schema loads on the first check only: read and delete never validate.
    const { checkCustom } = await import("./custom-schema");
    return checkCustom(news, defaults);
  },

  toWrite(i): ConnectorWrite {
    const custom: CustomSettingsWrite = withoutUndefined({
      authenticationType: i.authenticationType === "oauth2" ? ("OAUTH2" as const) : ("BASIC" as const),
      domainUrl: i.domainUrl,
      username: i.username,
      password: i.password,
      validationUrl: i.validationUrl,
      grantType: i.grantType === undefined ? undefined : i.grantType === "password" ? ("PASSWORD" as const) : ("CLIENT_CREDENTIALS" as const),
      clientId: i.clientId,
      clientSecret: i.clientSecret,
      scope: i.scope,
      tokenUrl: i.tokenUrl,
    });
    return { type: "CUSTOM", name: i.name, custom };
  },

  fromConnector(c: Connector, previous) {
    const s = c.custom;
    if (c.type !== "CUSTOM" || !s) {
      throw new TypeError(`connector ${c.id} in org ${c.orgId} is a ${c.type} connector, not a custom connector`);
    }
    const oauth2 = s.authenticationType === "OAUTH2";
    const grantType = oauth2 ? (s.grantType === "PASSWORD" ? "password" : "client_credentials") : undefined;
    // Carry a known secret only where the live connector's auth/grant uses it.
    const usesPassword = !oauth2 || grantType === "password";
    return withoutUndefined<CustomConnectorInputs>({
      name: c.name,
      domainUrl: s.domainUrl,
      authenticationType: oauth2 ? "oauth2" : "basic",
      username: s.username,
      password: usesPassword ? previous.password : undefined,
      validationUrl: s.validationUrl,
      grantType,
      clientId: s.clientId,
      clientSecret: oauth2 ? previous.clientSecret : undefined,
      scope: s.scope,
      tokenUrl: s.tokenUrl,
      active: c.status === "ACTIVE",
      orgId: c.orgId,
      connectorId: previous.connectorId !== undefined ? c.id : undefined,
    });
  },

  changedFields(olds, news) {
    return changedFields(CUSTOM_INPUT_FIELDS, olds, news);
  },

  // The connectivity client (undici) loads on the first preflight only, not in every plugin start.
  async verifyConnectivity(i, opts): Promise<ConnectivityResult> {
    const { verifyBasic, verifyOAuth2 } = await import("../../connectivity");
    if (i.authenticationType === "oauth2") {
      return verifyOAuth2(
        {
          tokenUrl: i.tokenUrl as string,
          grantType: i.grantType ?? DEFAULT_GRANT,
          clientId: i.clientId as string,
          clientSecret: i.clientSecret as string,
          scope: i.scope,
          username: i.username,
          password: i.password,
        },
        opts,
      );
    }
    if (i.validationUrl === undefined) return { ok: true };
    return verifyBasic({ validationUrl: i.validationUrl, username: i.username as string, password: i.password as string }, opts);
  },
};
