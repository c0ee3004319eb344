import { generateKeyPairSync, randomBytes } from "node:crypto";
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
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const secret = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
    await env.admin.registerSalesforceApp({ clientId: args.clientId as string, publicKeyPem, users: [args.userEmail as string] });
    return { args: { ...args, privateKey: secret }, secret };
  }
  const secret = `rotated-${randomBytes(8).toString("hex")}`;
  if (args.authenticationType === "oauth2") {
    await env.admin.registerOAuthClient({ clientId: args.clientId as string, clientSecret: secret });
    return { args: { ...args, clientSecret: secret }, secret };
  }
  await env.admin.registerBasicUser({ username: args.username as string, password: secret });
  return { args: { ...args, password: secret }, secret };
}
