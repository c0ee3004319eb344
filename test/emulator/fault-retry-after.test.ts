import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EmulatorAdminError } from "../../emulator/admin-client";
import { useTestEmulator } from "./support";

const t = useTestEmulator();
beforeEach(async () => {
  await t.freshOrg();
});
afterEach(async () => {
  await t.admin.clearFaults();
});

describe("a fault's retryAfter", () => {
  it("sets the Retry-After of the injected answer, e.g. a 429 asking for a day", async () => {
    await t.admin.injectFault({ method: "GET", path: "/connectors$", status: 429, retryAfter: 86400, times: 1 });
    const r = await t.api("GET");
    expect(r.status).toBe(429);
    expect(r.body.code).toBe("RATE_LIMITED");
    expect(r.headers["retry-after"]).toBe("86400");
    expect((await t.api("GET")).status).toBe(200);
  });

  it("goes on any injected status (a 503 asking for 7 s), and applies to `after` answers too", async () => {
    await t.admin.injectFault({ method: "GET", path: "/connectors$", status: 503, retryAfter: 7, after: true, times: 1 });
    const r = await t.api("GET");
    expect(r.status).toBe(503);
    expect(r.headers["retry-after"]).toBe("7");
  });

  it("is absent on a non-429 fault that does not set it, and 1 s on a 429 that does not", async () => {
    await t.admin.injectFault({ method: "GET", path: "/connectors$", status: 500, times: 1 });
    expect((await t.api("GET")).headers["retry-after"]).toBeUndefined();
    await t.admin.injectFault({ method: "GET", path: "/connectors$", status: 429, times: 1 });
    expect((await t.api("GET")).headers["retry-after"]).toBe("1");
  });

  it("is refused, naming [retryAfter], when not whole seconds 0-86400 or without a status", async () => {
    for (const bad of [
      { status: 429, retryAfter: -1 },
      { status: 429, retryAfter: 1.5 },
      { status: 429, retryAfter: 86401 },
      { drop: true, retryAfter: 5 },
    ]) {
      const err = await t.admin.injectFault({ path: "x", times: 1, ...bad }).catch((e: EmulatorAdminError) => e);
      expect(err).toBeInstanceOf(EmulatorAdminError);
      expect((err as EmulatorAdminError).statusCode).toBe(400);
      expect((err as EmulatorAdminError).message).toContain("[retryAfter]");
    }
  });
});
