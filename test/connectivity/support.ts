import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { beforeAll } from "vitest";
import { rsaKeyPair, type TestEmulator, useTestEmulator } from "../emulator/support";

/**
 * The test file's emulator playing every authorization server, with what the suites use
 * registered before the tests: a Connected App (`keys`), an OAuth 2.0 client, a Basic user.
 *
 * @example
 * ```ts
 * const { t } = useIdps();
 * it("accepts the registered Basic user", async () => {
 *   expect(await verifyBasic({ validationUrl: `${t.emu.url}/basic/validate`, username: "svc", password: "pa:ss" })).toEqual({ ok: true });
 * });
 * ```
 */
export function useIdps(): { t: TestEmulator; keys: ReturnType<typeof rsaKeyPair> } {
  const t = useTestEmulator();
  const keys = rsaKeyPair();
  beforeAll(async () => {
    await t.admin.registerSalesforceApp({ clientId: "3MVG9-client", publicKeyPem: keys.publicKeyPem, users: ["ops@example.com"] });
    await t.admin.registerOAuthClient({ clientId: "c 1", clientSecret: "s:e/cret+%", users: [{ username: "bob", password: "bob-pw" }] });
    await t.admin.registerBasicUser({ username: "svc", password: "pa:ss" });
  });
  return { t, keys };
}

/** A one-shot server that records the request and answers with `reply`. */
export async function recorder(reply: (req: IncomingMessage, body: string) => { status: number; body: unknown }) {
  const seen: Array<{ req: IncomingMessage; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ req, body });
      const r = reply(req, body);
      res.writeHead(r.status, { "content-type": "application/json" }).end(JSON.stringify(r.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise((r) => server.close(r)) };
}
