import { generateKeyPairSync } from "node:crypto";
import type { EmulatorAdmin } from "../../emulator/admin-client";
import type { Declaration } from "./program";

/** The three connector kinds the bench compares. */
export type KindKey = "salesforce" | "basic" | "oauth";
export const KIND_KEYS: KindKey[] = ["salesforce", "basic", "oauth"];
export const KIND_LABEL: Record<KindKey, string> = { salesforce: "Salesforce", basic: "custom Basic", oauth: "custom OAuth 2.0" };

/** The fake IdP endpoint each kind validates against (emulator paths). */
export const IDP_PATH: Record<KindKey, string> = {
  salesforce: "/salesforce/services/oauth2/token",
  basic: "/basic/validate",
  oauth: "/oauth/token",
};

/** Builds declarations of one kind; `round` > 0 gives an in-place edit that still validates. */
export type DeclareFn = (resource: string, orgId: string, name: string, round?: number) => Declaration;

/**
 * Registers, on the emulator's fake IdPs, a Salesforce Connected App (two approved users),
 * a Basic user and an OAuth 2.0 client, and returns the bench secrets and a declaration
 * builder per kind. Every kind really validates: Basic has a validation URL.
 *
 * @example
 * const kinds = await registerKinds(admin, emu.url);
 * const decl = kinds.declare.basic("api1", "org-a", "API 1");
 */
export async function registerKinds(admin: EmulatorAdmin, url: string): Promise<{ secrets: Record<string, string>; declare: Record<KindKey, DeclareFn> }> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const sfClientId = "3MVG9-bench-engine";
  await admin.registerSalesforceApp({
    clientId: sfClientId,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    users: ["ops@example.com", "ops2@example.com"],
  });
  await admin.registerBasicUser({ username: "svc-bench", password: "bench-basic-password" });
  await admin.registerOAuthClient({ clientId: "bench-client", clientSecret: "bench-oauth-secret", scopes: ["read", "write"] });
  const secrets = {
    sfKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    basicPassword: "bench-basic-password",
    oauthSecret: "bench-oauth-secret",
  };
  // Each round flips a field, so every round after the first is an in-place update.
  const declare: Record<KindKey, DeclareFn> = {
    salesforce: (resource, orgId, name, round = 0) => ({
      resource,
      kind: "salesforce",
      args: { name, orgId, clientId: sfClientId, userEmail: round % 2 ? "ops2@example.com" : "ops@example.com", authServerUrl: `${url}/salesforce` },
      secretFields: { privateKey: "sfKey" },
    }),
    basic: (resource, orgId, name, round = 0) => ({
      resource,
      kind: "custom",
      args: { name, orgId, domainUrl: `https://api-r${round}.example.com`, username: "svc-bench", validationUrl: `${url}/basic/validate` },
      secretFields: { password: "basicPassword" },
    }),
    oauth: (resource, orgId, name, round = 0) => ({
      resource,
      kind: "custom",
      args: {
        name,
        orgId,
        authenticationType: "oauth2",
        domainUrl: "https://crm.example.com",
        clientId: "bench-client",
        scope: round % 2 ? "read write" : "read",
        tokenUrl: `${url}/oauth/token`,
      },
      secretFields: { clientSecret: "oauthSecret" },
    }),
  };
  return { secrets, declare };
}
