import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { planOrg, resetOrgPlan, setOrgPlanSource, unmanagedOverLimit } from "../../../sdk/lib/org-plan";

/** Stack config as `pulumi.runtime.getConfig` answers it, by full key. */
const stack = (values: Record<string, string>) => ({ get: (key: string) => values[key] });
const custom = (name: string, over: Record<string, unknown> = {}) => ({ name, orgId: "acme", domainUrl: "https://x.example.com", ...over });
/** The value of an output (its side promises are consumed, as the engine does on registration). */
const resolved = <T>(o: pulumi.Input<T>): Promise<T> => {
  const out = o as any;
  for (const side of [out.isKnown, out.isSecret, out.allResources?.()]) side?.catch?.(() => undefined);
  return out.promise();
};

describe("the program-wide org plan", () => {
  let server: Server;
  let url = "";
  let live: Array<{ id: string; name: string; type: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      if (req.headers.authorization !== "Bearer tok") {
        res.statusCode = 401;
        res.end("{}");
        return;
      }
      res.end(JSON.stringify({ items: live }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    setOrgPlanSource(undefined);
    return new Promise<void>((r) => server.close(() => r()));
  });
  beforeEach(() => {
    resetOrgPlan();
    live = [];
    setOrgPlanSource({ config: stack({ "wxcc:orgLimitCheck": "false" }), env: {} });
  });

  it("rejects two connectors with the same name in one org, case-insensitively, naming both resources", () => {
    planOrg("custom", "orders", custom("Orders API"));
    expect(() => planOrg("salesforce", "orders2", custom("orders api"))).toThrow(
      /resources "orders" and "orders2" both declare \[name\] "orders api" in org "acme"/,
    );
  });

  it("takes the default org from the provider's config reader: wxcc:orgId, else WXCC_ORG_ID", () => {
    const unscoped = (name: string) => ({ name, domainUrl: "https://x.example.com" });
    setOrgPlanSource({ config: stack({ "wxcc:orgLimitCheck": "false" }), env: { WXCC_ORG_ID: " globex " } });
    planOrg("custom", "a", unscoped("Orders API"));
    expect(() => planOrg("custom", "b", unscoped("Orders API"))).toThrow(/both declare \[name\] "Orders API" in org "globex"/);
    setOrgPlanSource({ config: stack({ "wxcc:orgLimitCheck": "false", "wxcc:orgId": "acme" }), env: { WXCC_ORG_ID: "globex" } });
    expect(() => planOrg("custom", "c", unscoped("Orders API"))).not.toThrow();
  });

  it("allows the same name in different orgs", () => {
    planOrg("custom", "a", custom("Orders API"));
    expect(() => planOrg("custom", "b", custom("Orders API", { orgId: "globex" }))).not.toThrow();
  });

  it("rejects an 11th custom and a 6th Salesforce connector in one org, naming the org, kind and limit", () => {
    for (let i = 1; i <= 10; i++) planOrg("custom", `c${i}`, custom(`C${i}`));
    expect(() => planOrg("custom", "c11", custom("C11"))).toThrow(/Org "acme" allows at most 10 custom connectors/);
    for (let i = 1; i <= 5; i++) planOrg("salesforce", `s${i}`, custom(`S${i}`));
    expect(() => planOrg("salesforce", "s6", custom("S6"))).toThrow(/Org "acme" allows at most 5 Salesforce connectors/);
  });

  it("skips a resource whose org is an unresolved output", () => {
    const orgId = pulumi.output(Promise.resolve("acme"));
    planOrg("custom", "a", custom("Same", { orgId }));
    expect(() => planOrg("custom", "b", custom("Same", { orgId }))).not.toThrow();
  });

  it("counts live connectors the program does not manage, matching by name or connectorId", () => {
    const planned = [
      { kind: "custom" as const, resource: "a", name: "A" },
      { kind: "custom" as const, resource: "b", name: "B", connectorId: "id-b" },
    ];
    const others = Array.from({ length: 8 }, (_, i) => ({ id: `x${i}`, name: `X${i}`, type: "CUSTOM" }));
    const managed = [{ id: "id-a", name: "a", type: "CUSTOM" }, { id: "id-b", name: "renamed", type: "CUSTOM" }];
    expect(unmanagedOverLimit("acme", planned, [...managed, ...others])).toBeUndefined();
    const msg = unmanagedOverLimit("acme", planned, [...managed, ...others, { id: "x9", name: "X9", type: "CUSTOM" }]);
    expect(msg).toMatch(/Org "acme" allows at most 10 custom connectors: this program declares 2 and the org already has 9 it does not manage: "X0" \(x0\)/);
    expect(msg).toMatch(/Adopt them with \[connectorId\]/);
  });

  it("fails the connector's name input when declared plus unmanaged live connectors exceed the limit", async () => {
    live = Array.from({ length: 10 }, (_, i) => ({ id: `x${i}`, name: `X${i}`, type: "CUSTOM" }));
    setOrgPlanSource({ config: stack({ "wxcc:baseUrl": url, "wxcc:accessToken": "tok" }), env: {} });
    const args = planOrg("custom", "orders", custom("Orders API"));
    await expect(resolved(args.name)).rejects.toThrow(/already has 10 it does not manage/);
  });

  it("passes the name through when the org has room, and skips the live part when the backend refuses", async () => {
    live = [{ id: "x", name: "Orders API", type: "CUSTOM" }];
    setOrgPlanSource({ config: stack({}), env: { WXCC_BASE_URL: url, WXCC_ACCESS_TOKEN: "tok" } });
    expect(await resolved(planOrg("custom", "orders", custom("Orders API")).name)).toBe("Orders API");
    resetOrgPlan();
    live = Array.from({ length: 10 }, (_, i) => ({ id: `x${i}`, name: `X${i}`, type: "CUSTOM" }));
    setOrgPlanSource({ config: stack({ "wxcc:baseUrl": url, "wxcc:accessToken": "wrong" }), env: {} });
    expect(await resolved(planOrg("custom", "orders", custom("Orders API")).name)).toBe("Orders API");
  });
});
