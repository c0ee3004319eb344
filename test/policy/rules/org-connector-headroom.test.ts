import { describe, expect, it } from "vitest";
import { orgConnectorHeadroom } from "../../../policy/rules/org-connector-headroom";
import { CUSTOM, SALESFORCE, UNKNOWN, runStackPolicy, type FakeResource } from "../support/run-policy";

const many = (type: string, n: number, props: Record<string, unknown> = {}, prefix = "c"): FakeResource[] =>
  Array.from({ length: n }, (_, i) => ({ type, name: `${prefix}${i + 1}`, props: { name: `${prefix}${i + 1}`, ...props } }));

describe("wxcc-org-connector-headroom", () => {
  it("allows 4 of 5 Salesforce and 8 of 10 custom connectors per org by default", async () => {
    expect(await runStackPolicy(orgConnectorHeadroom, [...many(SALESFORCE, 4), ...many(CUSTOM, 8)])).toEqual([]);
  });

  it("reports an org over its share, naming the org, the resources, the limit and the fix", async () => {
    expect(await runStackPolicy(orgConnectorHeadroom, many(SALESFORCE, 5, { orgId: "acme" }, "sf"))).toEqual([
      `5 SalesforceConnector resources ('sf1', 'sf2', 'sf3', 'sf4', 'sf5') of one org [orgId] use more than 4 of its 5 Salesforce connector slots ` +
        `(share 0.8; policy keeps 1 free for hand-made emergency connectors). Fix: remove 1 SalesforceConnector from this org or move it to another org's stack, ` +
        `or raise [share] of policy "wxcc-org-connector-headroom" in the policy pack config (--policy-pack-config).`,
    ]);
  });

  it("counts per org and per kind: connectors without orgId belong to the stack's org", async () => {
    const resources = [...many(CUSTOM, 3, { orgId: "a" }, "a"), ...many(CUSTOM, 2, { orgId: "b" }, "b"), ...many(CUSTOM, 3, {}, "d"), ...many(SALESFORCE, 1)];
    const violations = await runStackPolicy(orgConnectorHeadroom, resources, { share: 0.2 });
    expect(violations).toHaveLength(2);
    expect(violations[0]).toMatch(/^3 CustomConnector resources \('a1', 'a2', 'a3'\) of one org \[orgId\] use more than 2 of its 10 custom connector slots/);
    expect(violations[1]).toMatch(/^3 CustomConnector resources \('d1', 'd2', 'd3'\) of the stack's org \(wxcc:orgId\) use more than 2/);
  });

  it("lets share 1 use every slot, and leaves connectors whose org is unknown in preview to pulumi up", async () => {
    expect(await runStackPolicy(orgConnectorHeadroom, many(SALESFORCE, 5), { share: 1 })).toEqual([]);
    expect(await runStackPolicy(orgConnectorHeadroom, [...many(SALESFORCE, 4), ...many(SALESFORCE, 3, { orgId: UNKNOWN }, "u")])).toEqual([]);
  });

  it("ignores resources that are not connectors", async () => {
    expect(await runStackPolicy(orgConnectorHeadroom, many("aws:s3/bucket:Bucket", 20), { share: 0.1 })).toEqual([]);
  });
});
