/**
 * A MODULE SERIALIZED STATES REQUIRE, and where every hook lands. States written by 0.1.0
 * hold each connector's dynamic provider as text that runs
 * `require("pulumi-wxcc-connectors/dist/provider/connector-provider.js")` and calls
 * `providerFor(type).<hook>(…)` (`configure`, `check`, `diff`, `create`, `read`, `update`,
 * `delete`), with `type` `"SALESFORCE"` or `"CUSTOM"`; later states require
 * `custom-hooks.js` / `salesforce-hooks.js`, whose exports are this module's hooks. States
 * live for years, so this path and that call must keep working forever: never move, rename
 * or narrow this module (test/e2e/package-legacy-state.e2e.test.ts guards it).
 *
 * It is also imported by every Pulumi program (through `provider/hooks.ts`), so it loads
 * nothing heavy: the real provider (zod schemas, jose, undici) is loaded on the first hook
 * call, which only ever happens inside the dynamic-provider plugin.
 *
 * Here too the hidden inputs are taken off every bag before a hook sees it: the URN
 * (`resource-urn.ts`, put back on what the hook returns; hooks run "on the resource's row",
 * so their progress shows there, `progress.ts`) and the program's other owners
 * (`stack-owners.ts`, handed to `check` and `diff`, kept in the checked inputs). A connector
 * registered only to be refused is refused here (`registration-refusal.ts`).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ConnectorType } from "../contract";
import type { ConnectorProvider } from "./dynamic-provider";
import type { ConnectorInputs } from "./kinds/inputs";
import { refusalFailures } from "./registration-refusal";
import { onResourceRow } from "./progress";
import { takeUrn, withUrn } from "./resource-urn";
import { hideSecretInputs, hidingSecretInputs, type QuotedInput, secretValues, takeSecretInputs, withSecretInputs } from "./secret-inputs";
import { OWNERS_INPUT, takeOwners, withOwners } from "./stack-owners";

/**
 * A bag split into its hidden inputs (`__wxccUrn`, `__wxccOwners`, `__wxccSecretInputs`) and
 * what every hook of the real provider takes; `secrets` are the values it marks secret.
 */
function split(bag: Record<string, unknown>) {
  const { urn, props: rest } = takeUrn(bag);
  const { owners, props: rest2 } = takeOwners(rest);
  const { fields, props } = takeSecretInputs(rest2);
  return { urn, owners, hadOwners: OWNERS_INPUT in rest, fields, secrets: secretValues(fields, props), props };
}

/** The hidden inputs a hook's result keeps: its URN and which inputs are secret. */
function keepHidden<T extends Record<string, unknown> | undefined>(bag: T, urn: string | undefined, fields: readonly QuotedInput[]): T {
  return withSecretInputs(withUrn(bag, urn), fields);
}

/**
 * Runs a create or update on the resource's progress row (`progress.ts`) with its secret
 * values shown as `[secret]` in what it prints and throws, and makes a partial failure's
 * state (the `properties` the plugin stores as they are) keep the hidden inputs too, so
 * later hooks on that state still find the URN and which inputs are secret.
 */
function onRowKeepingHidden<T>(urn: string | undefined, fields: readonly QuotedInput[], secrets: readonly string[], op: () => Promise<T>): Promise<T> {
  const keeping = async () => {
    try {
      return await op();
    } catch (err) {
      const properties = (err as { properties?: unknown } | null)?.properties;
      if (typeof properties === "object" && properties !== null) Object.assign(properties, keepHidden({}, urn, fields));
      throw err;
    }
  };
  return onResourceRow(urn, () => hidingSecretInputs(secrets, keeping), secrets);
}

// One provider per kind per process: the serialized hooks look them up here, so no
// instance state is ever captured at serialization time.
const providers = new Map<ConnectorType, Promise<ConnectorProvider<ConnectorInputs>>>();

/** The process-wide provider of `type`, loading and creating it on first use. */
function load(type: ConnectorType): Promise<ConnectorProvider<ConnectorInputs>> {
  let provider = providers.get(type);
  if (!provider) {
    provider = import("./dynamic-provider").then((m) => m.createProvider(type));
    providers.set(type, provider);
  }
  return provider;
}

/** The hooks a connector kind implements, every one present. */
export type ConnectorHooks = Required<Pick<pulumi.dynamic.ResourceProvider, "configure" | "check" | "diff" | "create" | "read" | "update" | "delete">>;

/**
 * The process-wide dynamic provider for a connector type: each hook loads the real
 * provider on first use and delegates to it.
 *
 * @example
 * ```ts
 * await providerFor("CUSTOM").configure({ config });
 * ```
 */
export function providerFor(type: ConnectorType): ConnectorHooks {
  return {
    configure: async (req) => (await load(type)).configure(req),
    check: async (olds, news) => {
      // Registered only so the engine fails the run before it deletes anything (an inline program).
      const refused = refusalFailures(news);
      if (refused) return { inputs: news, failures: refused };
      const { urn, owners, hadOwners, fields, secrets, props } = split(news);
      const result = await hidingSecretInputs(secrets, async () => (await load(type)).check(split(olds).props, props, owners, urn));
      const failures = result.failures?.map((f) => ({ ...f, reason: hideSecretInputs(f.reason, secrets) }));
      return { ...result, failures, inputs: keepHidden(withOwners(result.inputs, owners, hadOwners), urn, fields) };
    },
    diff: async (id, olds, news) => {
      const old = split(olds);
      const { urn, owners, fields, secrets, props } = split(news);
      const result = await hidingSecretInputs([...secrets, ...old.secrets], async () => (await load(type)).diff(id, old.props, props, owners, urn));
      // An input newly marked secret: on an unchanged step the engine keeps the old outputs,
      // which refresh and delete read, so they would go on quoting it (and the state would keep
      // it in plain text). An update stores new outputs; it makes no backend call (`update`).
      return !result.changes && fields.some((f) => !old.fields.includes(f)) ? { changes: true } : result;
    },
    create: async (inputs) => {
      const { urn, fields, secrets, props } = split(inputs);
      const provider = await load(type);
      const result = await onRowKeepingHidden(urn, fields, secrets, () => provider.create(props));
      return { ...result, outs: keepHidden(result.outs, urn, fields) };
    },
    read: async (id, olds) => {
      const { urn, fields, secrets, props } = split(olds);
      const provider = await load(type);
      const result = await onResourceRow(urn, () => hidingSecretInputs(secrets, () => provider.read(id, props)), secrets);
      return { ...result, props: keepHidden(result.props, urn, fields), inputs: keepHidden(result.inputs, urn, fields) };
    },
    update: async (id, olds, news) => {
      // The URN the program declares now (an alias may have moved the resource).
      const old = split(olds);
      const { urn, fields, secrets, props } = split(news);
      const provider = await load(type);
      const hidden = [...secrets, ...old.secrets];
      const result = await onRowKeepingHidden(urn, fields, hidden, () => provider.update(id, old.props, props));
      return { ...result, outs: keepHidden(result.outs, urn, fields) };
    },
    delete: async (id, olds) => {
      const { urn, secrets, props } = split(olds);
      const provider = await load(type);
      await onResourceRow(urn, () => hidingSecretInputs(secrets, () => provider.delete(id, props)), secrets);
    },
  };
}

/** Forgets the process-wide providers (tests). */
export function resetProviders(): void {
  providers.clear();
}
