import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { LogSeverity } from "@pulumi/pulumi/proto/engine_pb";
import { engineAddress, SHOW_AFTER_MS } from "../../provider/engine-log";
import { onResourceRow, reportNote, reportProgress, reportWarning, useEngineAddress } from "../../provider/progress";
import type { Subject } from "../../provider/lifecycle/subject";
import { type FakeEngine, startFakeEngine } from "./support/fake-engine";

const crm: Subject = { resourceType: "CustomConnector", name: "CRM API", orgId: "acme", connectorId: "c-1" };
const sales: Subject = { resourceType: "SalesforceConnector", name: "Sales Cloud", orgId: "acme", connectorId: "c-2" };
const CRM_URN = "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/wxcc:CustomConnector::crm";
const SALES_URN = "urn:pulumi:dev::proj::e2e:index:Group$pulumi-nodejs:dynamic/wxcc:SalesforceConnector::sales";

/** Lines written to this process's stdout while `run` runs. */
async function stdoutDuring(run: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    lines.push(String(chunk).replace(/\n$/, ""));
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return lines;
}

describe("progress inside the dynamic-provider plugin (an engine to talk to), every line sent (showAfterMs 0)", () => {
  let engine: FakeEngine;
  beforeAll(async () => {
    engine = await startFakeEngine();
    await useEngineAddress(engine.address, { showAfterMs: 0 });
  });
  afterEach(() => {
    engine.logs.length = 0;
  });
  afterAll(async () => {
    await useEngineAddress(undefined);
    await engine.close();
  });

  it("shows a hook's steps on its resource's row, then done: ephemeral info messages with its URN, delivered before the hook settles", async () => {
    const stdout = await stdoutDuring(() =>
      onResourceRow(CRM_URN, async () => {
        for (const step of ["deactivating…", "editing…", "reactivating…"]) {
          reportProgress(crm, step);
          await new Promise((r) => setTimeout(r, 20));
        }
      }),
    );
    expect(engine.logs).toEqual([
      { severity: LogSeverity.INFO, urn: CRM_URN, ephemeral: true, message: 'wxcc: CustomConnector "CRM API" (c-1) in org "acme": deactivating…' },
      { severity: LogSeverity.INFO, urn: CRM_URN, ephemeral: true, message: 'wxcc: CustomConnector "CRM API" (c-1) in org "acme": editing…' },
      { severity: LogSeverity.INFO, urn: CRM_URN, ephemeral: true, message: 'wxcc: CustomConnector "CRM API" (c-1) in org "acme": reactivating…' },
      { severity: LogSeverity.INFO, urn: CRM_URN, ephemeral: true, message: 'wxcc: CustomConnector "CRM API" (c-1) in org "acme": done' },
    ]);
    expect(stdout).toEqual([]);
  });

  it("lets each resource wait for its own lines only: a row the engine is slow to take never holds up another", async () => {
    const other = "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/wxcc:CustomConnector::billing";
    const release = engine.hold(CRM_URN);
    let slowSettled = false;
    const slow = onResourceRow(CRM_URN, async () => reportProgress(crm, "deactivating…")).then(() => {
      slowSettled = true;
    });
    await onResourceRow(other, async () => reportProgress({ ...crm, name: "Billing" }, "deactivating…"));
    expect(engine.logs.filter((l) => l.urn === other).map((l) => l.message.split(": ").pop())).toEqual(["deactivating…", "done"]);
    expect(slowSettled).toBe(false);
    release();
    await slow;
    expect(engine.logs.filter((l) => l.urn === CRM_URN).map((l) => l.message.split(": ").pop())).toEqual(["deactivating…", "done"]);
  });

  it("keeps a warning: a non-ephemeral WARNING message with the resource's URN (no done: the row showed no step)", async () => {
    await onResourceRow(CRM_URN, async () => {
      reportWarning(crm, "not deleting the connector: another resource of this stack adopted it in this update");
    });
    expect(engine.logs).toEqual([
      {
        severity: LogSeverity.WARNING,
        urn: CRM_URN,
        ephemeral: false,
        message: 'wxcc: CustomConnector "CRM API" (c-1) in org "acme": not deleting the connector: another resource of this stack adopted it in this update',
      },
    ]);
  });

  it("attributes each line to its own resource when hooks of two resources run at once", async () => {
    const tick = () => new Promise((r) => setTimeout(r, 5));
    await Promise.all([
      onResourceRow(CRM_URN, async () => {
        reportProgress(crm, "deactivating…");
        await tick();
        reportProgress(crm, "editing…");
      }),
      onResourceRow(SALES_URN, async () => {
        await tick();
        reportProgress(sales, "deleting…");
      }),
    ]);
    const byUrn = (urn: string) => engine.logs.filter((l) => l.urn === urn).map((l) => l.message.split(": ").pop());
    expect(byUrn(CRM_URN)).toEqual(["deactivating…", "editing…", "done"]);
    expect(byUrn(SALES_URN)).toEqual(["deleting…", "done"]);
  });

  it("prints a line on stdout, as before, when the hook was given no URN (a state written before URNs were passed)", async () => {
    const stdout = await stdoutDuring(() => onResourceRow(undefined, async () => reportProgress(crm, "deleting…")));
    expect(stdout).toEqual(['wxcc: CustomConnector "CRM API" (c-1) in org "acme": deleting…']);
    expect(engine.logs).toEqual([]);
  });

  it("settles with the hook's result or error, the lines sent either way (no done after a failure or a silent hook)", async () => {
    await expect(onResourceRow(CRM_URN, async () => 42)).resolves.toBe(42);
    expect(engine.logs).toEqual([]);
    const failing = onResourceRow(CRM_URN, async () => {
      reportProgress(crm, "deactivating…");
      throw new Error("backend said no");
    });
    await expect(failing).rejects.toThrow("backend said no");
    expect(engine.logs.map((l) => [l.urn, l.message.split(": ").pop()])).toEqual([[CRM_URN, "deactivating…"]]);
  });
});

