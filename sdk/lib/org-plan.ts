import * as pulumi from "@pulumi/pulumi";
import { ORG_LIMITS as LIMITS } from "../../contract/limits";
import type { ConnectorType } from "../../contract/wire";
import type { ClientOptions } from "../../provider/client/connectors-client";
import { type ConfigSource, defaultOrgId, hasCredentials, orgLimitCheckEnabled, readSetting, resolveSettings } from "../../provider/config";
import { BackendError, codeOf, ConfigError, type OrgPlanErrorCode } from "../../provider/errors";

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
    readonly code: OrgPlanErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "OrgPlanError";
  }
}

/** Where the org check reads `wxcc:*` settings, and how its client is built. */
export interface OrgPlanSource {
  config: ConfigSource;
  env: NodeJS.ProcessEnv;
  /** Extra client options (tests inject a dispatcher). */
  client?: Partial<ClientOptions>;
}

/** A Pulumi program's own stack config, by full key (`wxcc:orgId`). */
const programConfig: ConfigSource = { get: (key) => pulumi.runtime.getConfig(key) };

let sourceOverride: OrgPlanSource | undefined;
/** Replaces the program's stack config and environment (tests only); `undefined` restores them. */
export function setOrgPlanSource(source: OrgPlanSource | undefined): void {
  sourceOverride = source;
}

function source(): OrgPlanSource {
  return sourceOverride ?? { config: programConfig, env: process.env };
}

/**
 * The listing's client options: one attempt of at most 10 s, since an unanswered listing
 * only skips the live part of the check (with a warning) and must not hold up the preview.
 */
const LISTING_CLIENT: Partial<ClientOptions> = { requestTimeoutMs: 10_000, maxRetries: 0 };

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
  const src = source();
  const orgId = args.orgId === undefined ? defaultOrgId(src.config, src.env) : args.orgId;
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
  if (!orgLimitCheckEnabled(src.config, src.env)) return args;
  if (!readSetting("baseUrl", src.config, src.env) || !hasCredentials(src.config, src.env)) return args;
  if (!entry.live) {
    entry.live = liveCheck(orgId, entry, src);
    // Each connector's gate reports the failure; the shared promise itself must not.
    entry.live.catch(() => undefined);
  }
  const gate = entry.live.then(() => args.name);
  return { ...args, name: pulumi.output(gate) };
}

/** What the limit count needs of a live connector (a `Connector` from the listing). */
interface LiveConnector {
  id: string;
  name: string;
  type: string;
}

/**
 * Lists the org's connectors through the provider's client (loaded only now, so a program
 * that never lists never loads it) and fails when unmanaged ones push a kind over its limit.
 * A backend that refuses or cannot be reached only skips this part, with a warning.
 */
async function liveCheck(orgId: string, entry: OrgEntry, src: OrgPlanSource): Promise<void> {
  let baseUrl: string;
  let items: LiveConnector[];
  try {
    const settings = resolveSettings(src.config, src.env);
    baseUrl = settings.baseUrl;
    const { ConnectorsClient } = await import("../../provider/client/connectors-client");
    const client = new ConnectorsClient({ ...LISTING_CLIENT, ...src.client, baseUrl, accessToken: settings.accessToken, oauthClient: settings.oauthClient });
    items = await client.list(orgId);
  } catch (err) {
    await pulumi.log.warn(skipped(orgId, err, readSetting("baseUrl", src.config, src.env)));
    return;
  }
  const problems = unmanagedOverLimit(orgId, entry.planned, items);
  if (problems) throw new OrgPlanError("LIMIT_EXCEEDED", problems);
}

/** The warning when the live part of the check cannot run. Never quotes the token. */
function skipped(orgId: string, err: unknown, baseUrl: string | undefined): string {
  const prefix = `Org limit check for org "${orgId}" skipped`;
  // Both messages name the key to fix (a token endpoint refusal: wxcc:clientSecret, wxcc:refreshToken…).
  if (err instanceof ConfigError || codeOf(err) === "TOKEN_REFRESH_FAILED") return `${prefix}: ${(err as Error).message}`;
  if (err instanceof BackendError && err.statusCode !== undefined) return `${prefix}: listing its connectors returned HTTP ${err.statusCode}.`;
  return `${prefix}: the backend at ${baseUrl} is unreachable (${(err as Error).message}).`;
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
