import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import type { ConnectorType } from "../../contract/wire";
import { customKind, salesforceKind, type ConnectorKind, type ConnectorInputs } from "../../provider/kinds";
import { startTestEmulator, type TestEmulator } from "../emulator/support";
import { postInFreshOrg, rawWireBody, registerCredentials, type BackendVerdict } from "./support/backend-verdict";
import { customDeclaration, salesforceDeclaration, type Declaration } from "./support/declaration-arbitraries";
import { makeKeyMaterial, type KeyMaterial } from "./support/key-forms";

/**
 * Preview green ⇒ up green (SPEC §7), as a property: for generated connector declarations,
 * valid and invalid, the provider's `check` accepts exactly what the emulator's real HTTP
 * route accepts, and what `check` accepts is created by the body the provider sends at up.
 *
 * The emulator's verdict is its `POST /connectors` answer with the declaration's own
 * credentials registered at its fake IdPs: 400 VALIDATION_FAILED is a refusal; 201 and
 * 422 (connectivity) are not. Where every URL is the emulator's own endpoint and the
 * key is the registered one, the answer must be 201.
 *
 * Reproduce a failure with the seed and path it prints: FC_SEED=<seed> FC_PATH=<path>.
 * FC_RUNS sets the number of declarations per kind.
 */

const RUNS = Number(process.env.FC_RUNS ?? 300);
const replay = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}) } : {};

let t: TestEmulator;
let keys: KeyMaterial;
beforeAll(async () => {
  t = await startTestEmulator();
  keys = makeKeyMaterial();
});
afterAll(() => t?.emu.close());

/** JSON with long strings cut to their start and their length, so a report stays readable. */
function brief(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x !== "string") return x;
    const cps = Array.from(x);
    return cps.length > 80 ? `${cps.slice(0, 40).join("")}…(${cps.length} code points)` : x;
  });
}

/** One line per fact, for the failure report (test keys and secrets only). */
function report(type: ConnectorType, decl: Declaration, failures: unknown, verdict: BackendVerdict, what: string): string {
  return [
    what,
    `type: ${type}`,
    `declaration: ${brief(decl)}`,
    `check failures: ${brief(failures)}`,
    `emulator: ${verdict.status} ${brief(verdict.body)}`,
  ].join("\n");
}

/**
 * fast-check's report, without its dump of the (possibly 16 KiB) counterexample: the seed
 * and path to replay it, and the short report `judge` threw.
 */
async function reporter(d: fc.RunDetails<[Declaration]>): Promise<void> {
  if (!d.failed) return;
  const how = `FC_SEED=${d.seed} FC_PATH=${d.counterexamplePath ?? ""}`;
  const why = d.errorInstance instanceof Error ? d.errorInstance.message : String(d.errorInstance);
  throw new Error(`property failed after ${d.numRuns} declarations (replay: ${how})\n${why}`);
}

/**
 * Whether `value` is the emulator's endpoint `path` as a client reaches it: http to
 * 127.0.0.1 or localhost (however spelled) on its port, exactly that path; a query or
 * fragment does not change which endpoint answers.
 */
function isEmulatorEndpoint(value: unknown, path: string): boolean {
  if (typeof value !== "string") return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const emu = new URL(t.emu.url);
  return url.protocol === "http:" && ["127.0.0.1", "localhost"].includes(url.hostname) && url.port === emu.port && url.pathname === path;
}

/** Whether every endpoint the declaration calls is the emulator's own and the key is the registered one, so connectivity must succeed. */
function reachable(type: ConnectorType, inputs: ConnectorInputs): boolean {
  const i = inputs as Record<string, unknown>;
  if (type === "SALESFORCE") {
    return (
      isEmulatorEndpoint(i.authServerUrl, "/salesforce") && i.privateKey === keys.registered.privateKey.export({ type: "pkcs8", format: "pem" }).toString()
    );
  }
  if (i.authenticationType === "oauth2") return isEmulatorEndpoint(i.tokenUrl, "/oauth/token");
  return i.validationUrl === undefined || isEmulatorEndpoint(i.validationUrl, "/basic/validate");
}

