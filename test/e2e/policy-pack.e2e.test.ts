import { generateKeyPairSync } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLifecycleEmulator, type LifecycleEmulator, type TestOrg } from "../support/emulator";
import { E2EStack, type Declaration } from "./support/e2e-stack";
import { repoRoot } from "../../harness/repo";

// The pack as a user's project has it: the installed package's compiled pack directory.
const PACK_DIR = path.join(repoRoot, "node_modules", "pulumi-wxcc-connectors", "dist", "policy", "pack");

const PASSWORD = "pw-policy-e2e-5c1d";
const CLIENT_SECRET = "cs-policy-e2e-a7f0";
const PRIVATE_KEY = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();

describe("the policy pack through pulumi preview --policy-pack", () => {
  let env: LifecycleEmulator;
  let org: TestOrg;
  let stack: E2EStack;

  /** Writes a --policy-pack-config file into the stack's directory. */
  const policyConfig = (name: string, config: object): string => {
    const file = path.join(stack.dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify(config, null, 2));
    return file;
  };
  const preview = (configFile: string) => () => stack.preview({ policyPacks: [PACK_DIR], policyPackConfigs: [configFile] });

  const basic = (resource: string, over: Record<string, unknown> = {}): Declaration => ({
    resource,
    kind: "custom",
    args: { name: resource, domainUrl: "https://api.example.com", username: "svc", ...over },
    secrets: { password: PASSWORD },
  });
  const oauth = (resource: string, over: Record<string, unknown>): Declaration => ({
    resource,
    kind: "custom",
    args: {
      name: resource,
      domainUrl: "https://api.example.com",
      authenticationType: "oauth2",
      clientId: "client",
      tokenUrl: `${env.url}/oauth/token`,
      ...over,
    },
    secrets: over.grantType === "password" ? { clientSecret: CLIENT_SECRET, password: PASSWORD } : { clientSecret: CLIENT_SECRET },
  });
  const salesforce = (resource: string, authServerUrl: string): Declaration => ({
    resource,
    kind: "salesforce",
    args: { name: resource, clientId: "3MVG9-policy", userEmail: "ops@example.com", authServerUrl },
    secrets: { privateKey: PRIVATE_KEY },
  });

  beforeAll(async () => {
    env = await startLifecycleEmulator();
    org = await env.freshOrg();
    stack = await E2EStack.create("policy-pack", { url: env.url, ...org });
    expect(fs.existsSync(path.join(PACK_DIR, "PulumiPolicy.yaml")), "run `npm run build` first").toBe(true);
  });

  afterAll(async () => {
    await stack?.dispose();
    await env?.close();
  });

  it("refuses a violating program with each rule's message, at the level the policy config sets", async () => {
    await stack.declare([
      basic("crm-basic"),
      oauth("idp-password", { domainUrl: "https://crm.partner.io", grantType: "password", username: "agent" }),
      salesforce("sales", `${env.url}/salesforce`),
    ]);
    const config = policyConfig("strict", {
      "wxcc-allowed-hosts": { hosts: ["*.example.com", "127.0.0.1"] },
      "wxcc-salesforce-auth-servers": { allowed: ["https://acme.my.salesforce.com"] },
      "wxcc-org-connector-headroom": { enforcementLevel: "advisory", share: 0.1 },
    });
    const from = stack.output.length;
    const error = await stack.expectFailure(preview(config));
    const out = stack.output.slice(from) + error;

    expect(out).toContain("[mandatory]  wxcc-allowed-hosts");
    expect(out).toContain(
      `CustomConnector 'idp-password': [domainUrl] points at a host that is not among the allowed hosts (*.example.com, 127.0.0.1). Fix: use a URL on an allowed host`,
    );
    expect(out).toContain(
      `CustomConnector 'idp-password': [grantType] is the "password" grant, which policy forbids (forbidden: password). Fix: declare grantType "client_credentials"`,
    );
    expect(out).toContain(
      `CustomConnector 'crm-basic': [validationUrl] is not set on a Basic connector, so the service never checks its username and password. Fix: set validationUrl`,
    );
    expect(out).toContain(
      `SalesforceConnector 'sales': [authServerUrl] is not an allowed Salesforce authorization server (allowed: https://acme.my.salesforce.com). Fix: set authServerUrl to one of the allowed servers`,
    );
    expect(out).toContain("[advisory]  wxcc-org-connector-headroom");
    expect(out).toContain(
      `2 CustomConnector resources ('crm-basic', 'idp-password') of one org [orgId] use more than 1 of its 10 custom connector slots (share 0.1;`,
    );
    expect(out).toContain(`1 SalesforceConnector resource ('sales') of one org [orgId] uses more than 0 of its 5 Salesforce connector slots`);

    for (const secret of [PASSWORD, CLIENT_SECRET, ...PRIVATE_KEY.split("\n").filter((l) => l.length > 40)]) {
      expect(stack.output).not.toContain(secret);
    }
    // A refused preview changed nothing in the org.
    expect(await env.byHand(org).list()).toEqual([]);
  });

  it("passes a compliant program under the same rules", async () => {
    await stack.declare([
      basic("crm-basic", { validationUrl: `${env.url}/basic/validate` }),
      oauth("idp", { grantType: "client_credentials" }),
      salesforce("sales", `${env.url}/salesforce`),
    ]);
    const config = policyConfig("compliant", {
      "wxcc-allowed-hosts": { hosts: ["*.example.com", "127.0.0.1"] },
      "wxcc-salesforce-auth-servers": { allowed: [`${env.url}/salesforce`] },
      "wxcc-org-connector-headroom": { share: 0.2 },
    });
    const from = stack.output.length;
    const result = await preview(config)();
    const out = stack.output.slice(from);
    expect(result.changeSummary).toMatchObject({ create: 4 });
    expect(out).toMatch(/Policy Packs run:\s+Name\s+Version\s+wxcc-connectors\|local\|\S+\s+0\.1\.0/);
    expect(out).not.toMatch(/\[(mandatory|advisory)\]/);
  });

  it("refuses a malformed policy config before any rule runs, naming the rule and the key", async () => {
    const config = policyConfig("malformed", {
      "wxcc-allowed-hosts": { hosts: ["https://api.example.com"] },
      "wxcc-org-connector-headroom": { share: 2 },
    });
    const from = stack.output.length;
    const error = await stack.expectFailure(preview(config));
    const out = stack.output.slice(from) + error;
    expect(out).toContain("validating policy config: wxcc-connectors 0.1.0  wxcc-allowed-hosts: hosts.0: Does not match pattern");
    expect(out).toContain("wxcc-org-connector-headroom: share: Must be less than or equal to 1");
  });
});
