import * as pulumi from "@pulumi/pulumi";
import { ORG_LIMITS as LIMITS } from "../../contract/limits";
import type { ConnectorType } from "../../contract/wire";

/** The backend's connector type of each planned kind (SPEC §3 `type`). */
const LIVE_TYPE = { salesforce: "SALESFORCE", custom: "CUSTOM" } as const satisfies Record<string, ConnectorType>;
export type PlannedKind = keyof typeof LIVE_TYPE;

/** Connector kinds and the service's per-org limits (SPEC §1), from `contract/limits`. */
export const ORG_LIMITS: Readonly<Record<PlannedKind, number>> = { salesforce: LIMITS.SALESFORCE, custom: LIMITS.CUSTOM };
const LABEL: Record<PlannedKind, string> = { salesforce: "Salesforce", custom: "custom" };

interface Planned {
  kind: PlannedKind;
  resource: string;
  /** The connector's display name, when known at declaration time. */
  name?: string;
  connectorId?: string;
}

interface OrgEntry {
  planned: Planned[];
  live?: Promise<void>;
}

/** The program's declared connectors per org (one registry per Pulumi program process). */
const registry = new Map<string, OrgEntry>();

/** Forgets every declaration (tests only). */
export function resetOrgPlan(): void {
  registry.clear();
}

/**
 * The error a program-wide org check throws; `code` names the rule. A `RunError`, so the
 * Pulumi CLI prints the message alone (no stack trace) and the preview fails.
 */
export class OrgPlanError extends pulumi.RunError {
  constructor(
    readonly code: "NAME_CONFLICT" | "LIMIT_EXCEEDED",
    message: string,
  ) {
    super(message);
    this.name = "OrgPlanError";
  }
}

/** Settings of the live check (tests inject them; programs read `wxcc:*` config or env). */
export interface LiveSettings {
  baseUrl?: string;
  token?: pulumi.Output<string> | string;
  enabled: boolean;
}

let settingsOverride: (() => LiveSettings) | undefined;
/** Replaces how the live check finds the backend (tests only). */
export function setOrgPlanSettings(fn: (() => LiveSettings) | undefined): void {
  settingsOverride = fn;
}

function liveSettings(): LiveSettings {
  if (settingsOverride) return settingsOverride();
  const cfg = new pulumi.Config("wxcc");
  const enabled = (cfg.get("orgLimitCheck") ?? "true").toLowerCase() !== "false";
  const baseUrl = cfg.get("baseUrl") ?? process.env.WXCC_BASE_URL;
  const token = cfg.getSecret("accessToken") ?? (process.env.WXCC_ACCESS_TOKEN ? pulumi.secret(process.env.WXCC_ACCESS_TOKEN) : undefined);
  return { baseUrl, token, enabled };
}

function defaultOrgId(): string | undefined {
  return new pulumi.Config("wxcc").get("orgId") ?? process.env.WXCC_ORG_ID;
}

/**
 * Registers a connector declaration in the program-wide org plan and checks, across every
 * stack resource of the program: names unique per org (case-insensitive) and the per-org
 * limit (5 Salesforce, 10 custom). Both throw at once, failing `pulumi preview`.
 *
 * Once per org it also lists the live connectors (one GET; preview never writes) and counts
 * those this program does not manage (no declared `connectorId`, no declared name) against
 * the limit. That result gates the connector's `name` input, so an exceeded limit fails the
 * registration, and with it the preview. Known imprecision: a managed connector renamed in
 * the same update matches neither its new name nor an id (unless `connectorId` is declared)
 * and is counted as unmanaged. Turn the live check off with `wxcc:orgLimitCheck false`; an
 * unreachable backend only warns.
 *
 * @example
 * ```ts
 * // in a resource constructor
 * const props = { ...planOrg("custom", name, args) };
 * ```
 */
