import type { ClientOptions } from "../../provider/client/connectors-client";
import { type ConfigSource, type ProviderSettings, resolveSettings } from "../../provider/config";
import { BackendError, codeOf, ConfigError, InvalidResponseError, NetworkError, TimeoutError } from "../../provider/errors";
import type { LiveConnector } from "./org-rules";
import { OrgPlanError } from "./program-failure";

/** The sentence a preview failure ends with: how to preview without the backend. */
export const OFFLINE_HINT = "to preview without the backend, run `pulumi config set wxcc:offlinePreview true`";

/** Where the org check reads `wxcc:*` settings, and how its client is built. */
export interface BackendSource {
  config: ConfigSource;
  env: NodeJS.ProcessEnv;
  /** Extra client options (tests inject a dispatcher). */
  client?: Partial<ClientOptions>;
}

/**
 * The provider settings the org check lists with, from the one config reader
 * (`provider/config.ts`), so it uses exactly the provider's credentials.
 *
 * @throws OrgPlanError with the config error's code and message (which names the key and
 *   the `pulumi config set` command), plus, in a preview, how to preview offline.
 */
export function backendSettings(src: BackendSource, dryRun: boolean): ProviderSettings {
  try {
    return resolveSettings(src.config, src.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const why = dryRun ? ` \`pulumi preview\` needs it as \`pulumi up\` does (the org check lists each org's connectors); ${OFFLINE_HINT}.` : "";
    throw new OrgPlanError(err.code, `${err.message}${why}`);
  }
}

/**
 * Lists an org's connectors through the provider's client (loaded only now, so a program
 * that never lists never loads it): a few attempts of at most 10 s each.
 *
 * @throws OrgPlanError naming why the check could not run and the fix: the key of a refused
 *   credential, or the unreachable URL.
 */
export async function listOrg(orgId: string, settings: ProviderSettings, src: BackendSource, dryRun: boolean): Promise<LiveConnector[]> {
  try {
    const { ConnectorsClient } = await import("../../provider/client/connectors-client");
    const requestTimeoutMs = Math.min(settings.requestTimeoutMs ?? 10_000, 10_000);
    // The whole settings object: its credentials, whichever kind the config reader resolved.
    const client = new ConnectorsClient({ ...settings, requestTimeoutMs, maxRetries: 2, ...src.client });
    return await client.list(orgId);
  } catch (err) {
    throw new OrgPlanError(codeOf(err) ?? "NETWORK_ERROR", unusable(orgId, err, settings, dryRun));
  }
}

/** Why the org check could not list an org, and what to do. Never quotes a credential. */
function unusable(orgId: string, err: unknown, settings: ProviderSettings, dryRun: boolean): string {
  const offline = dryRun ? `; or, ${OFFLINE_HINT}` : "";
  const listing = `The org check could not list the connectors of org "${orgId}" at ${settings.baseUrl}`;
  // The keys of the credentials in use: a fixed token, or the OAuth client that mints tokens.
  const token = settings.oauthClient
    ? "[wxcc:clientId], [wxcc:clientSecret] and [wxcc:refreshToken] (`pulumi config set --secret wxcc:refreshToken <refresh-token>` for a new grant)"
    : "`pulumi config set --secret wxcc:accessToken <token>` (or WXCC_ACCESS_TOKEN)";
  if (err instanceof BackendError && err.statusCode === 401) {
    return `${listing}: the backend refused the credentials (401 UNAUTHORIZED), so \`pulumi up\` would fail too; set valid ones with ${token}${offline}.`;
  }
  if (err instanceof BackendError && err.statusCode === 403) {
    return (
      `${listing}: the credentials are not valid for this org (403 FORBIDDEN), so \`pulumi up\` would fail too; check [wxcc:orgId] (or the resource's orgId) ` +
      `and set credentials for org "${orgId}" with ${token}${offline}.`
    );
  }
  const unreachable =
    err instanceof NetworkError ||
    err instanceof TimeoutError ||
    err instanceof InvalidResponseError ||
    (err instanceof BackendError && (err.statusCode ?? 0) >= 500);
  if (unreachable) {
    // These messages already name the URL and say to check `wxcc:baseUrl`.
    return `${listing}: ${(err as Error).message}; \`pulumi up\` needs the backend too${offline}.`;
  }
  return `${listing}: ${(err as Error).message}${offline}.`;
}
