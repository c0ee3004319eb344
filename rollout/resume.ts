import type { RolloutReport } from "./rollout";
import { openStack } from "./workspace";

/** A stack's state left with operations Pulumi could not finish (a pending create, …). */
export interface PendingOperations {
  stack: string;
  /** `create of urn:…` for each pending operation. */
  operations: string[];
}

/**
 * The pending operations in the state of each given stack (read with `pulumi stack export`,
 * which takes no lock). A stack whose state cannot be read is left out.
 *
 * @example
 * ```ts
 * await pendingOperations(["globex"], { dir }); // [{ stack: "globex", operations: ["creating of urn:…::crm"] }]
 * ```
 */
export async function pendingOperations(stacks: string[], opts: { dir: string; envVars?: Record<string, string> }): Promise<PendingOperations[]> {
  const out: PendingOperations[] = [];
  for (const stack of stacks) {
    try {
      const state = await (await openStack(stack, opts)).exportStack();
      const pending = (state.deployment?.pending_operations ?? []) as Array<{ type?: string; resource?: { urn?: string } }>;
      if (pending.length > 0) out.push({ stack, operations: pending.map((p) => `${p.type ?? "?"} of ${p.resource?.urn ?? "?"}`) });
    } catch {
      // The resume advice then covers it with the generic commands.
    }
  }
  return out;
}

/** Quotes a word for a POSIX shell when it needs it. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * How to resume an interrupted rollout, as commands to paste: re-run the same command
 * (converged stacks are no-ops); before that, for stacks Pulumi may have left locked
 * (`forced`: the rollout did not wait for them) `pulumi cancel`, and for stacks with
 * pending operations `pulumi refresh --clear-pending-creates` (Pulumi 3.248 flags).
 *
 * @example
 * ```ts
 * resumeAdvice(report, { argv: ["up", "--dir", "."], dir: ".", pending: [] });
 * ```
 */
export function resumeAdvice(_report: RolloutReport, opts: { argv: string[]; dir: string; pending: PendingOperations[]; forced?: string[] }): string {
  const lines: string[] = [];
  const cwd = `--cwd ${shellQuote(opts.dir)}`;
  const forced = opts.forced ?? [];
  if (forced.length > 0) {
    lines.push(`Pulumi was stopped at once in ${forced.join(", ")}; its lock may remain. Clear it (this only removes the lock):`);
    for (const s of forced) lines.push(`  pulumi cancel --yes --stack ${shellQuote(s)} ${cwd}`);
  }
  const pending = [...opts.pending];
  for (const s of forced) if (!pending.some((p) => p.stack === s)) pending.push({ stack: s, operations: [] });
  if (pending.length > 0) {
    lines.push("Pulumi may have left operations it could not finish (a connector being created, edited or deleted):");
    for (const p of pending.filter((x) => x.operations.length > 0)) lines.push(`  ${p.stack}: ${p.operations.join("; ")}`);
    lines.push("Check those connectors in the org, then clear the pending operations:");
    for (const p of pending) lines.push(`  pulumi refresh --clear-pending-creates --yes --stack ${shellQuote(p.stack)} ${cwd}`);
    lines.push(
      "  (a connector that was created but dropped this way makes the next up fail with NAME_CONFLICT naming its id: adopt it with the `connectorId` input)",
    );
  }
  lines.push(`Resume with the same command (stacks already done are no-ops):`);
  lines.push(`  wxcc-rollout ${opts.argv.map(shellQuote).join(" ")}`);
  return lines.join("\n");
}
