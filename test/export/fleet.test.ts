import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildExport } from "../../export/build";
import { argsOf } from "../../export/declaration";
import { planFleet, type FleetPlan, type OrgExport } from "../../export/plan-fleet";
import { custom, HOSTILE, salesforce } from "./fixtures";

const FACTS = { name: "pulumi-wxcc-connectors", version: "0.1.0", pulumiVersion: "3.248.0" };
const crm = (scope: string | undefined, over = {}) =>
  custom("CRM API", {
    custom: {
      authenticationType: "OAUTH2",
      domainUrl: "https://crm.example.com",
      grantType: "CLIENT_CREDENTIALS",
      clientId: "crm",
      scope,
      tokenUrl: "https://idp.example.com/token",
    },
    ...over,
  });

function fleet(): OrgExport[] {
  return [
    { orgId: "acme", stack: "acme", connectors: [crm("crm.read", { id: "c-acme-crm" }), custom("Orders API", { id: "c-acme-orders" })] },
    { orgId: "globex", stack: "globex", connectors: [custom("orders api", { id: "c-globex-orders" }), crm("crm.read crm.write", { id: "c-globex-crm" })] },
    {
      orgId: "initech",
      stack: "initech",
      connectors: [crm(undefined, { id: "c-initech-crm", status: "INACTIVE" }), salesforce("Sales Cloud", { id: "c-initech-sf" })],
    },
  ];
}

/** What the generated multi-org program does per stack: base fields, then the org's overrides; null removes. */
function mergedFor(plan: FleetPlan, stack: string): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const overrides = plan.overrides[stack];
  for (const key of new Set([...Object.keys(plan.base), ...Object.keys(overrides)])) {
    const { enabled, ...d } = { ...plan.base[key], ...overrides[key] } as Record<string, unknown>;
    if (enabled === false) continue;
    out[key] = Object.fromEntries(Object.entries(d).filter(([, v]) => v !== null));
  }
  return out;
}

describe("planFleet (--multi-org)", () => {
  it("puts connectors found in several orgs in the base set, with each field as most orgs have it", () => {
    const plan = planFleet(fleet());
    expect(plan.base).toEqual({
      "crm-api": {
        kind: "custom",
        name: "CRM API",
        domainUrl: "https://crm.example.com",
        authenticationType: "oauth2",
        grantType: "client_credentials",
        clientId: "crm",
        scope: "crm.read",
        tokenUrl: "https://idp.example.com/token",
        secretFields: { clientSecret: "crmApiClientSecret" },
      },
      "orders-api": {
        kind: "custom",
        name: "Orders API",
        domainUrl: "https://orders.example.com",
        authenticationType: "basic",
        username: "svc",
        secretFields: { password: "ordersApiPassword" },
      },
    });
  });

  it("gives each org its connector ids, the fields that differ (null for a field it lacks), and enabled: false where it has none", () => {
    const { overrides } = planFleet(fleet());
    expect(overrides.acme).toEqual({ "crm-api": { connectorId: "c-acme-crm" }, "orders-api": { connectorId: "c-acme-orders" } });
    expect(overrides.globex).toEqual({
      "crm-api": { connectorId: "c-globex-crm", scope: "crm.read crm.write" },
      "orders-api": { connectorId: "c-globex-orders", name: "orders api" },
    });
    expect(overrides.initech).toEqual({
      "crm-api": { connectorId: "c-initech-crm", scope: null, active: false },
      "orders-api": { enabled: false },
      "sales-cloud": {
        connectorId: "c-initech-sf",
        kind: "salesforce",
        name: "Sales Cloud",
        clientId: "3MVG9abc",
        userEmail: "int@example.com",
        authServerUrl: "https://login.salesforce.com",
        secretFields: { privateKey: "salesCloudPrivateKey" },
      },
    });
  });

  it("reproduces every org's connectors exactly once base and overrides are merged", () => {
    const orgs = fleet();
    const plan = planFleet(orgs);
    for (const org of orgs) {
      const merged = mergedFor(plan, org.stack);
      const expected = org.connectors.map((c) => {
        const a = argsOf(c, org.orgId);
        return { connectorId: c.id, kind: a.kind, ...Object.fromEntries(a.fields), secrets: a.secrets };
      });
      const actual = Object.values(merged).map(({ secretFields, ...rest }) => ({
        connectorId: rest.connectorId,
        ...rest,
        secrets: Object.keys(secretFields as object),
      }));
      const byId = (x: { connectorId: unknown }[]) => [...x].sort((p, q) => String(p.connectorId).localeCompare(String(q.connectorId)));
      expect(byId(actual)).toEqual(byId(expected));
    }
  });

  it("lists the secret keys each stack must set, never a value", () => {
    const { secrets } = planFleet(fleet());
    expect(secrets.initech.map((s) => [s.key, s.connectorId])).toEqual([
      ["crmApiClientSecret", "c-initech-crm"],
      ["salesCloudPrivateKey", "c-initech-sf"],
    ]);
  });
});

