import type { ConnectorType } from "../../../contract/wire";
import type { TestEmulator } from "../../emulator/support";
import type { Declaration } from "./declaration-arbitraries";
import type { KeyMaterial } from "./key-forms";

/** What the emulator answered a `POST /connectors`, reduced to what the property compares. */
export interface BackendVerdict {
  status: number;
  /** `true` unless the answer is 400 VALIDATION_FAILED (a 422 is a connectivity verdict, not a validation one). */
  valid: boolean;
  body: unknown;
}

const AUTH_ON_WIRE: Record<string, string> = { basic: "BASIC", oauth2: "OAUTH2" };
const GRANT_ON_WIRE: Record<string, string> = { client_credentials: "CLIENT_CREDENTIALS", password: "PASSWORD" };

/** An SDK enum value on the wire: its wire spelling, or — for a value the SDK does not know — one no wire enum has either. */
function enumOnWire(v: unknown, table: Record<string, string>): unknown {
  if (typeof v !== "string") return v;
  return Object.hasOwn(table, v) ? table[v] : `sdk:${v}`;
}

/**
 * The body a declaration would be sent as if nothing checked it first: SDK property names
 * are the wire's (`contract/custom-fields.ts`), the enums get their wire spelling, any
 * other property goes where the kind's settings go.
 */
export function rawWireBody(type: ConnectorType, decl: Declaration): Record<string, unknown> {
  const { name, ...settings } = decl;
  if (type === "SALESFORCE") return { type, name, salesforce: settings };
  const custom: Record<string, unknown> = { ...settings };
  if ("authenticationType" in custom) custom.authenticationType = enumOnWire(custom.authenticationType, AUTH_ON_WIRE);
  if ("grantType" in custom) custom.grantType = enumOnWire(custom.grantType, GRANT_ON_WIRE);
  return { type, name, custom };
}

/**
 * Registers at the emulator's fake IdPs exactly the credentials a declaration carries, so
 * that only validation decides (SPEC §5): its Salesforce app (with the registered key's
 * public half), its OAuth client and user, its Basic user. Values that are not strings are
 * not registered (they cannot pass validation anyway). `false` when the admin API refused them.
 */
export async function registerCredentials(t: TestEmulator, type: ConnectorType, decl: Declaration, keys: KeyMaterial): Promise<boolean> {
  try {
    await register(t, type, decl, keys);
    return true;
  } catch {
    // The admin API has limits of its own (body size); such credentials just stay unregistered.
    return false;
  }
}

async function register(t: TestEmulator, type: ConnectorType, decl: Declaration, keys: KeyMaterial): Promise<void> {
  const s = (k: string) => (typeof decl[k] === "string" ? (decl[k] as string) : undefined);
  if (type === "SALESFORCE") {
    const clientId = s("clientId");
    const email = s("userEmail");
    if (clientId && email) await t.admin.registerSalesforceApp({ clientId, publicKeyPem: keys.registered.publicKeyPem, users: [email] });
    return;
  }
  const username = s("username");
  const password = s("password");
  const clientId = s("clientId");
  const clientSecret = s("clientSecret");
  if (clientId && clientSecret) {
    await t.admin.registerOAuthClient({ clientId, clientSecret, ...(username && password ? { users: [{ username, password }] } : {}) });
  }
  if (username && password) await t.admin.registerBasicUser({ username, password });
}

/** POSTs `body` as a new connector in a fresh org (so names and limits never interfere). */
export async function postInFreshOrg(t: TestEmulator, body: Record<string, unknown>): Promise<BackendVerdict> {
  await t.freshOrg();
  const r = await t.api("POST", "", { body });
  const code = (r.body as { code?: string } | undefined)?.code;
  return { status: r.status, valid: !(r.status === 400 && code === "VALIDATION_FAILED"), body: r.body };
}
