import * as pulumi from "@pulumi/pulumi";
import { defaultOrgId, type PreviewMode, previewMode, type ProviderSettings } from "../../provider/config";
import { redactSecrets } from "../../contract/redact";
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
import { isPlain, type ResolvedInput, resolveInput } from "./input-value";
import { registersRefusedConnectors, waitingForCheck } from "./org-check-failed";
import { logToEngine, OrgPlanError, ProgramFailures, rejectUnhandled } from "./program-failure";

export { ORG_LIMITS, type PlannedKind, unmanagedOverLimit } from "./org-rules";
export { OrgPlanError } from "./program-failure";

/** Where the org check reads `wxcc:*` settings, how it runs, and where failures go. */
export interface OrgPlanSource extends BackendSource {
  /** Whether this is a preview; default `pulumi.runtime.isDryRun()`. */
  dryRun?: boolean;
  /**
   * Where each failure goes once (tests collect them); default: in an inline program, an error
   * logged to the engine, whose delivery refused connectors wait for (`logToEngine`);
   * elsewhere an unhandled rejection Pulumi reports.
   */
  report?: (err: OrgPlanError) => unknown;
  /**
   * Whether connectors that waited for a failed check still register, each refused by its own
   * check (`org-check-failed.ts`); default: in an inline Automation API program.
   */
  registerAfterFailure?: boolean;
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
  /** Values of secret inputs (a name, an orgId…): messages show them as `[secret]`. */
  secrets: Set<string>;
}

/** A Pulumi program's own stack config, by full key (`wxcc:orgId`). */
const programConfig = { get: (key: string) => pulumi.runtime.getConfig(key) };

let sourceOverride: OrgPlanSource | undefined;
// One plan per run, keyed by the run's resource monitor: a program run by the CLI is one run
// per process, but inline Automation API programs run once per `up`/`preview` in the same
// process, each with a monitor of its own, and two stacks' runs may interleave (Pulumi keeps
// each run's monitor in async context); each `setMocks` in unit tests makes a new one too.
let plans = new WeakMap<object, ProgramPlan>();
// Without a monitor (the SDK's own tests): one plan.
let unmonitored = newPlan();

/** The plan of the run this declaration belongs to, started on its first declaration. */
function planForThisRun(): ProgramPlan {
  const run = pulumi.runtime.getMonitor() as object | undefined;
  if (!run) return unmonitored;
  let current = plans.get(run);
  if (!current) {
    current = newPlan();
    plans.set(run, current);
  }
  return current;
}

function newPlan(): ProgramPlan {
  const secrets = new Set<string>();
  const report = (err: OrgPlanError) => (sourceOverride?.report ?? (registersRefusedConnectors() ? logToEngine : rejectUnhandled))(err);
  return { orgs: new Map(), failures: new ProgramFailures(report, (m) => withoutSecrets(m, secrets)), warned: new Set(), secrets };
}

/**
 * `message` with every secret value of the run as `[secret]`, as the Pulumi CLI shows secret
 * config values: a name or orgId the program marked secret (or derived from a secret) is
 * never printed by the org check, whichever message quotes it, however short, and in any
 * case: the name of a live connector or of another declaration that clashes with a secret
 * name differs from it only in case, so quoting it would give the secret away.
 */
function withoutSecrets(message: string, secrets: ReadonlySet<string>): string {
  return redactSecrets(message, secrets, { as: "[secret]", minLength: 1, ignoreCase: true });
}

