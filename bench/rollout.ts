/**
 * Rollout wall time: `wxcc-rollout` preview and up over 3 and 10 orgs with 15 connectors each
 * (5 Salesforce + 10 custom Basic, the per-org maximum), sequential (one org at a time)
 * against waves (a canary, then waves of 3 orgs run in parallel), in one run against one
 * in-process emulator. Run: `node dist/bench/rollout.js` (after `npm run build`).
 * `BENCH_ROLLOUT_ORGS=3` limits it to the 3-org case.
 *
 * Uses the Pulumi CLI that `npm test` installed (scripts/install-pulumi.sh, cached); installs nothing.
 */
import { generateKeyPairSync } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../emulator/index";
import { EmulatorAdmin } from "../emulator/admin-client";
import { preview, up } from "../rollout/rollout";
import { benchStack, writeProject } from "./lib/project";
import { putPulumiOnPath, repoRoot } from "./lib/pulumi-cli";
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
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  process.env.BENCH_SF_KEY = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const emu = await startEmulator({ port: 0, orgs: [] });
  const admin = new EmulatorAdmin(emu.url, emu.adminToken);
  const clientId = "3MVG9-bench";
  await admin.registerSalesforceApp({ clientId, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(), users: ["ops@example.com"] });
  const root = path.join(repoRoot, ".tmp", `bench-rollout-${process.pid}`);
  const rows: string[][] = [];
  try {
    for (const orgs of sizes) {
      for (const mode of ["sequential", "waves"] as const) {
        const project = writeProject(path.join(root, `${orgs}-${mode}`), program, path.join(root, "home"));
        const { dir, envVars } = project;
        const stacks: string[] = [];
        for (let i = 1; i <= orgs; i++) {
          const org = { orgId: `${mode}-${orgs}-${i}`, token: `tok-${mode}-${orgs}-${i}` };
          await admin.registerOrg(org);
          await benchStack(project, org.orgId, {
            "wxcc:baseUrl": { value: emu.url },
            "wxcc:orgId": { value: org.orgId },
            "wxcc:accessToken": { value: org.token, secret: true },
            "bench:clientId": { value: clientId },
          });
          stacks.push(org.orgId);
        }
        const parallel = mode === "waves";
        const previewMs = await timed("preview", () => preview({ dir, envVars, stacks, parallel }));
        const upMs = await timed("up", () =>
          up({ dir, envVars, stacks, ...(parallel ? { canary: stacks[0], waveSize: WAVE, parallel: true } : {}) }),
        );
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
