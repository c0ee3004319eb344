import { randomBytes } from "node:crypto";
import type { Connector } from "../../contract";
import { registerBasicUser, registerConnectedApp, registerOAuthClient, rsaKeyPair } from "../../harness/identities";
import { customKind, salesforceKind } from "../../provider/kinds";
import type { ConnectorInputs } from "../../provider/kinds/inputs";
import type { ConnectorKind } from "../../provider/kinds/kind";
import type { LifecycleEmulator } from "./emulator";

/** What a fixture needs of an emulator: its URL (IdP endpoints) and admin API (registrations). */
export type IdpHost = Pick<LifecycleEmulator, "url" | "admin">;

/** Raw resource args, as a program declares them (before `check`). */
export type Args = Record<string, unknown>;

/**
 * One connector kind set up against the emulator's fake IdPs: valid args, an edit that
 * still validates, and credentials the IdP refuses.
 */
export interface KindFixture {
  label: string;
  kind: ConnectorKind<ConnectorInputs>;
  /** Valid args whose credentials the fake IdP accepts. */
  args(name: string, over?: Args): Args;
  /** A non-secret change that still passes connectivity validation. */
  edit(args: Args): Args;
  /** The same args with a secret the IdP refuses. */
  badSecret(args: Args): Args;
  /** The edited property as the live connector has it. */
  editedValue(c: Connector): unknown;
  /** The value `edit` sets. */
  editedTo: unknown;
  /** Every secret value this fixture uses (must never appear in messages). */
  secrets: string[];
}

const rand = () => randomBytes(6).toString("hex");

/** Salesforce: a Connected App with two approved users; the edit switches the user. */
export async function salesforceFixture(env: IdpHost): Promise<KindFixture> {
  const { clientId, authServerUrl, keys: key } = await registerConnectedApp(env.admin, env.url, { users: ["ops@example.com", "ops2@example.com"] });
  const stranger = rsaKeyPair();
  return {
    label: "SalesforceConnector",
    kind: salesforceKind as unknown as ConnectorKind<ConnectorInputs>,
    args: (name, over = {}) => ({ name, clientId, userEmail: "ops@example.com", authServerUrl, privateKey: key.privateKeyPem, ...over }),
    edit: (a) => ({ ...a, userEmail: "ops2@example.com" }),
    badSecret: (a) => ({ ...a, privateKey: stranger.privateKeyPem }),
    editedValue: (c) => c.salesforce?.userEmail,
    editedTo: "ops2@example.com",
    secrets: [key.privateKeyPem, stranger.privateKeyPem, ...keyLines(key.privateKeyPem), ...keyLines(stranger.privateKeyPem)],
  };
}

/** Custom Basic with a validation URL (so activation really validates the password). */
export async function basicFixture(env: IdpHost): Promise<KindFixture> {
  const { username, password, validationUrl } = await registerBasicUser(env.admin, env.url);
  const wrong = `wrong-${rand()}-basic`;
  return {
    label: "CustomConnector (Basic)",
    kind: customKind as unknown as ConnectorKind<ConnectorInputs>,
    args: (name, over = {}) => ({ name, domainUrl: "https://api.example.com", username, password, validationUrl, ...over }),
    edit: (a) => ({ ...a, domainUrl: "https://api2.example.com" }),
    badSecret: (a) => ({ ...a, password: wrong }),
    editedValue: (c) => c.custom?.domainUrl,
    editedTo: "https://api2.example.com",
    secrets: [password, wrong],
  };
}

/** Custom OAuth 2.0 client credentials against the fake token endpoint. */
export async function oauthFixture(env: IdpHost): Promise<KindFixture> {
  const { clientId, clientSecret, tokenUrl } = await registerOAuthClient(env.admin, env.url, { scopes: ["read", "write"] });
  const wrong = `wrong-${rand()}-oauth`;
  return {
    label: "CustomConnector (OAuth 2.0)",
    kind: customKind as unknown as ConnectorKind<ConnectorInputs>,
    args: (name, over = {}) => ({
      name,
      domainUrl: "https://crm.example.com",
      authenticationType: "oauth2",
      clientId,
      clientSecret,
      scope: "read",
      tokenUrl,
      ...over,
    }),
    edit: (a) => ({ ...a, scope: "read write" }),
    badSecret: (a) => ({ ...a, clientSecret: wrong }),
    editedValue: (c) => c.custom?.scope,
    editedTo: "read write",
    secrets: [clientSecret, wrong],
  };
}

/** Every kind fixture, for `describe.each`. */
export const FIXTURES: Array<[string, (env: IdpHost) => Promise<KindFixture>]> = [
  ["SalesforceConnector", salesforceFixture],
  ["CustomConnector (Basic)", basicFixture],
  ["CustomConnector (OAuth 2.0)", oauthFixture],
];

/** Base64 lines of a PEM key (a fragment of any of them in a message is a leak). */
function keyLines(pem: string): string[] {
  return pem
    .split("\n")
    .filter((l) => l && !l.startsWith("-----"))
    .map((l) => l.slice(0, 32));
}
