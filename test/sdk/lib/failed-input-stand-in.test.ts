import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { standInIfAnInputFails } from "../../../sdk/lib/failed-input-stand-in";
import { pollUntil } from "../../support/poll";

// In an inline Automation API program, a connector whose input rejects never registers, and
// the engine would delete it; a stand-in registers under its URN, refused by its check.
// test/e2e/inline-program.e2e.test.ts runs it for real ("inputs" stack).

// Stand-ins for the real hooks keep closure serialization trivial (the TypeScript sources lie
// outside node_modules); what is under test is the registration.
vi.mock("../../../provider/hooks", () => ({
  salesforceHooks: { create: async () => ({ id: "x" }) },
  customHooks: { create: async () => ({ id: "x" }) },
}));

interface Registration {
  type: string;
  name: string;
  parent: string;
  inputs: Record<string, unknown>;
}
const registered: Registration[] = [];

/** An Output that rejects, every side of it read as Pulumi's serializer reads them. */
function rejecting(message: string): pulumi.Output<string> {
  const out = pulumi.output(Promise.resolve("x")).apply((): string => {
    throw new Error(message);
  });
  const o = out as any;
  for (const side of [o.isKnown, o.isSecret, o.allResources?.()]) side?.catch?.(() => undefined);
  return out;
}

beforeAll(async () => {
  await pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: (a) => a.inputs }, "project", "stack", false);
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: any, cb: any) => unknown };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, cb: any) => {
    registered.push({ type: req.getType(), name: req.getName(), parent: req.getParent(), inputs: req.getObject().toJavaScript() });
    return original(req, cb);
  };
});

describe("the stand-in of a connector whose input fails", () => {
  it("registers under the connector's name and type, with the parent given, carrying only the refusal", async () => {
    const parent = new pulumi.ComponentResource("acme:index:Group", "group");
    standInIfAnInputFails("custom", "crm", { name: rejecting("boom 1"), domainUrl: "https://x.example.com" }, { parent }, true);
    standInIfAnInputFails("salesforce", "sales", { name: "Sales", clientId: rejecting("boom 2"), userEmail: rejecting("boom 3") }, undefined, true);
    await pollUntil("both stand-ins registered", async () => (registered.filter((r) => r.inputs.__wxccRefusal).length === 2 ? true : undefined));
    const standIns = registered.filter((r) => r.inputs.__wxccRefusal).sort((a, b) => a.name.localeCompare(b.name));
    expect(standIns.map((r) => [r.type, r.name, r.inputs.__wxccRefusal])).toEqual([
      ["pulumi-nodejs:dynamic/wxcc:CustomConnector", "crm", "input"],
      ["pulumi-nodejs:dynamic/wxcc:SalesforceConnector", "sales", "input"],
    ]);
    // Its URN is the connector's: same parent.
    expect(standIns[0]!.parent).toBe("urn:pulumi:stack::project::acme:index:Group::group");
    // Nothing but the refusal (and the dynamic provider Pulumi adds): no value of the failed connector.
    expect(Object.keys(standIns[0]!.inputs).filter((k) => k !== "__provider")).toEqual(["__wxccRefusal"]);
  });

  it("registers nothing when every input resolves, or where failed connectors need no stand-in (the CLI's runner, setMocks)", async () => {
    const before = registered.length;
    standInIfAnInputFails("custom", "fine", { name: pulumi.output("Fine"), domainUrl: Promise.resolve("https://x.example.com") }, undefined, true);
    standInIfAnInputFails("custom", "cli", { name: rejecting("boom 4") }, undefined, false);
    standInIfAnInputFails("custom", "mocked", { name: rejecting("boom 5") }, undefined);
    await new Promise((r) => setTimeout(r, 200));
    expect(registered.slice(before)).toEqual([]);
  });
});
