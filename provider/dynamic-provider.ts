import type * as pulumi from "@pulumi/pulumi";
import type { ConnectorsClient } from "./client/connectors-client";
import type { ConnectorType } from "../contract";
import { type ConfigSource, defaultOrgId, type ProviderSettings, resolveSettings } from "./config";
import { forEngine } from "./check-failures";
import { diffConnector } from "./diff";
import { kindFor } from "./kinds";
import type { ConnectorInputs, ConnectorOutputs } from "./kinds/inputs";
import type { ConnectivityOptions, ConnectorKind } from "./kinds/kind";
import { type LifecycleContext, type PropertyBag, inputsOf, stateOf, subjectOf } from "./lifecycle/context";
import { lifecycleError } from "./lifecycle/failure";
import { type Holder, holderOf, recordHolder } from "./lifecycle/ownership";
import { adoptionConflict, keptConnectorConflict, type StackOwner } from "./stack-owners";
import { create } from "./lifecycle/create";
import { deleteConnector } from "./lifecycle/delete";
import { read, type ReadConnectorResult } from "./lifecycle/read";
import { update } from "./lifecycle/update";
import { withStoredCredentialsNote } from "./auth/stored-credentials";
import { keepingProvider, withoutStackTrace } from "./errors";

/** Options of the backend client, minus what the settings provide. */
export type ClientOptions = Omit<ConstructorParameters<typeof ConnectorsClient>[0], "baseUrl" | "accessToken" | "oauthClient">;

/** How a `ConnectorProvider` is built; everything is optional (the plugin passes nothing). */
export interface ConnectorProviderOptions {
  /** Use these settings instead of `configure`'s config and the environment. */
  settings?: ProviderSettings;
  /** Environment for the `WXCC_*` fallbacks. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Extra client options (dispatcher, retry timing…). */
  client?: ClientOptions;
  /** Transport options for the preflight's connectivity checks. */
  connectivity?: ConnectivityOptions;
}

/**
 * The dynamic provider of one connector kind. `check` and `diff` are offline; the other
 * hooks delegate to `provider/lifecycle/*`. This is the typed boundary: hooks take the
 * plugin's property bags and hand the lifecycle `I` (checked inputs) and
 * `ConnectorOutputs<I>` (the state's outputs). Settings are resolved on first backend use
 * (from `configure`'s config, else the environment), so `check` works in a preview that
 * has no credentials and a missing setting fails with the config key to set.
 *
 * @example
 * ```ts
 * const provider = new ConnectorProvider(customKind, { settings: { baseUrl, accessToken, orgId: "acme", preflight: true } });
 * const { id, outs } = await provider.create(checkedInputs);
 * // Inside the plugin, the serialized hooks reach it through `providerFor` (connector-provider.ts).
 * ```
 */
export class ConnectorProvider<I extends ConnectorInputs> implements pulumi.dynamic.ResourceProvider {
  private config?: ConfigSource;
  private resolved?: ProviderSettings;
  private client?: ConnectorsClient;

  constructor(
    readonly kind: ConnectorKind<I>,
    private readonly options: ConnectorProviderOptions = {},
  ) {}

