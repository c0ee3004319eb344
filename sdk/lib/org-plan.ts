import * as pulumi from "@pulumi/pulumi";
import { defaultOrgId, type PreviewMode, previewMode, type ProviderSettings } from "../../provider/config";
import { ConfigError } from "../../provider/errors";
import { backendSettings, type BackendSource, listOrg } from "./org-backend";
import {
  declaredIdClash,
  declaredNameClash,
  declaredOverLimit,
  downButDeclaredActive,
  upButDeclaredInactive,
  liveNameClashes,
  type LiveConnector,
  missingAdoptions,
  type Planned,
  type PlannedKind,
  unmanagedOverLimit,
} from "./org-rules";
import { usingMocks } from "./installed-package";
import { held, OrgPlanError, ProgramFailures, rejectUnhandled } from "./program-failure";

export { ORG_LIMITS, type PlannedKind, unmanagedOverLimit } from "./org-rules";
export { OrgPlanError } from "./program-failure";

/** Where the org check reads `wxcc:*` settings, how it runs, and where failures go. */
export interface OrgPlanSource extends BackendSource {
  /** Whether this is a preview; default `pulumi.runtime.isDryRun()`. */
  dryRun?: boolean;
  /** Where each failure goes once; default: an unhandled rejection Pulumi reports (tests collect them). */
  report?: (err: OrgPlanError) => void;
}

/** One org of the program: its declarations and, when the backend is used, its listing. */
interface OrgEntry {
  planned: Planned[];
  /** The live connectors; `undefined` when the listing failed (that failure is reported). */
  listing?: Promise<LiveConnector[] | undefined>;
}

/** The program-wide plan (one per run of the Pulumi program; see `planForThisRun`). */
interface ProgramPlan {
  orgs: Map<string, OrgEntry>;
  failures: ProgramFailures;
  settings?: ProviderSettings;
  /** Warnings already given (each once per program). */
  warned: Set<string>;
}

/** A Pulumi program's own stack config, by full key (`wxcc:orgId`). */
const programConfig = { get: (key: string) => pulumi.runtime.getConfig(key) };

let sourceOverride: OrgPlanSource | undefined;
let plan = newPlan();
// The run the plan belongs to, as its resource monitor: a program run by the CLI is one run
// per process, but an inline Automation API program runs once per `up`/`preview` in the same
// process, each with a monitor of its own (and each `setMocks` in unit tests makes a new one).
let planRun: unknown;

/** Starts a new plan when this declaration belongs to another run than the plan's. */
function planForThisRun(): void {
  const run = pulumi.runtime.getMonitor();
  if (run === planRun) return;
  planRun = run;
  plan = newPlan();
}

function newPlan(): ProgramPlan {
  return { orgs: new Map(), failures: new ProgramFailures((err) => (sourceOverride?.report ?? rejectUnhandled)(err)), warned: new Set() };
}

/** Forgets every declaration and failure (tests only). */
export function resetOrgPlan(): void {
  plan = newPlan();
}

/** Replaces the program's stack config, environment, mode and reporter (tests only); `undefined` restores them. */
export function setOrgPlanSource(source: OrgPlanSource | undefined): void {
  sourceOverride = source;
}

function source(): OrgPlanSource {
  return sourceOverride ?? { config: programConfig, env: process.env };
}

/**
 * Registers a connector declaration in the program-wide org plan and checks it, across
 * every connector of the program, before any of them reaches the engine.
 *
 * At once (throwing `OrgPlanError`): names unique per org (case-insensitive, as the backend
 * compares them), one declaration per `connectorId` (one connector, one owner), at most 5
 * Salesforce / 10 custom connectors per org; and, unless the preview is offline, the
 * provider settings (`wxcc:baseUrl`, credentials), with the key to set.
 *
 * Then, unless the preview is offline (`wxcc:offlinePreview true`; `pulumi up` is never
 * offline), it lists each org's live connectors once (one GET; preview never writes) and
 * checks them against the declarations: connectors this program does not manage count
 * against the limit, and a name that equals one of theirs in another case is refused, as
 * the backend would, and a declared `connectorId` must name a connector of its org and kind.
 * A managed connector the org lists INACTIVE although declared active, or ACTIVE although
 * declared `active: false`, gets a warning saying how to set it right (refresh, then up).
 * Under `pulumi.runtime.setMocks` nothing is listed.
 * A backend that refuses the credentials (401/403) or cannot be reached
 * fails the check. Each connector's `name` input waits for those checks: if any fails, the
 * failure is reported once (a message, no stack trace), no connector of the program is
 * registered, and the program fails.
 *
 * A program cannot read its stack's state: a live connector counts as managed when a
 * declaration adopts its ID or declares exactly its name. A managed connector renamed in
 * the same update (without `connectorId`) therefore counts as unmanaged.
 *
 * @example
 * ```ts
 * // in a resource constructor
 * const props = { ...planOrg("custom", name, args) };
 * ```
 */
export function planOrg<
  A extends { name: pulumi.Input<string>; orgId?: pulumi.Input<string>; connectorId?: pulumi.Input<string>; active?: pulumi.Input<boolean> },
