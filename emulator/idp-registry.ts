import { createPublicKey, type KeyObject } from "node:crypto";
import { contractError } from "./errors";

/** A Salesforce Connected App: its consumer key, certificate/public key, approved users. */
export interface SalesforceApp {
  clientId: string;
  publicKeyPem: string;
  users: string[];
}

/** An OAuth 2.0 client of the fake token endpoint. `scopes` absent = any scope allowed. */
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  scopes?: string[];
  users?: Array<{ username: string; password: string }>;
}

/** A user the fake Basic validation endpoint accepts. */
export interface BasicUser {
  username: string;
  password: string;
}

/** Everything registered through the admin API; persisted in the state file. */
export interface IdpSnapshot {
  salesforceApps: SalesforceApp[];
  oauthClients: OAuthClient[];
  basicUsers: BasicUser[];
}

/**
 * The apps, clients and users the fake authorization servers know. Registering an
 * existing id replaces it, so tests can rotate a key or secret.
 */
export class IdpRegistry {
  private readonly apps = new Map<string, { app: SalesforceApp; key: KeyObject }>();
  private readonly clients = new Map<string, OAuthClient>();
  private readonly basic = new Map<string, BasicUser>();

  addSalesforceApp(app: SalesforceApp): void {
    let key: KeyObject;
    try {
      // Accepts an SPKI public key, a PKCS#1 public key or an X.509 certificate, like the Connected App upload.
      key = createPublicKey(app.publicKeyPem);
    } catch {
      throw contractError("VALIDATION_FAILED", "publicKeyPem is not a PEM public key or certificate", [
        { field: "publicKeyPem", reason: "must be a PEM public key or X.509 certificate" },
      ]);
    }
    if (key.asymmetricKeyType !== "rsa") {
      throw contractError("VALIDATION_FAILED", "publicKeyPem must be an RSA key", [{ field: "publicKeyPem", reason: "must be an RSA key" }]);
    }
    this.apps.set(app.clientId, { app: { ...app, users: [...app.users] }, key });
  }

  salesforceApp(clientId: string): { app: SalesforceApp; key: KeyObject } | undefined {
    return this.apps.get(clientId);
  }

  addOAuthClient(c: OAuthClient): void {
    this.clients.set(c.clientId, { ...c });
  }

  oauthClient(clientId: string): OAuthClient | undefined {
    return this.clients.get(clientId);
  }

  addBasicUser(u: BasicUser): void {
    this.basic.set(u.username, { ...u });
  }

  basicUser(username: string): BasicUser | undefined {
    return this.basic.get(username);
  }

  snapshot(): IdpSnapshot {
    return {
      salesforceApps: [...this.apps.values()].map((a) => a.app),
      oauthClients: [...this.clients.values()],
      basicUsers: [...this.basic.values()],
    };
  }

  load(s: Partial<IdpSnapshot>): void {
    for (const a of s.salesforceApps ?? []) this.addSalesforceApp(a);
    for (const c of s.oauthClients ?? []) this.addOAuthClient(c);
    for (const u of s.basicUsers ?? []) this.addBasicUser(u);
  }
}
