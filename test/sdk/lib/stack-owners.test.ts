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
});
