import { randomBytes } from "node:crypto";
import { registerBasicUser, registerConnectedApp, registerOAuthClient } from "../../../harness/identities";
import type { Args, IdpHost } from "../../support/fixtures";

/** A credential replaced at its IdP: the args that use the new secret, and that secret. */
export interface Rotation {
  args: Args;
  /** The new private key PEM, password or client secret. */
  secret: string;
}

/**
 * Rotates the secret of a connector's args at the emulator's IdP, as an admin does before
 * updating the connector: a new key pair for the Salesforce Connected App, a new password
 * for the Basic user, a new OAuth client secret. The old secret stops working at once.
 *
 * @example
 * ```ts
 * const { args, secret } = await rotateSecret(env, sf.args("Sales Cloud"));
 * secrets.addPem("rotated Salesforce key", secret);
 * ```
 */
export async function rotateSecret(env: IdpHost, args: Args): Promise<Rotation> {
  if (typeof args.privateKey === "string") {
    const app = await registerConnectedApp(env.admin, env.url, { clientId: args.clientId as string, users: [args.userEmail as string] });
    const secret = app.keys.privateKeyPem;
    return { args: { ...args, privateKey: secret }, secret };
  }
  const secret = `rotated-${randomBytes(8).toString("hex")}`;
  if (args.authenticationType === "oauth2") {
    await registerOAuthClient(env.admin, env.url, { clientId: args.clientId as string, clientSecret: secret });
    return { args: { ...args, clientSecret: secret }, secret };
  }
  await registerBasicUser(env.admin, env.url, { username: args.username as string, password: secret });
  return { args: { ...args, password: secret }, secret };
}
