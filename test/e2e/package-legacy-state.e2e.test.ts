import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorAdmin, startEmulator, type RunningEmulator } from "../../emulator/index";
import { putPulumiOnPath as ensurePulumiOnPath } from "../../harness/pulumi-cli";
import { repoRoot } from "../../harness/repo";

// A Pulumi state written by pulumi-wxcc-connectors 0.1.0 (test/fixtures/state-0.1.0, made once
// by its generate.js and never regenerated) must stay refreshable and destroyable by every
// later version. Each connector's state holds its dynamic provider as code that runs
//
//     require("pulumi-wxcc-connectors/dist/provider/connector-provider.js")
//
// and calls `providerFor("SALESFORCE" | "CUSTOM").<hook>(…)`. That module path is loaded from
// the user's node_modules by whatever version they have installed, so it must stay loadable
// FOREVER: never move or rename dist/provider/connector-provider.js or narrow what it exports,
// and keep "./dist/provider/*.js" in package.json "exports".
const FIXTURE = path.join(repoRoot, "test", "fixtures", "state-0.1.0");
const REQUIRED_PATH = "pulumi-wxcc-connectors/dist/provider/connector-provider.js";
const PASSPHRASE = "wxcc-fixture-passphrase";
const ORG = { orgId: "fixture-org", token: "fixture-org-token" };

interface StateResource {
  type: string;
  urn: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}
interface Deployment {
  version: number;
  deployment: { resources: StateResource[] } & Record<string, unknown>;
}

const fixtureText = fs.readFileSync(path.join(FIXTURE, "stack.json"), "utf8");
const fixture = JSON.parse(fixtureText) as Deployment;
const connectorsOf = (d: Deployment) => (d.deployment.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/wxcc:"));
const DEFAULT_PROVIDER = "pulumi:providers:pulumi-nodejs";

/** The fixture with the stored provider configuration pointed at `url` (the backend moved). */
function pointedAt(url: string): Deployment {
  const copy = JSON.parse(fixtureText) as Deployment;
  for (const r of copy.deployment.resources) {
    if (r.type !== DEFAULT_PROVIDER) continue;
    for (const bag of [r.inputs, r.outputs]) if (bag && "wxcc:baseUrl" in bag) bag["wxcc:baseUrl"] = url;
  }
  return copy;
}

/**
 * The emulator state (`--state` file format 1) holding the fixture's connectors with their
 * ids, as a backend that still has them would. The secrets are stand-ins: the real ones
 * exist only encrypted in the fixture, and refresh and destroy never re-validate them.
 * The custom connector was deactivated by hand since: drift for refresh to find.
 */
function emulatorStateOf(d: Deployment) {
  const connectors = connectorsOf(d).map((r) => {
    const o = r.outputs as Record<string, string | number | boolean>;
    const common = { id: o.connectorId, orgId: o.orgId, name: o.name, status: o.status, version: o.version, createdAt: o.createdAt, updatedAt: o.updatedAt };
    if (r.type.endsWith(":SalesforceConnector")) {
      return {
        ...common,
        type: "SALESFORCE",
        salesforce: { clientId: o.clientId, userEmail: o.userEmail, authServerUrl: o.authServerUrl, privateKey: "stand-in (never used)" },
      };
    }
    return {
      ...common,
      type: "CUSTOM",
      status: "INACTIVE",
      version: (o.version as number) + 1,
      custom: {
        authenticationType: "OAUTH2",
        domainUrl: o.domainUrl,
        grantType: "CLIENT_CREDENTIALS",
        clientId: o.clientId,
        scope: o.scope,
        tokenUrl: o.tokenUrl,
        clientSecret: "stand-in",
      },
    };
  });
  return { formatVersion: 1, orgs: [ORG], connectors };
}

let dir: string;
let emu: RunningEmulator;
let admin: EmulatorAdmin;
let stack: Stack;
let output = "";
const record = (s: string) => {
  output += s;
};

beforeAll(async () => {
  ensurePulumiOnPath();
  // Inside the repository, so the provider plugin finds pulumi-wxcc-connectors in its
  // node_modules as a user's project does; the package.json gives the project its own package
  // scope, so Node does not resolve the package name to this repository (self-reference).
  dir = path.join(repoRoot, ".tmp", "e2e", `legacy-state-${randomBytes(4).toString("hex")}`);
  fs.mkdirSync(path.join(dir, "state"), { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), '{ "name": "wxcc-fixture", "private": true }\n');
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: wxcc-fixture\nruntime: nodejs\nmain: index.js\n");
  fs.copyFileSync(path.join(FIXTURE, "program.js"), path.join(dir, "index.js"));

  // Write the backend's state, then start a fresh emulator on it.
  const stateFile = path.join(dir, "emulator.json");
  fs.writeFileSync(stateFile, JSON.stringify(emulatorStateOf(fixture)), { mode: 0o600 });
  emu = await startEmulator({ port: 0, stateFile });
  admin = new EmulatorAdmin(emu.url, emu.adminToken);

  // The stack config file keeps its passphrase salt; only the backend URL changes.
  const config = fs.readFileSync(path.join(FIXTURE, "Pulumi.fixture.yaml"), "utf8");
  const oldUrl = fs.readFileSync(path.join(FIXTURE, "emulator-url.txt"), "utf8").trim();
  fs.writeFileSync(path.join(dir, "Pulumi.fixture.yaml"), config.replace(`wxcc:baseUrl: ${oldUrl}`, `wxcc:baseUrl: ${emu.url}`));

  stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "fixture", workDir: dir },
    {
      secretsProvider: "passphrase",
      pulumiHome: path.join(dir, "home"),
      envVars: {
        PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
        PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
        PULUMI_SKIP_UPDATE_CHECK: "true",
      },
    },
  );
  await stack.importStack(pointedAt(emu.url) as Parameters<Stack["importStack"]>[0]);
});

