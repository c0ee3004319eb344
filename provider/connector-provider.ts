import type * as pulumi from "@pulumi/pulumi";
import { ConnectorsClient } from "./client/connectors-client";
import type { ConnectorType } from "./client/types";
import { type ConfigSource, type ProviderSettings, resolveSettings } from "./config";
import { diffConnector } from "./diff";
import { kindFor } from "./kinds";
import type { ConnectorInputs, ConnectorOutputs } from "./kinds/inputs";
import type { ConnectivityOptions, ConnectorKind } from "./kinds/kind";
import type { LifecycleContext } from "./lifecycle/context";
import { create } from "./lifecycle/create";
import { deleteConnector } from "./lifecycle/delete";
import { read } from "./lifecycle/read";
import { update } from "./lifecycle/update";
import { keepingProvider, withoutStackTrace } from "./errors";

/** Options of the backend client, minus what the settings provide. */
export type ClientOptions = Omit<ConstructorParameters<typeof ConnectorsClient>[0], "baseUrl" | "accessToken">;

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
 * hooks delegate to `provider/lifecycle/*`. Settings are resolved on first backend use
 * (from `configure`'s config, else the environment), so `check` works in a preview that
 * has no credentials and a missing setting fails with the config key to set.
 *
 * @example
 * ```ts
 * const provider = new ConnectorProvider(customKind, { settings: { baseUrl, accessToken, orgId: "acme", preflight: true } });
 * const { id, outs } = await provider.create(checkedInputs);
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

  /** Offline validation + defaults (`orgId` from config); never calls the backend. */
  async check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult<I>> {
    const result = this.kind.check(news, { orgId: this.defaultOrgId() });
    if (result.failures.length > 0 || !result.inputs) return { inputs: news as unknown as I, failures: result.failures };
    return { inputs: result.inputs, failures: [] };
  }

  /** `olds` are the old outputs. */
  async diff(_id: string, olds: ConnectorOutputs<I>, news: I): Promise<pulumi.dynamic.DiffResult> {
    return diffConnector(this.kind, olds, news);
  }

  async create(inputs: I): Promise<pulumi.dynamic.CreateResult<ConnectorOutputs<I>>> {
    const raw = inputs as unknown as Record<string, unknown>;
    return keepingProvider(raw, () => create(this.context(), raw));
  }

  async read(id: string, props: ConnectorOutputs<I>): Promise<pulumi.dynamic.ReadResult<ConnectorOutputs<I>>> {
    const ctx = this.context();
    const result = await withoutStackTrace(() => read(ctx, id, props as unknown as Record<string, unknown>, this.settings().orgId));
    return result as pulumi.dynamic.ReadResult<ConnectorOutputs<I>>;
  }

  async update(id: string, olds: ConnectorOutputs<I>, news: I): Promise<pulumi.dynamic.UpdateResult<ConnectorOutputs<I>>> {
    const raw = news as unknown as Record<string, unknown>;
    return keepingProvider(raw, () => update(this.context(), id, olds as unknown as Record<string, unknown>, raw));
  }

  async delete(id: string, props: ConnectorOutputs<I>): Promise<void> {
    const ctx = this.context();
    await withoutStackTrace(() => deleteConnector(ctx, id, props as unknown as Record<string, unknown>, this.settings().orgId));
  }

  /** The resolved settings; throws the config error naming the key to set. */
  settings(): ProviderSettings {
    this.resolved ??= this.options.settings ?? resolveSettings(this.config, this.options.env ?? process.env);
    return this.resolved;
  }

  private context(): LifecycleContext<I> {
    const settings = this.settings();
    this.client ??= new ConnectorsClient({ requestTimeoutMs: settings.requestTimeoutMs, ...this.options.client, baseUrl: settings.baseUrl, accessToken: settings.accessToken });
    // wxcc:requestTimeoutMs bounds the preflight's IdP call too: one knob for "how long is too slow".
    const connectivity = { ...(settings.requestTimeoutMs ? { timeoutMs: settings.requestTimeoutMs } : {}), ...this.options.connectivity };
    return { kind: this.kind, client: this.client, preflight: settings.preflight, connectivity };
  }

  /** `wxcc:orgId` / `WXCC_ORG_ID` for `check`, even when other settings are missing. */
  private defaultOrgId(): string | undefined {
    if (this.options.settings) return this.options.settings.orgId;
    try {
      return this.settings().orgId;
    } catch {
      const env = this.options.env ?? process.env;
      return this.config?.get("wxcc:orgId")?.trim() || env.WXCC_ORG_ID?.trim() || undefined;
    }
  }
}

// One provider per kind per process: the serialized hooks look them up here, so no
// instance state is ever captured at serialization time.
const providers = new Map<ConnectorType, ConnectorProvider<ConnectorInputs>>();

/**
 * The process-wide provider for a connector type, created on first use.
 *
 * @example
 * ```ts
 * await providerFor("CUSTOM").configure({ config });
 * ```
 */
export function providerFor(type: ConnectorType): ConnectorProvider<ConnectorInputs> {
  let provider = providers.get(type);
  if (!provider) {
    provider = new ConnectorProvider(kindFor(type));
    providers.set(type, provider);
  }
  return provider;
}

/** Forgets the process-wide providers (tests). */
export function resetProviders(): void {
  providers.clear();
}
