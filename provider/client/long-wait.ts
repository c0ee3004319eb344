import { reportLine } from "../progress";
import { formatSeconds, type RetryInfo } from "./call-loop";
import { LONG_WAIT_MS } from "./retry-policy";

/**
 * The client's default retry hook: a wait of {@link LONG_WAIT_MS} or more gets a progress
 * line in the `pulumi up` output, so a slow up says why it is slow, e.g.
 * `wxcc: PUT connector c-1 in org "acme": rate limited: waiting 30 s as the backend asked…`.
 * Shorter waits stay quiet (a rate-limited up would otherwise print one line per request).
 * A `Retry-After` over the provider's cap is never waited (the call fails saying so), so
 * every rate-limited wait reported here is the one the backend asked for.
 *
 * @example
 * ```ts
 * new ConnectorsClient({ baseUrl, accessToken, onRetry: reportLongWait });
 * ```
 */
export function reportLongWait(info: RetryInfo): void {
  if (info.delayMs < LONG_WAIT_MS) return;
  const wait = formatSeconds(info.delayMs);
  const why = info.asked ? `rate limited: waiting ${wait} as the backend asked…` : `${info.reason}: retrying in ${wait}…`;
  reportLine(`${info.label} in org "${info.orgId}"`, why);
}
