import type { Agent as AgentClass, Dispatcher } from "undici";

// undici's `Agent` and `request` without the rest of undici. Its index loads every feature
// (fetch, WebSocket, EventSource, cookies, caches, mocks, proxies: 111 modules, and through
// the cookies module Node's own bundled copy of undici) into each process that sends a
// request: the provider plugin of every `pulumi up`, preview, refresh and destroy, and the
// program's org-listing thread. Measured here: ~100 ms to load the index, ~30 ms for these
// two (32 modules). The paths are undici's module layout, not its documented API, so
// package.json pins undici exactly, and test/connectivity/undici-core.test.ts fails when
// a release moves them (they must be the very classes and functions the index exports).
const agentModule: typeof AgentClass = require("undici/lib/dispatcher/agent");
const requestModule: (this: Dispatcher, opts: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData> = require("undici/lib/api/api-request");
const globalModule: { getGlobalDispatcher(): Dispatcher } = require("undici/lib/global");

/** undici's `Agent` (a keep-alive connection pool per origin). */
export const Agent = agentModule;
export type Agent = AgentClass;

/** The options of {@link request}: undici's request options, with the `dispatcher` to send through. */
export type RequestOptions = Omit<Dispatcher.RequestOptions, "origin" | "path" | "method"> & {
  method: Dispatcher.HttpMethod;
  /** Default: undici's global dispatcher (the one a `MockAgent` replaces with `setGlobalDispatcher`). */
  dispatcher?: Dispatcher;
};

/**
 * undici's `request(url, options)`: sends one request to the absolute `url` (its origin, path
 * and query; a fragment is not sent) and resolves with the response once its headers arrive.
 * Rejects with undici's errors (`UND_ERR_*` codes, `ECONNREFUSED`…) exactly as undici's own.
 *
 * @example
 * ```ts
 * const res = await request("https://api.example.com/v1/x?y=1", { method: "GET", dispatcher: new Agent() });
 * const text = await res.body.text();
 * ```
 */
export function request(url: string | URL, options: RequestOptions): Promise<Dispatcher.ResponseData> {
  const target = new URL(url);
  const { dispatcher = globalModule.getGlobalDispatcher(), ...rest } = options;
  return requestModule.call(dispatcher, { ...rest, origin: target.origin, path: `${target.pathname}${target.search}` });
}
