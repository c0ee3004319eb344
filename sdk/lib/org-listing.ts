import type { ClientOptions } from "../../provider/client/connectors-client";
import type { ProviderSettings } from "../../provider/config";
import { BackendError, codeOf, InvalidResponseError, NetworkError, type OrgPlanErrorCode, TimeoutError } from "../../provider/errors";
import type { LiveConnector } from "./org-rules";

/** The sentence a preview failure ends with: how to preview without the backend. */
export const OFFLINE_HINT = "to preview without the backend, run `pulumi config set wxcc:offlinePreview true`";

/**
 * One org's listing: its live connectors, or why it could not be listed (a message naming
 * the fix, never a credential). Plain data, so it crosses from the listing thread.
 */
export type OrgListing = { live: LiveConnector[] } | { failure: { code: OrgPlanErrorCode; message: string } };

/**
 * Lists an org's connectors through the provider's client (loaded only now, so a program
 * that never lists never loads it): a few attempts of at most 10 s each. Never throws.
 * Free of `@pulumi/pulumi`, so that the listing thread (`org-listing-thread.ts`) can run it.
 *
 * @example
 * const listing = await listOrgConnectors("acme", settings, true);
 * if ("failure" in listing) console.error(listing.failure.message); // "The org check could not list … (401 UNAUTHORIZED) …"
 */
export async function listOrgConnectors(orgId: string, settings: ProviderSettings, dryRun: boolean, client?: Partial<ClientOptions>): Promise<OrgListing> {
  try {
    const { ConnectorsClient } = await import("../../provider/client/connectors-client");
    const requestTimeoutMs = Math.min(settings.requestTimeoutMs ?? 10_000, 10_000);
    // The whole settings object: its credentials, whichever kind the config reader resolved.
    const connectors = new ConnectorsClient({ ...settings, requestTimeoutMs, maxRetries: 2, ...client });
    return { live: await connectors.list(orgId) };
  } catch (err) {
    return { failure: { code: codeOf(err) ?? "NETWORK_ERROR", message: unusable(orgId, err, settings, dryRun) } };
  }
}

/** Why the org check could not list an org, and what to do. Never quotes a credential. */
function unusable(orgId: string, err: unknown, settings: ProviderSettings, dryRun: boolean): string {
  // A preview says what the up would do and how to preview without the backend; an up is the up.
  const offline = dryRun ? `; or, ${OFFLINE_HINT}` : "";
  const upToo = dryRun ? ", so `pulumi up` would fail too" : "";
  const listing = `The org check could not list the connectors of org "${orgId}" at ${settings.baseUrl}`;
  // The keys of the credentials in use: a fixed token, or the OAuth client that mints tokens.
  const token = settings.oauthClient
    ? "[wxcc:clientId], [wxcc:clientSecret] and [wxcc:refreshToken] (`pulumi config set --secret wxcc:refreshToken <refresh-token>` for a new grant)"
    : "`pulumi config set --secret wxcc:accessToken <token>` (or WXCC_ACCESS_TOKEN)";
  if (err instanceof BackendError && err.statusCode === 401) {
    return `${listing}: the backend refused the credentials (401 UNAUTHORIZED)${upToo}; set valid ones with ${token}${offline}.`;
  }
  if (err instanceof BackendError && err.statusCode === 403) {
    return (
      `${listing}: the credentials are not valid for this org (403 FORBIDDEN)${upToo}; check [wxcc:orgId] (or the resource's orgId) ` +
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
    return `${listing}: ${(err as Error).message}${dryRun ? "; `pulumi up` needs the backend too" : ""}${offline}.`;
  }
  return `${listing}: ${(err as Error).message}${offline}.`;
}
