import { MockAgent, type MockPool } from "undici";
import { expect } from "vitest";
import { ConnectorsClient } from "../../../provider/client/connectors-client";
import { RateGate } from "../../../provider/client/rate-gate";
import { WxccError } from "../../../provider/errors";
import { suiteValue } from "../../support/suite-value";

/** A client wired to a MockAgent that refuses real network calls. */
export interface MockBackend {
  agent: MockAgent;
  /** The client's own limiter (not the process-wide one), so tests never slow each other down. */
  gate: RateGate;
  client: ConnectorsClient;
  /** Where interceptors for `origin` are registered. */
  pool(): MockPool;
}

/**
 * A fresh MockAgent, rate gate and client for every test (fast retries: base 1 ms, 2 re-sends); after
 * each test, every interceptor must have been used.
 *
 * @example
 * ```ts
 * const backend = useMockBackend("http://backend.test", "tok-1");
 * it("gets", async () => {
 *   backend.pool().intercept({ path: "/v1/organizations/acme/connectors/c-1" }).reply(404, "");
 *   expect(await backend.client.get("acme", "c-1")).toBeUndefined();
 * });
 * ```
 */
export function useMockBackend(origin: string, accessToken: string): MockBackend {
  return suiteValue(
    () => {
      const agent = new MockAgent();
      agent.disableNetConnect();
      const gate = new RateGate();
      const client = new ConnectorsClient({ baseUrl: origin, accessToken, dispatcher: agent, retryBaseMs: 1, maxRetries: 2, gate });
      return { agent, gate, client, pool: () => agent.get(origin) };
    },
    async ({ agent }) => {
      agent.assertNoPendingInterceptors();
      await agent.close();
    },
    { eachTest: true },
  );
}

/** The `WxccError` a client call fails with; no rendering of it may show any of `secrets`. */
export async function clientFailure(p: Promise<unknown>, secrets: string[]): Promise<WxccError> {
  const settled = await p.then(
    () => ({ failed: false as const }),
    (error: unknown) => ({ failed: true as const, error }),
  );
  if (!settled.failed) throw new Error("expected the call to fail");
  expect(settled.error).toBeInstanceOf(WxccError);
  const e = settled.error as WxccError;
  for (const text of [e.message, String(e), e.stack ?? ""]) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
  return e;
}
