import * as undici from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { Agent, request } from "../../connectivity/undici-core";

// connectivity/undici-core.ts loads undici's Agent and request by their module paths, which
// are not undici's documented API. These tests fail when an undici release moves or
// changes them; package.json pins undici exactly so that none does unnoticed.

describe("undici's Agent and request, loaded without the rest of undici", () => {
  afterEach(() => undici.setGlobalDispatcher(new undici.Agent()));

  it("are the very Agent class undici exports, and a pinned undici", () => {
    expect(Agent).toBe(undici.Agent);
    const pkg = require("../../package.json") as { dependencies: Record<string, string> };
    expect(pkg.dependencies.undici).toMatch(/^\d+\.\d+\.\d+$/);
    expect((require("undici/package.json") as { version: string }).version).toBe(pkg.dependencies.undici);
  });

  it("sends method, path, query, headers and body through the given dispatcher, as undici's request does", async () => {
    const mock = new undici.MockAgent();
    mock.disableNetConnect();
    mock
      .get("https://api.example.com")
      .intercept({ method: "POST", path: "/v1/things?x=1&y=%C3%A9", headers: { authorization: "Bearer t" }, body: '{"a":1}' })
      .reply(201, { ok: true }, { headers: { "content-type": "application/json", etag: '"3"' } });
    const res = await request("https://api.example.com/v1/things?x=1&y=%C3%A9#frag", {
      method: "POST",
      headers: { authorization: "Bearer t" },
      body: '{"a":1}',
      dispatcher: mock,
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"3"');
    expect(await res.body.json()).toEqual({ ok: true });
  });

  it("uses undici's global dispatcher when none is given (a MockAgent set with setGlobalDispatcher)", async () => {
    const mock = new undici.MockAgent();
    mock.disableNetConnect();
    mock.get("http://127.0.0.1:9").intercept({ method: "GET", path: "/ping" }).reply(204, "");
    undici.setGlobalDispatcher(mock);
    expect((await request("http://127.0.0.1:9/ping", { method: "GET" })).statusCode).toBe(204);
  });

  it("rejects with undici's own errors: a refused connection keeps its code", async () => {
    const err = await request("http://127.0.0.1:9/", { method: "GET", dispatcher: new Agent({ connect: { timeout: 2_000 } }) }).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe("ECONNREFUSED");
  });
});
