import type { FaultSpec } from "../../emulator/faults";
import { DOWN_WAIT_BOUND_MS } from "../../provider/client/retry-policy";
import { printTable } from "../lib/report";
import { seconds, summarize, timed } from "../lib/timing";
import type { BenchEnv } from "./env";
import { downWindows, longestGapMs, untilGivenUp } from "./event-log";
import { benchConfig, type Declaration } from "./program";

/** `wxcc:requestTimeoutMs` of this section's stack; the "late answer" fault answers twice as late. */
const REQUEST_TIMEOUT_MS = 1500;
/** The calls of an update's down window, each met by a third of the connectors. */
const STEPS = [
  { step: "deactivate", method: "POST", suffix: "/deactivate$" },
  { step: "edit", method: "PUT", suffix: "$" },
  { step: "activate", method: "POST", suffix: "/activate$" },
] as const;
const PER_STEP = 3;

/** The fault kinds of the fault matrix, plus a 429 asking for a day. */
const FAULTS: Array<{ label: string; spec: Pick<FaultSpec, "status" | "retryAfter" | "delayMs" | "drop" | "after"> }> = [
  { label: "500", spec: { status: 500 } },
  { label: "429 (Retry-After 1)", spec: { status: 429 } },
  { label: "429 (Retry-After 86400)", spec: { status: 429, retryAfter: 86400 } },
  { label: "late answer", spec: { delayMs: 2 * REQUEST_TIMEOUT_MS, after: true } },
  { label: "dropped", spec: { drop: true } },
  { label: "answer lost", spec: { drop: true, after: true } },
];
/** Once: retries absorb it. Persistent: lasts the whole up, so the rollback paths run. */
const PERSISTENCE = [
  { label: "once", times: 1 },
  { label: "persistent", times: 1000 },
] as const;

/**
 * Section 2b: how long connectors stay INACTIVE when an update meets each fault kind. For
 * each fault kind, once and persistent, one `pulumi up` edits 9 custom connectors, 3 of
 * which meet the fault at their deactivate, 3 at the PUT and 3 at the activate; from the
 * emulator's event log, each connector's INACTIVE window in that up (DEACTIVATE → next
 * ACTIVATE; one still open when the up ends counts until then) and, from the request log,
 * the longest pause between two of its calls while it was down (bounded by 5 s, SPEC §7).
 * A failed up is followed by one clean `pulumi up` so the next round starts converged.
 *
 * @example
 * await faultWindows(env);
 */
export async function faultWindows(env: BenchEnv): Promise<void> {
  const [orgId] = await env.orgs("faults", 1);
  const n = STEPS.length * PER_STEP;
  let round = 0;
  const declarations = (): Declaration[] =>
    Array.from({ length: n }, (_, i) => {
      const d = env.declare.basic(`f${i + 1}`, orgId!, `Fault window ${i + 1}`, round);
      delete d.args.validationUrl;
      return d;
    });
  const stack = await env.stack("fault-windows");
  await stack.setConfig("wxcc:requestTimeoutMs", { value: String(REQUEST_TIMEOUT_MS) });
  await stack.setAllConfig(benchConfig({ connectors: declarations() }));
  await stack.up();
  const ids = await connectorIds(env, orgId!, n);

  const rows: string[][] = [];
  for (const fault of FAULTS) {
    for (const persistence of PERSISTENCE) {
      round++;
      for (let i = 0; i < n; i++) {
        const s = STEPS[Math.floor(i / PER_STEP)]!;
        await env.admin.injectFault({ method: s.method, path: `/connectors/${ids[i]}${s.suffix}`, ...fault.spec, times: persistence.times });
      }
      await env.admin.clearRequests();
      await stack.setAllConfig(benchConfig({ connectors: declarations() }));
      const startedAt = Date.now();
      const { ms, result } = await timed(() =>
        stack.up().then(
          () => "succeeded",
          () => "failed",
        ),
      );
      const endedAt = Date.now();
      await env.admin.clearFaults();
      const events = (await env.admin.events({ orgId })).filter((e) => Date.parse(e.at) >= startedAt && Date.parse(e.at) <= endedAt);
      const requests = await env.admin.requests();
      const windows = untilGivenUp(downWindows(events, endedAt), requests).filter((w) => w.end !== "DELETE");
      const sample = windows.map((w) => w.ms);
      const open = windows.filter((w) => w.end === "open").length;
      const longest = Math.max(
        0,
        ...ids.map((id) =>
          longestGapMs(
            requests,
            windows.filter((w) => w.connectorId === id),
            id,
          ),
        ),
      );
      const s = sample.length ? summarize(sample) : undefined;
      rows.push([
        fault.label,
        persistence.label,
        result,
        `${seconds(ms)} s`,
        String(sample.length),
        s ? ms3(s.median) : "—",
        s ? ms3(s.p95) : "—",
        s ? ms3(s.max) : "—",
        String(open),
        ms3(longest),
      ]);
      if (result === "failed") await stack.up();
    }
  }
  await stack.destroy();
  printTable(
    "2b. INACTIVE window of an update under each fault kind",
    `One pulumi up per row edits ${n} custom connectors; ${PER_STEP} meet the fault at their deactivate, ${PER_STEP} at the PUT, ${PER_STEP} at the activate (once = one answer faulted; persistent = every answer during that up). ` +
      `Window = DEACTIVATE → next ACTIVATE in the event log; one the provider could not reactivate (left INACTIVE, the error says so) counts until its last call about the connector. ` +
      `Longest pause = between two calls about one connector while it was down (SPEC §7 bound: ${seconds(DOWN_WAIT_BOUND_MS)} s per wait). wxcc:requestTimeoutMs ${REQUEST_TIMEOUT_MS}.`,
    ["fault", "lasts", "up", "up time", "windows", "p50 s", "p95 s", "max s", "left INACTIVE", "longest pause s"],
    rows,
  );
}

const ms3 = (v: number) => (v / 1000).toFixed(2);

/** The ids of the `n` connectors created in `orgId` (the order does not matter: each meets one step). */
async function connectorIds(env: BenchEnv, orgId: string, n: number): Promise<string[]> {
  const events = await env.admin.events({ orgId });
  const created = events.filter((e) => e.kind === "CREATE").map((e) => e.connectorId);
  if (created.length !== n) throw new Error(`expected ${n} connectors in ${orgId}, found ${created.length}`);
  return created;
}
