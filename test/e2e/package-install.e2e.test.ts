import { execFile, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { putPulumiOnPath as ensurePulumiOnPath } from "../../harness/pulumi-cli";
import { repoRoot } from "../../harness/repo";

// The package as a user gets it: `npm pack` (after `npm run build`), its file list, and the
// tarball installed into a fresh project OUTSIDE this repository next to a different
// @pulumi/pulumi than ours: the lowest release the peer range allows.
const run = promisify(execFile);
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
  version: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const PEER_RANGE = pkg.peerDependencies["@pulumi/pulumi"]!;
const USER_PULUMI = PEER_RANGE.replace(/^\^/, "");
const SERIALIZED_PATH = "pulumi-wxcc-connectors/dist/provider/custom-hooks.js";

interface PackEntry {
  path: string;
}

async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run("npm", args, {
    cwd,
    timeout: 480_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, npm_config_fund: "false", npm_config_audit: "false", npm_config_update_notifier: "false" },
  });
  return stdout;
}

/** Shipped JS files' relative requires that name no shipped file. */
function danglingRequires(files: Set<string>): string[] {
  const dangling: string[] = [];
  for (const f of files) {
    if (!f.endsWith(".js")) continue;
    const text = fs.readFileSync(path.join(repoRoot, f), "utf8");
    for (const m of text.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(f), m[1]!));
      if (![target, `${target}.js`, `${target}/index.js`, `${target}.json`].some((t) => files.has(t))) dangling.push(`${f} → ${m[1]}`);
    }
  }
  return dangling;
}

