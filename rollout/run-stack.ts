import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { ChangeCollector, type StackChanges } from "./summary";

/** One stack's preview or update outcome. */
export interface StackRun extends StackChanges {
  stack: string;
  ok: boolean;
  /** What went wrong (engine error diagnostics; secrets are masked by the engine). */
  error?: string;
  /** Wall time in milliseconds. */
  ms: number;
}

/** Where and how to run a stack operation. */
export interface RunOptions {
  /** The project directory (holds Pulumi.yaml and the Pulumi.<stack>.yaml files). */
  dir: string;
  /** Extra environment for the Pulumi CLI; the process environment is passed through. */
  envVars?: Record<string, string>;
  /** Receives the CLI's progress output, prefixed by the caller if it wants. */
  onOutput?: (stack: string, text: string) => void;
}

/**
 * Runs `pulumi preview` or `pulumi up` on one existing stack through the Automation API
 * and summarizes the steps. Never throws for a failed operation: the failure is the result.
 *
 * @example
 * ```ts
 * const run = await runStack("preview", "acme", { dir: "examples/multi-org" });
 * run.changes.create; // 2
 * ```
 */
export async function runStack(op: "preview" | "up", stackName: string, opts: RunOptions): Promise<StackRun> {
  const started = Date.now();
  const collector = new ChangeCollector();
  const onOutput = opts.onOutput ? (text: string) => opts.onOutput!(stackName, text) : undefined;
  try {
    const stack = await LocalWorkspace.selectStack({ stackName, workDir: opts.dir }, { envVars: opts.envVars });
    const common = { onEvent: collector.onEvent, onOutput, onError: onOutput, color: "never" as const };
    if (op === "preview") await stack.preview({ ...common, diff: true });
    else await stack.up(common);
    return { stack: stackName, ok: true, ...collector.result(), ms: Date.now() - started };
  } catch (err) {
    const result = collector.result();
    const error = result.errors.length > 0 ? result.errors.join("\n") : fallbackMessage(err);
    return { stack: stackName, ok: false, ...result, error, ms: Date.now() - started };
  }
}

/** The error lines of a CLI failure that produced no engine diagnostics (e.g. a bad stack). */
function fallbackMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const lines = text.split("\n").map((l) => l.trim());
  const errors = lines.filter((l) => /^error:/i.test(l));
  return (errors.length > 0 ? errors : lines.filter(Boolean).slice(0, 3)).join("\n");
}
