import { describe, expect, it } from "vitest";
import { allowedHosts } from "../../../policy/rules/allowed-hosts";
import { CUSTOM, SALESFORCE, UNKNOWN, runResourcePolicy } from "../support/run-policy";

const custom = (props: Record<string, unknown>) => ({ type: CUSTOM, name: "crm", props: { name: "CRM", domainUrl: "https://api.example.com", ...props } });

describe("wxcc-allowed-hosts", () => {
  it("accepts a connector whose URLs are all on allowed hosts", async () => {
    const r = custom({ authenticationType: "oauth2", tokenUrl: "https://idp.example.com/token" });
    expect(await runResourcePolicy(allowedHosts, r, { hosts: ["*.example.com"] })).toEqual([]);
  });

  it("names the resource, the field, the allow-list and the fix for a domainUrl on another host", async () => {
    const violations = await runResourcePolicy(allowedHosts, custom({ domainUrl: "https://api.partner.io/v2" }), { hosts: ["*.example.com"] });
    expect(violations).toEqual([
      `CustomConnector 'crm': [domainUrl] points at a host that is not among the allowed hosts (*.example.com). ` +
        `Fix: use a URL on an allowed host, or add its host to [hosts] of policy "wxcc-allowed-hosts" in the policy pack config (--policy-pack-config).`,
    ]);
  });

  it("checks tokenUrl and validationUrl too, each against its own list when one is configured", async () => {
    const config = { hosts: ["*.example.com"], tokenUrl: ["login.idp.io"], validationUrl: ["check.example.com"] };
    const oauth = custom({ authenticationType: "oauth2", tokenUrl: "https://idp.example.com/token" });
    const [v] = await runResourcePolicy(allowedHosts, oauth, config);
    expect(v).toMatch(/^CustomConnector 'crm': \[tokenUrl\] .*\(login\.idp\.io\).* add its host to \[tokenUrl\] of policy/);
    const basic = custom({ validationUrl: "https://other.example.com/ping" });
    expect(await runResourcePolicy(allowedHosts, basic, config)).toEqual([expect.stringMatching(/\[validationUrl\] points at a host/)]);
  });

  it("checks a Salesforce authServerUrl, and its default login.salesforce.com when unset", async () => {
    const config = { authServerUrl: ["*.my.salesforce.com"] };
    const mine = { type: SALESFORCE, name: "sales", props: { authServerUrl: "https://acme.my.salesforce.com" } };
    expect(await runResourcePolicy(allowedHosts, mine, config)).toEqual([]);
    const unset = { type: SALESFORCE, name: "sales", props: {} };
    expect(await runResourcePolicy(allowedHosts, unset, config)).toEqual([
      expect.stringMatching(
        /^SalesforceConnector 'sales': \[authServerUrl\] is not set, so the connector uses https:\/\/login\.salesforce\.com, whose host is not among/,
      ),
    ]);
  });

  it("checks nothing for a field without a list, and ignores other resource types", async () => {
    expect(await runResourcePolicy(allowedHosts, custom({ domainUrl: "https://anywhere.io" }), {})).toEqual([]);
    expect(await runResourcePolicy(allowedHosts, custom({ domainUrl: "https://anywhere.io" }), { tokenUrl: ["x.io"] })).toEqual([]);
    expect(
      await runResourcePolicy(allowedHosts, { type: "aws:s3/bucket:Bucket", name: "b", props: { domainUrl: "https://x.io" } }, { hosts: ["y.io"] }),
    ).toEqual([]);
  });

  it("skips a URL not known during preview (it is checked at pulumi up), instead of failing the rule", async () => {
    expect(await runResourcePolicy(allowedHosts, custom({ domainUrl: UNKNOWN }), { hosts: ["*.example.com"] })).toEqual([]);
  });

  it("reports a value that is not a URL without quoting it", async () => {
    const [v] = await runResourcePolicy(allowedHosts, custom({ tokenUrl: "not a url s3cr3t" }), { hosts: ["*.example.com"] });
    expect(v).toMatch(/\[tokenUrl\] is not an absolute URL/);
    expect(v).not.toContain("s3cr3t");
  });
});