describe("progress on a row shows the steps that take time", () => {
  let engine: FakeEngine;
  const steps = () => engine.logs.map((l) => [l.urn, l.message.split(": ").pop(), l.ephemeral]);
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
  beforeAll(async () => {
    engine = await startFakeEngine();
  });
  afterEach(async () => {
    await useEngineAddress(undefined);
    engine.logs.length = 0;
  });
  afterAll(async () => {
    await engine.close();
  });

  it(`by default (SHOW_AFTER_MS = ${SHOW_AFTER_MS} ms) a fast change sends no Log call at all, not even done`, async () => {
    await useEngineAddress(engine.address);
    await onResourceRow(CRM_URN, async () => {
      reportProgress(crm, "deactivating…");
      reportProgress(crm, "deleting…");
    });
    await wait(SHOW_AFTER_MS + 50);
    expect(engine.logs).toEqual([]);
  });

  it("by default a step that lasts longer than SHOW_AFTER_MS shows on the row, then done", async () => {
    await useEngineAddress(engine.address);
    await onResourceRow(CRM_URN, async () => {
      reportProgress(crm, "deactivating…");
      await wait(SHOW_AFTER_MS + 100);
    });
    expect(steps()).toEqual([
      [CRM_URN, "deactivating…", true],
      [CRM_URN, "done", true],
    ]);
  });

  it("replaces a first line not shown yet by a newer one; once the row shows a step, each next one is sent at once", async () => {
    await useEngineAddress(engine.address, { showAfterMs: 40 });
    await onResourceRow(CRM_URN, async () => {
      reportProgress(crm, "deactivating…");
      await wait(5);
      reportProgress(crm, "editing…");
      await wait(120);
      reportProgress(crm, "reactivating…");
    });
    expect(steps()).toEqual([
      [CRM_URN, "editing…", true],
      [CRM_URN, "reactivating…", true],
      [CRM_URN, "done", true],
    ]);
  });

  it("sends a warning and a note at once, even in a fast hook, kept (not ephemeral); they do not make the fast steps worth a line, nor a done", async () => {
    await useEngineAddress(engine.address, { showAfterMs: 1000 });
    await onResourceRow(CRM_URN, async () => {
      reportNote(crm, "one edit cycle applies the declared settings (domainUrl) and secrets");
      reportProgress(crm, "deleting…");
      reportWarning(crm, "not deleting the connector: another resource of this stack keeps it");
    });
    expect(engine.logs.map((l) => [l.severity, l.message.split(": ").pop(), l.ephemeral])).toEqual([
      [LogSeverity.INFO, "one edit cycle applies the declared settings (domainUrl) and secrets", false],
      [LogSeverity.WARNING, "another resource of this stack keeps it", false],
    ]);
  });

  it("drops a first line not shown yet when the hook fails fast: nothing sent, no done", async () => {
    await useEngineAddress(engine.address, { showAfterMs: 40 });
    const failing = onResourceRow(CRM_URN, async () => {
      reportProgress(crm, "deactivating…");
      throw new Error("backend said no");
    });
    await expect(failing).rejects.toThrow("backend said no");
    await wait(80);
    expect(steps()).toEqual([]);
  });

  it("keeps every line of a row that showed a step when the hook fails, and sends no done", async () => {
    await useEngineAddress(engine.address, { showAfterMs: 40 });
    const failing = onResourceRow(CRM_URN, async () => {
      reportProgress(crm, "deactivating…");
      await wait(120);
      reportProgress(crm, "delete failed: reactivating the connector as it was…");
      throw new Error("backend said no");
    });
    await expect(failing).rejects.toThrow("backend said no");
    expect(steps()).toEqual([
      [CRM_URN, "deactivating…", true],
      [CRM_URN, "reactivating the connector as it was…", true],
    ]);
  });

  it("keeps rows apart: a slow step of one resource shows while a fast one of another sends nothing", async () => {
    await useEngineAddress(engine.address, { showAfterMs: 40 });
    await Promise.all([
      onResourceRow(CRM_URN, async () => {
        reportProgress(crm, "deactivating…");
        await wait(120);
      }),
      onResourceRow(SALES_URN, async () => reportProgress(sales, "deleting…")),
    ]);
    expect(steps()).toEqual([
      [CRM_URN, "deactivating…", true],
      [CRM_URN, "done", true],
    ]);
  });
});

