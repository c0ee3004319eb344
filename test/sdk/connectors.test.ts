import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setOrgPlanSource } from "../../sdk/lib/org-plan";

// The real hooks reach into the provider process; these stand-ins keep closure
// serialization trivial. What is under test is the resource classes themselves.
vi.mock("../../provider/hooks", () => ({
  salesforceHooks: { create: async () => ({ id: "x" }) },
  customHooks: { create: async () => ({ id: "x" }) },
}));

const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const SIG_KEY = "4dabf18193072939515e22adb298388d";

interface Registration {
  type: string;
  name: string;
  object: Record<string, unknown>;
  additionalSecretOutputs: string[];
  importId: string;
}
const registrations: Registration[] = [];

beforeAll(async () => {
  // What is under test is the registration; the org check's backend part has its own tests.
  setOrgPlanSource({ config: { get: (key) => (key === "wxcc:offlinePreview" ? "true" : undefined) }, env: {}, dryRun: true });
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({
        id: `${args.name}-id`,
        state: { ...args.inputs, connectorId: "c-1", status: "ACTIVE", version: 1, createdAt: "t0", updatedAt: "t0" },
      }),
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    true,
  );
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: any, cb: any) => unknown };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, cb: any) => {
    registrations.push({
      type: req.getType(),
      name: req.getName(),
      object: req.getObject().toJavaScript(),
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      importId: req.getImportid(),
    });
    return original(req, cb);
  };
});

afterAll(() => setOrgPlanSource(undefined));

const value = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));
const isSecret = (v: unknown) => typeof v === "object" && v !== null && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;

async function registered(name: string): Promise<Registration> {
  await vi.waitFor(() => expect(registrations.find((r) => r.name === name)).toBeDefined());
  return registrations.find((r) => r.name === name)!;
}

describe("SalesforceConnector", () => {
  it("registers as pulumi-nodejs:dynamic/wxcc:SalesforceConnector with the privateKey as a secret", async () => {
    const { SalesforceConnector } = await import("../../sdk");
    const sf = new SalesforceConnector(
      "sf",
      { name: "Sales Cloud", clientId: "cid", userEmail: "i@example.com", privateKey: "PEM" },
      { additionalSecretOutputs: ["userEmail"] },
    );
    const r = await registered("sf");
    expect(r.type).toBe("pulumi-nodejs:dynamic/wxcc:SalesforceConnector");
    expect(isSecret(r.object.privateKey)).toBe(true);
    expect(r.object.name).toBe("Sales Cloud");
    expect(r.additionalSecretOutputs.sort()).toEqual(["privateKey", "userEmail"]);
    expect(typeof r.object.__provider).toBe("string");
    expect(await value(sf.connectorId)).toBe("c-1");
    expect(await value(sf.status)).toBe("ACTIVE");
    expect(await value(sf.version)).toBe(1);
    expect(await value(sf.name)).toBe("Sales Cloud");
    expect(await value(sf.userEmail)).toBe("i@example.com");
  });

  it("passes connectorId through to adopt an existing connector", async () => {
    const { SalesforceConnector } = await import("../../sdk");
    new SalesforceConnector("sf-adopt", { name: "n", clientId: "c", userEmail: "e@example.com", privateKey: "PEM", connectorId: "c-9" });
    expect((await registered("sf-adopt")).object.connectorId).toBe("c-9");
  });
});