>(kind: PlannedKind, resource: string, args: A): A {
  planForThisRun();
  const src = source();
  const dryRun = src.dryRun ?? pulumi.runtime.isDryRun();
  const mode = now(() => modeOf(src));
  // Under `pulumi.runtime.setMocks` (a user's unit tests) there is no backend to list, and
  // nothing is deployed: the checks that need none still run.
  const mocked = !sourceOverride && usingMocks();
  const offline = mocked || (dryRun && mode.offline);
  if (mode.deprecatedKey)
    warnOnce(
      `[${mode.deprecatedKey}] is deprecated: it now means \`wxcc:offlinePreview true\`; run \`pulumi config set wxcc:offlinePreview true\` and \`pulumi config rm ${mode.deprecatedKey}\`.`,
    );
  if (offline) {
    if (!mocked)
      warnOnce(
        "Offline preview ([wxcc:offlinePreview] true): the org check made no backend call, so the credentials and the connectors already in each org were not checked; `pulumi up` checks them.",
      );
  } else {
    plan.settings ??= now(() => backendSettings(src, dryRun));
  }

  const orgId = args.orgId === undefined ? defaultOrgId(src.config, src.env) : args.orgId;
  const gated = (): A => (offline ? args : { ...args, name: pulumi.output(gate().then(() => args.name)) });
  if (typeof orgId !== "string" || orgId === "") return gated();
  const entry = plan.orgs.get(orgId) ?? { planned: [] };
  plan.orgs.set(orgId, entry);
  const planned: Planned = {
    kind,
    resource,
    name: typeof args.name === "string" ? args.name : undefined,
    connectorId: typeof args.connectorId === "string" ? args.connectorId : undefined,
    active: args.active === undefined ? true : typeof args.active === "boolean" ? args.active : undefined,
  };
  const sameName = declaredNameClash(orgId, entry.planned, planned);
  if (sameName) now(() => failWith("NAME_CONFLICT", sameName));
  const sameId = declaredIdClash(orgId, entry.planned, planned);
  if (sameId) now(() => failWith("OWNER_CONFLICT", sameId));
  entry.planned.push(planned);
  const over = declaredOverLimit(orgId, entry.planned, planned);
  if (over) now(() => failWith("LIMIT_EXCEEDED", over));
  if (!offline && !entry.listing) entry.listing = listing(orgId, src, dryRun);
  return gated();
}

/**
 * Runs a check that must fail the declaration at once: its `OrgPlanError` is reported (so
 * every connector held by a gate stays held) and thrown into the program.
 */
function now<T>(check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof OrgPlanError) plan.failures.add(err);
    throw err;
  }
}

function failWith(code: OrgPlanError["code"], message: string): never {
  throw new OrgPlanError(code, message);
}

function modeOf(src: OrgPlanSource): PreviewMode {
  try {
    return previewMode(src.config, src.env);
  } catch (err) {
    if (err instanceof ConfigError) throw new OrgPlanError(err.code, err.message);
    throw err;
  }
}

function warnOnce(message: string): void {
  if (plan.warned.has(message)) return;
  plan.warned.add(message);
  void pulumi.log.warn(message);
}

/** The org's live connectors, or `undefined` after reporting why they could not be listed. */
async function listing(orgId: string, src: OrgPlanSource, dryRun: boolean): Promise<LiveConnector[] | undefined> {
  const failures = plan.failures;
  try {
    return await listOrg(orgId, plan.settings!, src, dryRun);
  } catch (err) {
    if (!(err instanceof OrgPlanError)) throw err;
    failures.add(err);
    return undefined;
  }
}

/**
 * What every connector's `name` waits on: every org of the program listed and checked. It
 * first lets the program's synchronous declarations finish, then checks each org once its
 * listing is in (orgs declared meanwhile included). After any failure it never settles.
 */
async function gate(): Promise<void> {
  const current = plan;
  await new Promise<void>((resolve) => setImmediate(resolve));
  for (let checked = -1; ; ) {
    const orgs = [...current.orgs].filter(([, e]) => e.listing);
    for (const [orgId, entry] of orgs) {
      const live = await entry.listing;
      if (!live || current.failures.failed) continue;
      const problems = [
        ...[unmanagedOverLimit(orgId, entry.planned, live)].flatMap((m) => (m ? [new OrgPlanError("LIMIT_EXCEEDED", m)] : [])),
        ...liveNameClashes(orgId, entry.planned, live).map((m) => new OrgPlanError("NAME_CONFLICT", m)),
        ...missingAdoptions(orgId, entry.planned, live).map((m) => new OrgPlanError("NOT_FOUND", m)),
      ];
      for (const problem of problems) current.failures.add(problem);
      for (const down of downButDeclaredActive(orgId, entry.planned, live)) warnOnce(down);
      for (const up of upButDeclaredInactive(orgId, entry.planned, live)) warnOnce(up);
    }
    if (current.failures.failed) return held();
    if (orgs.length === checked) return;
    checked = orgs.length;
  }
}
