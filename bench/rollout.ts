/**
 * Rollout wall time: `wxcc-rollout` preview and up over 3 and 10 orgs with 15 connectors each
 * (5 Salesforce + 10 custom Basic, the per-org maximum), sequential (one org at a time)
 * against waves (a canary, then waves of 3 orgs run in parallel), in one run against one
 * in-process emulator. Run: `node dist/bench/rollout.js` (after `npm run build`).
 * `BENCH_ROLLOUT_ORGS=3` limits it to the 3-org case.
 *
 * Uses the Pulumi CLI that `npm test` installed (scripts/install-pulumi.sh, cached); installs nothing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../emulator/index";
import { EmulatorAdmin } from "../emulator/admin-client";
import { registerConnectedApp } from "../harness/identities";
import { putPulumiOnPath } from "../harness/pulumi-cli";
import { scratchRoot } from "../harness/repo";
import { createSandbox } from "../harness/sandbox";
import { preview, up } from "../rollout/rollout";
import { seconds, timed as timedRun } from "./lib/timing";

const WAVE = 3;

const program = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { SalesforceConnector, CustomConnector } = require("pulumi-wxcc-connectors");
const cfg = new pulumi.Config("bench");
const url = new pulumi.Config("wxcc").require("baseUrl");
const key = pulumi.secret(process.env.BENCH_SF_KEY);
for (let i = 1; i <= 5; i++) new SalesforceConnector("sf" + i, { name: "Sales " + i, clientId: cfg.require("clientId"), userEmail: "ops@example.com", authServerUrl: url + "/salesforce", privateKey: key });
for (let i = 1; i <= 10; i++) new CustomConnector("api" + i, { name: "API " + i, domainUrl: "https://api" + i + ".example.com", username: "svc", password: pulumi.secret("bench-password") });
`;

/** Wall time of a rollout command that must succeed. */
async function timed<T extends { ok: boolean }>(label: string, f: () => Promise<T>): Promise<number> {
  const { ms, result } = await timedRun(f);
  if (!result.ok) throw new Error(`${label} failed: ${JSON.stringify(result, null, 2).slice(0, 2000)}`);
  return ms;
}

async function main(): Promise<void> {
  putPulumiOnPath();
  const sizes = process.env.BENCH_ROLLOUT_ORGS === "3" ? [3] : [3, 10];
  const emu = await startEmulator({ port: 0, orgs: [] });
  const admin = new EmulatorAdmin(emu.url, emu.adminToken);
  const { clientId, keys } = await registerConnectedApp(admin, emu.url, { clientId: "3MVG9-bench", users: ["ops@example.com"] });
  process.env.BENCH_SF_KEY = keys.privateKeyPem;
  const root = path.join(scratchRoot, `bench-rollout-${process.pid}`);
  const rows: string[][] = [];
  try {
    for (const orgs of sizes) {
      for (const mode of ["sequential", "waves"] as const) {
        const project = createSandbox({
          root: path.join(root, `${orgs}-${mode}`),
          project: { name: "wxcc-bench", program },
          passphrase: "bench",
          pulumiHome: path.join(root, "home"),
        });
        const { projectDir: dir, envVars } = project;
        const stacks: string[] = [];
        for (let i = 1; i <= orgs; i++) {
          const org = { orgId: `${mode}-${orgs}-${i}`, token: `tok-${mode}-${orgs}-${i}` };
          await admin.registerOrg(org);
          await project.stack(org.orgId, {
            "wxcc:baseUrl": { value: emu.url },
            "wxcc:orgId": { value: org.orgId },
            "wxcc:accessToken": { value: org.token, secret: true },
            "bench:clientId": { value: clientId },
          });
          stacks.push(org.orgId);
        }
        const parallel = mode === "waves";
        const previewMs = await timed("preview", () => preview({ dir, envVars, stacks, parallel }));
        const upMs = await timed("up", () => up({ dir, envVars, stacks, ...(parallel ? { canary: stacks[0], waveSize: WAVE, parallel: true } : {}) }));
        rows.push([`${orgs}×15`, parallel ? `waves (canary + ${WAVE} in parallel)` : "sequential", seconds(previewMs), seconds(upMs)]);
        console.log(`${rows.at(-1)!.join("  ")}`);
      }
    }
  } finally {
    await emu.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
  console.log("\norgs×connectors  mode  preview s  up s");
  for (const r of rows) console.log(r.join(" | "));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