describe("stack and project YAML", () => {
  it("round-trips the base set and overrides exactly, with hostile names and values", () => {
    const tricky = ["yes", "No", "123", "0o17", "null", "~", "a: b", "# not a comment", "- item", "{x}", "  padded  ", ...HOSTILE];
    const orgs: OrgExport[] = [
      {
        orgId: "acme",
        stack: "acme",
        connectors: tricky.map((name, i) =>
          custom(name, {
            id: `c-a${i}`,
            custom: { authenticationType: "BASIC", domainUrl: "https://x.example.com", username: tricky[(i + 1) % tricky.length] },
          }),
        ),
      },
      {
        orgId: "on",
        stack: "on",
        connectors: tricky
          .slice(0, 5)
          .map((name, i) => custom(name, { id: `c-o${i}`, custom: { authenticationType: "BASIC", domainUrl: "https://y.example.com", username: "true" } })),
      },
    ];
    const plan = planFleet(orgs);
    const built = buildExport(orgs, { baseUrl: "http://127.0.0.1:8787", project: "fleet", outDir: "out", multiOrg: true, facts: FACTS });
    expect(parse(built.files["Pulumi.yaml"]).config["fleet:connectors"].value).toEqual(plan.base);
    for (const org of orgs) {
      const stack = parse(built.files[`Pulumi.${org.stack}.yaml`]);
      expect(stack.config["wxcc:orgId"]).toBe(org.orgId);
      expect(stack.config["wxcc:baseUrl"]).toBe("http://127.0.0.1:8787");
      expect(stack.config["fleet:overrides"]).toEqual(plan.overrides[org.stack]);
    }
  });

  it("writes one project per org without --multi-org, each with its own stack file", () => {
    const built = buildExport(fleet(), { baseUrl: "https://api.example.com", project: "wxcc-connectors", outDir: "out", multiOrg: false, facts: FACTS });
    expect(Object.keys(built.files).sort()).toEqual(
      ["acme", "globex", "initech"]
        .flatMap((s) => [`${s}/Pulumi.${s}.yaml`, `${s}/Pulumi.yaml`, `${s}/index.ts`, `${s}/package.json`, `${s}/tsconfig.json`])
        .sort(),
    );
    expect(parse(built.files["globex/Pulumi.globex.yaml"])).toEqual({ config: { "wxcc:orgId": "globex", "wxcc:baseUrl": "https://api.example.com" } });
    expect(parse(built.files["acme/Pulumi.yaml"])).toMatchObject({ name: "wxcc-connectors", runtime: "nodejs", main: "index.ts" });
    expect(JSON.parse(built.files["acme/package.json"]).dependencies).toEqual({ "@pulumi/pulumi": "3.248.0", "pulumi-wxcc-connectors": "^0.1.0" });
  });
});
