import { ChangeCollector, type StackChanges } from "./summary";
import { openStack, rolloutPulumiCommand } from "./workspace";

/** What `runStack` does to one stack. `drift` is a preview after an in-memory refresh. */
export type StackOp = "preview" | "up" | "drift";

/** One stack's preview or update outcome. */
export interface StackRun extends StackChanges {
  stack: string;
  ok: boolean;
  /** The operator stopped the rollout while this stack ran, and it did not finish. */
  interrupted?: boolean;
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
  /** `up` only: refresh every resource from the backend first (puts hand edits back). */
  refresh?: boolean;
  /** Aborted when the operator stops the rollout: running operations are cancelled. */
  signal?: AbortSignal;
}

/** How long a CLI that shares our terminal gets to show it heard the Ctrl-C itself. */
const HEARD_ITSELF_GRACE_MS = 1500;

/**
 * Runs `pulumi preview`, `pulumi up` or a drift check (`pulumi preview --refresh`, which
 * refreshes in memory and writes no state) on one existing stack through the Automation
 * API and summarizes the steps. Never throws for a failed operation: the failure is the
 * result. When `signal` aborts, the CLI is sent one SIGINT (Pulumi's clean cancel) and the
 * result says `interrupted` unless the operation had finished anyway.
 *
 * @example
 * ```ts
 * const run = await runStack("preview", "acme", { dir: "examples/multi-org" });
 * run.changes.create; // 2
 * ```
 */
export async function runStack(op: StackOp, stackName: string, opts: RunOptions): Promise<StackRun> {
  const started = Date.now();
  const collector = new ChangeCollector();
  let heardItself = false;
  const onOutput = (text: string) => {
    // Pulumi prints this when a terminal's Ctrl-C reached it directly.
    if (/(\^C|SIGTERM) received; cancelling/.test(text)) heardItself = true;
    opts.onOutput?.(stackName, text);
  };
  const cancel = new AbortController();
  const { detached } = await rolloutPulumiCommand();
  const forward = () => {
    if (detached) cancel.abort();
    else setTimeout(() => heardItself || cancel.abort(), HEARD_ITSELF_GRACE_MS).unref();
  };
  if (opts.signal?.aborted) forward();
  else opts.signal?.addEventListener("abort", forward, { once: true });
  try {
    const stack = await openStack(stackName, opts);
    const common = { onEvent: collector.onEvent, onOutput, onError: onOutput, color: "never" as const, signal: cancel.signal };
    if (op === "preview") await stack.preview({ ...common, diff: true });
    else if (op === "drift") await stack.preview({ ...common, diff: true, refresh: true });
    else await stack.up({ ...common, refresh: opts.refresh });
    return { stack: stackName, ok: true, ...collector.result(), ms: Date.now() - started };
  } catch (err) {
    const result = collector.result();
    const interrupted = opts.signal?.aborted === true;
    const error = result.errors.length > 0 ? result.errors.join("\n") : fallbackMessage(err, interrupted);
    return { stack: stackName, ok: false, ...(interrupted ? { interrupted } : {}), ...result, error, ms: Date.now() - started };
  } finally {
    opts.signal?.removeEventListener("abort", forward);
  }
}

/** The error lines of a CLI failure that produced no engine diagnostics (e.g. a bad stack). */
function fallbackMessage(err: unknown, interrupted: boolean): string {
  const text = err instanceof Error ? err.message : String(err);
  const lines = text.split("\n").map((l) => l.trim());
  const errors = lines.filter((l) => /^error:/i.test(l));
  if (errors.length > 0) return errors.join("\n");
  if (interrupted) return "cancelled by the operator";
  return lines.filter(Boolean).slice(0, 3).join("\n");
}
