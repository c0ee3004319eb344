/**
 * What importing the SDK costs a Pulumi program process: modules loaded and wall time of
 * `require("pulumi-wxcc-connectors")` after `@pulumi/pulumi` is already loaded, and how
 * many of those modules are zod, jose or undici (only the provider plugin needs them).
 * Each sample is a fresh `node` process; prints figures, asserts nothing.
 *
 * Run: `npm run build && node dist/bench/startup.js` (reads node_modules/pulumi-wxcc-connectors).
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { printTable } from "./lib/report";
import { summarize } from "./lib/timing";

const SAMPLES = 5;

const PROBE = `
require("@pulumi/pulumi");
const before = Object.keys(require.cache).length;
const start = process.hrtime.bigint();
require("pulumi-wxcc-connectors");
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const added = Object.keys(require.cache).slice(before);
const heavy = added.filter((k) => /node_modules[\\\\/](zod|jose|undici)[\\\\/]/.test(k)).length;
process.stdout.write(JSON.stringify({ modules: added.length, heavy, ms }));
`;

const root = path.resolve(__dirname, "../..");
const runs = Array.from(
  { length: SAMPLES },
  () =>
    JSON.parse(execFileSync(process.execPath, ["-e", PROBE], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as {
      modules: number;
      heavy: number;
      ms: number;
    },
);
const time = summarize(runs.map((r) => r.ms));
printTable(
  "SDK import in a program process",
  `require("pulumi-wxcc-connectors") after @pulumi/pulumi, ${SAMPLES} fresh processes.`,
  ["modules loaded", "of them zod/jose/undici", "ms median", "ms max"],
  [[String(runs[0]!.modules), String(runs[0]!.heavy), time.median.toFixed(1), time.max.toFixed(1)]],
);