export function planOrg<A extends { name: pulumi.Input<string>; orgId?: pulumi.Input<string>; connectorId?: pulumi.Input<string> }>(
  kind: PlannedKind,
  resource: string,
  args: A,
): A {
  const orgId = args.orgId === undefined ? defaultOrgId() : args.orgId;
  if (typeof orgId !== "string" || orgId === "") return args;
  const entry = registry.get(orgId) ?? { planned: [] };
  registry.set(orgId, entry);
  const planned: Planned = {
    kind,
    resource,
    name: typeof args.name === "string" ? args.name : undefined,
    connectorId: typeof args.connectorId === "string" ? args.connectorId : undefined,
  };
  if (planned.name !== undefined) {
    const same = entry.planned.find((p) => p.name !== undefined && p.name.toLowerCase() === planned.name!.toLowerCase());
    if (same) {
      throw new OrgPlanError(
        "NAME_CONFLICT",
        `Connector names must be unique in an org (case-insensitive): resources "${same.resource}" and "${resource}" both declare [name] "${planned.name}" in org "${orgId}"; rename one of them.`,
      );
    }
  }
  entry.planned.push(planned);
  const declared = entry.planned.filter((p) => p.kind === kind).length;
  if (declared > ORG_LIMITS[kind]) {
    throw new OrgPlanError(
      "LIMIT_EXCEEDED",
      `Org "${orgId}" allows at most ${ORG_LIMITS[kind]} ${LABEL[kind]} connectors, but this program declares ${declared} (resource "${resource}" is number ${declared}); remove one or move it to another org.`,
    );
  }
  const settings = liveSettings();
  if (!settings.enabled || !settings.baseUrl || settings.token === undefined) return args;
  if (!entry.live) {
    entry.live = liveCheck(orgId, entry, settings.baseUrl, settings.token);
    // Each connector's gate reports the failure; the shared promise itself must not.
    entry.live.catch(() => undefined);
  }
  const gate = entry.live.then(() => args.name);
  return { ...args, name: pulumi.output(gate) };
}

interface LiveConnector {
  id: string;
  name: string;
  type: string;
}

async function liveCheck(orgId: string, entry: OrgEntry, baseUrl: string, token: pulumi.Output<string> | string): Promise<void> {
  const bearer = typeof token === "string" ? token : await new Promise<string>((resolve) => token.apply((t) => resolve(t)));
  let items: LiveConnector[];
  try {
    const res = await fetch(`${baseUrl.replace(/\/+$/, "")}/v1/organizations/${encodeURIComponent(orgId)}/connectors`, {
      headers: { authorization: `Bearer ${bearer}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) {
      await pulumi.log.warn(`Org limit check for org "${orgId}" skipped: listing its connectors returned HTTP ${res.status}.`);
      return;
    }
    items = ((await res.json()) as { items: LiveConnector[] }).items;
  } catch (err) {
    await pulumi.log.warn(`Org limit check for org "${orgId}" skipped: the backend at ${baseUrl} is unreachable (${(err as Error).message}).`);
    return;
  }
  const problems = unmanagedOverLimit(orgId, entry.planned, items);
  if (problems) throw new OrgPlanError("LIMIT_EXCEEDED", problems);
}

/** The limit message when declared + unmanaged live connectors exceed a kind's limit. */
export function unmanagedOverLimit(orgId: string, planned: Planned[], live: LiveConnector[]): string | undefined {
  const ids = new Set(planned.map((p) => p.connectorId).filter(Boolean));
  const names = new Set(planned.map((p) => p.name?.toLowerCase()).filter(Boolean));
  for (const kind of Object.keys(ORG_LIMITS) as PlannedKind[]) {
    const declared = planned.filter((p) => p.kind === kind).length;
    const unmanaged = live.filter((c) => c.type === LIVE_TYPE[kind] && !ids.has(c.id) && !names.has(c.name.toLowerCase()));
    if (declared > 0 && declared + unmanaged.length > ORG_LIMITS[kind]) {
      const list = unmanaged.map((c) => `"${c.name}" (${c.id})`).join(", ");
      return (
        `Org "${orgId}" allows at most ${ORG_LIMITS[kind]} ${LABEL[kind]} connectors: this program declares ${declared} and the org already has ` +
        `${unmanaged.length} it does not manage: ${list}. Adopt them with [connectorId] or delete them from the org, or declare fewer.`
      );
    }
  }
  return undefined;
}
