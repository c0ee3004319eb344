import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";

/** One `run:` step of a GitHub Actions workflow, as the file declares it. */
export interface WorkflowStep {
  id?: string;
  name?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  uses?: string;
}

/** A workflow file parsed with the `yaml` package. */
export interface Workflow {
  on: Record<string, unknown>;
  env?: Record<string, string>;
  jobs: Record<
    string,
    { needs?: string | string[]; if?: string; strategy?: { matrix?: unknown; "fail-fast"?: boolean }; steps: WorkflowStep[]; outputs?: Record<string, string> }
  >;
}

export function readWorkflow(file: string): Workflow {
  return parse(fs.readFileSync(file, "utf8")) as Workflow;
}

/** The step with `id` in `job`; throws naming what is missing. */
export function stepOf(wf: Workflow, job: string, id: string): WorkflowStep {
  const step = wf.jobs[job]?.steps.find((s) => s.id === id);
  if (!step?.run) throw new Error(`workflow has no run step "${id}" in job "${job}"`);
  return step;
}

/** What a step run left: exit status, output, and what it wrote to `$GITHUB_OUTPUT`. */
export interface StepResult {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Runs a workflow step's `run:` script as the runner would: bash with `-eo pipefail` unless
 * the step sets `shell: bash {0}`, in `cwd`, with `env` (the values the `${{ }}`
 * expressions of the workflow's and step's `env:` would give), `$GITHUB_OUTPUT` and
 * `$GITHUB_STEP_SUMMARY` files, and `wxcc-rollout` on PATH as the given command.
 * Asynchronous on purpose: the tests' emulator runs in the test process and must keep
 * answering while the step runs.
 */
export async function runStep(step: WorkflowStep, opts: { cwd: string; env: Record<string, string>; rolloutBin: string }): Promise<StepResult> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wf-step-"));
  const bin = path.join(tmp, "bin");
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "wxcc-rollout"), `#!/bin/sh\nexec "${process.execPath}" "${opts.rolloutBin}" "$@"\n`, { mode: 0o755 });
  const script = path.join(tmp, "step.sh");
  fs.writeFileSync(script, step.run!);
  const output = path.join(tmp, "output");
  const summary = path.join(tmp, "summary");
  fs.writeFileSync(output, "");
  fs.writeFileSync(summary, "");
  const args = step.shell === "bash {0}" ? [script] : ["--noprofile", "--norc", "-eo", "pipefail", script];
  const run = await spawnAsync("bash", args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary },
  });
  const outputs: Record<string, string> = {};
  for (const line of fs.readFileSync(output, "utf8").split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  const result = { status: run.status, stdout: run.stdout, stderr: run.stderr, outputs, summary: fs.readFileSync(summary, "utf8") };
  fs.rmSync(tmp, { recursive: true, force: true });
  return result;
}

/** `spawnSync`'s answer without blocking the event loop. */
export function spawnAsync(
  command: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
