import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { EmulatorAdmin } from "../emulator/admin-client";

/** A PEM RSA key pair: PKCS#8 private key, SPKI public key. */
export interface RsaKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

/**
 * A fresh 2048-bit RSA key pair, generated at run time so no key is ever committed.
 *
 * @example
 * const { privateKeyPem, publicKeyPem } = rsaKeyPair();
 */
export function rsaKeyPair(): RsaKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

/** A Salesforce Connected App registered with the emulator's fake Salesforce IdP. */
export interface ConnectedApp {
  clientId: string;
  /** Approved users; the first is the one a connector usually declares. */
  users: string[];
  /** `<emulator url>/salesforce`, the connector's `authServerUrl`. */
  authServerUrl: string;
  keys: RsaKeyPair;
}

/**
 * Registers a Connected App (a new key pair unless `keys` is given) with the fake
 * Salesforce IdP of the emulator at `url`. Registering the same `clientId` again replaces
 * its key and users: how a test rotates the key.
 *
 * Defaults: `clientId` `3MVG9-<random>`, `users` `["ops@example.com"]`.
 * @example
 * const app = await registerConnectedApp(admin, emu.url, { users: ["ops@example.com", "ops2@example.com"] });
 * new SalesforceConnector("sf", { clientId: app.clientId, userEmail: app.users[0], authServerUrl: app.authServerUrl, privateKey: app.keys.privateKeyPem });
 */
export async function registerConnectedApp(
  admin: EmulatorAdmin,
  url: string,
  opts: { clientId?: string; users?: string[]; keys?: RsaKeyPair } = {},
): Promise<ConnectedApp> {
  const app: ConnectedApp = {
    clientId: opts.clientId ?? `3MVG9-${hex(6)}`,
    users: opts.users ?? ["ops@example.com"],
    authServerUrl: `${url}/salesforce`,
    keys: opts.keys ?? rsaKeyPair(),
  };
  await admin.registerSalesforceApp({ clientId: app.clientId, publicKeyPem: app.keys.publicKeyPem, users: app.users });
  return app;
}

/** A user of the emulator's fake Basic validation endpoint. */
export interface BasicIdentity {
  username: string;
  password: string;
  /** `<emulator url>/basic/validate`, the connector's `validationUrl`. */
  validationUrl: string;
}

/**
 * Registers a Basic user (registering the same username again replaces the password).
 * Defaults: `username` `svc-<random>`, `password` random.
 *
 * @example
 * const basic = await registerBasicUser(admin, emu.url);
 * new CustomConnector("api", { domainUrl, username: basic.username, password: basic.password, validationUrl: basic.validationUrl });
 */
export async function registerBasicUser(admin: EmulatorAdmin, url: string, opts: { username?: string; password?: string } = {}): Promise<BasicIdentity> {
  const user = { username: opts.username ?? `svc-${hex(6)}`, password: opts.password ?? `pw-${hex(8)}` };
  await admin.registerBasicUser(user);
  return { ...user, validationUrl: `${url}/basic/validate` };
}

/** A client of the emulator's fake OAuth 2.0 token endpoint (client credentials). */
export interface OAuthIdentity {
  clientId: string;
  clientSecret: string;
  scopes: string[];
  /** `<emulator url>/oauth/token`, the connector's `tokenUrl`. */
  tokenUrl: string;
}

/**
 * Registers an OAuth 2.0 client (registering the same clientId again replaces it).
 * Defaults: `clientId` `client-<random>`, `clientSecret` random, `scopes` `["read", "write"]`.
 *
 * @example
 * const oauth = await registerOAuthClient(admin, emu.url, { scopes: ["crm.read"] });
 */
export async function registerOAuthClient(
  admin: EmulatorAdmin,
  url: string,
  opts: { clientId?: string; clientSecret?: string; scopes?: string[] } = {},
): Promise<OAuthIdentity> {
  const client = {
    clientId: opts.clientId ?? `client-${hex(6)}`,
    clientSecret: opts.clientSecret ?? `secret-${hex(12)}`,
    scopes: opts.scopes ?? ["read", "write"],
  };
  await admin.registerOAuthClient(client);
  return { ...client, tokenUrl: `${url}/oauth/token` };
}

/** One identity of each kind a connector authenticates with. */
export interface Identities {
  salesforce: ConnectedApp;
  basic: BasicIdentity;
  oauth: OAuthIdentity;
}

/**
 * Registers a Connected App, a Basic user and an OAuth 2.0 client at once, each with the
 * given overrides (defaults as in {@link registerConnectedApp}, {@link registerBasicUser},
 * {@link registerOAuthClient}).
 *
 * @example
 * const ids = await registerIdentities(admin, emu.url, { oauth: { scopes: ["crm.read", "crm.write"] } });
 */
export async function registerIdentities(
  admin: EmulatorAdmin,
  url: string,
  opts: {
    salesforce?: Parameters<typeof registerConnectedApp>[2];
    basic?: Parameters<typeof registerBasicUser>[2];
    oauth?: Parameters<typeof registerOAuthClient>[2];
  } = {},
): Promise<Identities> {
  return {
    salesforce: await registerConnectedApp(admin, url, opts.salesforce),
    basic: await registerBasicUser(admin, url, opts.basic),
    oauth: await registerOAuthClient(admin, url, opts.oauth),
  };
}
