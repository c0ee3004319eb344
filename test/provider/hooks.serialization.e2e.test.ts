import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../harness/repo";
import { type LifecycleEmulator, startLifecycleEmulator, type TestOrg } from "../support/emulator";

const run = promisify(execFile);
const root = repoRoot;
const scratch = path.join(root, "tmp", `serialization-${process.pid}`);

// Serializes a hooks object of the BUILT package (node_modules/pulumi-wxcc-connectors, as a
// user's program loads it) exactly as `pulumi.dynamic.Resource` does in 3.248.0:
// `serializeFunction(() => provider, { allowSecrets: true })`.
const SERIALIZE = `
const pulumi = require("@pulumi/pulumi");
const hooks = require("pulumi-wxcc-connectors/dist/provider/hooks");
(async () => {
  const out = {};
  for (const name of ["salesforceHooks", "customHooks"]) {
    const provider = hooks[name];
    const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
    out[name] = { text: sf.text, containsSecrets: sf.containsSecrets };
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
`;

// Loads a serialized provider the way the dynamic-provider plugin does (require-from-string,
// cwd = the program's directory) and drives it through configure → check → create → read → delete.
const EXERCISE = `
const fs = require("node:fs");
const requireFromString = require("require-from-string");
const { file, config, args } = JSON.parse(process.env.SERIALIZED_CASE);
const provider = requireFromString(fs.readFileSync(file, "utf8")).handler();
(async () => {
  await provider.configure({ config: { get: (k) => config[k], require: (k) => config[k] } });
  const { inputs, failures } = await provider.check({}, args);
  if (failures && failures.length) throw new Error(JSON.stringify(failures));
  const { id, outs } = await provider.create(inputs);
  const read = await provider.read(id, outs);
  await provider.delete(id, outs);
  const gone = await provider.read(id, outs);
  process.stdout.write("RESULT " + JSON.stringify({ id, status: outs.status, readStatus: read.props.status, goneId: gone.id ?? null }) + "\\n");
})().catch((e) => { console.error(e && e.message); process.exit(1); });
`;

// The plugin process of a `pulumi destroy` or `pulumi refresh`: the engine sends read and delete
// only, never check. Reports which heavy libraries those hooks loaded.
const READ_DELETE = `
const fs = require("node:fs");
const requireFromString = require("require-from-string");
const heavy = () => [...new Set(Object.keys(require.cache).filter((k) => /node_modules[\\\\/](zod|jose|undici)[\\\\/]/.test(k)).map((k) => k.split(/node_modules[\\\\/]/).pop().split(/[\\\\/]/)[0]))].sort();
const { file, config, id, outs } = JSON.parse(process.env.SERIALIZED_CASE);
const provider = requireFromString(fs.readFileSync(file, "utf8")).handler();
(async () => {
  await provider.configure({ config: { get: (k) => config[k], require: (k) => config[k] } });
  const read = await provider.read(id, outs);
  await provider.delete(id, outs);
  const undiciFiles = Object.keys(require.cache).filter((k) => /node_modules[\\\\/]undici[\\\\/]/.test(k));
  const undiciParts = {
    web: undiciFiles.some((k) => /[\\\\/]lib[\\\\/]web[\\\\/]/.test(k)),
    mock: undiciFiles.some((k) => /[\\\\/]lib[\\\\/]mock[\\\\/]/.test(k)),
    nodeBundled: process.moduleLoadList.some((m) => m.includes("deps/undici")),
  };
  process.stdout.write("RESULT " + JSON.stringify({ readStatus: read.props.status, loaded: heavy(), undiciParts }) + "\\n");
})().catch((e) => { console.error(e && e.message); process.exit(1); });
`;

