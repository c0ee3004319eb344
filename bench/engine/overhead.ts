import type { Stack } from "@pulumi/pulumi/automation";
import { printTable } from "../lib/report";
import { seconds, timed } from "../lib/timing";
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
 * Section 3: `pulumi up` wall time for 50 custom connectors (Basic, no validation URL, so
 * no IdP round trip: provider + backend contract only) spread over 5 orgs, against 50
 * no-op dynamic resources, for create, a no-op up and destroy; the ratio is what the
 * provider costs over Pulumi's own per-resource work.
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
  const withConnectors = await env.stack("overhead-connectors");
  await withConnectors.setAllConfig(benchConfig({ connectors }));
  const withNoop = await env.stack("overhead-noop");
  await withNoop.setAllConfig(benchConfig({ noop: CONNECTORS }));

  const n = CONNECTORS + 1; // + the stack resource
  const steps: Step[] = [
    { name: "create (first up)", run: async (s) => expectChanges("create", (await s.up()).summary.resourceChanges, { create: n }) },
    { name: "no-op up", run: async (s) => expectChanges("no-op up", (await s.up()).summary.resourceChanges, { same: n }) },
    { name: "destroy", run: async (s) => expectChanges("destroy", (await s.destroy()).summary.resourceChanges, { delete: n }) },
  ];
  const rows: string[][] = [];
  for (const step of steps) {
    await env.admin.clearRequests();
    const connectorMs = (await timed(() => step.run(withConnectors))).ms;
    const calls = (await env.admin.requests()).flatMap((e) => {
      const c = contractCall(e);
      return c ? [CALL_LABEL[c.call]] : [];
    });
    const noopMs = (await timed(() => step.run(withNoop))).ms;
    rows.push([step.name, seconds(connectorMs), seconds(noopMs), `${(connectorMs / noopMs).toFixed(2)}×`, `${calls.length}: ${countList(calls)}`]);
  }
  printTable(
    "3. pulumi up wall time: 50 connectors vs 50 no-op dynamic resources",
    `Same program, same machine, one run each; connectors are custom Basic (no validation URL) in ${orgs.length} orgs of ${PER_ORG} under one partner-admin token; no-op = a dynamic provider whose create returns at once. Ratio = provider + backend cost over Pulumi's own.`,
    ["operation", "50 connectors s", "50 no-op s", "ratio", "backend calls (connectors)"],
    rows,
  );
}
