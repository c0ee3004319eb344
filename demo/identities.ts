import { generateKeyPairSync, randomBytes } from "node:crypto";
import { EmulatorAdmin } from "../emulator/admin-client";

/** Stack config the quickstart reads (`quickstart:*`); `secret` values go in with `--secret`. */
export interface QuickstartSetting {
  key: string;
  value: string;
  secret: boolean;
}

/**
 * Registers a fresh Salesforce Connected App (new RSA key pair), OAuth 2.0 client and
 * Basic user with the emulator's fake IdPs, and returns the matching quickstart config.
 * Keys and secrets are generated per run, so none is ever committed.
 */
export async function registerDemoIdentities(url: string, adminToken: string): Promise<QuickstartSetting[]> {
  const admin = new EmulatorAdmin(url, adminToken);
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const salesforceUser = "integration@demo.example.com";
  const salesforceClientId = `3MVG9demo${randomBytes(6).toString("hex")}`;
  const basicPassword = randomBytes(12).toString("base64url");
  const oauthClientSecret = randomBytes(18).toString("base64url");

  await admin.registerSalesforceApp({ clientId: salesforceClientId, publicKeyPem, users: [salesforceUser] });
  await admin.registerBasicUser({ username: "orders-svc", password: basicPassword });
  await admin.registerOAuthClient({
    clientId: "crm-webex-cc",
    clientSecret: oauthClientSecret,
    scopes: ["crm.read", "crm.write"],
  });

  return [
    { key: "salesforceClientId", value: salesforceClientId, secret: false },
    { key: "salesforceUser", value: salesforceUser, secret: false },
    { key: "salesforceAuthServerUrl", value: `${url}/salesforce`, secret: false },
    { key: "salesforcePrivateKey", value: privateKeyPem, secret: true },
    { key: "basicUsername", value: "orders-svc", secret: false },
    { key: "basicPassword", value: basicPassword, secret: true },
    { key: "basicValidationUrl", value: `${url}/basic/validate`, secret: false },
    { key: "oauthClientId", value: "crm-webex-cc", secret: false },
    { key: "oauthClientSecret", value: oauthClientSecret, secret: true },
    { key: "oauthTokenUrl", value: `${url}/oauth/token`, secret: false },
  ];
}
