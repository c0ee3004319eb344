import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { requireInstalledPackage, underNodeModules } from "../../../sdk/lib/installed-package";

// A symlinked install (npm link, `npm install <directory>`, a workspace package) is loaded
// from outside node_modules, so Pulumi inlines the hooks by value and the provider plugin
// crashed on the first hook with "Method Map.prototype.get called on incompatible receiver"
// (found by review). The program now fails at once, naming the fix.
describe("underNodeModules", () => {
  it.each([
    ["/app/node_modules/pulumi-wxcc-connectors/dist/sdk/lib/installed-package.js", true],
    ["C:\\app\\node_modules\\pulumi-wxcc-connectors\\dist\\sdk\\lib\\installed-package.js", true],
    ["/app/node_modules/.pnpm/pulumi-wxcc-connectors@0.1.0/node_modules/pulumi-wxcc-connectors/dist/sdk/lib/installed-package.js", true],
    ["/src/pulumi-wxcc-connectors/dist/sdk/lib/installed-package.js", false],
    ["/src/my_node_modules/pulumi-wxcc-connectors/dist/sdk/lib/installed-package.js", false],
  ])("%s → %s", (file, expected) => {
    expect(underNodeModules(file)).toBe(expected);
  });
});

describe("requireInstalledPackage", () => {
  const outside = "/src/pulumi-wxcc-connectors/dist/sdk/lib/installed-package.js";

  it("fails a program the engine runs when the package is outside node_modules, naming where it is and the fix", () => {
    let err: unknown;
    try {
      requireInstalledPackage(outside);
    } catch (e) {
      err = e;
    }
    expect(pulumi.RunError.isInstance(err)).toBe(true);
    expect((err as Error).message).toContain("pulumi-wxcc-connectors is loaded from /src/pulumi-wxcc-connectors, outside node_modules");
    expect((err as Error).message).toContain("Install the package from the registry or from a tarball");
  });

  it("lets an installed package through, and any package under pulumi.runtime.setMocks (nothing is serialized there), whichever copy of @pulumi/pulumi set them", async () => {
    expect(() => requireInstalledPackage("/app/node_modules/pulumi-wxcc-connectors/dist/sdk/lib/installed-package.js")).not.toThrow();
    await pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: (a) => a.inputs }, "project", "stack", true);
    expect(() => requireInstalledPackage(outside)).not.toThrow();
  });

  it("tells mocks by the monitor's class name, which a linked package's own copy of @pulumi/pulumi shares (found by review)", async () => {
    const { usingMocks } = await import("../../../sdk/lib/installed-package");
    await pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: (a) => a.inputs }, "project", "stack", true);
    expect(usingMocks()).toBe(true);
  });
});
