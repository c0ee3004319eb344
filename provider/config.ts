import { inspect } from "node:util";
import { WEBEX_TOKEN_URL, type WebexOAuthClient } from "./auth/oauth-client";
import { ConfigError } from "./errors";

/** The provider's settings for one stack (= one org), resolved once in `configure`. */
export interface ProviderSettings {
  /** Base URL of the connector backend, without a trailing slash. */
  baseUrl: string;
  /** Default org for resources that do not set `orgId`. */
  orgId?: string;
  /**
   * Fixed bearer token for the backend (`wxcc:accessToken`). Secret: never logged, never in
   * messages. Exactly one of `accessToken` and `oauthClient` is set.
   */
  accessToken?: string;
  /**
   * A Webex OAuth client whose access tokens the provider mints and renews itself
   * (`wxcc:clientId`, `wxcc:clientSecret`, `wxcc:refreshToken`, `wxcc:tokenUrl`).
   */
  oauthClient?: WebexOAuthClient;
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
 * Every setting this package reads: its stack config key, its environment fallback, its
 * default (`undefined` = none) and whether it is a secret (set it with
 * `pulumi config set --secret`). This module is the only reader of `wxcc:*` config and
 * `WXCC_*` variables; the provider plugin and the SDK's org check both go through it.
 *
 * | key | env fallback | default | secret |
 * |---|---|---|---|
 * | `wxcc:baseUrl` | `WXCC_BASE_URL` | — (required) | no |
 * | `wxcc:orgId` | `WXCC_ORG_ID` | — (else each resource's `orgId`) | no |
 * | `wxcc:accessToken` | `WXCC_ACCESS_TOKEN` | — (this or an OAuth client) | yes |
 * | `wxcc:clientId` | `WXCC_CLIENT_ID` | — (OAuth client) | no |
 * | `wxcc:clientSecret` | `WXCC_CLIENT_SECRET` | — (OAuth client) | yes |
 * | `wxcc:refreshToken` | `WXCC_REFRESH_TOKEN` | — (OAuth client) | yes |
 * | `wxcc:tokenUrl` | `WXCC_TOKEN_URL` | `https://webexapis.com/v1/access_token` | no |
 * | `wxcc:preflight` | — | `true` | no |
 * | `wxcc:requestTimeoutMs` | `WXCC_REQUEST_TIMEOUT_MS` | `30000` | no |
 * | `wxcc:offlinePreview` | `WXCC_OFFLINE_PREVIEW` | `false` | no |
 * | `wxcc:orgLimitCheck` | — | `true` | no |
 *
 * @example
 * CONFIG_KEYS.clientSecret; // { key: "wxcc:clientSecret", env: "WXCC_CLIENT_SECRET", secret: true, … }
 */
export const CONFIG_KEYS = {
  baseUrl: { key: "wxcc:baseUrl", env: "WXCC_BASE_URL", default: undefined, example: "<url>", secret: false },
  orgId: { key: "wxcc:orgId", env: "WXCC_ORG_ID", default: undefined, example: "<org>", secret: false },
  accessToken: { key: "wxcc:accessToken", env: "WXCC_ACCESS_TOKEN", default: undefined, example: "<token>", secret: true },
  clientId: { key: "wxcc:clientId", env: "WXCC_CLIENT_ID", default: undefined, example: "<client-id>", secret: false },
  clientSecret: { key: "wxcc:clientSecret", env: "WXCC_CLIENT_SECRET", default: undefined, example: "<client-secret>", secret: true },
  refreshToken: { key: "wxcc:refreshToken", env: "WXCC_REFRESH_TOKEN", default: undefined, example: "<refresh-token>", secret: true },
  tokenUrl: { key: "wxcc:tokenUrl", env: "WXCC_TOKEN_URL", default: WEBEX_TOKEN_URL, example: "<url>", secret: false },
  preflight: { key: "wxcc:preflight", env: undefined, default: "true", example: "false", secret: false },
  requestTimeoutMs: { key: "wxcc:requestTimeoutMs", env: "WXCC_REQUEST_TIMEOUT_MS", default: "30000", example: "30000", secret: false },
  offlinePreview: { key: "wxcc:offlinePreview", env: "WXCC_OFFLINE_PREVIEW", default: "false", example: "true", secret: false },
  /** Deprecated: `false` means `wxcc:offlinePreview true` (see {@link previewMode}). */
  orgLimitCheck: { key: "wxcc:orgLimitCheck", env: undefined, default: "true", example: "false", secret: false },
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

/** How a preview treats the backend; see {@link previewMode}. */
export interface PreviewMode {
  /** The preview may run without the backend: the SDK's org check makes no backend call. */
  offline: boolean;
  /** The deprecated key that asked for it (`wxcc:orgLimitCheck false`), to warn about. */
  deprecatedKey?: string;
}

/**
 * Whether `pulumi preview` may run without the backend (`wxcc:offlinePreview`, else
 * `WXCC_OFFLINE_PREVIEW`; `true` or `false`, default `false`). By default a preview needs
 * what `pulumi up` needs: the settings, a token the backend accepts, and a backend that
 * answers, because the SDK's org check lists each org's connectors. Offline previews skip
 * that listing (and so the live part of the org check). `pulumi up` always needs the backend.
 *
 * `wxcc:orgLimitCheck false`, the key of earlier versions, still asks for an offline preview
 * and is reported in `deprecatedKey`.
 *
 * @throws ConfigError `CONFIG_INVALID` when the value is neither `true` nor `false`.
 * @example
 * previewMode({ get: (k) => (k === "wxcc:offlinePreview" ? "true" : undefined) }); // { offline: true }
 */
export function previewMode(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): PreviewMode {
  const value = readSetting("offlinePreview", config, env);
  if (value !== undefined) {
    const v = value.toLowerCase();
    if (v !== "true" && v !== "false") {
      throw new ConfigError(
        "CONFIG_INVALID",
        KEYS.offlinePreview.key,
        "Invalid configuration [wxcc:offlinePreview]: expected true or false; run `pulumi config set wxcc:offlinePreview true` to allow previews without the backend, or remove it.",
      );
    }
    return { offline: v === "true" };
  }
  if (readSetting("orgLimitCheck", config, env)?.toLowerCase() === "false") return { offline: true, deprecatedKey: KEYS.orgLimitCheck.key };
  return { offline: false };
}

/** The settings that make an OAuth client; any of them set means the user chose one. */
const OAUTH_NAMES = ["clientId", "clientSecret", "refreshToken"] as const;

/**
 * Whether backend credentials are configured at all: `wxcc:accessToken`, or any part of an
 * OAuth client (an incomplete one then fails {@link resolveSettings} naming what is missing).
 *
 * @example
 * hasCredentials({ get: (k) => (k === "wxcc:clientId" ? "C123" : undefined) }, {}); // true
 */
export function hasCredentials(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return (["accessToken", ...OAUTH_NAMES] as const).some((name) => readSetting(name, config, env) !== undefined);
}

/**
 * Resolves the provider settings from stack config (`wxcc:*`), falling back to the
 * environment (`WXCC_*`; see {@link CONFIG_KEYS}). Empty values count as missing. `orgId`
 * may be absent (then every resource must set its own).
 *
 * Credentials are either a fixed `wxcc:accessToken`, or a Webex OAuth client —
 * `wxcc:clientId`, `wxcc:clientSecret`, `wxcc:refreshToken`, and `wxcc:tokenUrl` (default
 * `https://webexapis.com/v1/access_token`) — whose tokens the provider renews itself.
 *
 * The returned object's `toJSON` and `util.inspect` redact the token, client secret and
 * refresh token.
 *
 * @throws ConfigError `CONFIG_MISSING` naming the key and the `pulumi config set` command
 *   (no credentials at all, or an OAuth client missing a part); `CONFIG_INVALID` for a bad
 *   value, or both a token and an OAuth client.
 * @example
 * configure: async ({ config }) => { settings = resolveSettings(config); }
 * // stack without a token:
 * // ConfigError CONFIG_MISSING: Missing configuration [wxcc:accessToken]: run
 * // `pulumi config set --secret wxcc:accessToken <token>` or set WXCC_ACCESS_TOKEN. …
 */
export function resolveSettings(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const read = (name: ConfigName): string | undefined => readSetting(name, config, env);
  const baseUrl = normalizeBaseUrl(required("baseUrl", read("baseUrl")));
  const settings: ProviderSettings = {
    baseUrl,
    ...credentials(read),
    preflight: parsePreflight(read("preflight")),
    requestTimeoutMs: parseRequestTimeout(read("requestTimeoutMs")),
  };
  const orgId = read("orgId");
  if (orgId !== undefined) {
    if (/[\s/?#]/.test(orgId)) {
      throw new ConfigError(
        "CONFIG_INVALID",
        KEYS.orgId.key,
        `Invalid configuration [wxcc:orgId]: "${orgId}" must not contain whitespace, "/", "?" or "#"; run \`pulumi config set wxcc:orgId <org>\`.`,
      );
    }
    settings.orgId = orgId;
  }
  return redacted(settings);
}

/** `pulumi config set [--secret] <key> <example>` or set <ENV> — how to give one setting. */
function howToSet(name: ConfigName): string {
  const k = KEYS[name];
  const set = k.secret ? "pulumi config set --secret" : "pulumi config set";
  return `run \`${set} ${k.key} ${k.example}\`${k.env ? ` or set ${k.env}` : ""}`;
}

function required(name: "baseUrl", value: string | undefined): string {
  if (value !== undefined) return value;
  throw new ConfigError("CONFIG_MISSING", KEYS[name].key, `Missing configuration [${KEYS[name].key}]: ${howToSet(name)}.`);
}

/** A fixed token or a complete OAuth client, never both, never half a client. */
function credentials(read: (name: ConfigName) => string | undefined): Pick<ProviderSettings, "accessToken" | "oauthClient"> {
  const accessToken = read("accessToken");
  const given = OAUTH_NAMES.filter((name) => read(name) !== undefined);
  if (given.length === 0) {
    if (accessToken !== undefined) return { accessToken };
    throw new ConfigError(
      "CONFIG_MISSING",
      KEYS.accessToken.key,
      `Missing configuration [wxcc:accessToken]: ${howToSet("accessToken")}. ` +
        "Or use a Webex OAuth client that renews its tokens: set [wxcc:clientId], [wxcc:clientSecret] and [wxcc:refreshToken] (see the README, Configuration).",
    );
  }
  const shown = given.map((name) => `[${KEYS[name].key}]`).join(", ");
  if (accessToken !== undefined) {
    throw new ConfigError(
      "CONFIG_INVALID",
      KEYS.accessToken.key,
      `Conflicting configuration: [wxcc:accessToken] and the OAuth client (${shown}) are both set; keep one — ` +
        "run `pulumi config rm wxcc:accessToken` (or unset WXCC_ACCESS_TOKEN) to let the provider renew tokens with the OAuth client, " +
        "or remove wxcc:clientId, wxcc:clientSecret and wxcc:refreshToken (and their WXCC_* variables) to use the fixed token.",
    );
  }
  const missing = OAUTH_NAMES.find((name) => read(name) === undefined);
  if (missing) {
    throw new ConfigError(
      "CONFIG_MISSING",
      KEYS[missing].key,
      `Missing configuration [${KEYS[missing].key}]: the Webex OAuth client needs it (${shown} ${given.length === 1 ? "is" : "are"} set); ${howToSet(missing)}.`,
    );
  }
  return {
    oauthClient: {
      tokenUrl: normalizeTokenUrl(read("tokenUrl") ?? WEBEX_TOKEN_URL),
      clientId: read("clientId")!,
      clientSecret: read("clientSecret")!,
      refreshToken: read("refreshToken")!,
    },
  };
}

/** Loopback hosts may use plain http (the emulator); everything else must be https. */
function isLoopback(url: URL): boolean {
  return url.hostname === "localhost" || url.hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

function normalizeTokenUrl(value: string): string {
  const fix =
    "run `pulumi config set wxcc:tokenUrl <url>` (default https://webexapis.com/v1/access_token; http:// only on a loopback host such as the emulator's http://127.0.0.1:8787/v1/access_token)";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError("CONFIG_INVALID", KEYS.tokenUrl.key, `Invalid configuration [wxcc:tokenUrl]: not a URL; ${fix}.`);
  }
  if (url.username || url.password || url.hash) {
    throw new ConfigError("CONFIG_INVALID", KEYS.tokenUrl.key, `Invalid configuration [wxcc:tokenUrl]: must not contain credentials or a fragment; ${fix}.`);
  }
  if (!(url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url)))) {
    throw new ConfigError(
      "CONFIG_INVALID",
      KEYS.tokenUrl.key,
      `Invalid configuration [wxcc:tokenUrl]: "${value}" must use https:// (the client secret is sent to it); ${fix}.`,
    );
  }
  return value;
}

function normalizeBaseUrl(value: string): string {
  const fix = "run `pulumi config set wxcc:baseUrl <url>` (https://…, or http:// on a loopback host such as the emulator's http://127.0.0.1:8787)";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError("CONFIG_INVALID", KEYS.baseUrl.key, `Invalid configuration [wxcc:baseUrl]: not a URL; ${fix}.`);
  }
  const loopback = isLoopback(url);
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigError(
      "CONFIG_INVALID",
      KEYS.baseUrl.key,
      `Invalid configuration [wxcc:baseUrl]: must not contain credentials, a query or a fragment; ${fix}.`,
    );
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

/** Adds non-enumerable `toJSON` and `util.inspect` hooks that hide the token, client secret and refresh token. */
function redacted(settings: ProviderSettings): ProviderSettings {
  const safe = () => ({
    ...settings,
    ...(settings.accessToken !== undefined ? { accessToken: "[secret]" } : {}),
    ...(settings.oauthClient ? { oauthClient: { ...settings.oauthClient, clientSecret: "[secret]", refreshToken: "[secret]" } } : {}),
  });
  Object.defineProperty(settings, "toJSON", { value: safe, enumerable: false });
  Object.defineProperty(settings, inspect.custom, { value: () => safe(), enumerable: false });
  return settings;
}
