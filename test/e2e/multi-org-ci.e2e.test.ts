import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ORGS, rolloutBin, useMultiOrgProject } from "./support/multi-org";
import { repoRoot } from "../../harness/repo";
import { spawnAsync } from "../rollout/workflow-steps";

describe("the CI example's preview step", () => {
  const { project } = useMultiOrgProject();

  it("the workflow runs examples/ci/preview.sh on pull requests and posts its comment", () => {
    const workflow = fs.readFileSync(path.join(repoRoot, "examples", "ci", "preview.yml"), "utf8");
    expect(workflow).toMatch(/on:\n\s+pull_request:/);
    expect(workflow).toMatch(/id: preview\n\s+run: bash examples\/ci\/preview\.sh/);
    expect(workflow).toContain(".rollout/comment.md");
  });

  it("previews every stack against the emulator and writes the JSON report and the Markdown summary", async () => {
    const out = path.join(path.dirname(project.dir), "ci-out");
    // Asynchronous: the emulator runs in this process and must answer the preview's org check.
    const run = await spawnAsync("bash", [path.join(repoRoot, "examples", "ci", "preview.sh")], {
      cwd: repoRoot,
      env: { ...process.env, ...project.envVars, ROLLOUT_DIR: project.dir, ROLLOUT_OUT: out, WXCC_ROLLOUT: `${process.execPath} ${rolloutBin()}` },
    });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(out, "preview.json"), "utf8"));
    expect(report.ok).toBe(true);
    expect(report.stacks.map((s: any) => [s.stack, s.changes.create])).toEqual([
      ["acme", 2],
      ["globex", 2],
      ["initech", 1],
    ]);
    const md = fs.readFileSync(path.join(out, "comment.md"), "utf8");
    expect(md).toContain("every org previews cleanly");
    expect(md).toContain("| acme | acme | ok | 2 | 0 | 0 | 0 | create <code>crm</code><br>create <code>orders</code> |");
    expect(run.stdout).toBe(md);
    for (const org of ORGS) expect(md + run.stderr).not.toContain(org.token);
  });
});
