import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planOrg } from "../../export/plan-org";
import { renderProgram } from "../../export/render/program";
import { custom, HOSTILE, salesforce } from "./fixtures";
import { declaredNames, syntaxErrors } from "./typecheck";

const SOURCE = { orgId: "acme", version: "0.1.0" };

describe("renderProgram", () => {
  it("declares one resource per connector with connectorId, every non-secret field, and secrets from secret config", () => {
    const sf = salesforce("Sales Cloud", { id: "c-sf1" });
    const basic = custom("Orders API", {
      id: "c-b1",
      status: "INACTIVE",
      custom: { authenticationType: "BASIC", domainUrl: "https://orders.example.com", username: "svc", validationUrl: "https://orders.example.com/ping" },
    });
    const pw = custom("HR API", {
      id: "c-pw1",
      custom: {
        authenticationType: "OAUTH2",
        domainUrl: "https://hr.example.com",
        grantType: "PASSWORD",
        clientId: "hr",
        username: "bot",
        scope: "hr.read",
        tokenUrl: "https://idp.example.com/token",
      },
    });
    const text = renderProgram(planOrg("acme", [sf, basic, pw]), SOURCE);
    expect(text).toContain(`const hrApi = new CustomConnector("hr-api", {
  connectorId: "c-pw1",
  name: "HR API",
  domainUrl: "https://hr.example.com",
  authenticationType: "oauth2",
  username: "bot",
  grantType: "password",
  clientId: "hr",
  scope: "hr.read",
  tokenUrl: "https://idp.example.com/token",
  password: config.requireSecret("hrApiPassword"),
  clientSecret: config.requireSecret("hrApiClientSecret"),
});`);
    expect(text).toContain(`const ordersApi = new CustomConnector("orders-api", {
  connectorId: "c-b1",
  name: "Orders API",
  domainUrl: "https://orders.example.com",
  authenticationType: "basic",
  username: "svc",
  validationUrl: "https://orders.example.com/ping",
  active: false,
  password: config.requireSecret("ordersApiPassword"),
});`);
    expect(text).toContain(`const salesCloud = new SalesforceConnector("sales-cloud", {
  connectorId: "c-sf1",
  name: "Sales Cloud",
  clientId: "3MVG9abc",
  userEmail: "int@example.com",
  authServerUrl: "https://login.salesforce.com",
  privateKey: config.requireSecret("salesCloudPrivateKey"),
});`);
    expect(text).toMatch(
      /export const connectorIds = \{\n {2}"hr-api": hrApi\.connectorId,\n {2}"orders-api": ordersApi\.connectorId,\n {2}"sales-cloud": salesCloud\.connectorId,\n\};/,
    );
  });

  it("writes every name back exactly as the backend has it", () => {
    const connectors = HOSTILE.map((name) => custom(name));
    const text = renderProgram(planOrg("acme", connectors), SOURCE);
    expect(declaredNames(text).sort()).toEqual([...HOSTILE].sort());
  });

  it("parses for any connector name and keeps it exactly", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: "binary", minLength: 1, maxLength: 30 }), { maxLength: 6, selector: (s) => s.toLowerCase() }), (names) => {
        const text = renderProgram(
          planOrg(
            "acme",
            names.map((n) => custom(n)),
          ),
          SOURCE,
        );
        expect(syntaxErrors(text)).toEqual([]);
        expect(declaredNames(text).sort()).toEqual([...names].sort());
      }),
      { numRuns: 60 },
    );
  });

  it("is the same text whatever order the backend lists the connectors in", () => {
    const connectors = [custom("B"), custom("a"), salesforce("C")];
    expect(renderProgram(planOrg("acme", [...connectors].reverse()), SOURCE)).toBe(renderProgram(planOrg("acme", connectors), SOURCE));
  });
});
