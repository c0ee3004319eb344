import type { Stack } from "@pulumi/pulumi/automation";
import type { RequestLogEntry } from "../../emulator/logs";
import { printTable } from "../lib/report";
import { type BenchEnv, expectChanges } from "./env";
import { KIND_KEYS, KIND_LABEL, type KindKey } from "./kinds";
import { benchConfig, type Declaration } from "./program";
import { CALL_LABEL, type ContractCall, contractCall, countList, idpKind } from "./request-log";

/** One measured operation and the fewest contract calls SPEC §3 allows for it, per connector. */
interface Operation {
  name: string;
  minimum: ContractCall[];
  /** Why the provider makes each call beyond the minimum. */
  why: Partial<Record<ContractCall, string>>;
  run(stack: Stack): Promise<void>;
}

const IDP_WHY = { provider: "provider: preflight", backend: "backend: check inside POST/activate" };

/**
 * Section 1: backend calls per operation and connector kind, counted from the emulator's
 * request log, against the contract minimum; plus the SDK's org-check listing per run.
 * One stack holds one connector of each kind, each in its own org, so every logged call
 * is attributed to a kind by its org (contract) or its path (fake IdP).
 *
 * @example
 * await backendCalls(env);
 */
export async function backendCalls(env: BenchEnv): Promise<void> {
  const orgs = await env.orgs("calls", KIND_KEYS.length);
  const orgOf = Object.fromEntries(KIND_KEYS.map((k, i) => [k, orgs[i]!])) as Record<KindKey, string>;
  const declarations = (round: number): Declaration[] => KIND_KEYS.map((k) => env.declare[k](`c-${k}`, orgOf[k], `Calls ${k}`, round));
  const stack = await env.stack("calls");
  const n = KIND_KEYS.length;

  const operations: Operation[] = [
    {
      name: "create",
      minimum: ["create"],
      why: {},
      run: async (s) => {
        await s.setAllConfig(benchConfig({ connectors: declarations(0) }));
        expectChanges("create", (await s.up()).summary.resourceChanges, { create: n + 1 });
      },
    },
    {
      name: "no-op preview",
      minimum: [],
      why: {},
      run: async (s) => expectChanges("no-op preview", (await s.preview()).changeSummary, { same: n + 1 }),
    },
    { name: "refresh", minimum: ["get"], why: {}, run: async (s) => void (await s.refresh()) },
    {
      name: "update",
      minimum: ["deactivate", "edit", "activate"],
      why: {},
      run: async (s) => {
        await s.setAllConfig(benchConfig({ connectors: declarations(1) }));
        expectChanges("update", (await s.up()).summary.resourceChanges, { update: n });
      },
    },
    {
      name: "delete",
      minimum: ["deactivate", "delete"],
      why: {},
      run: async (s) => expectChanges("delete", (await s.destroy()).summary.resourceChanges, { delete: n + 1 }),
    },
  ];

  const rows: string[][] = [];
  const orgRows: string[][] = [];
  for (const op of operations) {
    await env.admin.clearRequests();
    await op.run(stack);
    const log = await env.admin.requests();
    for (const kind of KIND_KEYS) rows.push(row(op, kind, ofKind(log, kind, orgOf[kind])));
    const lists = log.filter((e) => contractCall(e)?.call === "list").length;
    orgRows.push([op.name, String(lists), String(orgs.length), lists ? "runs the program" : "does not run the program"]);
  }

  printTable(
    "1. Backend calls per operation and connector kind",
    "Contract calls (/v1/…) one connector made, from the emulator request log, against the SPEC §3 minimum; IdP = connectivity checks at the fake IdPs, split into the provider's own (preflight) and the backend's (inside POST/activate).",
    ["operation", "kind", "contract calls made", "made", "min", "extra", "why extra", "IdP provider", "IdP backend", "why IdP"],
    rows,
  );
  console.log(
    [
      "",
      "update and delete read nothing first: the state's status says whether the connector is up, the deactivation's answer gives the",
      "  version sent as If-Match on the PUT, and a 404 on the deactivate or DELETE means already gone (issue 12).",
      "provider preflight: before deactivating, the provider runs the connectivity check itself (SPEC §4) so a bad edit never takes a",
      "  working connector down; `wxcc:preflight false` skips it. backend check: the service's own validation inside POST and activate.",
    ].join("\n"),
  );
  printTable(
    "1b. SDK org check (sdk/lib/org-plan.ts)",
    "Read-only `GET /v1/organizations/{org}/connectors`, once per org per program run, to count connectors the stack does not manage against the org limits (`wxcc:offlinePreview true` skips it in previews); not counted above.",
    ["operation", "GET list calls", "orgs in stack", "why"],
    orgRows,
  );
}

/** The log entries of one kind, in arrival order: its org's contract calls and its IdP calls. */
function ofKind(log: RequestLogEntry[], kind: KindKey, orgId: string): RequestLogEntry[] {
  return log.filter((e) => {
    const c = contractCall(e);
    return c ? c.orgId === orgId && c.call !== "list" : idpKind(e) === kind;
  });
}

function row(op: Operation, kind: KindKey, entries: RequestLogEntry[]): string[] {
  const calls: ContractCall[] = [];
  let idpProvider = 0;
  let idpBackend = 0;
  const failed: string[] = [];
  for (const [i, e] of entries.entries()) {
    if (e.status < 200 || e.status >= 300) failed.push(`${e.method} ${e.path} → ${e.status}`);
    const c = contractCall(e);
    if (c) {
      calls.push(c.call);
      continue;
    }
    // The backend validates while a POST or activate is in flight, so its IdP call arrives
    // right after that call; any other IdP call is the provider's preflight.
    const before = i > 0 ? contractCall(entries[i - 1]!)?.call : undefined;
    if (before === "create" || before === "activate") idpBackend++;
    else idpProvider++;
  }
  if (failed.length) throw new Error(`${op.name} (${KIND_LABEL[kind]}): unexpected failed calls: ${failed.join("; ")}`);

  const extra = [...calls];
  const missing: ContractCall[] = [];
  for (const m of op.minimum) {
    const i = extra.indexOf(m);
    if (i >= 0) extra.splice(i, 1);
    else missing.push(m);
  }
  const why = [...new Set(extra)].map((c) => op.why[c] ?? `${CALL_LABEL[c]}: not explained`);
  if (missing.length) why.push(`MISSING ${missing.map((c) => CALL_LABEL[c]).join(", ")}`);
  const delta = calls.length - op.minimum.length;
  return [
    op.name,
    KIND_LABEL[kind],
    countList(calls.map((c) => CALL_LABEL[c])),
    String(calls.length),
    String(op.minimum.length),
    delta > 0 ? `+${delta}` : String(delta),
    why.join("; ") || "—",
    String(idpProvider),
    String(idpBackend),
    [idpProvider ? IDP_WHY.provider : "", idpBackend ? IDP_WHY.backend : ""].filter(Boolean).join("; ") || "—",
  ];
}
