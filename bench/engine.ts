/**
 * The provider through the real Pulumi engine, in one run against one emulator (its own process, as users run it):
 *   1. backend calls per operation (create, update, delete, no-op preview, refresh) and
 *      connector kind, against the SPEC §3 minimum, plus the SDK's org-check listing;
 *   2. how long a connector is INACTIVE during an update (median, p95, min, max per kind);
 *   2b. the same under each fault kind (p50 / p95 / max, and the longest single pause while down);
 *   3. `pulumi up` wall time for 50 connectors against 50 no-op dynamic resources (the
 *      overhead ratios of create, no-op up and destroy, and their backend calls);
 *   4. 15 connectors against `--rate-limit 1`: create, edit, destroy, each in one run.
 * Ends with the machine's details. Run: `npm run bench:engine` (builds first), or
 * `node dist/bench/engine.js` after `npm run build`. `BENCH_ENGINE_ROUNDS=N` sets the
 * number of update rounds of section 2 (default 2, i.e. 20 updates per kind);
 * `BENCH_ENGINE_SECTIONS=1,3` runs only the listed sections (default all).
 *
 * Every org is registered for one partner-admin token (emulator/orgs.ts), so a stack's one
 * `wxcc:accessToken` can reach connectors declared with per-resource `orgId` in many orgs.
 * Uses the Pulumi CLI that `npm test` installed (scripts/install-pulumi.sh, cached).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EmulatorAdmin } from "../emulator/admin-client";
import { backendCalls } from "./engine/calls";
import { BenchEnv } from "./engine/env";
import { faultWindows } from "./engine/fault-windows";
import { inactiveWindows } from "./engine/inactive";
import { registerKinds } from "./engine/kinds";
import { providerOverhead } from "./engine/overhead";
import { rateLimited } from "./engine/rate-limit";
import { spawnEmulator } from "../harness/emulator-process";
import { putPulumiOnPath, pulumiVersion } from "../harness/pulumi-cli";
import { scratchRoot } from "../harness/repo";
import { machineInfo } from "./lib/report";
import { seconds, timed } from "./lib/timing";

function rounds(): number {
  const v = process.env.BENCH_ENGINE_ROUNDS ?? "2";
  if (!/^[1-9]\d*$/.test(v)) throw new Error(`BENCH_ENGINE_ROUNDS must be a positive integer, got "${v}"`);
  return Number(v);
}

/** The sections `BENCH_ENGINE_SECTIONS` names (comma-separated), default all. */
function selected(all: string[]): string[] {
  const v = process.env.BENCH_ENGINE_SECTIONS;
  if (!v) return all;
  const wanted = v.split(",").map((x) => x.trim());
  const unknown = wanted.filter((x) => !all.includes(x));
  if (unknown.length) throw new Error(`BENCH_ENGINE_SECTIONS: unknown section(s) ${unknown.join(", ")}; use some of ${all.join(", ")}`);
  return all.filter((x) => wanted.includes(x));
}

async function main(): Promise<void> {
  const started = performance.now();
  putPulumiOnPath();
  // Its own process, as users run it and as a real backend would be: in this process its
  // answers would wait behind the Automation API reading the engine's events.
  const emu = await spawnEmulator(["--port", "0"]);
  const admin = new EmulatorAdmin(emu.url, emu.adminToken);
  const root = path.join(scratchRoot, `bench-engine-${process.pid}`);
  try {
    const kinds = await registerKinds(admin, emu.url);
    const env = new BenchEnv(emu.url, admin, root, kinds.secrets, kinds.declare);
    console.log("wxcc provider through the Pulumi engine (Automation API, local file backend) against an emulator in its own process");
    // In print order: an object would run "2b" last (integer-like keys come first).
    const sections = new Map<string, () => Promise<void>>([
      ["1", () => backendCalls(env)],
      ["2", () => inactiveWindows(env, rounds())],
      ["2b", () => faultWindows(env)],
      ["3", () => providerOverhead(env)],
      ["4", () => rateLimited(root)],
    ]);
    for (const section of selected([...sections.keys()]).map((k) => sections.get(k)!)) {
      const { ms } = await timed(section);
      console.log(`(section took ${seconds(ms)} s)`);
    }
  } finally {
    await emu.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
  console.log(`\n## Machine\n${machineInfo({ pulumi: pulumiVersion() })}\nbench wall time: ${seconds(performance.now() - started)} s`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