// A Pulumi program process: imports the SDK as a user's program does, then lets the org
// check plan a connector with the live listing off and on, and reports after each step
// which heavy libraries are loaded.
const PROGRAM = `
// The case without threads: a worker that cannot start (as where threads are not allowed).
if (JSON.parse(process.env.PROGRAM_CASE).noThreads) require("node:worker_threads").Worker = class { constructor() { throw new Error("no threads here"); } };
const heavy = () => Object.keys(require.cache).filter((k) => /node_modules[\\\\/](zod|jose|undici)[\\\\/]/.test(k)).map((k) => k.split(/node_modules[\\\\/]/).pop().split(/[\\\\/]/)[0]);
const uniq = (xs) => [...new Set(xs)].sort();
require("@pulumi/pulumi");
const before = Object.keys(require.cache).length;
const sdk = require("pulumi-wxcc-connectors");
const report = { exports: Object.keys(sdk).sort(), modules: Object.keys(require.cache).length - before, afterImport: uniq(heavy()) };
report.providerLoaded = Object.keys(require.cache).some((k) => /dist[\\\\/]provider[\\\\/]dynamic-provider/.test(k));
// A module outside the package's "exports", required by its file path as only tests do.
const { planOrg, setOrgPlanSource } = require(require.resolve("pulumi-wxcc-connectors/package.json").replace(/package\\.json$/, "dist/sdk/lib/org-plan.js"));
const { orgId, token, url } = JSON.parse(process.env.PROGRAM_CASE);
setOrgPlanSource({ config: { get: (k) => ({ "wxcc:offlinePreview": "true" })[k] }, env: {}, dryRun: true });
planOrg("custom", "off", { name: "Off", orgId });
report.afterPlanWithoutListing = uniq(heavy());
setOrgPlanSource({ config: { get: (k) => ({ "wxcc:baseUrl": url, "wxcc:accessToken": token })[k] }, env: {} });
planOrg("custom", "on", { name: "On", orgId }).name.promise().then((name) => {
  report.listedName = name;
  report.afterListing = uniq(heavy());
  process.stdout.write("RESULT " + JSON.stringify(report) + "\\n");
  process.exit(0);
}, (e) => { console.error(e && e.message); process.exit(1); });
`;

// A program whose listing fails (a refused token): reports the org check's failure.
const REFUSED_PROGRAM = `
const { planOrg, setOrgPlanSource } = require(require.resolve("pulumi-wxcc-connectors/package.json").replace(/package\\.json$/, "dist/sdk/lib/org-plan.js"));
const { orgId, url } = JSON.parse(process.env.PROGRAM_CASE);
setOrgPlanSource({
  config: { get: (k) => ({ "wxcc:baseUrl": url, "wxcc:accessToken": "refused-token-42" })[k] },
  env: {},
  dryRun: true,
  report: (e) => { process.stdout.write("RESULT " + JSON.stringify({ name: e.name, code: e.code, message: e.message }) + "\\n"); process.exit(0); },
});
planOrg("custom", "on", { name: "On", orgId });
`;

let env: LifecycleEmulator;
let serialized: Record<"salesforceHooks" | "customHooks", { text: string; containsSecrets: boolean }>;

// The built package, like every e2e file: `npm test` (and the e2e command) builds first.
beforeAll(async () => {
  // cwd .tmp/: a package scope of its own, so the package name resolves to node_modules (not to
  // this repository through its package.json exports), as in a user's project.
  const { stdout } = await run(process.execPath, ["-e", SERIALIZE], { cwd: path.join(root, ".tmp"), timeout: 120_000, maxBuffer: 32 * 1024 * 1024 });
  serialized = JSON.parse(stdout);
  env = await startLifecycleEmulator();
  mkdirSync(scratch, { recursive: true });
}, 420_000);

afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await env?.close();
});

/** Every module the serialized text requires. */
function requiredModules(text: string): string[] {
  return [...text.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!);
}

async function exercise(name: "salesforceHooks" | "customHooks", org: TestOrg, args: Record<string, unknown>, text = serialized[name].text) {
  const file = path.join(scratch, `${name}.js`);
  writeFileSync(file, text);
  const config = { "wxcc:baseUrl": env.url, "wxcc:orgId": org.orgId, "wxcc:accessToken": org.token };
  const childEnv: NodeJS.ProcessEnv = { ...process.env, SERIALIZED_CASE: JSON.stringify({ file, config, args }) };
  for (const k of ["WXCC_BASE_URL", "WXCC_ORG_ID", "WXCC_ACCESS_TOKEN"]) delete childEnv[k];
  const { stdout } = await run(process.execPath, ["-e", EXERCISE], { cwd: root, env: childEnv, timeout: 120_000 });
  const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
  return { result: JSON.parse(line!.slice("RESULT ".length)), progress: stdout.split("\n").filter((l) => l.startsWith("wxcc: ")) };
}

