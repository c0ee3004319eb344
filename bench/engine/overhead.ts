import type { Stack } from "@pulumi/pulumi/automation";
import { printTable } from "../lib/report";
import { seconds, summarize, timed } from "../lib/timing";
import { type BenchEnv, expectChanges } from "./env";
import { benchConfig, type Declaration } from "./program";
import { CALL_LABEL, contractCall, countList } from "./request-log";

const CONNECTORS = 50;
/** 10 is the custom-connector limit of one org, so 50 need 5 orgs (one partner token). */
const PER_ORG = 10;

interface Step {
  name: string;
  run(stack: Stack): Promise<void>;
}

/**
 * Runs per operation and stack, `BENCH_OVERHEAD_RUNS` (default 7): on a shared 2-core
 * machine one run of the same stack varies by ±15 %, so a 10 % target needs medians.
 */
function runs(): number {
  const v = process.env.BENCH_OVERHEAD_RUNS ?? "7";
  if (!/^[1-9]\d*$/.test(v)) throw new Error(`BENCH_OVERHEAD_RUNS must be a positive integer, got "${v}"`);
  return Number(v);
}

/** The stacks each operation runs on. */
type Side = "connectors" | "shaped" | "noop";

/** `items` rotated left by `by` places. */
function rotated<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/**
 * Section 3: `pulumi up` wall time for 50 custom connectors (Basic, no validation URL, so
 * no IdP round trip: provider + backend contract only) spread over 5 orgs, for create, a
 * no-op up and destroy, against two baselines of 50 no-op dynamic resources: the same
 * shape (each declares a connector's public properties: Pulumi's own work grows with the
 * number of outputs) and the bare one (one property). Each round runs every operation on
 * the three stacks in turn, starting with another stack each round; the table gives medians over the rounds, and the ratios the
 * provider's cost over Pulumi's own.
 *
 * @example
 * await providerOverhead(env);
 */
export async function providerOverhead(env: BenchEnv): Promise<void> {
  const orgs = await env.orgs("overhead", CONNECTORS / PER_ORG);
  const connectors: Declaration[] = Array.from({ length: CONNECTORS }, (_, i) => {
    const d = env.declare.basic(`api${i + 1}`, orgs[Math.floor(i / PER_ORG)]!, `Overhead API ${i + 1}`);
    delete d.args.validationUrl;
    return d;
  });
  const stacks: Record<Side, Stack> = {
    connectors: await env.stack("overhead-connectors"),
    shaped: await env.stack("overhead-shaped"),
    noop: await env.stack("overhead-noop"),
  };
  await stacks.connectors.setAllConfig(benchConfig({ connectors }));
  await stacks.shaped.setAllConfig(benchConfig({ noopShape: connectors }));
  await stacks.noop.setAllConfig(benchConfig({ noop: CONNECTORS }));

  const n = CONNECTORS + 1; // + the stack resource
  const steps: Step[] = [
    { name: "create (first up)", run: async (s) => expectChanges("create", (await s.up()).summary.resourceChanges, { create: n }) },
    { name: "no-op up", run: async (s) => expectChanges("no-op up", (await s.up()).summary.resourceChanges, { same: n }) },
    { name: "destroy", run: async (s) => expectChanges("destroy", (await s.destroy()).summary.resourceChanges, { delete: n }) },
  ];
  const sides: Side[] = ["connectors", "shaped", "noop"];
  const ms = new Map<string, number[]>();
  const calls = new Map<string, string[]>();
  const rounds = runs();
  for (let round = 0; round < rounds; round++) {
    for (const step of steps) {
      // Each round starts with another stack, so a machine that slows down within a round
      // (another tenant, a cache going cold) does not always charge the same side.
      for (const side of rotated(sides, round)) {
        if (side === "connectors") await env.admin.clearRequests();
        const key = `${step.name}/${side}`;
        ms.set(key, [...(ms.get(key) ?? []), (await timed(() => step.run(stacks[side]))).ms]);
        if (side === "connectors" && round === 0) {
          calls.set(
            step.name,
            (await env.admin.requests()).flatMap((e) => {
              const c = contractCall(e);
              return c ? [CALL_LABEL[c.call]] : [];
            }),
          );
        }
      }
    }
  }
  const median = (key: string) => summarize(ms.get(key)!).median;
  const spread = (key: string) => {
    const s = summarize(ms.get(key)!);
    return `${seconds(s.min)}–${seconds(s.max)}`;
  };
  // Each round's own ratio: its two runs were seconds apart, so a machine that is slower for a
  // while slows both; the median of these is steadier than a ratio of medians.
  const pairedRatio = (step: string, baseline: Side) => {
    const c = ms.get(`${step}/connectors`)!;
    const b = ms.get(`${step}/${baseline}`)!;
    const s = summarize(c.map((x, i) => x / b[i]!));
    return `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
  };
  const rows = steps.map((step) => {
    const [c, shaped, noop] = sides.map((side) => median(`${step.name}/${side}`)) as [number, number, number];
    const made = calls.get(step.name)!;
    return [
      step.name,
      `${seconds(c)} (${spread(`${step.name}/connectors`)})`,
      `${seconds(shaped)} (${spread(`${step.name}/shaped`)})`,
      pairedRatio(step.name, "shaped"),
      seconds(noop),
      `${(c / noop).toFixed(2)}×`,
      `${made.length}: ${countList(made)}`,
    ];
  });
  printTable(
    "3. pulumi up wall time: 50 connectors vs 50 no-op dynamic resources",
    `Median of ${rounds} rounds (min–max in brackets); each round runs the operation on the three stacks in turn, starting with another each round. Connectors are custom Basic (no validation URL) in ${orgs.length} orgs of ${PER_ORG} under one partner-admin token. Same-shape no-op = a dynamic resource whose create returns at once, declaring a connector's public properties (args, its kind's other inputs, outputs, secret outputs); bare no-op = the same with one property. Ratio = provider + backend cost over Pulumi's own: the median over the rounds of each round's connectors ÷ same-shape time (min–max in brackets; the target, ≤ 1.10×, is against the same shape). The emulator runs in its own process, as users run it.`,
    [
      "operation",
      "50 connectors s",
      "same-shape no-op s",
      "ratio (per round)",
      "bare no-op s",
      "ratio to bare (medians)",
      "backend calls (connectors, round 1)",
    ],
    rows,
  );
}
