import type { ConnectorStatus } from "../contract/wire";

/** One non-admin request as the admin API reports it. `status` is 0 for a dropped connection. */
export interface RequestLogEntry {
  method: string;
  /** URL path without the query string. */
  path: string;
  status: number;
  /** ISO time the request arrived. */
  time: string;
}

/** What kind of change an event records. */
export type EventKind = "CREATE" | "ACTIVATE" | "DEACTIVATE" | "EDIT" | "DELETE";

/** One status change or edit of a connector; `from`/`to` are null where it did not exist. */
export interface ConnectorEvent {
  connectorId: string;
  orgId: string;
  from: ConnectorStatus | null;
  to: ConnectorStatus | null;
  at: string;
  kind: EventKind;
  /** Connector version after the change (absent for DELETE). */
  version?: number;
}

/** Logs live in memory for the life of the process; keep the newest entries only. */
export const LOG_CAPACITY = 50_000;

/** An append-only list that forgets its oldest entries past `capacity`. */
export class BoundedLog<T> {
  private items: T[] = [];
  constructor(private readonly capacity = LOG_CAPACITY) {}

  push(item: T): void {
    this.items.push(item);
    // Trim in batches so a full log does not shift the array on every push.
    if (this.items.length > this.capacity * 1.1) this.items = this.items.slice(-this.capacity);
  }

  list(): T[] {
    return this.items.length > this.capacity ? this.items.slice(-this.capacity) : [...this.items];
  }

  clear(): void {
    this.items = [];
  }
}
