/**
 * THE MODULE SERIALIZED STATES REQUIRE. Every connector's state holds its dynamic provider
 * as text that runs `require("pulumi-wxcc-connectors/dist/provider/connector-provider.js")`
 * and calls `providerFor(type).<hook>(…)` (`configure`, `check`, `diff`, `create`, `read`,
 * `update`, `delete`), with `type` `"SALESFORCE"` or `"CUSTOM"`. States written by every
 * released version do so, so this path and that call must keep working forever: never
 * move, rename or narrow this module (test/provider/legacy-state.test.ts guards it).
 *
 * It is also imported by every Pulumi program (through `provider/hooks.ts`), so it loads
 * nothing heavy: the real provider (zod schemas, jose, undici) is loaded on the first hook
 * call, which only ever happens inside the dynamic-provider plugin.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ConnectorType } from "../contract";
import type { ConnectorProvider } from "./dynamic-provider";
import type { ConnectorInputs } from "./kinds/inputs";

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
    check: async (olds, news) => (await load(type)).check(olds, news),
    diff: async (id, olds, news) => (await load(type)).diff(id, olds, news),
    create: async (inputs) => (await load(type)).create(inputs),
    read: async (id, props) => (await load(type)).read(id, props),
    update: async (id, olds, news) => (await load(type)).update(id, olds, news),
    delete: async (id, props) => (await load(type)).delete(id, props),
  };
}

/** Forgets the process-wide providers (tests). */
export function resetProviders(): void {
  providers.clear();
}
