import { request } from "undici";
import type { ConnectorEvent } from "../../emulator/logs";
import { inactiveMs } from "./event-log";
import { printTable } from "../lib/report";
import { seconds, summarize, timed } from "../lib/timing";
import { type BenchEnv, expectChanges, PARTNER_TOKEN } from "./env";
import { KIND_KEYS, KIND_LABEL, type KindKey } from "./kinds";
import { benchConfig, type Declaration } from "./program";

/** Per org: 5 of each kind (5 is the Salesforce limit; 10 custom fit too). */
const PER_KIND_PER_ORG = 5;
const ORGS = 2;

/**
 * Section 2: how long a connector stays INACTIVE during an in-place update. Creates
 * 10 connectors of each kind over 2 orgs, runs `rounds` `pulumi up`s that edit all of them
 * at once, and measures, from the emulator's event log, the time from each DEACTIVATE to
 * the following ACTIVATE of the same connector.
 *
 * @example
 * await inactiveWindows(env, 3);
 */
export async function inactiveWindows(env: BenchEnv, rounds: number): Promise<void> {
  const orgs = await env.orgs("inactive", ORGS);
  const declarations = (round: number): Declaration[] =>
    orgs.flatMap((orgId, o) =>
      KIND_KEYS.flatMap((k) =>
        Array.from({ length: PER_KIND_PER_ORG }, (_, i) => env.declare[k](`${k}-${o + 1}-${i + 1}`, orgId, `Window ${k} ${i + 1}`, round)),
      ),
    );
  const total = ORGS * KIND_KEYS.length * PER_KIND_PER_ORG;
  const stack = await env.stack("inactive");
  await stack.setAllConfig(benchConfig({ connectors: declarations(0) }));
  expectChanges("create", (await stack.up()).summary.resourceChanges, { create: total + 1 });

  const upTimes: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    await stack.setAllConfig(benchConfig({ connectors: declarations(round) }));
    const { ms, result } = await timed(() => stack.up());
    expectChanges(`update round ${round}`, result.summary.resourceChanges, { update: total });
    upTimes.push(ms);
  }

  const kindOf = new Map<string, KindKey>();
  const events: ConnectorEvent[] = [];
  for (const orgId of orgs) {
    for (const c of await listConnectors(env.url, orgId))
      kindOf.set(c.id, c.type === "SALESFORCE" ? "salesforce" : c.custom?.authenticationType === "OAUTH2" ? "oauth" : "basic");
    events.push(...(await env.admin.events({ orgId })));
  }
  await stack.destroy();

  const windows = inactiveMs(events);
  const rows = KIND_KEYS.map((k) => {
    const sample = windows.filter((w) => kindOf.get(w.connectorId) === k).map((w) => w.ms);
    const expected = rounds * ORGS * PER_KIND_PER_ORG;
    if (sample.length !== expected) throw new Error(`${KIND_LABEL[k]}: expected ${expected} inactive windows, found ${sample.length}`);
    const s = summarize(sample);
    return [KIND_LABEL[k], String(s.n), ms(s.median), ms(s.p95), ms(s.min), ms(s.max)];
  });
  printTable(
    "2. Time a connector is INACTIVE during an update",
    `From each DEACTIVATE to the next ACTIVATE in the emulator event log (covers PUT + the backend's connectivity check on activate); ${rounds} pulumi up runs, each editing all ${total} connectors (10 per kind, 2 orgs) at Pulumi's default parallelism.`,
    ["kind", "updates", "median ms", "p95 ms", "min ms", "max ms"],
    rows,
  );
  console.log(`\npulumi up wall time per round of ${total} updates: ${upTimes.map((t) => `${seconds(t)} s`).join(", ")}`);
}

const ms = (v: number) => v.toFixed(0);

interface Listed {
  id: string;
  type: "SALESFORCE" | "CUSTOM";
  custom?: { authenticationType: "BASIC" | "OAUTH2" };
}

async function listConnectors(url: string, orgId: string): Promise<Listed[]> {
  const res = await request(`${url}/v1/organizations/${orgId}/connectors`, { headers: { authorization: `Bearer ${PARTNER_TOKEN}` } });
  const body = (await res.body.json()) as { items: Listed[] };
  if (res.statusCode !== 200) throw new Error(`listing org ${orgId} answered ${res.statusCode}`);
  return body.items;
}
