import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setOrgPlanSource } from "../../../sdk/lib/org-plan";

// Stand-in hooks keep closure serialization trivial; what is under test is the hidden input.
vi.mock("../../../provider/hooks", () => ({
  salesforceHooks: { create: async () => ({ id: "x" }) },
  customHooks: { create: async () => ({ id: "x" }) },
}));

interface Registration {
  name: string;
  object: Record<string, unknown>;
  dependencies: string[];
}
const registrations: Registration[] = [];

beforeAll(async () => {
  // An offline preview: the org check's backend part has tests of its own.
  setOrgPlanSource({ config: { get: (key) => (key === "wxcc:offlinePreview" ? "true" : undefined) }, env: {}, dryRun: true });
  await pulumi.runtime.setMocks(
    { newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: (args) => args.inputs },
    "project",
    "stack",
    true,
  );
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: any, cb: any) => unknown };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, cb: any) => {
    registrations.push({ name: req.getName(), object: req.getObject().toJavaScript(), dependencies: req.getDependenciesList() });
    return original(req, cb);
  };
});

afterAll(() => setOrgPlanSource(undefined));

async function registered(name: string): Promise<Registration> {
  await vi.waitFor(() => expect(registrations.find((r) => r.name === name)).toBeDefined());
  return registrations.find((r) => r.name === name)!;
}

const basic = (name: string) => ({ name, domainUrl: "https://api.example.com", username: "u", password: "p" });

describe("the hidden URN input a connector resource registers with", () => {
  it("is the engine's URN for a top-level resource: urn:pulumi:<stack>::<project>::<type>::<name>", async () => {
    const { CustomConnector, SalesforceConnector } = await import("../../../sdk");
    new CustomConnector("orders", basic("Orders API"));
    new SalesforceConnector("sales", { name: "Sales Cloud", clientId: "cid", userEmail: "i@example.com", privateKey: "PEM" });
    expect((await registered("orders")).object.__wxccUrn).toBe("urn:pulumi:stack::project::pulumi-nodejs:dynamic/wxcc:CustomConnector::orders");
    expect((await registered("sales")).object.__wxccUrn).toBe("urn:pulumi:stack::project::pulumi-nodejs:dynamic/wxcc:SalesforceConnector::sales");
  });

  it("carries the parent's type for children of a component, without depending on the parent (siblings register, no deadlock)", async () => {
    const { CustomConnector } = await import("../../../sdk");
    class Team extends pulumi.ComponentResource {
      constructor(name: string) {
        super("e2e:index:Team", name);
        new CustomConnector(`${name}-a`, basic("A"), { parent: this });
        new CustomConnector(`${name}-b`, basic("B"), { parent: this });
        this.registerOutputs({});
      }
    }
    new Team("team");
    for (const child of ["team-a", "team-b"]) {
      const r = await registered(child);
      expect(r.object.__wxccUrn).toBe(`urn:pulumi:stack::project::e2e:index:Team$pulumi-nodejs:dynamic/wxcc:CustomConnector::${child}`);
      expect(r.dependencies).toEqual([]);
    }
  });
});
