import type { ConnectorEvent } from "../../emulator/logs";

/**
 * Every INACTIVE span that an ACTIVATE ended, from the emulator's event log: the time from
 * a connector's DEACTIVATE to its next ACTIVATE. Spans still open are left out.
 *
 * @example
 * inactiveMs(await admin.events({ orgId: "acme" })); // [{ connectorId: "c-1", ms: 41 }, …]
 */
export function inactiveMs(events: ConnectorEvent[]): Array<{ connectorId: string; ms: number }> {
  const since = new Map<string, number>();
  const out: Array<{ connectorId: string; ms: number }> = [];
  for (const e of events) {
    if (e.kind === "DEACTIVATE") since.set(e.connectorId, Date.parse(e.at));
    if (e.kind === "ACTIVATE" && since.has(e.connectorId)) {
      out.push({ connectorId: e.connectorId, ms: Date.parse(e.at) - since.get(e.connectorId)! });
      since.delete(e.connectorId);
    }
  }
  return out;
}
