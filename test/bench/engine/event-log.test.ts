import { describe, expect, it } from "vitest";
import { downWindows, inactiveMs, longestGapMs, untilGivenUp } from "../../../bench/engine/event-log";
import type { ConnectorEvent, RequestLogEntry } from "../../../emulator/logs";

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

const req = (connectorId: string, ms: number, tail = ""): RequestLogEntry => ({
  method: "POST",
  path: `/v1/organizations/acme/connectors/${connectorId}${tail}`,
  status: 200,
  time: at(ms),
});

describe("down windows", () => {
  it("end at the next ACTIVATE or DELETE, and a window still open ends at `until`", () => {
    const windows = downWindows(
      [ev("a", "DEACTIVATE", 0), ev("a", "ACTIVATE", 50), ev("b", "DEACTIVATE", 10), ev("b", "DELETE", 30), ev("c", "DEACTIVATE", 20)],
      Date.parse(at(500)),
    );
    expect(windows.map((w) => [w.connectorId, w.end, w.ms])).toEqual([
      ["a", "ACTIVATE", 50],
      ["b", "DELETE", 20],
      ["c", "open", 480],
    ]);
  });

  it("a window left open ends at the provider's last call about the connector, when it gave up", () => {
    const windows = untilGivenUp(downWindows([ev("c", "DEACTIVATE", 20)], Date.parse(at(500))), [
      req("c", 20, "/deactivate"),
      req("c", 120),
      req("c", 220, "/activate"),
      req("d", 300),
    ]);
    expect(windows.map((w) => [w.end, w.ms])).toEqual([["open", 200]]);
  });

  it("the longest pause between two calls about a connector while it was down", () => {
    const windows = downWindows([ev("a", "DEACTIVATE", 0), ev("a", "ACTIVATE", 3000)]);
    const requests = [req("a", 0, "/deactivate"), req("a", 100), req("a", 1100, "/activate"), req("a", 2900, "/activate"), req("b", 2000)];
    expect(longestGapMs(requests, windows, "a")).toBe(1800);
  });
});
