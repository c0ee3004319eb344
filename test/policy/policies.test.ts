import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { POLICY_PACK_NAME, wxccPolicies } from "../../policy";
import { orgConnectorHeadroom } from "../../policy/rules/org-connector-headroom";
import { CUSTOM, SALESFORCE, runResourcePolicy, runStackPolicy } from "./support/run-policy";

/** A config under which every resource rule reports the connectors below. */
const STRICT = {
  "wxcc-allowed-hosts": { hosts: ["allowed.example.com"] },
  "wxcc-forbidden-grant-types": { grantTypes: ["password"] },
  "wxcc-salesforce-auth-servers": { allowed: ["https://acme.my.salesforce.com"] },
} as Record<string, object>;

// Every value carries a marker; the engine hands policies secret inputs in plaintext, so no
// message may quote any of them.
const marked = (field: string) => `zz-${field}-marker`;
const VIOLATORS = [
  {
    type: CUSTOM,
    name: "basic",
    props: {
      name: marked("name"),
      domainUrl: `https://${marked("domain")}.io/x`,
      username: marked("username"),
      password: marked("password"),
      orgId: marked("org"),
    },
  },
  {
    type: CUSTOM,
    name: "oauth",
    props: {
      name: marked("name"),
      domainUrl: `https://${marked("domain")}.io`,
      authenticationType: "oauth2",
      grantType: "password",
      clientId: marked("clientId"),
      clientSecret: marked("clientSecret"),
      username: marked("username"),
      password: marked("password"),
      scope: marked("scope"),
      tokenUrl: `https://${marked("token")}.io/token?k=${marked("query")}`,
    },
  },
  {
    type: SALESFORCE,
    name: "sales",
    props: {
      name: marked("name"),
      clientId: marked("clientId"),
      userEmail: `${marked("user")}@x.io`,
      privateKey: marked("privateKey"),
      authServerUrl: `https://${marked("auth")}.io`,
    },
  },
];

describe("the wxcc-connectors policy pack", () => {
  it("has five uniquely named rules, each with a description and a config schema the CLI accepts", () => {
    expect(POLICY_PACK_NAME).toBe("wxcc-connectors");
    const names = wxccPolicies.map((p) => p.name);
    expect(names).toEqual([
      "wxcc-allowed-hosts",
      "wxcc-forbidden-grant-types",
      "wxcc-basic-requires-validation-url",
      "wxcc-salesforce-auth-servers",
      "wxcc-org-connector-headroom",
    ]);
    for (const p of wxccPolicies) {
      expect(p.description.length, p.name).toBeGreaterThan(20);
      // @pulumi/policy refuses to serve a pack whose schema declares enforcementLevel itself.
      expect(Object.keys(p.configSchema?.properties ?? {}), p.name).not.toContain("enforcementLevel");
      // The level comes from the pack (mandatory) or the policy config, never hard-wired per rule.
      expect(p.enforcementLevel, p.name).toBeUndefined();
    }
  });

  it("reports every violating connector without quoting any property value", async () => {
    const messages: string[] = [];
    for (const policy of wxccPolicies.filter((p): p is ResourceValidationPolicy => "validateResource" in p)) {
      for (const r of VIOLATORS) messages.push(...(await runResourcePolicy(policy, r, STRICT[policy.name] ?? {})));
    }
    const twoInMarkedOrg = [...VIOLATORS, { ...VIOLATORS[0], name: "basic2" }];
    messages.push(...(await runStackPolicy(orgConnectorHeadroom, twoInMarkedOrg, { share: 0.1 })));
    // basic: domain host + no validationUrl; oauth: domain + token host + password grant;
    // sales: auth host + auth server; stack: 2 custom in the marked org, 1 Salesforce in the stack's.
    expect(messages).toHaveLength(9);
    for (const m of messages) {
      expect(m).not.toMatch(/zz-[a-zA-Z]+-marker/);
      expect(m).toMatch(/\[[a-zA-Z]+\]/);
      expect(m).toMatch(/Fix: /);
    }
  });
});
