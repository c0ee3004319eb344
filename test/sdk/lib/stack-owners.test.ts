import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it, vi } from "vitest";

describe("the program's list of connector resources (hidden owners input)", () => {
  it("is shared by two copies of the package loaded in one program (one nested under another library)", async () => {
    const first = await import("../../../sdk/lib/stack-owners");
    vi.resetModules();
    const second = await import("../../../sdk/lib/stack-owners");
    expect(second).not.toBe(first);
    first.resetStackOwners();
    const self = { orgId: pulumi.output("acme"), connectorId: pulumi.output("c-1") };
    first.registerOwner("adopter", { connectorId: "c-1" }, self);
    // A resource of the other copy, declared after it, is handed the adopter's id.
    expect(Object.keys(second.ownersInput(false))).toEqual(["__wxccOwners"]);
    second.resetStackOwners();
    expect(first.ownersInput(false)).toEqual({});
  });

  it("belongs to one run: another run in the process (inline programs, one after another or at once) starts with none", async () => {
    const owners = await import("../../../sdk/lib/stack-owners");
    owners.resetStackOwners();
    const mocks: pulumi.runtime.Mocks = { newResource: (a) => ({ id: a.name, state: a.inputs }), call: (a) => a.inputs };
    const self = { orgId: pulumi.output("acme"), connectorId: pulumi.output("c-1") };
    await pulumi.runtime.setMocks(mocks, "project", "stack-a", true);
    const runA = pulumi.runtime.getMonitor();
    owners.registerOwner("adopter", { connectorId: "c-1" }, self);
    expect(Object.keys(owners.ownersInput(false))).toEqual(["__wxccOwners"]);
    await pulumi.runtime.setMocks(mocks, "project", "stack-b", true);
    expect(owners.ownersInput(false)).toEqual({});
    // Back in run A (interleaved runs), its adopter is still there.
    (pulumi.runtime as unknown as { setMockOptions(m: unknown, p: string, s: string, preview: boolean): void }).setMockOptions(
      runA,
      "project",
      "stack-a",
      true,
    );
    expect(Object.keys(owners.ownersInput(false))).toEqual(["__wxccOwners"]);
  });
});
