import type { IncomingMessage, ServerResponse } from "node:http";
import type { Dispatcher } from "undici";
import type { FaultInjector } from "./faults";
import type { IdpRegistry } from "./idp-registry";
import type { BoundedLog, ConnectorEvent, RequestLogEntry } from "./logs";
import type { OrgRegistry } from "./orgs";
import type { RateLimiter } from "./rate-limit";
import type { ConnectorStore } from "./store";
import type { WebexIntegrations } from "./webex-integrations";

/** Everything a running emulator holds; handlers receive it instead of reaching for globals. */
export interface EmulatorContext {
  /** Base URL as printed in the ready line. */
  url: string;
  adminToken: string;
  store: ConnectorStore;
  orgs: OrgRegistry;
  idp: IdpRegistry;
  /** Webex integrations of the token endpoint `/v1/access_token` and the access tokens it minted. */
  webex: WebexIntegrations;
  faults: FaultInjector;
  requestLog: BoundedLog<RequestLogEntry>;
  eventLog: BoundedLog<ConnectorEvent>;
  rateLimiter?: RateLimiter;
  /** Makes every change so far durable (no-op without `--state`). Await before acknowledging. */
  persist(): Promise<void>;
  /** Used for connectivity checks, so closing the emulator also closes its own outbound sockets. */
  dispatcher: Dispatcher;
}

/** One request being handled. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  trackingId: string;
  method: string;
  /** Path without query string. */
  path: string;
  query: URLSearchParams;
}
