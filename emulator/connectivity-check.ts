import type { Dispatcher } from "undici";
import { verifyBasic, verifyOAuth2, verifySalesforce, type ConnectivityResult } from "../connectivity";
import type { ConnectorSpec } from "./model";

/**
 * Runs the SPEC §4 flow a connector's settings call for, with the stored secrets.
 * A Basic connector without a validation URL has nothing to check.
 */
export function checkConnectivity(spec: ConnectorSpec, dispatcher: Dispatcher): Promise<ConnectivityResult> {
  const o = { dispatcher };
  if (spec.salesforce) {
    const s = spec.salesforce;
    return verifySalesforce({ clientId: s.clientId, userEmail: s.userEmail, authServerUrl: s.authServerUrl, privateKeyPem: s.privateKey }, o);
  }
  const c = spec.custom!;
  if (c.authenticationType === "OAUTH2") {
    return verifyOAuth2(
      {
        tokenUrl: c.tokenUrl!,
        grantType: c.grantType === "PASSWORD" ? "password" : "client_credentials",
        clientId: c.clientId!,
        clientSecret: c.clientSecret!,
        ...(c.scope ? { scope: c.scope } : {}),
        ...(c.grantType === "PASSWORD" ? { username: c.username, password: c.password } : {}),
      },
      o,
    );
  }
  if (c.validationUrl) return verifyBasic({ validationUrl: c.validationUrl, username: c.username!, password: c.password! }, o);
  return Promise.resolve({ ok: true });
}

/** Where a connector's connectivity is checked, for the 422 message. */
export function connectivityTarget(spec: ConnectorSpec): string {
  if (spec.salesforce) return `Salesforce authorization server ${spec.salesforce.authServerUrl}`;
  const c = spec.custom!;
  return c.authenticationType === "OAUTH2" ? `token URL ${c.tokenUrl}` : `validation URL ${c.validationUrl}`;
}
