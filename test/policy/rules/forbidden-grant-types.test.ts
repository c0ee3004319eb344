import { describe, expect, it } from "vitest";
import { forbiddenGrantTypes } from "../../../policy/rules/forbidden-grant-types";
import { CUSTOM, UNKNOWN, runResourcePolicy } from "../support/run-policy";

const oauth = (props: Record<string, unknown>) => ({
  type: CUSTOM,
  name: "idp",
  props: { name: "IdP", domainUrl: "https://api.example.com", authenticationType: "oauth2", clientId: "c", clientSecret: "cs-7f3e", ...props },
});

describe("wxcc-forbidden-grant-types", () => {
  it("forbids the password grant by default, naming the resource, the field and the fix", async () => {
    expect(await runResourcePolicy(forbiddenGrantTypes, oauth({ grantType: "password", username: "u", password: "pw-91ab" }))).toEqual([
      `CustomConnector 'idp': [grantType] is the "password" grant, which policy forbids (forbidden: password). ` +
        `Fix: declare grantType "client_credentials" (with credentials of the connector's own), ` +
        `or remove "password" from [grantTypes] of policy "wxcc-forbidden-grant-types" in the policy pack config (--policy-pack-config).`,
    ]);
  });

  it("allows client credentials, also when grantType is left to its default", async () => {
    expect(await runResourcePolicy(forbiddenGrantTypes, oauth({ grantType: "client_credentials" }))).toEqual([]);
    expect(await runResourcePolicy(forbiddenGrantTypes, oauth({}))).toEqual([]);
  });

  it("follows the configured list: the default grant is forbidden when listed, password allowed when not", async () => {
    const [v] = await runResourcePolicy(forbiddenGrantTypes, oauth({}), { grantTypes: ["client_credentials"] });
    expect(v).toMatch(/\[grantType\] is the "client_credentials" grant, .* Fix: declare grantType "password"/);
    expect(await runResourcePolicy(forbiddenGrantTypes, oauth({ grantType: "password" }), { grantTypes: [] })).toEqual([]);
  });

  it("ignores Basic connectors and grant types not known during preview", async () => {
    expect(await runResourcePolicy(forbiddenGrantTypes, { type: CUSTOM, name: "b", props: { grantType: "password" } })).toEqual([]);
    expect(await runResourcePolicy(forbiddenGrantTypes, oauth({ grantType: UNKNOWN }))).toEqual([]);
    expect(await runResourcePolicy(forbiddenGrantTypes, oauth({ authenticationType: UNKNOWN, grantType: "password" }))).toEqual([]);
  });
});