/** Forgets every declaration and failure (tests only). */
export function resetOrgPlan(): void {
  plans = new WeakMap();
  unmonitored = newPlan();
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
 * The declared checks (throwing `OrgPlanError`): names unique per org (case-insensitive, as
 * the backend compares them), one declaration per `connectorId` (one connector, one owner),
 * at most 5 Salesforce / 10 custom connectors per org; and, unless the preview is offline,
 * the provider settings (`wxcc:baseUrl`, credentials), with the key to set.
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
 * failure is reported once (a message, no stack trace) and the program fails. Under the CLI
 * no connector that waits registers (each name rejects with that same error); in an inline
 * Automation API program each registers with a hidden input its provider's check refuses, so
 * the engine fails the run before it deletes anything (`org-check-failed.ts`).
 *
 * `orgId`, `name`, `connectorId` and `active` given as plain values are checked at once (a
 * declared check throws into the program). Given as Outputs or promises (a secret config
 * value, an `.apply`, another resource's output), the declaration is planned when they
 * resolve, checked then, and its connector waits for its own org's check; other connectors
 * do not wait for it (its value may depend on them). A value a preview cannot know (another
 * resource's output before that resource exists) gets a warning, and `pulumi up` checks it.
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
  const current = planForThisRun();
  const src = source();
  const dryRun = src.dryRun ?? pulumi.runtime.isDryRun();
  const now = <T>(check: () => T): T => checkedNow(current, check);
  const mode = now(() => modeOf(src));
  // Under `pulumi.runtime.setMocks` (a user's unit tests) there is no backend to list, and
  // nothing is deployed: the checks that need none still run.
  const mocked = !sourceOverride && usingMocks();
  const offline = mocked || (dryRun && mode.offline);
  if (mode.deprecatedKey)
    warnOnce(
      current,
      `[${mode.deprecatedKey}] is deprecated: it now means \`wxcc:offlinePreview true\`; run \`pulumi config set wxcc:offlinePreview true\` and \`pulumi config rm ${mode.deprecatedKey}\`.`,
    );
  if (offline) {
    if (!mocked)
      warnOnce(
        current,
        "Offline preview ([wxcc:offlinePreview] true): the org check made no backend call, so the credentials and the connectors already in each org were not checked; `pulumi up` checks them.",
      );
  } else {
    current.settings ??= now(() => backendSettings(src, dryRun));
  }

  const run: PlanRun = { plan: current, src, dryRun, offline };
  const declared: DeclaredInputs = {
    orgId: args.orgId === undefined ? defaultOrgId(src.config, src.env) : args.orgId,
    name: args.name,
    connectorId: args.connectorId,
    active: args.active === undefined ? true : args.active,
  };
  if (isPlain(declared.orgId) && isPlain(declared.name) && isPlain(declared.connectorId) && isPlain(declared.active)) {
    now(() => declare(run, kind, resource, declared as PlainInputs));
    return offline ? args : { ...args, ...waitingForCheck(args.name, reportedFirst(current, gate(current)), registers(src)) };
  }
  const planned = declareWhenResolved(run, kind, resource, declared);
  if (offline) {
    // Nothing to wait for: a failure is reported, and the offline preview fails with it.
    planned.catch(() => undefined);
    return args;
  }
  return {
    ...args,
    ...waitingForCheck(
      args.name,
      reportedFirst(
        current,
        planned.then(() => gate(current)),
      ),
      registers(src),
    ),
  };
}

/**
 * `checked`, failing only once every failure of the run reported so far has been delivered:
 * a connector refused for the failure reaches the engine after the reason does.
 */
function reportedFirst(current: ProgramPlan, checked: Promise<void>): Promise<void> {
  return checked.catch(async (err: unknown) => {
    await current.failures.reported();
    throw err;
  });
}

/**
 * Resolves once every failure of this run's org check reported so far has been delivered
 * (never rejects): a connector the check refused at once registers after it (`connector-resource.ts`).
 */
export function orgCheckReported(): Promise<void> {
  return planForThisRun().failures.reported();
}

function registers(src: OrgPlanSource): boolean {
  return src.registerAfterFailure ?? registersRefusedConnectors();
}

/** One declaration's `planOrg` context: its run's plan, where settings come from, the mode. */
interface PlanRun {
  plan: ProgramPlan;
  src: OrgPlanSource;
  dryRun: boolean;
  offline: boolean;
}

/** The inputs the org check reads, `orgId` defaulted and `active` defaulted to true. */
interface DeclaredInputs {
  orgId: pulumi.Input<string> | undefined;
  name: pulumi.Input<string>;
  connectorId: pulumi.Input<string> | undefined;
  active: pulumi.Input<boolean>;
}

/** The same inputs once resolved; `undefined` where a preview cannot know the value. */
interface PlainInputs {
  orgId: string | undefined;
  name: string | undefined;
  connectorId: string | undefined;
  active: boolean | undefined;
}

/**
 * Adds a declaration to its org's plan, checks it against the org's other declarations
 * (throwing `OrgPlanError`), and starts the org's listing unless offline. A declaration
 * without an org (none declared, none configured) is left to the provider's check.
 */
function declare(run: PlanRun, kind: PlannedKind, resource: string, inputs: PlainInputs): void {
  const { orgId } = inputs;
  if (orgId === undefined || orgId === "") return;
  const entry = run.plan.orgs.get(orgId) ?? { planned: [] };
  run.plan.orgs.set(orgId, entry);
  const planned: Planned = { kind, resource, name: inputs.name, connectorId: inputs.connectorId, active: inputs.active };
  const sameName = declaredNameClash(orgId, entry.planned, planned);
  if (sameName) failWith("NAME_CONFLICT", sameName);
  const sameId = declaredIdClash(orgId, entry.planned, planned);
  if (sameId) failWith("OWNER_CONFLICT", sameId);
  entry.planned.push(planned);
  const over = declaredOverLimit(orgId, entry.planned, planned);
  if (over) failWith("LIMIT_EXCEEDED", over);
  if (!run.offline && !entry.listing) entry.listing = listing(run.plan, orgId, run.src, run.dryRun);
}

/**
 * Declares once every input has resolved. A failed declared check is reported (once) and
 * rejects; a value a preview cannot know is left out of the checks, with a warning.
 */
async function declareWhenResolved(run: PlanRun, kind: PlannedKind, resource: string, inputs: DeclaredInputs): Promise<void> {
  const [orgId, name, connectorId, active] = await Promise.all([
    resolveInput(inputs.orgId),
    resolveInput(inputs.name),
    resolveInput(inputs.connectorId),
    resolveInput(inputs.active),
  ]);
  const unknown = Object.entries({ orgId, name, connectorId, active }).flatMap(([field, r]) => (r.known ? [] : [`[${field}]`]));
  if (unknown.length > 0)
    warnOnce(
      run.plan,
      `Resource "${resource}": ${unknown.join(" and ")} ${unknown.length > 1 ? "are" : "is"} not known until \`pulumi up\` (another resource's output), so this preview could not check ` +
        `${unknown.length > 1 ? "them" : "it"} against the org's connectors and the program's other declarations; \`pulumi up\` checks ${unknown.length > 1 ? "them" : "it"} before creating or changing the connector.`,
    );
  for (const r of [orgId, name, connectorId]) if (r.known && r.secret && typeof r.value === "string" && r.value !== "") run.plan.secrets.add(r.value);
  if (!orgId.known) return;
  const value = <T>(r: ResolvedInput<T>) => (r.known ? r.value : undefined);
  try {
    declare(run, kind, resource, { orgId: orgId.value, name: value(name), connectorId: value(connectorId), active: value(active) });
  } catch (err) {
    if (err instanceof OrgPlanError) throw run.plan.failures.add(err);
    throw err;
  }
}

/**
 * Runs a check that must fail the declaration at once: its `OrgPlanError` is reported to the
 * run's plan (so every connector waiting at a gate fails with it) and thrown into the program.
 */
function checkedNow<T>(current: ProgramPlan, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof OrgPlanError) throw current.failures.add(err);
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

function warnOnce(current: ProgramPlan, message: string): void {
  const shown = withoutSecrets(message, current.secrets);
  if (current.warned.has(shown)) return;
  current.warned.add(shown);
  void pulumi.log.warn(shown);
}

/** The org's live connectors, or `undefined` after reporting why they could not be listed. */
async function listing(current: ProgramPlan, orgId: string, src: OrgPlanSource, dryRun: boolean): Promise<LiveConnector[] | undefined> {
  try {
    return await listOrg(orgId, current.settings!, src, dryRun);
  } catch (err) {
    if (!(err instanceof OrgPlanError)) throw err;
    current.failures.add(err);
    return undefined;
  }
}

/**
 * What every connector's `name` waits on: every org of the run's plan listed and checked. It
 * first lets the program's synchronous declarations finish, then checks each org once its
 * listing is in (orgs declared meanwhile included). After any failure it rejects with the
 * first one reported (see {@link waitingForCheck} for what the connector does then).
 */
async function gate(current: ProgramPlan): Promise<void> {
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
      for (const down of downButDeclaredActive(orgId, entry.planned, live)) warnOnce(current, down);
      for (const up of upButDeclaredInactive(orgId, entry.planned, live)) warnOnce(current, up);
    }
    if (current.failures.first) throw current.failures.first;
    if (orgs.length === checked) return;
    checked = orgs.length;
  }
}
