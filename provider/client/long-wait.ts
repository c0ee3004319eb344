import { reportLine } from "../progress";
import { formatSeconds, type RetryInfo } from "./call-loop";
import { LONG_WAIT_MS } from "./retry-policy";

/**
 * The client's default retry hook: a wait of {@link LONG_WAIT_MS} or more gets a progress
 * line in the `pulumi up` output, so a slow up says why it is slow, e.g.
 * `wxcc: PUT connector c-1 in org "acme": rate limited: waiting 30 s as the backend asked…`.
 * Shorter waits stay quiet (a rate-limited up would otherwise print one line per request).
 *
 * @example
 * ```ts
 * new ConnectorsClient({ baseUrl, accessToken, onRetry: reportLongWait });
 * ```
 */
export function reportLongWait(info: RetryInfo): void {
  if (info.delayMs < LONG_WAIT_MS) return;
  const wait = formatSeconds(info.delayMs);
  let why: string;
  if (!info.asked) why = `${info.reason}: retrying in ${wait}…`;
  else if (info.askedMs !== undefined && info.askedMs > info.delayMs) {
    why = `rate limited: the backend asked to wait ${formatSeconds(info.askedMs)}; waiting ${wait} (the most the provider waits at once), then retrying…`;
  } else why = `rate limited: waiting ${wait} as the backend asked…`;
  reportLine(`${info.label} in org "${info.orgId}"`, why);
}