/** Judges one declaration both ways; throws a report on any disagreement. */
async function judge(type: ConnectorType, decl: Declaration): Promise<void> {
  const kind = (type === "SALESFORCE" ? salesforceKind : customKind) as unknown as ConnectorKind<ConnectorInputs>;
  const checked = await kind.check({ ...decl }, { orgId: "property" });
  const registered = await registerCredentials(t, type, decl, keys);
  const raw = await postInFreshOrg(t, rawWireBody(type, decl));
  if (![201, 400, 422].includes(raw.status)) throw new Error(report(type, decl, checked.failures, raw, "the emulator answered neither 201, 400 nor 422"));
  const previewGreen = checked.failures.length === 0;
  if (previewGreen !== raw.valid) {
    throw new Error(
      report(type, decl, checked.failures, raw, previewGreen ? "check accepts what the emulator refuses" : "check refuses what the emulator accepts"),
    );
  }
  if (!previewGreen) return;
  const up = await postInFreshOrg(t, kind.toWrite(checked.inputs!) as unknown as Record<string, unknown>);
  if (!up.valid) throw new Error(report(type, decl, checked.failures, up, "the emulator refuses the body the provider sends at up"));
  if (registered && reachable(type, checked.inputs!)) {
    for (const [label, v] of [
      ["raw body", raw],
      ["up body", up],
    ] as const) {
      if (v.status !== 201)
        throw new Error(
          report(type, decl, checked.failures, v, `the ${label} of a declaration whose endpoints and credentials are all registered was not created`),
        );
    }
  }
}

/**
 * Declarations on which check and emulator once disagreed (found by this property), kept
 * as fixed examples that run before the generated ones. `origin` is replaced by the
 * emulator's URL.
 */
const SALESFORCE_EXAMPLES: Array<(origin: string, k: KeyMaterial) => Declaration> = [
  // A whitespace-led authorization server URL passed check (the URL parser trims it) and
  // failed at up: it is the JWT audience, compared verbatim. Base URLs must now be canonical.
  (origin, k) => ({ name: "a", clientId: "c", userEmail: "a@a.aa", authServerUrl: ` ${origin}/salesforce`, privateKey: k.pems["rsa-pkcs8"] }),
  // The token endpoint given as the authorization server passed check and failed with a 404.
  (origin, k) => ({
    name: "a",
    clientId: "c",
    userEmail: "a@a.aa",
    authServerUrl: `${origin}/salesforce/services/oauth2/token`,
    privateKey: k.pems["rsa-pkcs8"],
  }),
  // An indented key (a YAML block scalar) was refused as corrupted by both; now both read it.
  (origin, k) => ({
    name: "a",
    clientId: "c",
    userEmail: "a@a.aa",
    authServerUrl: `${origin}/salesforce`,
    privateKey: k.pems["rsa-pkcs1"].replace(/^/gm, "    "),
  }),
];
const CUSTOM_EXAMPLES: Array<(origin: string) => Declaration> = [
  // A 1024-character client ID and a 16 KiB client secret passed check, and made a Basic
  // header the token endpoint refused (HTTP 400): credentials are now at most 255 code points.
  (origin) => ({
    name: "!",
    domainUrl: "https://127.0.0.1",
    authenticationType: "oauth2",
    grantType: "password",
    clientId: "a".repeat(1024),
    clientSecret: "a".repeat(16 * 1024),
    scope: "!",
    tokenUrl: `${origin}/oauth/token`,
    username: "!",
    password: "!",
  }),
  // The same at the new limit, in astral characters: the header still fits.
  (origin) => ({
    name: "limit",
    domainUrl: "https://api.example.com",
    authenticationType: "oauth2",
    clientId: "😀".repeat(255),
    clientSecret: "😀".repeat(255),
    tokenUrl: `${origin}/oauth/token`,
  }),
  // A Basic user name with ":" passed check and could never sign in (RFC 7617 splits at the first ":").
  (origin) => ({ name: "!", domainUrl: "https://api.example.com", username: ": ", password: "!", validationUrl: `${origin}/basic/validate` }),
];

describe("preview green ⇒ up green: the provider's check accepts exactly what the emulator accepts", () => {
  it("for Salesforce connectors", async () => {
    await fc.assert(
      fc.asyncProperty(salesforceDeclaration(keys, { origin: t.emu.url }), (decl) => judge("SALESFORCE", decl)),
      { numRuns: RUNS, asyncReporter: reporter, examples: SALESFORCE_EXAMPLES.map((e): [Declaration] => [e(t.emu.url, keys)]), ...replay },
    );
  }, 120_000);

  it("for custom connectors (Basic, client credentials, password grant)", async () => {
    await fc.assert(
      fc.asyncProperty(customDeclaration({ origin: t.emu.url }), (decl) => judge("CUSTOM", decl)),
      { numRuns: RUNS, asyncReporter: reporter, examples: CUSTOM_EXAMPLES.map((e): [Declaration] => [e(t.emu.url)]), ...replay },
    );
  }, 120_000);
});
