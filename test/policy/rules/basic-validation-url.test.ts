import { describe, expect, it } from "vitest";
import { basicRequiresValidationUrl } from "../../../policy/rules/basic-validation-url";
import { CUSTOM, SALESFORCE, UNKNOWN, runResourcePolicy } from "../support/run-policy";

const basic = (props: Record<string, unknown>) => ({
  type: CUSTOM,
  name: "crm",
  props: { name: "CRM", domainUrl: "https://api.example.com", username: "svc", password: "pw-51c0", ...props },
});

describe("wxcc-basic-requires-validation-url", () => {
  it("reports a Basic connector without validationUrl (Basic being the default), with the fix", async () => {
    const expected = [
      `CustomConnector 'crm': [validationUrl] is not set on a Basic connector, so the service never checks its username and password. ` +
        `Fix: set validationUrl to an endpoint that answers 2xx to a GET with these Basic credentials.`,
    ];
    expect(await runResourcePolicy(basicRequiresValidationUrl, basic({}))).toEqual(expected);
    expect(await runResourcePolicy(basicRequiresValidationUrl, basic({ authenticationType: "basic" }))).toEqual(expected);
  });

  it("accepts a Basic connector with a validationUrl, even one not known during preview", async () => {
    expect(await runResourcePolicy(basicRequiresValidationUrl, basic({ validationUrl: "https://api.example.com/ping" }))).toEqual([]);
    expect(await runResourcePolicy(basicRequiresValidationUrl, basic({ validationUrl: UNKNOWN }))).toEqual([]);
  });

  it("does not apply to OAuth 2.0 connectors or Salesforce connectors", async () => {
    expect(await runResourcePolicy(basicRequiresValidationUrl, basic({ authenticationType: "oauth2" }))).toEqual([]);
    expect(await runResourcePolicy(basicRequiresValidationUrl, { type: SALESFORCE, name: "s", props: {} })).toEqual([]);
  });
});
