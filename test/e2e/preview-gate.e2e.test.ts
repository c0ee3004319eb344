import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preview } from "../../rollout";
import { startLifecycleEmulator, type LifecycleEmulator, type TestOrg } from "../support/emulator";
import { E2EStack, type Declaration } from "./support/e2e-stack";
import { MultiOrgProject, ORGS } from "./support/multi-org";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { setup: registerDemoIdentities } = require("../../examples/multi-org/setup.js");

// SPEC §7 "Preview green ⇒ up green", through the real Pulumi CLI: a preview fails where
// `pulumi up` would (settings, credentials, backend, program-wide org rules), says how to fix
// it, and says it once, without a stack trace. `wxcc:offlinePreview true` is the way out.

const basic = (resource: string, name: string, over: Record<string, unknown> = {}): Declaration => ({
  resource,
  kind: "custom",
  args: { name, domainUrl: "https://crm.example.com", username: "svc", ...over },
  secrets: { password: `pw-${resource}-4f1c9e2a` },
});

/** A loopback URL where nothing listens. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

describe("pulumi preview gates like pulumi up", () => {
  let env: LifecycleEmulator;
  let org: TestOrg;
  let stack: E2EStack;

  beforeAll(async () => {
    env = await startLifecycleEmulator();
    org = await env.freshOrg();
    stack = await E2EStack.create("preview-gate", { url: env.url, ...org });
    await stack.declare([basic("orders", "Orders API"), basic("billing", "Billing API")]);
  });
  afterAll(async () => {
    await stack?.dispose();
    await env?.close();
  });

  /**
   * Runs a preview that must fail; returns its text after checking that the error diagnostic
   * holding `expected` was issued exactly once, and that no stack trace or serialization
   * wrapper shows anywhere.
   */
  async function failedPreview(expected: string): Promise<string> {
    const [output, events] = [stack.output.length, stack.events.length];
    const error = await stack.expectFailure(() => stack.preview());
    const text = stack.output.slice(output);
    const errors = stack.events
      .slice(events)
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line).diagnosticEvent)
      .filter((d) => d?.severity === "error")
      .map((d) => d.message as string);
    expect(errors.filter((m) => m.includes(expected))).toHaveLength(1);
    expect(errors.join("\n")).toContain(expected);
    expect(text).not.toContain("error serializing");
    expect(text).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    return `${text}\n${error}`;
  }

  it("fails naming the key and the command when the token or wxcc:baseUrl is missing, and previews offline with wxcc:offlinePreview true", async () => {
    await stack.stack.removeConfig("wxcc:accessToken");
    const missing = await failedPreview(
      "Missing configuration [wxcc:accessToken]: run `pulumi config set --secret wxcc:accessToken <token>` or set WXCC_ACCESS_TOKEN.",
    );
    expect(missing).toContain(
      "`pulumi preview` needs it as `pulumi up` does (the org check lists each org's connectors); to preview without the backend, run `pulumi config set wxcc:offlinePreview true`.",
    );
    await stack.stack.removeConfig("wxcc:baseUrl");
    await failedPreview("Missing configuration [wxcc:baseUrl]: run `pulumi config set wxcc:baseUrl <url>` or set WXCC_BASE_URL.");

    const before = (await env.admin.requests()).length;
    await stack.stack.setConfig("wxcc:offlinePreview", { value: "true" });
    const output = stack.output.length;
    const offline = await stack.preview();
    expect(offline.changeSummary).toEqual({ create: 3 });
    expect(stack.output.slice(output)).toContain("warning: Offline preview ([wxcc:offlinePreview] true): the org check made no backend call");
    expect((await env.admin.requests()).slice(before)).toEqual([]);

    // `pulumi up` is never offline: it fails the same way, before any connector is registered.
    const refused = await stack.expectFailure(() => stack.up());
    expect(refused).toContain("Missing configuration [wxcc:baseUrl]: run `pulumi config set wxcc:baseUrl <url>` or set WXCC_BASE_URL.");
    expect((await env.admin.requests()).slice(before)).toEqual([]);
    await stack.stack.removeConfig("wxcc:offlinePreview");
    await stack.target({ url: env.url, ...org });
  });

  it("fails naming wxcc:accessToken when the backend refuses the token: 401 for a wrong one, 403 for another org's", async () => {
    const other = await env.freshOrg();
    await stack.stack.setConfig("wxcc:accessToken", { value: "not-a-valid-token-7d2e", secret: true });
    await failedPreview(
      `The org check could not list the connectors of org "${org.orgId}" at ${env.url}: the backend refused the credentials (401 UNAUTHORIZED), so \`pulumi up\` would fail too; set valid ones with \`pulumi config set --secret wxcc:accessToken <token>\` (or WXCC_ACCESS_TOKEN); or, to preview without the backend, run \`pulumi config set wxcc:offlinePreview true\`.`,
    );
    await stack.stack.setConfig("wxcc:accessToken", { value: other.token, secret: true });
    await failedPreview(
      `the credentials are not valid for this org (403 FORBIDDEN), so \`pulumi up\` would fail too; check [wxcc:orgId] (or the resource's orgId) and set credentials for org "${org.orgId}"`,
    );
    expect(stack.output).not.toContain(other.token);
    expect(stack.output).not.toContain("not-a-valid-token-7d2e");
    await stack.target({ url: env.url, ...org });
  });

  it("fails naming the URL when the backend cannot be reached", async () => {
    const url = await deadUrl();
    await stack.stack.setConfig("wxcc:baseUrl", { value: url });
    const text = await failedPreview(`The org check could not list the connectors of org "${org.orgId}" at ${url}: Could not reach the backend at ${url}`);
    expect(text).toContain("`pulumi up` needs the backend too; or, to preview without the backend, run `pulumi config set wxcc:offlinePreview true`.");
    await stack.target({ url: env.url, ...org });
  });

  it("ends a program that failed on its own at once, without waiting for an org listing the backend holds", async () => {
    // The backend holds every listing for a minute; the program throws right after declaring.
    const listings = `^/v1/organizations/${org.orgId}/connectors$`;
    await env.admin.injectFault({ method: "GET", path: listings, delayMs: 60_000, times: 10 });
    await env.admin.clearRequests();
    await stack.stack.setConfig("e2e:throw", { value: "the program's own failure 7d2e" });
    try {
      const text = await failedPreview("the program's own failure 7d2e");
      // The listing was under way (sent) when the run ended, and the run did not wait for it to
      // time out: the org check would then have said it could not list the org.
      const sent = (await env.admin.requests()).filter((r) => r.method === "GET" && new RegExp(listings).test(r.path));
      expect(sent.length).toBeGreaterThan(0);
      expect(text).not.toContain("could not list");
    } finally {
      await stack.stack.removeConfig("e2e:throw");
      await env.admin.clearFaults();
    }
  });

  it("prints a program-wide check error once, as a message: the org limit counted with unmanaged connectors", async () => {
    const hand = env.byHand(org);
    const legacy = [];
    for (let i = 1; i <= 9; i++) {
      legacy.push(
        await hand.create({
          type: "CUSTOM",
          name: `Legacy ${i}`,
          custom: { authenticationType: "BASIC", domainUrl: "https://legacy.example.com", username: "u", password: "legacy-pw-1" },
        }),
      );
    }
    await failedPreview(
      `Org "${org.orgId}" allows at most 10 custom connectors: this program declares 2 and the org already has 9 it does not manage: "Legacy 1"`,
    );
    for (const c of legacy) {
      await hand.deactivate(c.id);
      await hand.delete(c.id);
    }
  });

  it("fails two declarations of one connectorId, naming both resources", async () => {
    await stack.declare([basic("crm", "CRM API", { connectorId: "c-shared" }), basic("crm-api", "crm-api", { connectorId: "c-shared" })]);
    await failedPreview(`One connector, one owner: resources "crm" and "crm-api" both declare [connectorId] "c-shared" in org "${org.orgId}"`);
  });

  it('fails "CASE clash" while an unmanaged "Case Clash" exists, naming it and the fix; adopting it previews green', async () => {
    const existing = await env.byHand(org).create({
      type: "CUSTOM",
      name: "Case Clash",
      custom: { authenticationType: "BASIC", domainUrl: "https://crm.example.com", username: "svc", password: "hand-pw-9" },
    });
    await stack.declare([basic("clash", "CASE clash")]);
    await failedPreview(
      `Connector names are unique in an org regardless of case: resource "clash" declares [name] "CASE clash", and org "${org.orgId}" already has "Case Clash" (${existing.id}), which no resource of this program manages, so the backend would refuse it; adopt it into "clash" with connectorId: "${existing.id}", or choose another name.`,
    );
    await stack.declare([basic("clash", "CASE clash", { connectorId: existing.id })]);
    const events = stack.events.length;
    await stack.preview();
    const steps = stack.events
      .slice(events)
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line).resourcePreEvent?.metadata)
      .filter((m) => m?.type === "pulumi-nodejs:dynamic/wxcc:CustomConnector")
      .map((m) => `${m.op} ${m.urn.split("::").pop()}`);
    expect(steps).toEqual(["create clash"]);
  });

  it("wxcc-rollout preview reports an org whose token is refused, and one without wxcc:baseUrl, as failed", async () => {
    for (const o of ORGS) await env.admin.registerOrg(o);
    await registerDemoIdentities(env.url, env.emu.adminToken);
    const project = await MultiOrgProject.create(env.url);
    try {
      await project.setToken("globex", "not-the-globex-token-3b8f");
      await (await project.stack("initech")).removeConfig("wxcc:baseUrl");
      // In this process: the emulator runs here and must answer the org checks' listings.
      const report = await preview({ dir: project.dir, envVars: project.envVars });
      expect(report.ok).toBe(false);
      expect(
        report.stacks.map((s: { stack: string; status: string }) => [s.stack, s.status]),
        JSON.stringify(report.stacks.map((s: { error?: string }) => s.error)),
      ).toEqual([
        ["acme", "ok"],
        ["globex", "failed"],
        ["initech", "failed"],
      ]);
      expect(report.stacks[1].error).toContain('The org check could not list the connectors of org "globex"');
      expect(report.stacks[1].error).toContain("401 UNAUTHORIZED");
      expect(report.stacks[1].error).toContain("`pulumi config set --secret wxcc:accessToken <token>`");
      expect(report.stacks[2].error).toContain("Missing configuration [wxcc:baseUrl]: run `pulumi config set wxcc:baseUrl <url>`");
      expect(JSON.stringify(report)).not.toContain("not-the-globex-token-3b8f");
    } finally {
      project.dispose();
    }
  });
});
