/**
 * Quickstart: the three connector shapes an admin sets up by hand in Control Hub, as code.
 *
 * Run it end to end against the local emulator with `npm run demo`, or point it at a real
 * org with `wxcc:baseUrl`, `wxcc:orgId` and `wxcc:accessToken` (see README.md).
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomConnector, SalesforceConnector } from "pulumi-wxcc-connectors";

const config = new pulumi.Config("quickstart");

/** Salesforce via the OAuth 2.0 JWT bearer flow: the key's certificate lives in the Connected App. */
const salesCloud = new SalesforceConnector("sales-cloud", {
  name: "Sales Cloud",
  clientId: config.require("salesforceClientId"),
  userEmail: config.require("salesforceUser"),
  authServerUrl: config.get("salesforceAuthServerUrl"),
  privateKey: config.requireSecret("salesforcePrivateKey"),
});

/** A REST API behind HTTP Basic; the validation URL is called on create and reactivation. */
const ordersApi = new CustomConnector("orders-api", {
  name: "Orders API",
  domainUrl: "https://orders.example.com",
  authenticationType: "basic",
  username: config.require("basicUsername"),
  password: config.requireSecret("basicPassword"),
  validationUrl: config.get("basicValidationUrl"),
});

/** An API behind an OAuth 2.0 IdP, client-credentials grant. */
const crmApi = new CustomConnector("crm-api", {
  name: "CRM API",
  domainUrl: "https://crm.example.com",
  authenticationType: "oauth2",
  grantType: "client_credentials",
  clientId: config.require("oauthClientId"),
  clientSecret: config.requireSecret("oauthClientSecret"),
  scope: config.get("oauthScope") ?? "crm.read",
  tokenUrl: config.require("oauthTokenUrl"),
});

/** What `npm run demo` prints: one row per connector. */
export const connectors = [salesCloud, ordersApi, crmApi].map((c) =>
  pulumi.all([c.name, c.connectorId, c.status, c.version]).apply(([name, id, status, version]) => ({
    name,
    id,
    status,
    version,
  })),
);
