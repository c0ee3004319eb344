import { describe, expect, it } from "vitest";
import type { Connector } from "../../../contract";
import { useMockBackend } from "./mock-backend";

const ORIGIN = "http://backend.test";
const TOKEN = "tok-held-deactivation";
const ITEM = "/v1/organizations/acme/connectors/c-2";
const json = { headers: { "content-type": "application/json" } };
const inactive: Connector = {
  id: "c-2",
  orgId: "acme",
  type: "CUSTOM",
  name: "Second",
  status: "INACTIVE",
  version: 2,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
  custom: { authenticationType: "BASIC", domainUrl: "https://second.example.com", username: "svc" },
};

describe("a deactivation held in the shared gate while another connector is down", () => {
  const backend = useMockBackend(ORIGIN, TOKEN);

  it("hears that it waits (CallOptions.onHeld), is sent only once the other connector is back up, and hears its turn first", async () => {
    const [first, second] = await Promise.all([backend.gate.openWindow(), backend.gate.openWindow()]);
    first.wentDown();
    (await backend.gate.acquire({ window: true })).done("throttled", 0);
    backend
      .pool()
      .intercept({ path: `${ITEM}/deactivate`, method: "POST" })
      .reply(200, inactive, json);
    const heard: string[] = [];

    const deactivation = backend.client.deactivate("acme", "c-2", {
      downtime: "opening",
      onHeld: () => {
        heard.push(`waiting (${backend.client.requestCount} sent)`);
        return () => heard.push(`its turn (${backend.client.requestCount} sent)`);
      },
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(heard).toEqual(["waiting (0 sent)"]);

    first();
    expect(await deactivation).toEqual(inactive);
    expect(heard).toEqual(["waiting (0 sent)", "its turn (0 sent)"]);
    expect(backend.client.requestCount).toBe(1);
    second();
  });
});
