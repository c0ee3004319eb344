import { connect } from "node:net";
import { request } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { basicBody, useTestEmulator } from "./support";

// A `delayMs` fault holds a request before handling it, like a slow backend. A client that
// stops waiting does not recall a request the server has received in full: it still lands
// when the delay is over. Bodiless calls always did; these are the calls with a body.
const t = useTestEmulator();
const DELAY_MS = 400;
const GIVE_UP_MS = 100;

let currentToken = "";
beforeEach(async () => {
  currentToken = (await t.freshOrg()).token;
});
afterEach(async () => {
  await t.admin.clearFaults();
});

/** Sends a request and stops waiting for its answer after {@link GIVE_UP_MS} (undici closes the connection). */
async function sendAndGiveUp(method: "POST" | "PUT", suffix: string, body: unknown): Promise<void> {
  const err = await request(t.connectors(suffix), {
    method,
    headers: { authorization: `Bearer ${currentToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(GIVE_UP_MS),
  }).catch((e: Error) => e);
  expect(err).toBeInstanceOf(Error);
}

const settle = () => new Promise((r) => setTimeout(r, DELAY_MS + 300));

describe("a request held by a delayMs fault whose client gave up", () => {
  it("creates the connector when the delay is over (POST)", async () => {
    await t.admin.injectFault({ method: "POST", path: "/connectors$", delayMs: DELAY_MS, times: 1 });
    await sendAndGiveUp("POST", "", basicBody("Late Create"));
    expect((await t.api("GET")).body.items).toEqual([]);
    await settle();
    const items = (await t.api("GET")).body.items as Array<{ name: string; status: string; version: number; orgId: string }>;
    expect(items).toMatchObject([{ name: "Late Create", status: "ACTIVE", version: 1 }]);
    // The event log has the change; the answer never left (the request log says 0: none sent).
    expect((await t.admin.events()).filter((e) => e.orgId === items[0]!.orgId).map((e) => e.kind)).toEqual(["CREATE"]);
  });

  it("edits the connector when the delay is over (PUT), one version up", async () => {
    const c = (await t.api("POST", "", { body: basicBody("Late Edit") })).body;
    await t.api("POST", `/${c.id}/deactivate`);
    await t.admin.injectFault({ method: "PUT", path: `/${c.id}$`, delayMs: DELAY_MS, times: 1 });
    await sendAndGiveUp("PUT", `/${c.id}`, basicBody("Late Edit", { username: "edited-late" }));
    expect((await t.api("GET", `/${c.id}`)).body.custom.username).toBe("svc");
    await settle();
    expect((await t.api("GET", `/${c.id}`)).body).toMatchObject({ version: 3, status: "INACTIVE", custom: { username: "edited-late" } });
  });

  it("deactivates when the delay is over (a bodiless call, as before)", async () => {
    const c = (await t.api("POST", "", { body: basicBody("Late Deactivate") })).body;
    await t.admin.injectFault({ method: "POST", path: "/deactivate$", delayMs: DELAY_MS, times: 1 });
    await sendAndGiveUp("POST", `/${c.id}/deactivate`, {});
    await settle();
    expect((await t.api("GET", `/${c.id}`)).body).toMatchObject({ status: "INACTIVE", version: 2 });
  });

  it("changes nothing when the client cut the body short: the server never had the whole request", async () => {
    await t.admin.injectFault({ method: "POST", path: "/connectors$", delayMs: DELAY_MS, times: 1 });
    const url = new URL(t.connectors());
    const body = JSON.stringify(basicBody("Cut Short"));
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          `POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\nauthorization: Bearer ${currentToken}\r\n` +
            `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 20)}`,
          () =>
            setTimeout(() => {
              socket.destroy();
              resolve();
            }, GIVE_UP_MS),
        );
      });
      socket.on("error", reject);
    });
    await settle();
    expect((await t.api("GET")).body.items).toEqual([]);
  });
});
