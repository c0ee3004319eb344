import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ORGS, rolloutBin, useMultiOrgProject } from "./support/multi-org";
import { repoRoot } from "../../harness/repo";
import { readWorkflow, runStep, stepOf, type StepResult } from "../rollout/workflow-steps";

const workflowFile = path.join(repoRoot, "examples", "ci", "rollout.yml");
const waveJobs = (wf: ReturnType<typeof readWorkflow>) => Object.keys(wf.jobs).filter((j) => /^wave-\d+$/.test(j));

describe("examples/ci/rollout.yml: the rollout on the CI's job matrix", () => {
  const { emu, project } = useMultiOrgProject();

  it("chains identical wave jobs: each needs the previous, runs only when the plan has that wave, takes its matrix from the plan", () => {
    const wf = readWorkflow(workflowFile);
    const waves = waveJobs(wf);
    expect(waves).toEqual(["wave-1", "wave-2", "wave-3", "wave-4"]);
    expect(stepOf(wf, "plan", "plan").run).toContain(`--max-waves ${waves.length}`);
    waves.forEach((job, i) => {
      const j = wf.jobs[job];
      expect(j.steps).toEqual(wf.jobs["wave-1"].steps);
      expect(j.strategy?.matrix).toBe(`\${{ fromJSON(needs.plan.outputs.plan).waves[${i}] }}`);
      expect(j.needs).toEqual(i === 0 ? "plan" : ["plan", `wave-${i}`]);
      if (i > 0) expect(j.if).toBe(`fromJSON(needs.plan.outputs.count) >= ${i + 1}`);
    });
    expect(wf.jobs.summary.needs).toEqual(["plan", ...waves]);
    // No expression inside a script: values reach the shell through env only (no script injection).
    for (const job of Object.values(wf.jobs)) for (const step of job.steps) expect(step.run ?? "").not.toContain("${{");
  });

  /** Runs the workflow's plan, wave and summary steps the way the runner would, wave after wave. */
  async function runWorkflow(inputs: { canary: string; waveSize: string }, work: string) {
    const wf = readWorkflow(workflowFile);
    const bin = rolloutBin();
    const env = { ...project.envVars, ROLLOUT_DIR: project.dir };
    fs.rmSync(work, { recursive: true, force: true });
    const artifacts = path.join(work, "summary", ".rollout", "artifacts");
    const planJob = path.join(work, "plan");
    fs.mkdirSync(planJob, { recursive: true });
    const planned = await runStep(stepOf(wf, "plan", "plan"), {
      cwd: planJob,
      env: { ...env, CANARY: inputs.canary, WAVE_SIZE: inputs.waveSize },
      rolloutBin: bin,
    });
    expect(planned.status, planned.stderr).toBe(0);
    fs.mkdirSync(path.join(artifacts, "rollout-plan"), { recursive: true });
    fs.copyFileSync(path.join(planJob, ".rollout", "plan.json"), path.join(artifacts, "rollout-plan", "plan.json"));
    const plan = JSON.parse(planned.outputs.plan) as { count: number; waves: Array<{ include: Array<{ stack: string; wave: number }> }> };
    expect(Number(planned.outputs.count)).toBe(plan.count);

    const jobs: Array<{ stack: string; wave: number; result: StepResult }> = [];
    for (const [i, wave] of plan.waves.entries()) {
      // `needs`: a wave runs only when every job of the wave before it succeeded.
      if (jobs.some((j) => j.wave === i && j.result.status !== 0)) break;
      for (const [index, entry] of wave.include.entries()) {
        const cwd = path.join(work, `wave-${i + 1}-${index}`);
        fs.mkdirSync(cwd, { recursive: true });
        const result = await runStep(stepOf(wf, `wave-${i + 1}`, "up"), { cwd, env: { ...env, STACK: entry.stack }, rolloutBin: bin });
        jobs.push({ stack: entry.stack, wave: i + 1, result });
        const report = path.join(cwd, ".rollout", "report.json");
        if (fs.existsSync(report)) {
          const artifact = path.join(artifacts, `rollout-report-${entry.wave}-${index}`);
          fs.mkdirSync(artifact, { recursive: true });
          fs.copyFileSync(report, path.join(artifact, "report.json"));
        }
      }
    }
    const summaryJob = path.join(work, "summary");
    fs.cpSync(path.join(repoRoot, "examples", "ci"), path.join(summaryJob, "examples", "ci"), { recursive: true });
    const summary = await runStep(stepOf(wf, "summary", "merge"), { cwd: summaryJob, env, rolloutBin: bin });
    const merged = JSON.parse(fs.readFileSync(path.join(summaryJob, ".rollout", "rollout.json"), "utf8"));
    return { plan, jobs, summary, merged };
  }

  it("stops the later waves when a job fails, and the summary names done, failed and untouched orgs", async () => {
    await project.setToken("globex", "not-the-globex-token");
    const run = await runWorkflow({ canary: "acme", waveSize: "1" }, path.join(path.dirname(project.dir), "wf-1"));
    expect(run.plan.waves.map((w) => w.include.map((j) => j.stack))).toEqual([["acme"], ["globex"], ["initech"]]);
    expect(run.jobs.map((j) => [j.stack, j.result.status])).toEqual([
      ["acme", 0],
      ["globex", 1],
    ]);
    expect(run.jobs[1].result.stderr).toContain("wxcc-rollout: [globex] up failed");
    expect(run.summary.status).toBe(1);
    expect(run.merged.stacks.map((s: { stack: string; status: string }) => [s.stack, s.status])).toEqual([
      ["acme", "ok"],
      ["globex", "failed"],
      ["initech", "untouched"],
    ]);
    expect(run.summary.summary).toContain("### wxcc-rollout up: ❌ the rollout did not finish");
    expect(run.summary.summary).toContain("| globex | globex | failed |");
    expect(run.summary.summary).toContain("| initech | initech | untouched |");
    expect(run.summary.stdout).toContain("done: acme; failed: globex; untouched: initech");
    expect(run.summary.summary + run.summary.stdout).not.toContain("not-the-globex-token");
  });

  it("after the fix, the same workflow resumes: waves of two after the canary, every org rolled out", async () => {
    await project.setToken("globex", "globex-token");
    const run = await runWorkflow({ canary: "acme", waveSize: "2" }, path.join(path.dirname(project.dir), "wf-2"));
    expect(run.plan.waves.map((w) => w.include.map((j) => j.stack))).toEqual([["acme"], ["globex", "initech"]]);
    expect(run.jobs.map((j) => [j.stack, j.wave, j.result.status])).toEqual([
      ["acme", 1, 0],
      ["globex", 2, 0],
      ["initech", 2, 0],
    ]);
    expect(run.summary.status, run.summary.stderr).toBe(0);
    expect(run.merged.stacks.map((s: { stack: string; status: string; changes: { create: number } }) => [s.stack, s.status, s.changes.create])).toEqual([
      ["acme", "ok", 0],
      ["globex", "ok", 2],
      ["initech", "ok", 1],
    ]);
    expect(run.summary.summary).toContain("### wxcc-rollout up: ✅ every org is rolled out");
    for (const org of ORGS) {
      const res = await fetch(`${emu.url}/v1/organizations/${org.orgId}/connectors`, { headers: { authorization: `Bearer ${org.token}` } });
      const names = ((await res.json()) as { items: Array<{ name: string }> }).items.map((c) => c.name).sort();
      expect(names).toEqual(org.orgId === "initech" ? ["Orders API"] : ["CRM API", "Orders API"]);
    }
  });
});
