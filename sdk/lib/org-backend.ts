import type { ClientOptions } from "../../provider/client/connectors-client";
import { type ConfigSource, type ProviderSettings, resolveSettings } from "../../provider/config";
import { ConfigError } from "../../provider/errors";
import { listOrgConnectors, OFFLINE_HINT } from "./org-listing";
import { backgroundListingAvailable, listOrgInBackground } from "./org-listing-thread";
import type { LiveConnector } from "./org-rules";
import { OrgPlanError } from "./program-failure";

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
 * Lists an org's connectors: on the listing thread (`org-listing-thread.ts`), or on this one
 * when tests inject client options (which cannot cross threads) or the thread is unavailable.
 * A few attempts of at most 10 s each.
 *
 * @throws OrgPlanError naming why the check could not run and the fix: the key of a refused
 *   credential, or the unreachable URL.
 */
export async function listOrg(orgId: string, settings: ProviderSettings, src: BackendSource, dryRun: boolean): Promise<LiveConnector[]> {
  const listing =
    src.client === undefined && backgroundListingAvailable()
      ? await listOrgInBackground(orgId, settings, dryRun)
      : await listOrgConnectors(orgId, settings, dryRun, src.client);
  if ("failure" in listing) throw new OrgPlanError(listing.failure.code, listing.failure.message);
  return listing.live;
}
