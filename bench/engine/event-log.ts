import type { ConnectorEvent, RequestLogEntry } from "../../emulator/logs";

/**
 * Every INACTIVE span that an ACTIVATE ended, from the emulator's event log: the time from
 * a connector's DEACTIVATE to its next ACTIVATE. Spans still open are left out.
 *
 * @example
 * inactiveMs(await admin.events({ orgId: "acme" })); // [{ connectorId: "c-1", ms: 41 }, …]
 */
export function inactiveMs(events: ConnectorEvent[]): Array<{ connectorId: string; ms: number }> {
  return downWindows(events)
    .filter((w) => w.end === "ACTIVATE")
    .map(({ connectorId, ms }) => ({ connectorId, ms }));
}

/** One span a connector spent deactivated, from the event log. */
export interface DownWindow {
  connectorId: string;
  /** Epoch ms of the DEACTIVATE. */
  from: number;
  /** Epoch ms of what ended it, or `until` when still open. */
  to: number;
  ms: number;
  /** What ended it: reactivated, deleted (a delete's deactivate → DELETE), or still down at `until`. */
  end: "ACTIVATE" | "DELETE" | "open";
}

/**
 * Every span from a connector's DEACTIVATE to its next ACTIVATE or DELETE; spans still open
 * at `until` (epoch ms; default: the last event) end there with `end: "open"`.
 *
 * @example
 * downWindows(await admin.events({ orgId }), Date.now()).filter((w) => w.end !== "DELETE");
 */
export function downWindows(events: ConnectorEvent[], until?: number): DownWindow[] {
  const since = new Map<string, number>();
  const out: DownWindow[] = [];
  let last = 0;
  for (const e of events) {
    const at = Date.parse(e.at);
    last = Math.max(last, at);
    if (e.kind === "DEACTIVATE") since.set(e.connectorId, at);
    const from = since.get(e.connectorId);
    if ((e.kind === "ACTIVATE" || e.kind === "DELETE") && from !== undefined) {
      out.push({ connectorId: e.connectorId, from, to: at, ms: at - from, end: e.kind });
      since.delete(e.connectorId);
    }
  }
  const end = until ?? last;
  for (const [connectorId, from] of since) out.push({ connectorId, from, to: end, ms: Math.max(0, end - from), end: "open" });
  return out;
}

/**
 * Ends each window still open (the connector was left INACTIVE, the error says so) at the
 * last request about that connector: how long the provider kept it down before giving up,
 * rather than how long the rest of the `pulumi up` happened to take.
 *
 * @example
 * untilGivenUp(downWindows(events, endedAt), await admin.requests());
 */
export function untilGivenUp(windows: DownWindow[], requests: RequestLogEntry[]): DownWindow[] {
  return windows.map((w) => {
    if (w.end !== "open") return w;
    const times = requests
      .filter((r) => r.path.includes(`/connectors/${w.connectorId}`))
      .map((r) => Date.parse(r.time))
      .filter((t) => t >= w.from && t <= w.to);
    const to = Math.max(w.from, ...times);
    return { ...w, to, ms: to - w.from };
  });
}

/**
 * The longest pause between two consecutive contract requests about one connector inside
 * a down window (from the request log): while it is down, the provider's longest single
 * wait (a `Retry-After`, a backoff or a request timeout), plus the request's own time.
 *
 * @example
 * longestGapMs(await admin.requests(), windows.filter((w) => w.connectorId === id), id);
 */
export function longestGapMs(requests: RequestLogEntry[], windows: DownWindow[], connectorId: string): number {
  const times = requests.filter((r) => r.path.includes(`/connectors/${connectorId}`)).map((r) => Date.parse(r.time));
  let longest = 0;
  for (const w of windows) {
    // An open window's end is when someone looked, not a request: it is not a wait.
    const inside = [w.from, ...times.filter((t) => t > w.from && t <= w.to), ...(w.end === "open" ? [] : [w.to])];
    for (let i = 1; i < inside.length; i++) longest = Math.max(longest, inside[i]! - inside[i - 1]!);
  }
  return longest;
}
