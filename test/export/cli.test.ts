import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "../../export/cli";
import { startEmulator } from "../../emulator/index";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { ConnectorsClient } from "../../provider/client";
import { suiteValue } from "../support/suite-value";

const ORGS = [
  { orgId: "acme", token: "acme-token-s3cr3t" },
  { orgId: "globex", token: "globex-token-s3cr3t" },
];
const emu = suiteValue(
  async () => {
    const started = await startEmulator({ port: 0, orgs: ORGS });
    for (const org of ORGS) {
      const client = new ConnectorsClient({ baseUrl: started.url, accessToken: org.token });
      await client.create(org.orgId, {
        type: "CUSTOM",
        name: "Orders API",
        custom: { authenticationType: "BASIC", domainUrl: "https://orders.example.com", username: "svc", password: "pw-never-shown" },
      });
      await client.create(org.orgId, {
        type: "CUSTOM",
        name: `${org.orgId} only`,
        custom: { authenticationType: "BASIC", domainUrl: "https://x.example.com", username: "u", password: "pw-never-shown" },
      });
    }
    return started;
  },
  (e) => e.close(),
);

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "wxcc-export-"));
  dirs.push(d);
  return d;
}

/** Runs the bin in-process; fast retries so failure cases stay quick. */
async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (s) => (out += s), err: (s) => (err += s) }, env, { maxRetries: 1, retryBaseMs: 1 });
  return { code, out, err, all: out + err };
}