afterAll(async () => {
  await emu?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("a state written by pulumi-wxcc-connectors 0.1.0", () => {
  it("holds its providers as a require of dist/provider/connector-provider.js, and no secret in plaintext", () => {
    const connectors = connectorsOf(fixture);
    expect(connectors.map((r) => r.type).sort()).toEqual(["pulumi-nodejs:dynamic/wxcc:CustomConnector", "pulumi-nodejs:dynamic/wxcc:SalesforceConnector"]);
    for (const r of connectors) {
      const text = String(r.outputs?.__provider);
      expect([...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual([REQUIRED_PATH]);
    }
    const fixtureFiles = ["stack.json", "Pulumi.fixture.yaml"].map((f) => fs.readFileSync(path.join(FIXTURE, f), "utf8")).join("\n");
    // The generator's secrets: the key pair's PEM, the OAuth client secret and the org token.
    for (const secret of ["PRIVATE KEY", "fixture-client-secret-7Qm2", ORG.token]) expect(fixtureFiles).not.toContain(secret);
    expect(fixtureFiles).toContain('"ciphertext"');
  });

  it("finds that module from a project's node_modules, through package.json exports", () => {
    // In a child process whose package scope is the project, as the provider plugin's is.
    const probe = `const p = require.resolve(${JSON.stringify(REQUIRED_PATH)}); console.log(JSON.stringify({ p, t: typeof require(p).providerFor }));`;
    const out = execFileSync(process.execPath, ["-e", probe], { cwd: dir, encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({
      p: path.join(repoRoot, "node_modules", "pulumi-wxcc-connectors", "dist", "provider", "connector-provider.js"),
      t: "function",
    });
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { exports: Record<string, unknown> };
    expect(pkg.exports["./dist/provider/*.js"]).toBe("./dist/provider/*.js");
  });

  it("refreshes with today's code: both connectors read, the hand-made deactivation recorded", async () => {
    await stack.refresh({ onOutput: record, onError: record, color: "never" });
    const after = connectorsOf((await stack.exportStack()) as unknown as Deployment);
    const byType = Object.fromEntries(after.map((r) => [r.type.split(":").pop(), r.outputs!]));
    expect(byType.SalesforceConnector).toMatchObject({ status: "ACTIVE", version: 1, name: "Sales Cloud" });
    expect(byType.CustomConnector).toMatchObject({ status: "INACTIVE", version: 2, name: "Order API" });
    // The secrets stay in the state on disk, encrypted, across the refresh.
    const onDisk = fs.readFileSync(path.join(dir, "state", ".pulumi", "stacks", "wxcc-fixture", "fixture.json"), "utf8");
    expect(onDisk).not.toContain("PRIVATE KEY");
    expect(onDisk).not.toContain("fixture-client-secret-7Qm2");
    expect(onDisk).toContain("ciphertext");
  });

  it("destroys with today's code: each connector deactivated (where active) and deleted", async () => {
    const ids = connectorsOf(fixture).map((r) => r.id!);
    await stack.destroy({ onOutput: record, onError: record, color: "never" });
    const hand = await fetch(`${emu.url}/v1/organizations/${ORG.orgId}/connectors`, { headers: { authorization: `Bearer ${ORG.token}` } });
    expect(((await hand.json()) as { items: unknown[] }).items).toEqual([]);
    const events = await admin.events({ orgId: ORG.orgId });
    for (const id of ids)
      expect(
        events
          .filter((e) => e.connectorId === id)
          .map((e) => e.kind)
          .slice(-1),
      ).toEqual(["DELETE"]);
    expect(events.map((e) => e.kind).sort()).toEqual(["DEACTIVATE", "DELETE", "DELETE"]);
    expect(connectorsOf((await stack.exportStack()) as unknown as Deployment)).toEqual([]);
    expect(output).not.toContain(ORG.token);
  });
});
