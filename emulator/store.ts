import { randomBytes } from "node:crypto";
import { nameKey } from "../contract/name";
import type { ConnectorType } from "../contract/wire";
import type { StoredConnector } from "./model";

/**
 * Connectors per org, in creation order. Plain maps: the emulator is a single process
 * and every check-then-write happens synchronously, so no locking is needed.
 */
export class ConnectorStore {
  private readonly byOrg = new Map<string, Map<string, StoredConnector>>();

  /** A new opaque connector id; callers must not parse it. */
  static newId(): string {
    return `c-${randomBytes(10).toString("hex")}`;
  }

  list(orgId: string, type?: ConnectorType): StoredConnector[] {
    const all = [...(this.byOrg.get(orgId)?.values() ?? [])];
    return type ? all.filter((c) => c.type === type) : all;
  }

  get(orgId: string, id: string): StoredConnector | undefined {
    return this.byOrg.get(orgId)?.get(id);
  }

  /** Names are unique per org, compared case-insensitively (SPEC §1). */
  nameTaken(orgId: string, name: string, exceptId?: string): StoredConnector | undefined {
    const wanted = nameKey(name);
    for (const c of this.byOrg.get(orgId)?.values() ?? []) {
      if (c.id !== exceptId && nameKey(c.name) === wanted) return c;
    }
    return undefined;
  }

  /** How many connectors of `type` the org has, active or not. */
  count(orgId: string, type: ConnectorType): number {
    let n = 0;
    for (const c of this.byOrg.get(orgId)?.values() ?? []) if (c.type === type) n++;
    return n;
  }

  put(c: StoredConnector): void {
    let org = this.byOrg.get(c.orgId);
    if (!org) {
      org = new Map();
      this.byOrg.set(c.orgId, org);
    }
    org.set(c.id, c);
  }

  delete(orgId: string, id: string): boolean {
    return this.byOrg.get(orgId)?.delete(id) ?? false;
  }

  /** Every connector of every org, for the state file. */
  all(): StoredConnector[] {
    return [...this.byOrg.values()].flatMap((m) => [...m.values()]);
  }

  size(): number {
    let n = 0;
    for (const m of this.byOrg.values()) n += m.size;
    return n;
  }
}
