import { spawn } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, type EngineEvent, type Stack } from "@pulumi/pulumi/automation";
import { afterAll, describe, expect, it } from "vitest";
import { EmulatorAdmin, startEmulator } from "../../emulator/index";
import { ConnectorsClient, type Connector, type ConnectorWrite } from "../../provider/client";
import { suiteValue } from "../support/suite-value";
import { putPulumiOnPath as ensurePulumiOnPath } from "../../harness/pulumi-cli";
import { repoRoot } from "../../harness/repo";

const ORG = { orgId: "acme", token: `acme-${randomBytes(8).toString("hex")}` };

/** One connector an admin made by hand, and the secret values only they know. */
interface HandMade {
  write: ConnectorWrite;
  secrets: Record<string, string>;
  inactive?: boolean;
}

const pw = () => randomBytes(12).toString("base64url");

/**
 * 5 Salesforce + 10 custom connectors (Basic with and without a validation URL, OAuth 2.0
 * client credentials, OAuth 2.0 password grant; three inactive), with names that collide
 * once slugged, quotes, backslashes, comment and template syntax and other scripts. Their
 * identities are registered at the emulator's fake IdPs, so only the right secrets work.
 */
async function makeOrgByHand(url: string, admin: EmulatorAdmin): Promise<HandMade[]> {
  const made: HandMade[] = [];
  const salesforce = async (name: string, inactive = false) => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const clientId = `3MVG9${randomBytes(6).toString("hex")}`;
    const userEmail = `int-${made.length}@acme.example.com`;
    await admin.registerSalesforceApp({ clientId, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(), users: [userEmail] });
    const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    made.push({
      write: { type: "SALESFORCE", name, salesforce: { clientId, userEmail, authServerUrl: `${url}/salesforce`, privateKey: privateKeyPem } },
      secrets: { privateKey: privateKeyPem },
      inactive,
    });
  };
  const basic = async (name: string, username: string, validate: boolean, inactive = false) => {
    const password = pw();
    if (validate) await admin.registerBasicUser({ username, password });
    const validationUrl = validate ? `${url}/basic/validate` : undefined;
    made.push({
      write: { type: "CUSTOM", name, custom: { authenticationType: "BASIC", domainUrl: "https://orders.example.com", username, password, validationUrl } },
      secrets: { password },
      inactive,
    });
  };
  const clientCredentials = async (name: string, clientId: string, scope?: string) => {
    const clientSecret = pw();
    await admin.registerOAuthClient({ clientId, clientSecret });
    made.push({
      write: {
        type: "CUSTOM",
        name,
        custom: {
          authenticationType: "OAUTH2",
          domainUrl: "https://crm.example.com",
          grantType: "CLIENT_CREDENTIALS",
          clientId,
          clientSecret,
          scope,
          tokenUrl: `${url}/oauth/token`,
        },
      },
      secrets: { clientSecret },
    });
  };
  const passwordGrant = async (name: string, clientId: string, username: string, inactive = false) => {
    const [clientSecret, password] = [pw(), pw()];
    await admin.registerOAuthClient({ clientId, clientSecret, users: [{ username, password }] });
    made.push({
      write: {
        type: "CUSTOM",
        name,
        custom: {
          authenticationType: "OAUTH2",
          domainUrl: "https://hr.example.com",
          grantType: "PASSWORD",
          clientId,
          clientSecret,
          username,
          password,
          scope: "hr.read hr.write",
          tokenUrl: `${url}/oauth/token`,
        },
      },
      secrets: { clientSecret, password },
      inactive,
    });
  };

  await salesforce("Sales Cloud");
  await salesforce("Service Cloud");
  await salesforce("Sales Cloud (Sandbox)");
  await salesforce("顧客 Salesforce");
  await salesforce('Partner "Portal" \\ Legacy', true);
  await basic("Orders API", "orders-svc", true);
  await basic("crm_api", "crm-basic", true);
  await basic("Inventory ${env}", "inv", false, true);
  await basic("Zahlungsdienst Ü", "zahl", true);
  await clientCredentials("CRM API", "crm-cc", "crm.read");
  await clientCredentials('Billing "EU" \\ v2', "billing-cc");
  await clientCredentials("顧客 API", "kokyaku-cc", "read");
  await passwordGrant("HR */ Portal", "hr-pg", "hr-bot");
  await passwordGrant("Payroll", "payroll-pg", "pay-bot", true);
  await passwordGrant("Ticketing", "tix-pg", "tix-bot");
  return made;
}

