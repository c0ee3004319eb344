import { inspect } from "node:util";
import { ConfigError } from "./errors";

/** The provider's settings for one stack (= one org), resolved once in `configure`. */
export interface ProviderSettings {
  /** Base URL of the connector backend, without a trailing slash. */
  baseUrl: string;
  /** Default org for resources that do not set `orgId`. */
  orgId?: string;
  /** Bearer token for the backend. Secret: never logged, never in messages. */
  accessToken: string;
  /** Verify new credentials (SPEC §4) before taking a live connector down. Default true. */
  preflight: boolean;
  /** Headers and body timeout of one backend request attempt, in ms. Default 30000. */
  requestTimeoutMs?: number;
}

/**
 * Where `wxcc:*` values come from, by full key (`wxcc:orgId`): the `config` of the
 * plugin's `configure`, a Pulumi program's stack config
 * (`{ get: (key) => pulumi.runtime.getConfig(key) }`), or a stub in tests.
 */
export interface ConfigSource {
  get(key: string): string | undefined;
}

/**
 * Every setting this package reads: its stack config key and its environment fallback.
 * This module is the only reader of `wxcc:*` config and `WXCC_*` variables; the provider
 * plugin and the SDK's org check both go through it.
 */
export const CONFIG_KEYS = {
  baseUrl: { key: "wxcc:baseUrl", env: "WXCC_BASE_URL", example: "<url>", secret: false },
  orgId: { key: "wxcc:orgId", env: "WXCC_ORG_ID", example: "<org>", secret: false },
  accessToken: { key: "wxcc:accessToken", env: "WXCC_ACCESS_TOKEN", example: "<token>", secret: true },
  preflight: { key: "wxcc:preflight", env: undefined, example: "false", secret: false },
  requestTimeoutMs: { key: "wxcc:requestTimeoutMs", env: "WXCC_REQUEST_TIMEOUT_MS", example: "30000", secret: false },
  orgLimitCheck: { key: "wxcc:orgLimitCheck", env: undefined, example: "false", secret: false },
} as const;

/** The name of one setting in {@link CONFIG_KEYS}. */
export type ConfigName = keyof typeof CONFIG_KEYS;

const KEYS = CONFIG_KEYS;

/**
 * One setting as given: stack config, else its `WXCC_*` variable; trimmed, and `undefined`
 * when absent or empty. Not validated: {@link resolveSettings} does that.
 *
 * @example
 * readSetting("orgId", config, process.env); // "acme" | undefined
 */
export function readSetting(name: ConfigName, config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const k = KEYS[name];
  const fromConfig = config?.get(k.key)?.trim();
  if (fromConfig) return fromConfig;
  const fromEnv = k.env ? env[k.env]?.trim() : undefined;
  return fromEnv || undefined;
}

/**
 * The default org for resources that do not set `orgId` (`wxcc:orgId`, else `WXCC_ORG_ID`),
 * readable even when other settings are missing (`check` runs in previews without credentials).
 *
 * @example
 * defaultOrgId(config); // "acme" | undefined
 */
export function defaultOrgId(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return readSetting("orgId", config, env);
}

/**
 * Whether the SDK's org check may list the org's live connectors (`wxcc:orgLimitCheck`,
 * default true; anything but `false` counts as true).
 *
 * @example
 * orgLimitCheckEnabled({ get: () => "false" }); // false
 */
export function orgLimitCheckEnabled(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return (readSetting("orgLimitCheck", config, env) ?? "true").toLowerCase() !== "false";
}

/**
 * Resolves the provider settings from stack config (`wxcc:*`), falling back to the
 * environment (`WXCC_BASE_URL`, `WXCC_ORG_ID`, `WXCC_ACCESS_TOKEN`). Empty values count
 * as missing. `orgId` may be absent (then every resource must set its own).
 *
 * The returned object's `toJSON` and `util.inspect` redact the token.
 *
 * @example
 * configure: async ({ config }) => { settings = resolveSettings(config); }
 * // stack without a token:
 * // ConfigError CONFIG_MISSING: Missing configuration [wxcc:accessToken]: run
 * // `pulumi config set --secret wxcc:accessToken <token>` or set WXCC_ACCESS_TOKEN.
 */
