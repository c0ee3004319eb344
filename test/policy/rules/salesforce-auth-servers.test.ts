import { describe, expect, it } from "vitest";
import { salesforceAuthServers } from "../../../policy/rules/salesforce-auth-servers";
import { CUSTOM, SALESFORCE, UNKNOWN, runResourcePolicy } from "../support/run-policy";

const sf = (props: Record<string, unknown>) => ({
  type: SALESFORCE,
  name: "sales",
  props: { name: "Sales", clientId: "3MVG9", userEmail: "ops@acme.com", ...props },
});
const myDomain = { allowed: ["https://acme.my.salesforce.com"] };

describe("wxcc-salesforce-auth-servers", () => {
  it("allows only the configured servers, e.g. the company's My Domain, comparing case and trailing slash as URLs do", async () => {
    expect(await runResourcePolicy(salesforceAuthServers, sf({ authServerUrl: "https://acme.my.salesforce.com" }), myDomain)).toEqual([]);
    expect(await runResourcePolicy(salesforceAuthServers, sf({ authServerUrl: "HTTPS://Acme.My.Salesforce.com/" }), myDomain)).toEqual([]);
    expect(await runResourcePolicy(salesforceAuthServers, sf({ authServerUrl: "https://login.salesforce.com" }), myDomain)).toEqual([
      `SalesforceConnector 'sales': [authServerUrl] is not an allowed Salesforce authorization server (allowed: https://acme.my.salesforce.com). ` +
        `Fix: set authServerUrl to one of the allowed servers, or add the server to [allowed] of policy "wxcc-salesforce-auth-servers" in the policy pack config (--policy-pack-config).`,
    ]);
  });

  it("treats an unset authServerUrl as login.salesforce.com and says so", async () => {
    const [v] = await runResourcePolicy(salesforceAuthServers, sf({}), myDomain);
    expect(v).toMatch(/\[authServerUrl\] is not set, so the connector uses https:\/\/login\.salesforce\.com, which is not an allowed/);
  });

  it("allows Salesforce's production and sandbox login servers when nothing is configured", async () => {
    expect(await runResourcePolicy(salesforceAuthServers, sf({}))).toEqual([]);
    expect(await runResourcePolicy(salesforceAuthServers, sf({ authServerUrl: "https://test.salesforce.com" }))).toEqual([]);
    expect(await runResourcePolicy(salesforceAuthServers, sf({ authServerUrl: "https://acme.my.salesforce.com" }))).toHaveLength(1);
  });

  it("keeps a look-alike host or another port out", async () => {
    for (const url of ["https://acme.my.salesforce.com.evil.io", "https://acme.my.salesforce.com:8443", "http://acme.my.salesforce.com"]) {
      expect(await runResourcePolicy(salesforceAuthServers, sf({ authServerUrl: url }), myDomain), url).toHaveLength(1);
    }
  });

  it("skips a value not known during preview and ignores custom connectors", async () => {
    expect(await runResourcePolicy(salesforceAuthServers, sf({ authServerUrl: UNKNOWN }), myDomain)).toEqual([]);
    expect(await runResourcePolicy(salesforceAuthServers, { type: CUSTOM, name: "c", props: { authServerUrl: "https://x.io" } }, myDomain)).toEqual([]);
  });
});
