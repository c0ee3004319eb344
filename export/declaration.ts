import type { Connector } from "../provider/client";

/** The SDK class a connector becomes: `SalesforceConnector` or `CustomConnector`. */
export type Kind = "salesforce" | "custom";

/** The write-only fields of the contract (SPEC §3); each becomes a secret config key. */
export type SecretField = "privateKey" | "password" | "clientSecret";

/** A non-secret argument value as the generated program writes it. */
export type FieldValue = string | boolean;

/**
 * The resource arguments one live connector needs, secrets aside: every non-secret field
 * as the backend has it (in the SDK's spelling: `"oauth2"`, `"client_credentials"`),
 * `active: false` for an inactive connector (active is the default), and the names of
 * the secret fields its authentication type uses. `connectorId` and `orgId` are not in
 * `fields`: the id is written separately, the org comes from the stack's `wxcc:orgId`.
 */
export interface ConnectorArgs {
  kind: Kind;
  /** Ordered as the SDK documents the fields; absent optional fields are left out. */
  fields: Array<[string, FieldValue]>;
  secrets: SecretField[];
}

/** Thrown for a record the contract does not describe (no settings for its type). */
export class UnexpectedConnectorError extends Error {
  constructor(c: Connector, orgId: string) {
    super(
      `connector ${c.id} ("${c.name}") in org "${orgId}" is of type ${c.type} but carries no ${c.type === "SALESFORCE" ? "salesforce" : "custom"} settings; the backend does not follow the contract (SPEC §3)`,
    );
    this.name = "UnexpectedConnectorError";
  }
}

const entries = (pairs: Array<[string, FieldValue | undefined]>): Array<[string, FieldValue]> =>
  pairs.filter((p): p is [string, FieldValue] => p[1] !== undefined);

/**
 * The arguments that declare `c` exactly as it is live, so adopting it changes nothing
 * but the secrets. Mirrors how the provider reads a connector back on refresh
 * (`provider/kinds/*.ts` `fromConnector`): a Basic connector and a password grant use
 * `password`, OAuth 2.0 uses `clientSecret`, Salesforce uses `privateKey`.
 *
 * @example
 * argsOf({ type: "CUSTOM", name: "Orders", status: "INACTIVE", custom: { authenticationType: "BASIC", domainUrl: "https://o.example.com", username: "svc" }, … }, "acme");
 * // { kind: "custom", fields: [["name","Orders"],["domainUrl",…],["authenticationType","basic"],["username","svc"],["active",false]], secrets: ["password"] }
 */
export function argsOf(c: Connector, orgId: string): ConnectorArgs {
  const inactive = c.status === "INACTIVE" ? false : undefined;
  if (c.type === "SALESFORCE") {
    const s = c.salesforce;
    if (!s) throw new UnexpectedConnectorError(c, orgId);
    return {
      kind: "salesforce",
      fields: entries([
        ["name", c.name],
        ["clientId", s.clientId],
        ["userEmail", s.userEmail],
        ["authServerUrl", s.authServerUrl],
        ["active", inactive],
      ]),
      secrets: ["privateKey"],
    };
  }
  const s = c.custom;
  if (c.type !== "CUSTOM" || !s) throw new UnexpectedConnectorError(c, orgId);
  const oauth2 = s.authenticationType === "OAUTH2";
  const grantType = oauth2 ? (s.grantType === "PASSWORD" ? "password" : "client_credentials") : undefined;
  return {
    kind: "custom",
    fields: entries([
      ["name", c.name],
      ["domainUrl", s.domainUrl],
      ["authenticationType", oauth2 ? "oauth2" : "basic"],
      ["username", s.username],
      ["validationUrl", s.validationUrl],
      ["grantType", grantType],
      ["clientId", s.clientId],
      ["scope", s.scope],
      ["tokenUrl", s.tokenUrl],
      ["active", inactive],
    ]),
    secrets: oauth2 ? (grantType === "password" ? ["password", "clientSecret"] : ["clientSecret"]) : ["password"],
  };
}

/** `privateKey` → `PrivateKey`: the tail of a secret config key. */
export function secretKeyFor(identifier: string, field: SecretField): string {
  return `${identifier}${field[0].toUpperCase()}${field.slice(1)}`;
}

/** What to paste for a secret field, for the printed `pulumi config set` commands. */
export const SECRET_WHAT: Record<SecretField, string> = {
  privateKey: "the PEM private key whose certificate is in the Salesforce Connected App",
  password: "the password of the connector's user",
  clientSecret: "the OAuth 2.0 client secret",
};
