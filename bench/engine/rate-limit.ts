import * as path from "node:path";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { startEmulator } from "../../emulator/index";
import { printTable } from "../lib/report";
import { seconds, timed } from "../lib/timing";
import { BenchEnv, expectChanges } from "./env";
import { registerKinds } from "./kinds";
import { benchConfig, type Declaration } from "./program";

/**
 * Section 4: 15 connectors (an org's 5 Salesforce + 10 custom Basic with a validation URL)
 * against an emulator at `--rate-limit 1` (one request per second per token): wall time of
 * create, an edit of all 15 and destroy, each one `pulumi up` at Pulumi's default
 * parallelism, and how many requests were answered 429. Every run must succeed (issue 12:
 * rate limits make it slower, not red); a failure ends the bench.
 *
 * @example
 * await rateLimited(root);
 */
export async function rateLimited(root: string): Promise<void> {
  const emu = await startEmulator({ port: 0, orgs: [], rateLimit: 1 });
  try {
    const admin = new EmulatorAdmin(emu.url, emu.adminToken);
    const kinds = await registerKinds(admin, emu.url);
    const env = new BenchEnv(emu.url, admin, path.join(root, "rate-limit"), kinds.secrets, kinds.declare);
    const [orgId] = await env.orgs("limited", 1);
    const declarations = (round: number): Declaration[] => [
      ...Array.from({ length: 5 }, (_, i) => env.declare.salesforce(`sf${i + 1}`, orgId!, `Limited SF ${i + 1}`, round)),
      ...Array.from({ length: 10 }, (_, i) => env.declare.basic(`api${i + 1}`, orgId!, `Limited API ${i + 1}`, round)),
    ];
    const stack = await env.stack("rate-limit");
    const rows: string[][] = [];
    const steps = [
      { name: "create 15", round: 0, run: async () => expectChanges("create", (await stack.up()).summary.resourceChanges, { create: 16 }) },
      {
        name: "edit 15 (deactivate, PUT, activate each)",
        round: 1,
        run: async () => expectChanges("update", (await stack.up()).summary.resourceChanges, { update: 15 }),
      },
      { name: "destroy 15", round: 1, run: async () => expectChanges("destroy", (await stack.destroy()).summary.resourceChanges, { delete: 16 }) },
    ];
    for (const step of steps) {
      await stack.setAllConfig(benchConfig({ connectors: declarations(step.round) }));
      await admin.clearRequests();
      const { ms } = await timed(step.run);
      const log = await admin.requests();
      const contract = log.filter((r) => r.path.startsWith("/v1/"));
      rows.push([step.name, "succeeded in one run", `${seconds(ms)} s`, String(contract.length), String(contract.filter((r) => r.status === 429).length)]);
    }
    printTable(
      "4. A rate-limited backend: --rate-limit 1, 15 connectors, default parallelism",
      "One request per second per token. The provider plugin's resources share one rate gate (AIMD: a 429 halves the concurrency and spaces request starts; Retry-After pauses everyone), and outside a down window a 429 means wait, not fail.",
      ["operation", "result", "wall time", "contract requests", "answered 429"],
      rows,
    );
  } finally {
    await emu.close();
  }
}
