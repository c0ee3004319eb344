import type { Identities } from "../harness/identities";

/** Stack config the quickstart reads (`quickstart:*`); `secret` values go in with `--secret`. */
export interface QuickstartSetting {
  key: string;
  value: string;
  secret: boolean;
}

/**
 * The quickstart's config for a Connected App, Basic user and OAuth 2.0 client registered
 * with the emulator's fake IdPs (harness/identities.ts; fresh keys and secrets per run, so
 * none is ever committed).
 */
export function quickstartSettings({ salesforce, basic, oauth }: Identities): QuickstartSetting[] {
  return [
    { key: "salesforceClientId", value: salesforce.clientId, secret: false },
    { key: "salesforceUser", value: salesforce.users[0]!, secret: false },
    { key: "salesforceAuthServerUrl", value: salesforce.authServerUrl, secret: false },
    { key: "salesforcePrivateKey", value: salesforce.keys.privateKeyPem, secret: true },
    { key: "basicUsername", value: basic.username, secret: false },
    { key: "basicPassword", value: basic.password, secret: true },
    { key: "basicValidationUrl", value: basic.validationUrl, secret: false },
    { key: "oauthClientId", value: oauth.clientId, secret: false },
    { key: "oauthClientSecret", value: oauth.clientSecret, secret: true },
    { key: "oauthTokenUrl", value: oauth.tokenUrl, secret: false },
  ];
}