describe("the import resource option", () => {
  it("adopts exactly as connectorId does: it becomes the connectorId input and the engine never imports", async () => {
    const { SalesforceConnector, CustomConnector } = await import("../../sdk");
    new SalesforceConnector("sf-import", { name: "n", clientId: "c", userEmail: "e@example.com", privateKey: "PEM" }, { import: "c-11" });
    new CustomConnector("custom-import", { name: "n", domainUrl: "https://api.example.com", username: "u", password: "p" }, { import: "c-12", protect: true });
    for (const [name, id] of [
      ["sf-import", "c-11"],
      ["custom-import", "c-12"],
    ]) {
      const r = await registered(name);
      expect(r.object.connectorId).toBe(id);
      expect(r.importId).toBe("");
    }
  });

  it("agrees with a connectorId naming the same connector, and refuses one naming another", async () => {
    const { CustomConnector } = await import("../../sdk");
    new CustomConnector(
      "both-same",
      { name: "n", domainUrl: "https://api.example.com", username: "u", password: "p", connectorId: "c-13" },
      { import: "c-13" },
    );
    expect((await registered("both-same")).object.connectorId).toBe("c-13");
    expect(
      () =>
        new CustomConnector(
          "both-differ",
          { name: "n", domainUrl: "https://api.example.com", username: "u", password: "p", connectorId: "c-14" },
          { import: "c-15" },
        ),
    ).toThrow(
      'Resource "both-differ": the `import` option adopts connector "c-15" and [connectorId] names "c-14"; both adopt a connector by its ID, so keep only one of them, with the ID of the connector this resource should manage',
    );
    expect(
      () =>
        new CustomConnector(
          "both-output",
          { name: "n", domainUrl: "https://api.example.com", username: "u", password: "p", connectorId: pulumi.output("c-16") },
          { import: "c-16" },
        ),
    ).toThrow(
      'Resource "both-output": the `import` option adopts connector "c-16" and [connectorId] is given too (an Output, which cannot be compared while declaring); both adopt a connector by its ID',
    );
    // Printed by its message wherever it surfaces: thrown inside an .apply, Pulumi's CLI runner
    // printed a RunError's stack, a trace of the SDK's code (found by review).
    const thrown = (() => {
      try {
        new CustomConnector(
          "both-trace",
          { name: "n", domainUrl: "https://api.example.com", username: "u", password: "p", connectorId: "c-17" },
          { import: "c-18" },
        );
      } catch (err) {
        return err as Error;
      }
    })();
    expect(thrown?.stack).toBe(thrown?.message);
  });
});

describe("CustomConnector", () => {
  it("registers as pulumi-nodejs:dynamic/wxcc:CustomConnector with password and clientSecret as secrets", async () => {
    const { CustomConnector } = await import("../../sdk");
    const c = new CustomConnector("custom", {
      name: "Orders",
      domainUrl: "https://api.example.com",
      authenticationType: "oauth2",
      clientId: "c",
      clientSecret: "s",
      tokenUrl: "https://idp.example.com/t",
      password: "p",
      grantType: "password",
      username: "u",
    });
    const r = await registered("custom");
    expect(r.type).toBe("pulumi-nodejs:dynamic/wxcc:CustomConnector");
    expect(isSecret(r.object.clientSecret)).toBe(true);
    expect(isSecret(r.object.password)).toBe(true);
    expect(r.additionalSecretOutputs.sort()).toEqual(["clientSecret", "password"]);
    expect(await value(c.authenticationType)).toBe("oauth2");
    expect(await value(c.updatedAt)).toBe("t0");
  });

  it("does not invent secrets that were not given", async () => {
    const { CustomConnector } = await import("../../sdk");
    new CustomConnector("basic", { name: "Orders", domainUrl: "https://api.example.com", username: "u", password: "p" });
    const r = await registered("basic");
    expect(r.object).not.toHaveProperty("clientSecret");
    expect(isSecret(r.object.password)).toBe(true);
  });
});

