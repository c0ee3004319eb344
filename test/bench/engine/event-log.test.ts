import { describe, expect, it } from "vitest";
import { inactiveMs } from "../../../bench/engine/event-log";
import type { ConnectorEvent } from "../../../emulator/logs";

const at = (ms: number) => new Date(Date.UTC(2025, 0, 1) + ms).toISOString();
const ev = (connectorId: string, kind: ConnectorEvent["kind"], ms: number): ConnectorEvent => ({
  connectorId,
  orgId: "acme",
  kind,
  at: at(ms),
  from: kind === "CREATE" ? null : kind === "ACTIVATE" ? "INACTIVE" : "ACTIVE",
  to: kind === "DEACTIVATE" || kind === "EDIT" ? "INACTIVE" : "ACTIVE",
});

describe("inactiveMs", () => {
  it("measures each DEACTIVATE to the next ACTIVATE of the same connector, across interleaved connectors", () => {
    const events = [
      ev("a", "CREATE", 0),
      ev("a", "DEACTIVATE", 100),
      ev("b", "DEACTIVATE", 110),
      ev("a", "EDIT", 120),
      ev("b", "ACTIVATE", 150),
      ev("a", "ACTIVATE", 160),
      ev("a", "DEACTIVATE", 1000),
      ev("a", "ACTIVATE", 1007),
    ];
    expect(inactiveMs(events)).toEqual([
      { connectorId: "b", ms: 40 },
      { connectorId: "a", ms: 60 },
      { connectorId: "a", ms: 7 },
    ]);
  });

  it("ignores an ACTIVATE without a DEACTIVATE before it and a span still open", () => {
    expect(inactiveMs([ev("a", "ACTIVATE", 5), ev("b", "DEACTIVATE", 10)])).toEqual([]);
  });
});