describe("npm pack", () => {
  let files: Set<string>;
  beforeAll(async () => {
    const [result] = JSON.parse(await npm(["pack", "--dry-run", "--json", "--ignore-scripts"], repoRoot)) as Array<{ files: PackEntry[] }>;
    files = new Set(result!.files.map((f) => f.path));
  });

  it("ships the compiled package, the OpenAPI document and the README, and nothing else", () => {
    for (const f of [
      "package.json",
      "README.md",
      "openapi/connectors.yaml",
      "dist/sdk/index.js",
      "dist/sdk/index.d.ts",
      "dist/emulator/index.js",
      "dist/emulator/index.d.ts",
      "dist/provider/connector-provider.js",
      "dist/provider/custom-hooks.js",
      "dist/provider/salesforce-hooks.js",
    ]) {
      expect(files, f).toContain(f);
    }
    const unwanted = [...files].filter(
      (f) =>
        /^dist\/(demo|bench|harness|test|examples)\//.test(f) ||
        f.endsWith(".map") ||
        f.endsWith(".tsbuildinfo") ||
        (f.endsWith(".ts") && !f.endsWith(".d.ts")) ||
        !/^(dist\/|openapi\/|README\.md$|package\.json$|LICENSE)/.test(f),
    );
    expect(unwanted).toEqual([]);
    // No shipped file points at a source map or a source the user does not have.
    const mapped = [...files].filter((f) => f.endsWith(".js") && fs.readFileSync(path.join(repoRoot, f), "utf8").includes("sourceMappingURL"));
    expect(mapped).toEqual([]);
  });

  it("ships every file a bin, an export or a relative require points at", () => {
    for (const target of Object.values(pkg.bin)) expect(files).toContain(target);
    for (const [key, target] of Object.entries(pkg.exports)) {
      if (key.includes("*")) continue;
      for (const t of typeof target === "string" ? [target] : Object.values(target)) expect(files, key).toContain(t.replace(/^\.\//, ""));
    }
    expect(danglingRequires(files)).toEqual([]);
  });

  it("documents the emulator's admin API in the shipped README, request and response bodies included", () => {
    const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
    for (const route of [
      "POST /_admin/salesforce/apps",
      "POST /_admin/oauth/clients",
      "POST /_admin/basic/users",
      "POST /_admin/orgs",
      "POST /_admin/faults",
      "DELETE /_admin/faults",
      "GET /_admin/requests",
      "GET /_admin/events",
    ]) {
      expect(readme).toContain(route);
    }
    expect(readme).toContain("{clientId, publicKeyPem, users?: [email]}");
    expect(readme).toContain("`201 {clientId, users}`");
    expect(readme).toContain("{method?, path, status?, code?, retryAfter?, delayMs?, drop?, after?, times}");
    expect(readme).toContain("`200 {items: [{method, path, status, time}]}`");
    expect(readme).toContain('import { startEmulator, EmulatorAdmin } from "pulumi-wxcc-connectors/emulator"');
    // The Connected App's approved users: without them the first `up` fails.
    expect(readme).toMatch(/Put the connector's `userEmail` in the app's `users`/);
  });
});

describe(`the packed tarball in a fresh project with @pulumi/pulumi ${USER_PULUMI}`, () => {
  let project: string;
  let emulator: ChildProcess | undefined;
  let url: string;
  let adminToken: string;
  let stack: Stack;

  beforeAll(async () => {
    ensurePulumiOnPath();
    expect(USER_PULUMI).not.toBe(pkg.devDependencies["@pulumi/pulumi"]);
    project = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-package-"));
    const packed = JSON.parse(await npm(["pack", "--json", "--ignore-scripts", "--pack-destination", project], repoRoot)) as Array<{ filename: string }>;
    const tarball = path.join(project, packed[0]!.filename);
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify(
        { name: "wxcc-user-project", private: true, dependencies: { "@pulumi/pulumi": USER_PULUMI, "pulumi-wxcc-connectors": `file:${tarball}` } },
        null,
        2,
      ),
    );
    await npm(["install", "--no-audit", "--no-fund", "--loglevel=error"], project);

    // The package's own bin, run as a user would (no npx wrapper, so the server is our child).
    emulator = spawn(path.join(project, "node_modules", ".bin", "wxcc-emulator"), ["--port", "0"], { cwd: project, stdio: ["ignore", "pipe", "inherit"] });
    const ready = await new Promise<string>((resolve, reject) => {
      createInterface({ input: emulator!.stdout! }).once("line", resolve);
      emulator!.once("exit", (code) => reject(new Error(`wxcc-emulator exited with ${code} before its ready line`)));
    });
    ({ url, adminToken } = JSON.parse(ready) as { url: string; adminToken: string });

    fs.mkdirSync(path.join(project, "state"));
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: wxcc-user-project\nruntime: nodejs\nmain: index.js\n");
    fs.writeFileSync(
      path.join(project, "index.js"),
      `const pulumi = require("@pulumi/pulumi");
const { CustomConnector } = require("pulumi-wxcc-connectors");
const cfg = new pulumi.Config();
const orders = new CustomConnector("orders", {
  name: "Orders API",
  domainUrl: "https://orders.example.com",
  username: "svc-orders",
  password: cfg.requireSecret("ordersPassword"),
  validationUrl: cfg.require("validationUrl"),
});
exports.connectorId = orders.connectorId;
exports.status = orders.status;
`,
    );
    stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "dev", workDir: project },
      {
        secretsProvider: "passphrase",
        pulumiHome: path.join(project, ".pulumi-home"),
        envVars: { PULUMI_BACKEND_URL: `file://${path.join(project, "state")}`, PULUMI_CONFIG_PASSPHRASE: "user-passphrase", PULUMI_SKIP_UPDATE_CHECK: "true" },
      },
    );
    await stack.setAllConfig({
      "wxcc:baseUrl": { value: url },
      "wxcc:orgId": { value: "demo" },
      "wxcc:accessToken": { value: "demo-token", secret: true },
      validationUrl: { value: `${url}/basic/validate` },
      ordersPassword: { value: "orders-user-password", secret: true },
    });
  });

  afterAll(async () => {
    if (emulator && emulator.exitCode === null) {
      const exited = new Promise((r) => emulator!.once("exit", r));
      emulator.kill("SIGTERM");
      await exited;
    }
    if (project) fs.rmSync(project, { recursive: true, force: true });
  });

  it("installs exactly one copy of @pulumi/pulumi: the project's own", async () => {
    const copies = fs
      .readdirSync(path.join(project, "node_modules"), { recursive: true, encoding: "utf8" })
      .filter((p) => p.split(path.sep).join("/").endsWith("@pulumi/pulumi/package.json"));
    expect(copies.map((p) => p.split(path.sep).join("/"))).toEqual(["@pulumi/pulumi/package.json"]);
    const tree = JSON.parse(await npm(["ls", "@pulumi/pulumi", "--all", "--json"], project)) as {
      dependencies: Record<string, { version: string; dependencies?: Record<string, { version: string }> }>;
    };
    expect(tree.dependencies["@pulumi/pulumi"]!.version).toBe(USER_PULUMI);
    // The package's use of the runtime is deduplicated onto that copy.
    expect(tree.dependencies["pulumi-wxcc-connectors"]!.dependencies?.["@pulumi/pulumi"]?.version ?? USER_PULUMI).toBe(USER_PULUMI);
  });

  it("answers --version through its bin and exports the emulator entry point", async () => {
    const { stdout: version } = await run(path.join(project, "node_modules", ".bin", "wxcc-emulator"), ["--version"], { cwd: project });
    expect(version.trim()).toBe(pkg.version);
    const probe = `const e = require("pulumi-wxcc-connectors/emulator"); console.log(JSON.stringify([typeof e.startEmulator, typeof e.EmulatorAdmin, typeof e.EmulatorAdminError]));`;
    const { stdout } = await run(process.execPath, ["-e", probe], { cwd: project });
    expect(JSON.parse(stdout)).toEqual(["function", "function", "function"]);
  });

  it("runs pulumi up there: the connector is created and its provider is serialized as a require of the package", async () => {
    const admin = { authorization: `Bearer ${adminToken}`, "content-type": "application/json" };
    const registered = await fetch(`${url}/_admin/basic/users`, {
      method: "POST",
      headers: admin,
      body: JSON.stringify({ username: "svc-orders", password: "orders-user-password" }),
    });
    expect(registered.status).toBe(201);

    const up = await stack.up({ color: "never" });
    expect(up.summary.result).toBe("succeeded");
    expect(up.outputs.status!.value).toBe("ACTIVE");
    const live = await fetch(`${url}/v1/organizations/demo/connectors/${up.outputs.connectorId!.value}`, { headers: { authorization: "Bearer demo-token" } });
    expect(await live.json()).toMatchObject({ name: "Orders API", status: "ACTIVE" });

    const state = (await stack.exportStack()).deployment as { resources: Array<{ type: string; outputs: Record<string, unknown> }> };
    const connector = state.resources.find((r) => r.type === "pulumi-nodejs:dynamic/wxcc:CustomConnector")!;
    expect([...String(connector.outputs.__provider).matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual([SERIALIZED_PATH]);

    const destroy = await stack.destroy({ color: "never" });
    expect(destroy.summary.result).toBe("succeeded");
  });

  it("runs under pulumi.runtime.setMocks with no settings and no backend, as a user's unit tests do (found by review)", async () => {
    const script = `
const pulumi = require("@pulumi/pulumi");
process.on("unhandledRejection", (e) => { console.log("UNHANDLED " + (e && e.message)); process.exit(2); });
(async () => {
  const preview = process.argv[1] === "preview";
  await pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name + "-id", state: { ...a.inputs, connectorId: "c-mock", status: "ACTIVE" } }), call: (a) => a.inputs }, "proj", "dev", preview);
  const { CustomConnector } = require("pulumi-wxcc-connectors");
  const c = new CustomConnector("orders", { name: "Orders", domainUrl: "https://orders.example.com", username: "svc", password: "mock-pass-1", orgId: "acme" });
  console.log("MOCK " + (await new Promise((r) => c.connectorId.apply(r))));
})().catch((e) => { console.log("FAIL " + e.message); process.exit(1); });
`;
    for (const mode of ["up", "preview"]) {
      const { stdout } = await run(process.execPath, ["-e", script, mode], { cwd: project, env: { ...process.env, WXCC_BASE_URL: "", WXCC_ACCESS_TOKEN: "" } });
      expect(stdout.trim(), mode).toBe("MOCK c-mock");
    }
  });

  it("runs a TypeScript program with the README's tsconfig: tsc checks it and pulumi preview runs it", async () => {
    const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
    const tsconfig = readme.match(/add\s+`(\{ "compilerOptions": .*? \})`/)?.[1];
    expect(tsconfig, "the README's tsconfig").toBeDefined();
    // The README's recipe: typescript and @types/node in the project, the program in index.ts.
    await npm(["install", "--no-audit", "--no-fund", "--loglevel=error", "typescript@5", "@types/node@20"], project);
    fs.writeFileSync(path.join(project, "tsconfig.json"), tsconfig!);
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: wxcc-user-project\nruntime: nodejs\nmain: index.ts\n");
    fs.writeFileSync(
      path.join(project, "index.ts"),
      `import * as pulumi from "@pulumi/pulumi";
import { CustomConnector } from "pulumi-wxcc-connectors";
const cfg = new pulumi.Config();
const orders = new CustomConnector("orders", {
  name: "Orders API",
  domainUrl: "https://orders.example.com",
  username: "svc-orders",
  password: cfg.requireSecret("ordersPassword"),
  validationUrl: cfg.require("validationUrl"),
});
export const connectorId = orders.connectorId;
`,
    );
    await run(path.join(project, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", project], { cwd: project });
    const preview = await stack.preview({ color: "never" });
    expect(preview.changeSummary).toMatchObject({ create: 2 });
  });
});

describe("a symlinked install (npm install <directory>)", () => {
  it("fails the program at once, saying where the package is loaded from and to install it from the registry or a tarball", async () => {
    ensurePulumiOnPath();
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-linked-"));
    try {
      fs.writeFileSync(
        path.join(project, "package.json"),
        JSON.stringify({
          name: "wxcc-linked-project",
          private: true,
          dependencies: { "@pulumi/pulumi": USER_PULUMI, "pulumi-wxcc-connectors": `file:${repoRoot}` },
        }),
      );
      await npm(["install", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], project);
      expect(fs.lstatSync(path.join(project, "node_modules", "pulumi-wxcc-connectors")).isSymbolicLink()).toBe(true);
      fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: wxcc-linked-project\nruntime: nodejs\nmain: index.js\n");
      fs.writeFileSync(
        path.join(project, "index.js"),
        `const { CustomConnector } = require("pulumi-wxcc-connectors");
new CustomConnector("orders", { name: "Orders", domainUrl: "https://orders.example.com", username: "svc", password: "linked-pass-1" });
`,
      );
      fs.mkdirSync(path.join(project, "state"));
      const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: "dev", workDir: project },
        {
          secretsProvider: "passphrase",
          pulumiHome: path.join(project, ".pulumi-home"),
          envVars: {
            PULUMI_BACKEND_URL: `file://${path.join(project, "state")}`,
            PULUMI_CONFIG_PASSPHRASE: "user-passphrase",
            PULUMI_SKIP_UPDATE_CHECK: "true",
          },
        },
      );
      await stack.setAllConfig({ "wxcc:offlinePreview": { value: "true" }, "wxcc:orgId": { value: "demo" } });
      const err = await stack.preview({ color: "never" }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err?.message).toContain(`pulumi-wxcc-connectors is loaded from ${fs.realpathSync(repoRoot)}, outside node_modules`);
      expect(err?.message).toContain("Install the package from the registry or from a tarball");
      expect(err?.message).not.toContain("Map.prototype.get");
      expect(err?.message).not.toContain("linked-pass-1");
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
