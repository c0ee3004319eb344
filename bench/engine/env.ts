import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import type { EmulatorAdmin } from "../../emulator/admin-client";
import { createSandbox, type PulumiSandbox } from "../../harness/sandbox";
import type { DeclareFn, KindKey } from "./kinds";
import { benchConfig, PROGRAM } from "./program";

/** One partner-admin token, registered for every org the bench uses (see emulator/orgs.ts). */
export const PARTNER_TOKEN = "bench-partner-token";

/** What every section of the engine bench shares: one emulator, one project, the kinds. */
export class BenchEnv {
  private readonly project: PulumiSandbox;

  constructor(
    readonly url: string,
    readonly admin: EmulatorAdmin,
    root: string,
    readonly secrets: Record<string, string>,
    readonly declare: Record<KindKey, DeclareFn>,
  ) {
    this.project = createSandbox({ root: path.join(root, "project"), project: { name: "wxcc-bench", program: PROGRAM }, passphrase: "bench" });
  }

  /** Registers `n` fresh orgs named `<prefix>-1…n` for the partner token. */
  async orgs(prefix: string, n: number): Promise<string[]> {
    const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);
    for (const orgId of ids) await this.admin.registerOrg({ orgId, token: PARTNER_TOKEN });
    return ids;
  }

  /**
   * A stack of the bench program pointed at the emulator with the partner token and no
   * default org (every connector declares its `orgId`).
   */
  async stack(name: string): Promise<Stack> {
    return this.project.stack(name, {
      "wxcc:baseUrl": { value: this.url },
      "wxcc:accessToken": { value: PARTNER_TOKEN, secret: true },
      ...benchConfig({ secrets: this.secrets }),
    });
  }
}

/**
 * Throws when an operation did not change what the bench meant it to, so a silently
 * different run never produces figures.
 *
 * @example
 * expectChanges("update", result.summary.resourceChanges, { update: 3 });
 */
export function expectChanges(op: string, actual: Record<string, number> | undefined, expected: Record<string, number>): void {
  for (const [k, n] of Object.entries(expected)) {
    if ((actual?.[k] ?? 0) !== n) throw new Error(`${op}: expected ${n} ${k}, got ${JSON.stringify(actual)}`);
  }
}