describe("the hidden owners input (one connector, one owner across updates, issue 10)", () => {
  it("gives an adopter what every resource declared before it holds or declares, and the others the ids adopters declared before them", async () => {
    const { resetStackOwners } = await import("../../sdk/lib/stack-owners");
    resetStackOwners();
    const { CustomConnector } = await import("../../sdk");
    const args = (name: string) => ({ name, domainUrl: "https://api.example.com", username: "u", password: "p" });
    new CustomConnector("owner-first", args("Owner first"));
    new CustomConnector("adopter", { ...args("Adopter"), connectorId: pulumi.output("c-7"), orgId: "acme" });
    new CustomConnector("owner-after", args("Owner after"));
    new CustomConnector("adopter-2", { ...args("Adopter 2"), connectorId: pulumi.secret("c-8") });
    // The first resource has nothing before it: no hidden input, nothing new in its state.
    expect((await registered("owner-first")).object).not.toHaveProperty("__wxccOwners");
    // The mocked engine answers connectorId "c-1" for every resource.
    expect((await registered("adopter")).object.__wxccOwners).toEqual([{ resource: "owner-first", declared: false, connectorId: "c-1" }]);
    expect((await registered("owner-after")).object.__wxccOwners).toEqual([{ resource: "adopter", declared: true, orgId: "acme", connectorId: "c-7" }]);
    // An adopter lists every resource before it: outputs of those that declare no id, the ids the others declare.
    const listed = (await registered("adopter-2")).object.__wxccOwners as Array<{ resource: string }>;
    expect(listed.map((o) => o.resource)).toEqual(["owner-first", "adopter", "owner-after"]);
  });
});

describe("every input is an Output of the resource, given or not (found by review)", () => {
  it("has an Output for each optional input left out, so .apply on it works (e.g. orgId from the stack config)", async () => {
    const { SalesforceConnector, CustomConnector } = await import("../../sdk");
    const custom = new CustomConnector("outs-custom", { name: "n", domainUrl: "https://api.example.com", username: "u", password: "p" });
    const sf = new SalesforceConnector("outs-sf", { name: "s", clientId: "c", userEmail: "e@example.com", privateKey: "PEM" });
    const customFields = ["authenticationType", "validationUrl", "grantType", "clientId", "clientSecret", "scope", "tokenUrl", "active", "orgId"] as const;
    for (const field of customFields) expect(pulumi.Output.isInstance(custom[field]), field).toBe(true);
    for (const field of ["authServerUrl", "active", "orgId"] as const) expect(pulumi.Output.isInstance(sf[field]), field).toBe(true);
    // A preview (these mocks) runs no apply on a value it does not know; it must not throw either.
    expect(() => custom.orgId.apply((org) => `${org}`)).not.toThrow();
    // Not sent to the provider: the registration carries only the inputs given.
    const r = await registered("outs-custom");
    for (const field of customFields) expect(r.object[field], field).toBeUndefined();
  });
});

describe("the hidden input naming which quoted inputs are secret (the provider shows them as [secret])", () => {
  const base = { domainUrl: "https://api.example.com", username: "u", password: "p" };

  it("lists name, orgId and connectorId when the program marked them secret, however derived", async () => {
    const { CustomConnector } = await import("../../sdk");
    new CustomConnector("sec-all", {
      ...base,
      name: pulumi.secret("Secret CRM"),
      orgId: pulumi.secret("ACME").apply((o) => o.toLowerCase()),
      connectorId: pulumi.all([pulumi.secret("c-"), "1"]).apply(([a, b]) => a + b),
    });
    expect((await registered("sec-all")).object.__wxccSecretInputs).toEqual(["name", "orgId", "connectorId"]);
  });

  it("lists only the secret ones: a plain Output, a promise or a string is not", async () => {
    const { CustomConnector } = await import("../../sdk");
    new CustomConnector("sec-some", { ...base, name: pulumi.output("Plain some"), orgId: Promise.resolve("acme"), connectorId: pulumi.secret("c-9") });
    expect((await registered("sec-some")).object.__wxccSecretInputs).toEqual(["connectorId"]);
  });

  it("is left out when none is secret, so states and diffs of such programs do not change", async () => {
    const { CustomConnector } = await import("../../sdk");
    new CustomConnector("sec-none", { ...base, name: pulumi.output("Plain none"), orgId: "acme" });
    const r = await registered("sec-none");
    expect(r.object).not.toHaveProperty("__wxccSecretInputs");
    expect(r.object.name).toBe("Plain none");
  });
});
