import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../rollout/cli";
import { discoverStacks, stackOrgId } from "../../rollout/stacks";

async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const project = (() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rollout-stacks-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "Pulumi.globex.yaml"), "config:\n  wxcc:orgId: globex-org # the org\n");
  fs.writeFileSync(path.join(dir, "Pulumi.acme.yaml"), 'config:\n  wxcc:orgId: "acme"\n');
  fs.writeFileSync(path.join(dir, "Pulumi.initech.yaml"), "config:\n  wxcc:orgId:\n    value: initech\n");
  fs.writeFileSync(path.join(dir, "Pulumi.broken.yaml"), "config: [\n");
  return dir;
})();

describe("wxcc-rollout flags", () => {
  it("--help and --version print and exit 0", async () => {
    const help = await cli("--help");
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage: wxcc-rollout/);
    for (const c of ["preview", "up", "drift", "plan", "merge"]) expect(help.out).toContain(c);
    expect(help.out).toContain("drift                      0 no drift, 2 drift found, 1 an org could not be checked");
    const upHelp = await cli("up", "--help");
    expect(upHelp.code).toBe(0);
    expect(upHelp.out).toMatch(/--canary <stack>[\s\S]*--wave-size <n>[\s\S]*--refresh/);
    const version = await cli("--version");
    expect(version.code).toBe(0);
    expect(version.out.trim()).toBe(JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8")).version);
  });

  it("refuses an unknown command, an unknown flag, a flag without value and a bad wave size, with usage and exit 2", async () => {
    const unknownCommand = await cli("apply");
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.err).toContain("unknown command 'apply'");
    const unknownFlag = await cli("preview", "--dir", project, "--canary", "acme");
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.err).toContain("unknown option '--canary'");
    expect(unknownFlag.err).toContain("wxcc-rollout <command> --help");
    const noValue = await cli("up", "--canary");
    expect(noValue.code).toBe(2);
    expect(noValue.err).toContain("option '--canary <stack>' argument missing");
    const badWave = await cli("up", "--wave-size", "0");
    expect(badWave.code).toBe(2);
    expect(badWave.err).toContain("[--wave-size] must be a positive integer, got 0");
  });

  it("drift refuses bad flags with exit 1 (2 means drift found)", async () => {
    const r = await cli("drift", "--wave-size", "2");
    expect(r.code).toBe(1);
    expect(r.err).toContain("unknown option '--wave-size'");
  });

  it("names a stack without a stack file, before running anything", async () => {
    const r = await cli("preview", "--dir", project, "--stacks", "acme,zeta");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/\[--stacks\] names stacks without a Pulumi.<stack>.yaml in .*: zeta/);
  });
});

describe("wxcc-rollout plan", () => {
  it("prints the waves as GitHub Actions matrices: the canary alone, then N per wave", async () => {
    const r = await cli("plan", "--dir", project, "--stacks", "acme,globex,org/p/initech", "--canary", "globex", "--wave-size", "2", "--json");
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      count: 2,
      waves: [
        { include: [{ stack: "globex", orgId: "globex-org", wave: 1 }] },
        {
          include: [
            { stack: "acme", orgId: "acme", wave: 2 },
            { stack: "org/p/initech", orgId: "initech", wave: 2 },
          ],
        },
      ],
      stacks: ["globex", "acme", "org/p/initech"],
    });
    expect(r.out.trim().split("\n")).toHaveLength(1); // one line: a GitHub step output
    const text = await cli("plan", "--dir", project, "--stacks", "acme,globex", "--canary", "acme");
    expect(text.out).toBe("wave 1: acme\nwave 2: globex\n");
  });

  it("refuses a plan that needs more waves than the workflow has jobs, naming the fix", async () => {
    const r = await cli("plan", "--dir", project, "--stacks", "acme,globex,initech", "--max-waves", "2", "--json");
    expect(r.code).toBe(2);
    expect(r.err).toContain("the rollout needs 3 waves but [--max-waves] is 2: raise [--wave-size] or add wave jobs to the workflow");
  });
});

describe("wxcc-rollout merge", () => {
  it("merges per-job reports in plan order; stacks without a report are untouched and the result not ok", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rollout-merge-"));
    const zero = { create: 0, update: 0, replace: 0, delete: 0, same: 0 };
    const one = (stack: string, status: string, error?: string) => ({
      command: "up",
      ok: status === "ok",
      stacks: [{ stack, orgId: stack, status, changes: { ...zero, create: 1 }, resources: [], warnings: [], ...(error ? { error } : {}) }],
    });
    fs.writeFileSync(path.join(dir, "acme.json"), JSON.stringify(one("acme", "ok")));
    fs.writeFileSync(path.join(dir, "globex.json"), JSON.stringify(one("globex", "failed", "403 FORBIDDEN in org globex")));
    const planned = await cli("plan", "--dir", project, "--stacks", "acme,globex,initech", "--canary", "acme", "--wave-size", "1", "--json");
    fs.writeFileSync(path.join(dir, "plan.json"), planned.out);
    const r = await cli("merge", "--plan", path.join(dir, "plan.json"), path.join(dir, "globex.json"), path.join(dir, "acme.json"), "--json");
    expect(r.code).toBe(1);
    const merged = JSON.parse(r.out);
    expect(merged.stacks.map((s: { stack: string; status: string }) => [s.stack, s.status])).toEqual([
      ["acme", "ok"],
      ["globex", "failed"],
      ["initech", "untouched"],
    ]);
    expect(merged.waves).toEqual([["acme"], ["globex"], ["initech"]]);
    const text = await cli("merge", "--plan", path.join(dir, "plan.json"), path.join(dir, "acme.json"), path.join(dir, "globex.json"));
    expect(text.out).toContain("done: acme; failed: globex; untouched: initech");
    fs.writeFileSync(path.join(dir, "bad.json"), "{}");
    const bad = await cli("merge", path.join(dir, "bad.json"));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("bad.json is not a wxcc-rollout --json report");
  });
});

describe("stack discovery", () => {
  it("finds every Pulumi.<stack>.yaml sorted, or the chosen ones in order, and reads their org with a YAML parser", () => {
    expect(discoverStacks(project)).toEqual(["acme", "broken", "globex", "initech"]);
    expect(discoverStacks(project, ["globex", "acme"])).toEqual(["globex", "acme"]);
    expect(stackOrgId(project, "globex")).toBe("globex-org");
    expect(stackOrgId(project, "acme")).toBe("acme");
    expect(stackOrgId(project, "initech")).toBe("initech");
    expect(stackOrgId(project, "broken")).toBeUndefined();
  });

  it("accepts fully qualified names, keeping them as given, and reads the short name's stack file", () => {
    expect(discoverStacks(project, ["my-org/p/globex", "acme"])).toEqual(["my-org/p/globex", "acme"]);
    expect(stackOrgId(project, "my-org/p/globex")).toBe("globex-org");
  });

  it("names stacks that have no stack file, and a stack named twice", () => {
    expect(() => discoverStacks(project, ["acme", "zeta"])).toThrow(/\[--stacks\] names stacks without a Pulumi.<stack>.yaml in .*: zeta/);
    expect(() => discoverStacks(project, ["acme", "o/p/acme"])).toThrow("[--stacks] names a stack twice: o/p/acme");
  });
});
