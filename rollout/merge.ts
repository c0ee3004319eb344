import type { RolloutPlan } from "./plan";
import type { RolloutReport, StackReport } from "./rollout";

/**
 * One report from the per-stack reports of a rollout that ran as CI jobs (each job's
 * `wxcc-rollout up --stacks <stack> --json`). With the plan, stacks are listed in rollout
 * order and a stack without a report (its wave never ran) is `untouched`. The result is
 * `ok` only when every planned stack is.
 *
 * @throws Error naming the file whose JSON is not a `wxcc-rollout` report.
 * @example
 * ```ts
 * mergeReports([{ file: "acme.json", report: acmeReport }], plan);
 * ```
 */
export function mergeReports(parts: Array<{ file: string; report: unknown }>, plan?: RolloutPlan): RolloutReport {
  const byStack = new Map<string, StackReport>();
  let command: RolloutReport["command"] | undefined;
  let interrupted: RolloutReport["interrupted"];
  for (const { file, report } of parts) {
    const r = report as Partial<RolloutReport> | null;
    if (!r || typeof r !== "object" || !Array.isArray(r.stacks) || typeof r.command !== "string") {
      throw new Error(`${file} is not a wxcc-rollout --json report (no "command" and "stacks")`);
    }
    command ??= r.command;
    interrupted ??= r.interrupted;
    for (const s of r.stacks) if (s.status !== "untouched" || !byStack.has(s.stack)) byStack.set(s.stack, s);
  }
  const order = plan ? plan.stacks : [...byStack.keys()];
  const untouched = (stack: string): StackReport => ({
    stack,
    orgId: plan?.waves.flatMap((w) => w.include).find((j) => j.stack === stack)?.orgId,
    status: "untouched",
    changes: { create: 0, update: 0, replace: 0, delete: 0, same: 0 },
    resources: [],
    warnings: [],
  });
  const stacks = order.map((s) => byStack.get(s) ?? untouched(s));
  for (const [s, r] of byStack) if (!order.includes(s)) stacks.push(r);
  return {
    command: command ?? "up",
    ...(plan ? { waves: plan.waves.map((w) => w.include.map((j) => j.stack)) } : {}),
    stacks,
    ok: stacks.length > 0 && stacks.every((s) => s.status === "ok"),
    ...(interrupted ? { interrupted } : {}),
  };
}
