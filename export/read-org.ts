import { ConnectorsClient, type Connector, type RetryInfo } from "../provider/client";
import { ExportError } from "./errors";

/** Where one org lives and how to authenticate to it. */
export interface OrgSource {
  baseUrl: string;
  orgId: string;
  /** Bearer token; goes to the client only, never into a message. */
  accessToken: string;
  /** Where this org's token came from (`--access-token`, `WXCC_ACCESS_TOKEN_ACME`…), for fixes. */
  tokenSource: string;
}

/** What the caller may pass through to the backend client (tests: a MockAgent; retries). */
export interface ReadOptions {
  dispatcher?: ConstructorParameters<typeof ConnectorsClient>[0]["dispatcher"];
  maxRetries?: number;
  retryBaseMs?: number;
  onRetry?: (orgId: string, info: RetryInfo) => void;
}

/** Duck-typed view of the client's errors (`provider/errors`), which carry these fields. */
interface ClientFailure {
  code?: string;
  statusCode?: number;
  trackingId?: string;
  message?: string;
}

/**
 * Every connector of an org, through the contract's `GET /connectors` with the provider's
 * backend client (its retries on 429/5xx/dropped connections included).
 *
 * @throws {ExportError} `READ_FAILED`, naming the org, the HTTP status and code, the
 *   trackingId and the fix (token, org id, base URL); never the token.
 * @example
 * const connectors = await readOrg({ baseUrl: "http://127.0.0.1:8787", orgId: "demo", accessToken, tokenSource: "WXCC_ACCESS_TOKEN" });
 */
export async function readOrg(source: OrgSource, opts: ReadOptions = {}): Promise<Connector[]> {
  const client = new ConnectorsClient({
    baseUrl: source.baseUrl,
    accessToken: source.accessToken,
    dispatcher: opts.dispatcher,
    maxRetries: opts.maxRetries,
    retryBaseMs: opts.retryBaseMs,
    onRetry: opts.onRetry && ((info) => opts.onRetry!(source.orgId, info)),
  });
  try {
    return await client.list(source.orgId);
  } catch (err) {
    throw readFailure(source, err as ClientFailure);
  }
}

function readFailure(source: OrgSource, err: ClientFailure): ExportError {
  const org = JSON.stringify(source.orgId);
  const status = err.statusCode !== undefined ? `${err.statusCode} ${err.code ?? ""}`.trim() : (err.code ?? "error");
  const tracking = err.trackingId ? ` (trackingId ${err.trackingId})` : "";
  const fix = fixFor(source, err);
  // The client's own message is already redacted; strip its fix, which speaks of `wxcc:*` stack config.
  const detail = err.statusCode === undefined && err.message ? `: ${err.message.split(" — ")[0]}` : "";
  const text = `cannot read the connectors of org ${org} at ${source.baseUrl}: ${status}${detail} — ${fix}${tracking}`;
  const redacted = source.accessToken ? text.split(source.accessToken).join("[REDACTED]") : text;
  return new ExportError("READ_FAILED", redacted, err.statusCode);
}

function fixFor(source: OrgSource, err: ClientFailure): string {
  switch (err.statusCode) {
    case 401:
      return `the access token from ${source.tokenSource} was rejected; pass a valid token for this org (see --help, "Credentials")`;
    case 403:
      return `the token from ${source.tokenSource} is not valid for org ${JSON.stringify(source.orgId)}; check the org id given to --org and give this org its own token with WXCC_ACCESS_TOKEN_<ORG>`;
    case 404:
      return "the backend has no such org or path; check the org id and that --base-url is the backend's root (without /v1)";
    case 429:
      return "the backend is rate limiting this token; wait a minute and run wxcc-export again";
    default:
      if (err.statusCode !== undefined && err.statusCode >= 500) return "the backend failed; run wxcc-export again later";
      if (err.statusCode === undefined) return "check --base-url (or WXCC_BASE_URL) and that the backend is up, then run wxcc-export again";
      return "see the backend's answer above and run wxcc-export again";
  }
}
