import { request } from "undici";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator/index";
import { registerConnectedApp, type RsaKeyPair } from "../../harness/identities";
import { suiteValue } from "../support/suite-value";

/** A response as a test sees it. */
export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  text: string;
}

/** Sends one HTTP request and reads the whole reply. */
export async function http(
  url: string,
  init: { method?: string; token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers["content-type"] = "application/json";
  }
  const res = await request(url, { method: (init.method ?? "GET") as "GET", headers, body });
  const text = await res.body.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.statusCode, headers: res.headers, body: parsed, text };
}

export { rsaKeyPair } from "../../harness/identities";

/** An emulator for one test file, with helpers bound to its URL and the demo org. */
export interface TestEmulator {
  emu: RunningEmulator;
  admin: EmulatorAdmin;
  /** Contract URL for `orgId` (default demo), plus `suffix`. */
  connectors(suffix?: string, orgId?: string): string;
  /** Calls the contract as the demo org (or with `token`). */
  api(
    method: string,
    suffix?: string,
    init?: { body?: unknown; raw?: string; token?: string; orgId?: string; headers?: Record<string, string> },
  ): Promise<Reply>;
  /** Registers a new org and makes it the default of `api()` and `connectors()`, so tests do not share limits. */
  freshOrg(): Promise<{ orgId: string; token: string }>;
}

let orgCounter = 0;

export async function startTestEmulator(opts: EmulatorOptions = {}): Promise<TestEmulator> {
  const emu = await startEmulator({ port: 0, ...opts });
  const admin = new EmulatorAdmin(emu.url, emu.adminToken);
  let current = { orgId: "demo", token: "demo-token" };
  const connectors = (suffix = "", orgId = current.orgId) => `${emu.url}/v1/organizations/${orgId}/connectors${suffix}`;
  return {
    emu,
    admin,
    connectors,
    api: (method, suffix = "", init = {}) =>
      http(connectors(suffix, init.orgId), { method, token: init.token ?? current.token, body: init.body, raw: init.raw, headers: init.headers }),
    freshOrg: async () => {
      const org = { orgId: `org-${process.pid}-${++orgCounter}`, token: `token-${process.pid}-${orgCounter}` };
      await admin.registerOrg(org);
      current = org;
      return org;
    },
  };
}

/**
 * The test file's emulator: started before its tests, closed after them.
 *
 * @example
 * ```ts
 * const t = useTestEmulator({ rateLimit: 5 });
 * it("answers", async () => expect((await t.api("GET")).status).toBe(200));
 * ```
 */
export function useTestEmulator(opts: EmulatorOptions = {}): TestEmulator {
  return suiteValue(
    () => startTestEmulator(opts),
    (t) => t.emu.close(),
  );
}

/** A Custom Basic connector body with no validation URL: no IdP call on create. */
export function basicBody(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "CUSTOM",
    name,
    custom: { authenticationType: "BASIC", domainUrl: "https://api.example.com", username: "svc", password: "basic-pass-123", ...extra },
  };
}

/** Registers a Salesforce app on the emulator and returns a matching connector body. */
export async function salesforceFixture(
  t: TestEmulator,
  clientId = "3MVG9-consumer",
  user = "ops@example.com",
): Promise<{ keys: RsaKeyPair; body: (name: string, over?: Record<string, unknown>) => Record<string, unknown> }> {
  const app = await registerConnectedApp(t.admin, t.emu.url, { clientId, users: [user] });
  return {
    keys: app.keys,
    body: (name, over = {}) => ({
      type: "SALESFORCE",
      name,
      salesforce: { clientId, userEmail: user, authServerUrl: app.authServerUrl, privateKey: app.keys.privateKeyPem, ...over },
    }),
  };
}