describe("progress when the engine does not answer", () => {
  it("falls back to a stdout line per step", async () => {
    const gone = await startFakeEngine();
    await gone.close();
    await useEngineAddress(gone.address, { showAfterMs: 0 });
    try {
      const stdout = await stdoutDuring(() => onResourceRow(CRM_URN, async () => reportProgress(crm, "deactivating…")));
      expect(stdout).toEqual([
        'wxcc: CustomConnector "CRM API" (c-1) in org "acme": deactivating…',
        'wxcc: CustomConnector "CRM API" (c-1) in org "acme": done',
      ]);
    } finally {
      await useEngineAddress(undefined);
    }
  });
});

describe("progress outside the plugin (no engine address)", () => {
  it("prints stdout lines even with a URN", async () => {
    const stdout = await stdoutDuring(() => onResourceRow(CRM_URN, async () => reportProgress(crm, "creating…")));
    expect(stdout).toEqual(['wxcc: CustomConnector "CRM API" (c-1) in org "acme": creating…', 'wxcc: CustomConnector "CRM API" (c-1) in org "acme": done']);
  });
});

describe("engineAddress", () => {
  const script = "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";

  it("is the last argument of the dynamic-provider plugin", () => {
    expect(engineAddress(["node", script, "127.0.0.1:40123"])).toBe("127.0.0.1:40123");
    expect(engineAddress(["node", script, "--logtostderr", "-v=9", "--tracing", "http://t", "127.0.0.1:40123"])).toBe("127.0.0.1:40123");
    expect(engineAddress(["node", "C:\\p\\node_modules\\@pulumi\\pulumi\\cmd\\dynamic-provider", "localhost:5"])).toBe("localhost:5");
  });

  it("is undefined in any other process or without an address", () => {
    expect(engineAddress(["node", "/p/index.js", "127.0.0.1:40123"])).toBeUndefined();
    expect(engineAddress(["node"])).toBeUndefined();
    expect(engineAddress(["node", script])).toBeUndefined();
    expect(engineAddress(["node", script, "--logtostderr"])).toBeUndefined();
  });
});