  /** Records the stack config; nothing is resolved (or can fail) until it is needed. */
  async configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    this.config = req.config;
    this.resolved = undefined;
    this.client = undefined;
  }

  /**
   * Offline validation + defaults (`orgId` from config); never calls the backend. Failing
   * news are returned as given, and each failure with `property: ""` (see `forEngine`: the
   * engine would print the value of a named property, secrets included). `owners` are the
   * program's other connector resources (`stack-owners.ts`): an adopter may not declare the
   * `connectorId` one of them manages.
   */
  async check(_olds: PropertyBag, news: PropertyBag, owners: readonly StackOwner[] = [], urn?: string): Promise<pulumi.dynamic.CheckResult<I | PropertyBag>> {
    const result = await this.kind.check(news, { orgId: this.defaultOrgId() });
    if (result.failures.length > 0 || !result.inputs) return { inputs: news, failures: forEngine(result.failures) };
    const inputs = result.inputs;
    // Also what this deployment's diffs saw: an owner whose connectorId output the preview
    // could not know (it is being updated) still had its state's id recorded by its diff.
    const kept = typeof inputs.connectorId === "string" ? holderOf(inputs.orgId, inputs.connectorId, urn) : undefined;
    const all = kept ? [...owners, { resource: kept.resource, orgId: inputs.orgId, connectorId: inputs.connectorId, declared: false }] : owners;
    const taken = adoptionConflict(inputs, all, this.defaultOrgId());
    if (taken) return { inputs: news, failures: [{ property: "", reason: taken }] };
    return { inputs, failures: [] };
  }

  /**
   * `olds` are the old outputs, `news` the checked inputs. Throws `OWNER_CONFLICT` when an
   * adopter among `owners` declares the connector this resource's state holds (see
   * `stack-owners.ts`); records that the resource `urn` keeps it (`lifecycle/ownership.ts`).
   */
  async diff(_id: string, olds: PropertyBag, news: PropertyBag, owners: readonly StackOwner[] = [], urn?: string): Promise<pulumi.dynamic.DiffResult> {
    const state = stateOf(this.kind, olds);
    const inputs = inputsOf(this.kind, news);
    return withoutStackTrace(async () => {
      const result = diffConnector(this.kind, state, inputs);
      if (state.connectorId && typeof state.orgId === "string") {
        const held = { orgId: state.orgId, connectorId: state.connectorId };
        const subject = { ...subjectOf(this.kind, state, state.connectorId), connectorId: state.connectorId };
        // Recorded first: even when this diff refuses, an adoption later in this deployment must see the holder.
        const twin = result.replaces?.length ? undefined : recordHolder(urn, subject);
        const conflict = keptConnectorConflict(held, inputs.connectorId, owners, this.defaultOrgId());
        if (conflict) throw lifecycleError(subject, conflict.message, undefined, "OWNER_CONFLICT");
        if (twin) throw lifecycleError(subject, twoHoldersMessage(twin, held.connectorId), undefined, "OWNER_CONFLICT");
      }
      return result;
    });
  }

  async create(props: PropertyBag): Promise<pulumi.dynamic.CreateResult<ConnectorOutputs<I>>> {
    const inputs = inputsOf(this.kind, props);
    return keepingProvider(props, async () => create(await this.context(), inputs));
  }

  async read(id: string, props: PropertyBag): Promise<ReadConnectorResult<I>> {
    const ctx = await this.context();
    return withoutStackTrace(() => withStoredCredentialsNote(() => read(ctx, id, stateOf(this.kind, props), this.settings().orgId)));
  }

  /**
   * `olds` are the old outputs, `news` the checked inputs. When nothing of the connector
   * changed (the engine updates it only because which inputs are secret changed, see
   * `providerFor`'s diff), returns the old outputs without a backend call.
   */
  async update(id: string, olds: PropertyBag, news: PropertyBag): Promise<pulumi.dynamic.UpdateResult<ConnectorOutputs<I>>> {
    const inputs = inputsOf(this.kind, news);
    const state = stateOf(this.kind, olds);
    if (!diffConnector(this.kind, state, inputs).changes) return { outs: state };
    return keepingProvider(news, async () => update(await this.context(), id, state, inputs));
  }

  async delete(id: string, props: PropertyBag): Promise<void> {
    const ctx = await this.context();
    await withoutStackTrace(() => withStoredCredentialsNote(() => deleteConnector(ctx, id, stateOf(this.kind, props), this.settings().orgId)));
  }

  /** The resolved settings; throws the config error naming the key to set. */
  settings(): ProviderSettings {
    this.resolved ??= this.options.settings ?? resolveSettings(this.config, this.options.env ?? process.env);
    return this.resolved;
  }

  /** Loads the backend client on first use: a preview or a no-op up (check and diff only) never loads undici. */
  private async context(): Promise<LifecycleContext<I>> {
    const settings = this.settings();
    const { ConnectorsClient } = await import("./client/connectors-client");
    this.client ??= new ConnectorsClient({
      requestTimeoutMs: settings.requestTimeoutMs,
      ...this.options.client,
      baseUrl: settings.baseUrl,
      accessToken: settings.accessToken,
      oauthClient: settings.oauthClient,
    });
    // wxcc:requestTimeoutMs bounds the preflight's IdP call too: one knob for "how long is too slow".
    const connectivity = { ...(settings.requestTimeoutMs ? { timeoutMs: settings.requestTimeoutMs } : {}), ...this.options.connectivity };
    return { kind: this.kind, client: this.client, preflight: settings.preflight, connectivity };
  }

  /** `wxcc:orgId` / `WXCC_ORG_ID` for `check`, even when other settings are missing. */
  private defaultOrgId(): string | undefined {
    if (this.options.settings) return this.options.settings.orgId;
    return defaultOrgId(this.config, this.options.env ?? process.env);
  }
}

/** Two resources of the stack keep one connector in their states (e.g. after a `--target`ed adoption). */
function twoHoldersMessage(twin: Holder, connectorId: string): string {
  return (
    `resource "${twin.resource}" of this stack (declaring [name] "${twin.name}") also keeps connector "${connectorId}" in its state: one connector has one owner, ` +
    `and two would undo each other's changes on every \`pulumi up\`. Keep it in one of them: \`pulumi state delete '${twin.urn}'\` drops "${twin.resource}" from the state ` +
    "without touching the connector (then remove it from the program), or the same for this resource"
  );
}

/**
 * A new provider for a connector type, as the plugin's process-wide registry
 * (`providerFor` in connector-provider.ts) creates them.
 *
 * @example
 * ```ts
 * const provider = createProvider("CUSTOM");
 * ```
 */
export function createProvider(type: ConnectorType): ConnectorProvider<ConnectorInputs> {
  return new ConnectorProvider(kindFor(type));
}
