import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../../emulator/index";
import { ConnectorsClient } from "../../../provider/client/connectors-client";
import type { ConnectorWrite } from "../../../contract";

const ORG = "client-org";
const TOKEN = "client-token-789";

const basic = (name: string, username = "svc"): ConnectorWrite => ({
  type: "CUSTOM",
  name,
  custom: { authenticationType: "BASIC", domainUrl: "https://api.example.com", username, password: "basic-pass-123" },
});

describe("ConnectorsClient against the emulator over loopback", () => {
  let emu: RunningEmulator;
  let client: ConnectorsClient;

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, orgs: [{ orgId: ORG, token: TOKEN }] });
    client = new ConnectorsClient({ baseUrl: emu.url, accessToken: TOKEN, retryBaseMs: 1 });
  });
  afterAll(() => emu.close());

  it("creates, reads, lists, deactivates, edits, reactivates and deletes a Basic connector", async () => {
    const created = await client.create(ORG, basic("Billing"));
    expect([created.status, created.version, created.custom?.username]).toEqual(["ACTIVE", 1, "svc"]);
    expect(await client.get(ORG, created.id)).toEqual(created);
    expect((await client.list(ORG, "CUSTOM")).map((c) => c.id)).toEqual([created.id]);

    const inactive = await client.deactivate(ORG, created.id);
    expect(inactive.status).toBe("INACTIVE");
    const edited = await client.replace(ORG, created.id, basic("Billing", "svc2"), { ifMatch: inactive.version });
    expect([edited.custom?.username, edited.version]).toEqual(["svc2", inactive.version + 1]);
    expect((await client.activate(ORG, created.id)).status).toBe("ACTIVE");

    await client.deactivate(ORG, created.id);
    await client.delete(ORG, created.id);
    expect(await client.get(ORG, created.id)).toBeUndefined();
    await client.delete(ORG, created.id); // already gone: still success
  });

  it("reports editing an active connector as CONNECTOR_ACTIVE without retrying", async () => {
    const c = await client.create(ORG, basic("Support"));
    const before = client.requestCount;
    await expect(client.replace(ORG, c.id, basic("Support", "x"))).rejects.toMatchObject({
      code: "CONNECTOR_ACTIVE",
      statusCode: 409,
      message: expect.stringContaining(`Backend refused PUT connector ${c.id} in org "${ORG}": 409 CONNECTOR_ACTIVE`),
    });
    expect(client.requestCount - before).toBe(1);
  });

  it("says the token is not valid for another org", async () => {
    await expect(client.list("someone-else")).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining('org "someone-else"') });
  });
});
