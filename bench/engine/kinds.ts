import type { EmulatorAdmin } from "../../emulator/admin-client";
import { registerBasicUser, registerConnectedApp, registerOAuthClient } from "../../harness/identities";
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
  const app = await registerConnectedApp(admin, url, { clientId: "3MVG9-bench-engine", users: ["ops@example.com", "ops2@example.com"] });
  const basic = await registerBasicUser(admin, url, { username: "svc-bench" });
  const oauth = await registerOAuthClient(admin, url, { clientId: "bench-client" });
  const secrets = { sfKey: app.keys.privateKeyPem, basicPassword: basic.password, oauthSecret: oauth.clientSecret };
  const sfClientId = app.clientId;
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