export function resolveSettings(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const read = (name: ConfigName): string | undefined => readSetting(name, config, env);
  const baseUrl = normalizeBaseUrl(required("baseUrl", read("baseUrl")));
  const accessToken = required("accessToken", read("accessToken"));
  const settings: ProviderSettings = {
    baseUrl,
    accessToken,
    preflight: parsePreflight(read("preflight")),
    requestTimeoutMs: parseRequestTimeout(read("requestTimeoutMs")),
  };
  const orgId = read("orgId");
  if (orgId !== undefined) {
    if (/[\s/?#]/.test(orgId)) {
      throw new ConfigError("CONFIG_INVALID", KEYS.orgId.key, `Invalid configuration [wxcc:orgId]: "${orgId}" must not contain whitespace, "/", "?" or "#"; run \`pulumi config set wxcc:orgId <org>\`.`);
    }
    settings.orgId = orgId;
  }
  return redacted(settings);
}

function required(name: "baseUrl" | "accessToken", value: string | undefined): string {
  if (value !== undefined) return value;
  const k = KEYS[name];
  const set = k.secret ? "pulumi config set --secret" : "pulumi config set";
  throw new ConfigError("CONFIG_MISSING", k.key, `Missing configuration [${k.key}]: run \`${set} ${k.key} ${k.example}\` or set ${k.env}.`);
}

function normalizeBaseUrl(value: string): string {
  const fix = "run `pulumi config set wxcc:baseUrl <url>` (https://…, or http:// on a loopback host such as the emulator's http://127.0.0.1:8787)";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError("CONFIG_INVALID", KEYS.baseUrl.key, `Invalid configuration [wxcc:baseUrl]: not a URL; ${fix}.`);
  }
  const loopback = url.hostname === "localhost" || url.hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigError("CONFIG_INVALID", KEYS.baseUrl.key, `Invalid configuration [wxcc:baseUrl]: must not contain credentials, a query or a fragment; ${fix}.`);
  }
  if (!(url.protocol === "https:" || (url.protocol === "http:" && loopback))) {
    throw new ConfigError(
      "CONFIG_INVALID",
      KEYS.baseUrl.key,
      `Invalid configuration [wxcc:baseUrl]: "${value}" must use https:// (the access token is sent to it); ${fix}.`,
    );
  }
  return value.replace(/\/+$/, "");
}

function parsePreflight(value: string | undefined): boolean {
  if (value === undefined) return true;
  const v = value.toLowerCase();
  if (v === "true") return true;
  if (v === "false") return false;
  throw new ConfigError(
    "CONFIG_INVALID",
    KEYS.preflight.key,
    `Invalid configuration [wxcc:preflight]: expected true or false (got "${value}"); run \`pulumi config set wxcc:preflight false\` to skip the credential check before updates.`,
  );
}

function parseRequestTimeout(value: string | undefined): number {
  if (value === undefined) return 30_000;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(n) && n > 0) return n;
  throw new ConfigError(
    "CONFIG_INVALID",
    KEYS.requestTimeoutMs.key,
    `Invalid configuration [wxcc:requestTimeoutMs]: expected a positive integer of milliseconds (got "${value}"); run \`pulumi config set wxcc:requestTimeoutMs 30000\` or set WXCC_REQUEST_TIMEOUT_MS.`,
  );
}

/** Adds non-enumerable `toJSON` and `util.inspect` hooks that hide the token. */
function redacted(settings: ProviderSettings): ProviderSettings {
  const safe = () => ({ ...settings, accessToken: "[secret]" });
  Object.defineProperty(settings, "toJSON", { value: safe, enumerable: false });
  Object.defineProperty(settings, inspect.custom, { value: () => safe(), enumerable: false });
  return settings;
}