describe.each(["salesforceHooks", "customHooks"] as const)("serialized %s", (name) => {
  it("requires only this package's compiled modules and inlines no library, schema or credential", () => {
    const { text, containsSecrets } = serialized[name];
    expect(containsSecrets).toBe(false);
    const modules = requiredModules(text);
    expect(modules.length).toBeGreaterThan(0);
    for (const m of modules) expect(m).toMatch(/^pulumi-wxcc-connectors\/dist\/provider\//);
    expect(text).not.toMatch(/zod|undici|ZodObject|safeParse|jose|accessToken|Bearer|BEGIN (RSA )?PRIVATE KEY/);
    // One require of the kind's hooks module: the engine writes the whole state after each
    // step, and every connector holds this text twice (inputs and outputs).
    expect(modules).toEqual([`pulumi-wxcc-connectors/dist/provider/${name === "customHooks" ? "custom" : "salesforce"}-hooks.js`]);
    expect(text.length).toBeLessThan(400);
  });
});

describe("a serialized provider run in a fresh process", () => {
  it("configures from stack config, then creates, reads and deletes a CustomConnector against the emulator", async () => {
    const org = await env.freshOrg();
    const { result, progress } = await exercise("customHooks", org, {
      name: "from-state",
      domainUrl: "https://api.example.com",
      username: "svc",
      password: "serialized-pass-1",
    });
    expect(result).toMatchObject({ status: "ACTIVE", readStatus: "ACTIVE", goneId: null });
    expect(await env.byHand(org).get(result.id)).toBeUndefined();
    expect(progress).toEqual([
      `wxcc: CustomConnector "from-state" in org "${org.orgId}": creating…`,
      `wxcc: CustomConnector "from-state" (${result.id}) in org "${org.orgId}": deactivating…`,
      `wxcc: CustomConnector "from-state" (${result.id}) in org "${org.orgId}": deleting…`,
    ]);
    expect(progress.join("\n")).not.toContain("serialized-pass-1");
  });

  it("reads and deletes without loading zod (destroy and refresh never validate): only undici's Agent and request", async () => {
    const org = await env.freshOrg();
    const made = await env.byHand(org).create({
      type: "CUSTOM",
      name: "read-delete",
      custom: { authenticationType: "BASIC", domainUrl: "https://api.example.com", username: "svc", password: "rd-pass-1" },
    });
    const file = path.join(scratch, "read-delete.js");
    writeFileSync(file, serialized.customHooks.text);
    const outs = {
      name: "read-delete",
      domainUrl: "https://api.example.com",
      authenticationType: "basic",
      username: "svc",
      password: "rd-pass-1",
      active: true,
      orgId: org.orgId,
      connectorId: made.id,
      status: "ACTIVE",
      version: made.version,
    };
    const config = { "wxcc:baseUrl": env.url, "wxcc:orgId": org.orgId, "wxcc:accessToken": org.token };
    const childEnv: NodeJS.ProcessEnv = { ...process.env, SERIALIZED_CASE: JSON.stringify({ file, config, id: made.id, outs }) };
    for (const k of ["WXCC_BASE_URL", "WXCC_ORG_ID", "WXCC_ACCESS_TOKEN"]) delete childEnv[k];
    const { stdout } = await run(process.execPath, ["-e", READ_DELETE], { cwd: root, env: childEnv, timeout: 120_000 });
    const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
    // Of undici, only the Agent and request (connectivity/undici-core.ts): no fetch, WebSocket,
    // cookies or mocks, and not Node's own bundled copy that undici's index pulls in.
    expect(JSON.parse(line!.slice("RESULT ".length))).toEqual({
      readStatus: "ACTIVE",
      loaded: ["undici"],
      undiciParts: { web: false, mock: false, nodeBundled: false },
    });
    expect(await env.byHand(org).get(made.id)).toBeUndefined();
  });

  it("does the same for a SalesforceConnector", async () => {
    const org = await env.freshOrg();
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    await env.admin.registerSalesforceApp({
      clientId: "3MVG9-serialized",
      publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
      users: ["ops@example.com"],
    });
    const { result } = await exercise("salesforceHooks", org, {
      name: "sf-from-state",
      clientId: "3MVG9-serialized",
      userEmail: "ops@example.com",
      authServerUrl: `${env.url}/salesforce`,
      privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    });
    expect(result).toMatchObject({ status: "ACTIVE", readStatus: "ACTIVE", goneId: null });
  });
});

// Every state written so far holds this text (serialized by v0.1.0): a `require` of
// dist/provider/connector-provider.js and calls of `providerFor(type).<hook>`. Refresh,
// update and destroy of those stacks run it, so it must keep working after any refactor.
describe("a provider serialized by v0.1.0, as old states hold it", () => {
  const fixture = (name: string) => readFileSync(path.join(__dirname, "fixtures", `${name}-v0.1.0.js`), "utf8");

  it("requires dist/provider/connector-provider.js, which today's hooks modules still delegate to", () => {
    for (const name of ["customHooks", "salesforceHooks"] as const) {
      expect(requiredModules(fixture(name))).toEqual(["pulumi-wxcc-connectors/dist/provider/connector-provider.js"]);
    }
  });

  it("still configures, checks, creates, reads and deletes against the emulator", async () => {
    const text = fixture("customHooks");
    expect(requiredModules(text)).toEqual(["pulumi-wxcc-connectors/dist/provider/connector-provider.js"]);
    const org = await env.freshOrg();
    const { result } = await exercise(
      "customHooks",
      org,
      { name: "old-state", domainUrl: "https://api.example.com", username: "svc", password: "old-state-pass-1" },
      text,
    );
    expect(result).toMatchObject({ status: "ACTIVE", readStatus: "ACTIVE", goneId: null });
    expect(await env.byHand(org).get(result.id)).toBeUndefined();
  });
});

describe("a Pulumi program process", () => {
  it("imports the SDK without loading zod, jose or undici, and lists on a thread of its own: the program's thread never loads them", async () => {
    const org = await env.freshOrg();
    const childEnv: NodeJS.ProcessEnv = { ...process.env, PROGRAM_CASE: JSON.stringify({ orgId: org.orgId, token: org.token, url: env.url }) };
    for (const k of ["WXCC_BASE_URL", "WXCC_ORG_ID", "WXCC_ACCESS_TOKEN"]) delete childEnv[k];
    const { stdout } = await run(process.execPath, ["-e", PROGRAM], { cwd: path.join(root, ".tmp"), env: childEnv, timeout: 120_000 });
    const report = JSON.parse(
      stdout
        .split("\n")
        .find((l) => l.startsWith("RESULT "))!
        .slice("RESULT ".length),
    );
    expect(report.exports).toEqual(["CustomConnector", "SalesforceConnector"]);
    expect(report.afterImport).toEqual([]);
    expect(report.providerLoaded).toBe(false);
    // Only this package's own small modules (contract, errors, config, the org check: 42 today);
    // a third-party library or the provider itself would show above.
    expect(report.modules).toBeLessThan(60);
    expect(report.afterPlanWithoutListing).toEqual([]);
    expect(report.listedName).toBe("On");
    // The listing runs on a thread of its own (sdk/lib/org-listing-thread.ts): the program's thread never loads the client.
    expect(report.afterListing).toEqual([]);
  });

  it("lists on the program's thread when no thread can start, with the same result", async () => {
    const org = await env.freshOrg();
    const report = await programReport(PROGRAM, { orgId: org.orgId, token: org.token, url: env.url, noThreads: true });
    expect(report.listedName).toBe("On");
    expect(report.afterListing).toEqual(["undici"]);
  });

  it("brings a refused listing back from the thread as the org check's error: code, fix, no credential", async () => {
    const org = await env.freshOrg();
    const report = await programReport(REFUSED_PROGRAM, { orgId: org.orgId, url: env.url });
    expect(report).toMatchObject({ name: "OrgPlanError", code: "UNAUTHORIZED" });
    expect(report.message).toContain(`could not list the connectors of org "${org.orgId}"`);
    expect(report.message).toContain("401 UNAUTHORIZED");
    expect(report.message).toContain("wxcc:offlinePreview");
    expect(report.message).not.toContain("refused-token-42");
  });
});

/** Runs a program script in a child process (cwd .tmp/, as a user's project) and parses its RESULT line. */
async function programReport(script: string, programCase: Record<string, unknown>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PROGRAM_CASE: JSON.stringify(programCase) };
  for (const k of ["WXCC_BASE_URL", "WXCC_ORG_ID", "WXCC_ACCESS_TOKEN"]) delete childEnv[k];
  const { stdout } = await run(process.execPath, ["-e", script], { cwd: path.join(root, ".tmp"), env: childEnv, timeout: 120_000 });
  const line = stdout.split("\n").find((l) => l.startsWith("RESULT "));
  return JSON.parse(line!.slice("RESULT ".length));
}