/**
 * Runs a process without blocking this one: the emulator lives in this process and must
 * keep answering (and keep its keep-alive sockets healthy) while the child runs.
 */
function exec(cmd: string, args: string[], env: Record<string, string>, opts: { cwd?: string; input?: string } = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(opts.input ?? "");
  });
}

/** Everything the test keeps between its steps. */
interface World {
  root: string;
  dir: string;
  env: Record<string, string>;
  made: Map<string, HandMade>;
  before: Connector[];
  printed: string;
  output: string;
  stack?: Stack;
}

describe("wxcc-export: an org made by hand becomes a Pulumi stack that adopts it", () => {
  const emu = suiteValue(
    () => startEmulator({ port: 0, orgs: [ORG] }),
    (e) => e.close(),
  );
  const client = () => new ConnectorsClient({ baseUrl: emu.url, accessToken: ORG.token });
  const world = {} as World;
  afterAll(() => {
    if (world.root) fs.rmSync(world.root, { recursive: true, force: true });
  });

  it("exports 15 connectors into a program with connectorId set and prints the secret commands, printing no secret", async () => {
    ensurePulumiOnPath();
    const admin = new EmulatorAdmin(emu.url, emu.adminToken);
    world.made = new Map();
    for (const hand of await makeOrgByHand(emu.url, admin)) {
      const created = await client().create(ORG.orgId, hand.write);
      if (hand.inactive) await client().deactivate(ORG.orgId, created.id);
      world.made.set(created.id, hand);
    }
    world.before = await client().list(ORG.orgId);
    expect(
      world.before
        .map((c) => c.type)
        .sort()
        .join(","),
    ).toBe(`${"CUSTOM,".repeat(10)}${"SALESFORCE,".repeat(5)}`.slice(0, -1));

    // Inside the repo, so the program resolves pulumi-wxcc-connectors from node_modules like a user's project.
    world.root = path.join(repoRoot, ".tmp", "e2e", `export-${randomBytes(4).toString("hex")}`);
    world.dir = path.join(world.root, "acme");
    fs.mkdirSync(path.join(world.root, "state"), { recursive: true });
    world.env = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      PULUMI_BACKEND_URL: `file://${path.join(world.root, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "export-e2e",
      PULUMI_HOME: path.join(world.root, "home"),
      PULUMI_SKIP_UPDATE_CHECK: "true",
    };
    const bin = path.join(repoRoot, "dist", "export", "cli.js");
    const run = await exec(process.execPath, [bin, "--base-url", emu.url, "--org", ORG.orgId, "--out", world.dir], {
      ...world.env,
      WXCC_ACCESS_TOKEN: ORG.token,
    });
    expect(run.status, run.stderr).toBe(0);
    world.printed = run.stdout;
    world.output = run.stdout + run.stderr;

    const program = fs.readFileSync(path.join(world.dir, "index.ts"), "utf8");
    expect(program.match(/new SalesforceConnector\(/g)).toHaveLength(5);
    expect(program.match(/new CustomConnector\(/g)).toHaveLength(10);
    for (const c of world.before) expect(program).toContain(`connectorId: "${c.id}"`);
    expect(program.match(/active: false/g)).toHaveLength(3);
    // Names that slug alike: the earlier one keeps the bare name, the later one a suffix from its id.
    const crmBasic = world.before.find((c) => c.name === "crm_api")!;
    const crmOAuth = world.before.find((c) => c.name === "CRM API")!;
    expect(program).toContain(`new CustomConnector("crm-api", {\n  connectorId: "${crmBasic.id}",`);
    expect(program).toContain(`new CustomConnector("crm-api-${crmOAuth.id.slice(-6)}", {\n  connectorId: "${crmOAuth.id}",`);
    expect(program).toContain('new CustomConnector("顧客-api", {');
    expect(program).toContain('name: "Billing \\"EU\\" \\\\ v2",');
    // 5 private keys, 4 Basic passwords, 3 + 3 client secrets, 3 password-grant passwords.
    expect(world.printed.match(/^pulumi config set --secret --stack acme \S+/gm)).toHaveLength(1 + 5 + 4 + 6 + 3);
    const secrets = [...world.made.values()].flatMap((h) => Object.values(h.secrets));
    for (const s of [...secrets, ORG.token]) expect(world.output).not.toContain(s);
  });

  it("fills the secrets with the printed commands; `pulumi up` adopts all 15, creating and deleting none", async () => {
    const sh = async (line: string, input = "") => {
      const r = await exec("bash", ["-c", line], world.env, { cwd: world.dir, input });
      world.output += r.stdout + r.stderr;
      expect(r.status, `${line}\n${r.stderr}`).toBe(0);
    };
    await sh(world.printed.split("\n").find((l) => l.startsWith("pulumi stack init "))!);
    const COMMENT = /^pulumi config set --secret --stack acme (\S+)(?: < (\S+))? {3}# (\w+) of \w+ connector .* \((c-[0-9a-f]+)\)/;
    // Every printed command is checked; the first one per secret field runs verbatim (the
    // CLI starts in ~2 s, so the rest go in through one `config set-all` with the same keys).
    const verbatim = new Set<string>();
    const rest: Record<string, { value: string; secret: boolean }> = {};
    let filled = 0;
    for (const line of world.printed.split("\n").filter((l) => l.startsWith("pulumi config set --secret"))) {
      if (line.includes(" wxcc:accessToken ")) {
        await sh(line, ORG.token);
        continue;
      }
      const m = COMMENT.exec(line);
      expect(m, line).not.toBeNull();
      const [, key, pemFile, field, connectorId] = m!;
      const value = world.made.get(connectorId)!.secrets[field];
      expect(value, line).toBeDefined();
      filled++;
      if (verbatim.has(field)) {
        rest[`wxcc-connectors:${key}`] = { value, secret: true };
      } else if (pemFile) {
        verbatim.add(field);
        fs.writeFileSync(path.join(world.dir, pemFile), value);
        await sh(line);
        fs.rmSync(path.join(world.dir, pemFile));
      } else {
        verbatim.add(field);
        await sh(line, value);
      }
    }
    expect(filled).toBe(18);

    const admin = new EmulatorAdmin(emu.url, emu.adminToken);
    await admin.clearRequests();
    world.stack = await LocalWorkspace.selectStack({ stackName: "acme", workDir: world.dir }, { envVars: world.env, pulumiHome: world.env.PULUMI_HOME });
    await world.stack.setAllConfig(rest);
    const adopted = new Map<string, string>();
    const result = await world.stack.up({
      onOutput: (s) => (world.output += s),
      onEvent: (e: EngineEvent) => {
        const o = e.resOutputsEvent?.metadata;
        if (o?.type.endsWith("Connector")) adopted.set(o.urn, String(o.new?.outputs?.connectorId));
      },
    });
    const changes = result.summary.resourceChanges ?? {};
    expect(changes.delete ?? 0).toBe(0);
    expect(changes.replace ?? 0).toBe(0);
    // 15 connectors + the stack itself are new in state; each connector adopted an existing one.
    expect(changes.create).toBe(16);
    expect(adopted.size).toBe(15);
    expect([...adopted.values()].sort()).toEqual(world.before.map((c) => c.id).sort());

    const requests = await admin.requests();
    expect(requests.filter((r) => r.method === "POST" && /\/connectors$/.test(r.path))).toEqual([]);
    expect(requests.filter((r) => r.method === "DELETE")).toEqual([]);
    const after = await client().list(ORG.orgId);
    // Same 15 ids, and every non-secret setting and status exactly as the admin left it.
    const settings = (list: Connector[]) =>
      list.map(({ id, type, name, status, salesforce, custom }) => ({ id, type, name, status, salesforce, custom })).sort((a, b) => a.id.localeCompare(b.id));
    expect(settings(after)).toEqual(settings(world.before));
  });

  it("the next preview shows no change, and no secret reached the output or the state in plaintext", async () => {
    const preview = await world.stack!.preview({ diff: true, onOutput: (s) => (world.output += s) });
    const { same, ...changed } = preview.changeSummary;
    expect(changed).toEqual({});
    expect(same).toBe(16); // 15 connectors + the stack

    const stateDir = path.join(world.root, "state", ".pulumi");
    const state = fs
      .readdirSync(stateDir, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".json"))
      .map((f) => fs.readFileSync(path.join(stateDir, f), "utf8"))
      .join("\n");
    expect(state).toContain(world.before[0].id);
    const stackFile = fs.readFileSync(path.join(world.dir, "Pulumi.acme.yaml"), "utf8");
    const secrets = [...world.made.values()].flatMap((h) => Object.values(h.secrets));
    for (const s of [...secrets, ORG.token]) {
      // PEM keys: their base64 body lines are what would leak.
      const probe = s.includes("BEGIN") ? s.split("\n")[1] : s;
      expect(world.output).not.toContain(probe);
      expect(state).not.toContain(probe);
      expect(stackFile).not.toContain(probe);
    }
  });
});