describe("wxcc-export command line", () => {
  it("--help documents every option with examples and exits 0; --version prints the version", async () => {
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    for (const flag of ["--org", "--base-url", "--access-token", "--stack", "--project", "--out", "--multi-org", "--force", "--version"])
      expect(help.out).toContain(flag);
    expect(help.out).toContain("Examples:");
    expect(help.out).toContain("WXCC_ACCESS_TOKEN_<ORG>");
    const version = await run(["--version"]);
    expect(version).toMatchObject({ code: 0, out: `${JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")).version}\n` });
  });

  it("refuses an unknown flag or a stray argument with the usage and exit 2", async () => {
    const bad = await run(["--org", "acme", "--orgs", "x"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("unknown option '--orgs'");
    expect(bad.err).toContain("Usage: wxcc-export [options]");
    expect((await run(["acme"])).code).toBe(2);
  });

  it("names the missing flag and its environment fallback", async () => {
    const noUrl = await run(["--org", "acme"]);
    expect(noUrl.code).toBe(2);
    expect(noUrl.err).toContain("[--base-url] is required");
    expect(noUrl.err).toContain("WXCC_BASE_URL");
    const noOrg = await run(["--base-url", emu.url]);
    expect(noOrg.err).toContain("[--org] is required");
    const noToken = await run(["--base-url", emu.url, "--org", "acme"]);
    expect(noToken.err).toContain('no access token for org "acme": set WXCC_ACCESS_TOKEN_ACME or WXCC_ACCESS_TOKEN');
    const plainHttp = await run(["--base-url", "http://wxcc.example.com", "--org", "acme"], { WXCC_ACCESS_TOKEN: "t" });
    expect(plainHttp.err).toContain("[--base-url] must use https://");
  });

  it("exports an org from the environment the provider reads, printing the secret commands and never a token", async () => {
    const out = path.join(tmp(), "acme");
    const r = await run(["--out", out], { WXCC_BASE_URL: emu.url, WXCC_ORG_ID: "acme", WXCC_ACCESS_TOKEN: ORGS[0].token });
    expect(r.code, r.err).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(["Pulumi.acme.yaml", "Pulumi.yaml", "index.ts", "package.json", "tsconfig.json"]);
    const program = fs.readFileSync(path.join(out, "index.ts"), "utf8");
    expect(program).toMatch(/new CustomConnector\("orders-api", \{\n {2}connectorId: "c-[0-9a-f]+",\n {2}name: "Orders API",/);
    expect(program).toContain('password: config.requireSecret("ordersApiPassword")');
    expect(parse(fs.readFileSync(path.join(out, "Pulumi.acme.yaml"), "utf8"))).toEqual({ config: { "wxcc:orgId": "acme", "wxcc:baseUrl": emu.url } });
    expect(r.out).toContain(`cd ${out}`);
    expect(r.out).toContain("pulumi config set --secret --stack acme wxcc:accessToken");
    expect(r.out).toMatch(/pulumi config set --secret --stack acme ordersApiPassword {3}# password of custom connector "Orders API" \(c-[0-9a-f]+\)/);
    const everything =
      r.all +
      fs
        .readdirSync(out)
        .map((f) => fs.readFileSync(path.join(out, f), "utf8"))
        .join("");
    expect(everything).not.toContain(ORGS[0].token);
    expect(everything).not.toContain("pw-never-shown");
  });

  it("names the org, the HTTP status and code and the fix when a token is rejected, without the token", async () => {
    const wrong = await run(["--base-url", emu.url, "--org", "acme", "--out", tmp()], { WXCC_ACCESS_TOKEN: "wrong-token-s3cr3t" });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('cannot read the connectors of org "acme"');
    expect(wrong.err).toContain("401 UNAUTHORIZED");
    expect(wrong.err).toContain("the access token from WXCC_ACCESS_TOKEN was rejected");
    expect(wrong.all).not.toContain("wrong-token-s3cr3t");

    const otherOrg = await run(["--base-url", emu.url, "--org", "globex", "--out", tmp()], { WXCC_ACCESS_TOKEN: ORGS[0].token });
    expect(otherOrg.err).toContain('org "globex"');
    expect(otherOrg.err).toContain("403 FORBIDDEN");
    expect(otherOrg.err).toContain("WXCC_ACCESS_TOKEN_<ORG>");
    expect(otherOrg.all).not.toContain(ORGS[0].token);
  });

  it("says to try again later when the backend keeps failing", async () => {
    const admin = new EmulatorAdmin(emu.url, emu.adminToken);
    await admin.injectFault({ method: "GET", path: "/organizations/acme/connectors$", status: 503, times: 5 });
    try {
      const r = await run(["--base-url", emu.url, "--org", "acme", "--out", tmp()], { WXCC_ACCESS_TOKEN: ORGS[0].token });
      expect(r.code).toBe(1);
      expect(r.err).toContain("retrying");
      expect(r.err).toMatch(/org "acme" .*503 INTERNAL — the backend failed; run wxcc-export again later/);
    } finally {
      await admin.clearFaults();
    }
  });

  it("never overwrites an earlier export unless --force", async () => {
    const out = tmp();
    const env = { WXCC_ACCESS_TOKEN: ORGS[0].token };
    const args = ["--base-url", emu.url, "--org", "acme", "--out", out];
    expect((await run(args, env)).code).toBe(0);
    fs.writeFileSync(path.join(out, "index.ts"), "// my edits\n");
    const again = await run(args, env);
    expect(again.code).toBe(1);
    expect(again.err).toContain("already exist");
    expect(again.err).toContain("--force");
    expect(fs.readFileSync(path.join(out, "index.ts"), "utf8")).toBe("// my edits\n");
    expect((await run([...args, "--force"], env)).code).toBe(0);
    expect(fs.readFileSync(path.join(out, "index.ts"), "utf8")).toContain("orders-api");
  });

  it("reads each org with its own WXCC_ACCESS_TOKEN_<ORG> and writes the multi-org shape with --multi-org", async () => {
    const out = tmp();
    const r = await run(
      ["--base-url", emu.url, "--org", "acme", "--org", "globex", "--stack", "globex=prod-globex", "--multi-org", "--project", "fleet", "--out", out],
      {
        WXCC_ACCESS_TOKEN_ACME: ORGS[0].token,
        WXCC_ACCESS_TOKEN_GLOBEX: ORGS[1].token,
      },
    );
    expect(r.code, r.err).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(["Pulumi.acme.yaml", "Pulumi.prod-globex.yaml", "Pulumi.yaml", "index.ts", "package.json", "tsconfig.json"]);
    const project = parse(fs.readFileSync(path.join(out, "Pulumi.yaml"), "utf8"));
    expect(Object.keys(project.config["fleet:connectors"].value)).toEqual(["orders-api"]);
    const globex = parse(fs.readFileSync(path.join(out, "Pulumi.prod-globex.yaml"), "utf8")).config;
    expect(globex["wxcc:orgId"]).toBe("globex");
    // A connector only one org has is declared whole in that org's overrides, not in the base set.
    expect(Object.keys(globex["fleet:overrides"]).sort()).toEqual(["globex-only", "orders-api"]);
    expect(globex["fleet:overrides"]["globex-only"]).toMatchObject({ kind: "custom", name: "globex only" });
    expect(r.out).toContain("pulumi config set --secret --stack prod-globex ordersApiPassword");
    expect(r.all).not.toContain(ORGS[1].token);
  });
});
