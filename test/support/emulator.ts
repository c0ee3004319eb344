import { randomBytes } from "node:crypto";
import { request } from "undici";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import type { ConnectorEvent } from "../../emulator/logs";
import type { Connector } from "../../contract";

/** An org of the running emulator with its bearer token. */
export interface TestOrg {
  orgId: string;
  token: string;
}

/** An emulator started for one test file (loopback, any free port). */
export interface LifecycleEmulator {
  emu: RunningEmulator;
  url: string;
  admin: EmulatorAdmin;
  /** Registers a new org (own limits, own token), so tests never share connectors. */
  freshOrg(): Promise<TestOrg>;
  /** Calls the contract directly, as an admin would by hand in the Control Hub. */
  byHand(org: TestOrg): HandOperator;
  /** `[kind, from, to]` of every recorded change of one connector, oldest first. */
  transitions(connectorId: string): Promise<Transition[]>;
  close(): Promise<void>;
}

/** One entry of the emulator's event log as `[kind, from, to]`, e.g. `["DEACTIVATE", "ACTIVE", "INACTIVE"]`. */
export type Transition = [ConnectorEvent["kind"], ConnectorEvent["from"], ConnectorEvent["to"]];

/** Direct contract calls that bypass the provider (drift, pre-existing connectors). */
export interface HandOperator {
  get(id: string): Promise<Connector | undefined>;
  list(): Promise<Connector[]>;
  create(body: unknown): Promise<Connector>;
  deactivate(id: string): Promise<Connector>;
  activate(id: string): Promise<Connector>;
  replace(id: string, body: unknown): Promise<Connector>;
  delete(id: string): Promise<void>;
  /** deactivate → PUT → activate, as an admin edits a live connector. */
  edit(id: string, body: unknown): Promise<Connector>;
}

let counter = 0;

/**
 * Starts an emulator for a test file.
 *
 * @example
 * ```ts
 * const env = await startLifecycleEmulator();
 * const org = await env.freshOrg();
 * afterAll(() => env.close());
 * ```
 */
export async function startLifecycleEmulator(): Promise<LifecycleEmulator> {
  const emu = await startEmulator({ port: 0, orgs: [] });
  const admin = new EmulatorAdmin(emu.url, emu.adminToken);
  return {
    emu,
    url: emu.url,
    admin,
    freshOrg: async () => {
      counter += 1;
      const org = { orgId: `org-${process.pid}-${counter}`, token: `tok-${randomBytes(12).toString("hex")}` };
      await admin.registerOrg(org);
      return org;
    },
    byHand: (org) => handOperator(emu.url, org),
    transitions: async (connectorId) => (await admin.events({ connectorId })).map((e): Transition => [e.kind, e.from, e.to]),
    close: () => emu.close(),
  };
}

/**
 * Contract calls as an admin makes them by hand, against any emulator URL (also one
 * running as its own process).
 *
 * @example
 * ```ts
 * const live = await handOperator(emu.url, { orgId: "acme", token: "acme-token" }).list();
 * ```
 */
export function handOperator(url: string, org: TestOrg): HandOperator {
  const base = `${url}/v1/organizations/${org.orgId}/connectors`;
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> => {
    const res = await request(`${base}${path}`, {
      method: method as "GET",
      headers: { authorization: `Bearer ${org.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    const json = text ? JSON.parse(text) : undefined;
    return { status: res.statusCode, json };
  };
  const ok = async (method: string, path: string, body?: unknown) => {
    const r = await call(method, path, body);
    if (r.status >= 300) throw new Error(`by hand: ${method} ${path} → ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  };
  const hand: HandOperator = {
    get: async (id) => {
      const r = await call("GET", `/${id}`);
      return r.status === 404 ? undefined : r.json;
    },
    list: async () => (await ok("GET", "")).items,
    create: (body) => ok("POST", "", body),
    deactivate: (id) => ok("POST", `/${id}/deactivate`),
    activate: (id) => ok("POST", `/${id}/activate`),
    replace: (id, body) => ok("PUT", `/${id}`, body),
    delete: async (id) => {
      await ok("DELETE", `/${id}`);
    },
    edit: async (id, body) => {
      await hand.deactivate(id);
      await hand.replace(id, body);
      return hand.activate(id);
    },
  };
  return hand;
}
