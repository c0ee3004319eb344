import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs, runCli } from "../../rollout/cli";
import { discoverStacks, stackOrgId } from "../../rollout/stacks";

describe("wxcc-rollout arguments", () => {
  it("parses up with a canary, a wave size, chosen stacks, --parallel and --json", () => {
    expect(parseArgs(["up", "--dir", "/p", "--stacks", "a, b", "--canary", "a", "--wave-size", "2", "--parallel", "--json"])).toEqual({
      command: "up", dir: "/p", stacks: ["a", "b"], canary: "a", waveSize: 2, parallel: true, json: true,
    });
  });

  it("rejects an unknown command, a flag without value and waves on preview, with exit code 2", async () => {
    expect(() => parseArgs(["apply"])).toThrow("expected preview or up, got apply");
    expect(() => parseArgs(["up", "--canary"])).toThrow("[--canary] needs a value");
    expect(() => parseArgs(["preview", "--wave-size", "2"])).toThrow("[--canary] and [--wave-size] apply to up only");
    let err = "";
    expect(await runCli(["nope"], { out: () => undefined, err: (s) => (err += s) })).toBe(2);
    expect(err).toContain("usage: wxcc-rollout preview|up");
  });
});

describe("stack discovery", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rollout-stacks-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "Pulumi.globex.yaml"), "config:\n  wxcc:orgId: globex-org\n");
  fs.writeFileSync(path.join(dir, "Pulumi.acme.yaml"), "config:\n  wxcc:orgId: \"acme\"\n");

  it("finds every Pulumi.<stack>.yaml sorted, or the chosen ones in order, and reads their org", () => {
    expect(discoverStacks(dir)).toEqual(["acme", "globex"]);
    expect(discoverStacks(dir, ["globex", "acme"])).toEqual(["globex", "acme"]);
    expect(stackOrgId(dir, "globex")).toBe("globex-org");
    expect(stackOrgId(dir, "acme")).toBe("acme");
  });

  it("names stacks that have no stack file", () => {
    expect(() => discoverStacks(dir, ["acme", "zeta"])).toThrow(/\[--stacks\] names stacks without a Pulumi.<stack>.yaml in .*: zeta/);
  });
});
