import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnEmulator, type EmulatorProcess } from "../../harness/emulator-process";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { handOperator, type TestOrg } from "../support/emulator";
import { basicFixture, salesforceFixture, type Args, type KindFixture } from "../support/fixtures";
import { SecretCatalog } from "../support/secret-catalog";
import { declaration } from "./support/declarations";
import { DEBUG_VERBOSITY, E2EStack, type Declaration } from "./support/e2e-stack";
import { Evidence } from "./support/evidence";
import { withoutPulumiDumps } from "./support/pulumi-own-dumps";

// SPEC §2 "provider credentials that renew", through the real Pulumi CLI and the emulator as
// its own process: a stack configured with a Webex OAuth client (no access token) whose
// access tokens live 3 seconds creates 15 connectors in an up that outlives several tokens,
// renews once on a 401 during refresh, and — once the client secret is rotated — tells the
// user that refresh and destroy use the credentials stored by the last `pulumi up`. No client
// secret, refresh token or minted access token shows in state, files, output or logs.

const TTL_SECONDS = 3;
const rand = (n = 12) => randomBytes(n).toString("hex");

describe("a stack authenticated by a Webex OAuth client whose access tokens live 3 seconds", () => {
  const secrets = new SecretCatalog();
  const evidence = new Evidence(secrets);
  const org: TestOrg = { orgId: "acme", token: `tok-acme-${rand()}` };
  const adminToken = `adm-${rand(16)}`;
  const oauth = { clientId: `C-e2e-${rand(4)}`, clientSecret: `cs-${rand()}`, refreshToken: `rt-${rand(20)}` };
  const rotatedSecret = `cs-rotated-${rand()}`;
  let emulator: EmulatorProcess;
  let admin: EmulatorAdmin;
  let stack: E2EStack;
  let basic: KindFixture, sf: KindFixture;
  let declarations: Declaration[];

  const catalogue = (fixture: KindFixture, args: Args) => {
    for (const [i, value] of fixture.secrets.entries()) {
      const label = `${fixture.label} secret #${i + 1}`;
      if (value.includes("-----BEGIN")) secrets.addPem(label, value);
      else if (!fixture.secrets.some((pem) => pem.includes("-----BEGIN") && pem.includes(value)))
        secrets.addCredential(label, (args.username ?? args.clientId) as string, value);
    }
  };
  /** Every access token the token endpoint minted so far, catalogued as a secret. */
  const catalogueMinted = async () => {
    const minted = await admin.webexAccessTokens();
    for (const [i, t] of minted.entries()) secrets.add(`minted access token #${i + 1}`, t.accessToken);
    return minted;
  };
  /** Registers (or rotates the secret of) the integration: 3-second tokens, refresh token bound to the org. */
  const registerIntegration = (clientSecret: string) =>
    admin.registerWebexIntegration({
      clientId: oauth.clientId,
      clientSecret,
      accessTokenTtlSeconds: TTL_SECONDS,
      refreshTokens: [{ refreshToken: oauth.refreshToken, orgId: org.orgId }],
    });
  /** Calls of the token endpoint among the requests logged after the `since`-th. */
  const tokenGrants = async (since = 0) => (await admin.requests()).slice(since).filter((r) => r.path === "/v1/access_token");

  beforeAll(async () => {
    emulator = await spawnEmulator(["--org", `${org.orgId}:${org.token}`, "--admin-token", adminToken]);
    admin = new EmulatorAdmin(emulator.url, adminToken);
    await registerIntegration(oauth.clientSecret);
    [basic, sf] = await Promise.all([basicFixture({ url: emulator.url, admin }), salesforceFixture({ url: emulator.url, admin })]);
    secrets
      .add("org access token", org.token)
      .add("emulator admin token", adminToken)
      .add("OAuth client secret", oauth.clientSecret)
      .add("rotated OAuth client secret", rotatedSecret)
      .add("refresh token", oauth.refreshToken);

    stack = await E2EStack.create("token-renewal", { url: emulator.url, ...org });
    await stack.stack.removeConfig("wxcc:accessToken");
    await stack.stack.setAllConfig({
      "wxcc:clientId": { value: oauth.clientId },
      "wxcc:clientSecret": { value: oauth.clientSecret, secret: true },
      "wxcc:refreshToken": { value: oauth.refreshToken, secret: true },
      "wxcc:tokenUrl": { value: `${emulator.url}/v1/access_token` },
    });
    // The org's limits: 10 custom and 5 Salesforce connectors.
    declarations = [
      ...Array.from({ length: 10 }, (_, i) => declaration(`custom${i}`, basic, basic.args(`Orders API ${i}`))),
      ...Array.from({ length: 5 }, (_, i) => declaration(`sales${i}`, sf, sf.args(`Sales Cloud ${i}`))),
    ];
    catalogue(basic, basic.args("x"));
    catalogue(sf, sf.args("x"));
    await stack.declare(declarations);
  });
  afterAll(async () => {
    await stack?.dispose();
    await emulator?.stop();
  });

  it("pulumi up creates 15 connectors over several token lifetimes, minting and renewing the token itself", async () => {
    // One create at a time, each held 500 ms by the emulator: the up outlives the first tokens.
    await admin.injectFault({ method: "POST", path: "/connectors$", delayMs: 500, times: 15 });
    const up = await evidence.operation(stack, "pulumi up, 15 creates with 3-second tokens", () => stack.up({ parallel: 1 }));
    expect(up.summary.resourceChanges).toEqual({ create: 16 });

    const live = await handOperator(emulator.url, org).list();
    expect(live.map((c) => c.status)).toEqual(Array(15).fill("ACTIVE"));
    const minted = await catalogueMinted();
    expect(minted.every((t) => t.clientId === oauth.clientId && t.orgId === org.orgId)).toBe(true);
    // The up outlived the first token: contract calls were made after it expired, and were answered.
    const firstExpiry = Date.parse(minted[0]!.expiresAt);
    const contract = (await admin.requests()).filter((r) => r.path.startsWith("/v1/organizations/"));
    expect(contract.filter((r) => Date.parse(r.time) > firstExpiry && r.status === 201).length).toBeGreaterThan(0);
    expect(minted.length).toBeGreaterThanOrEqual(3);

    const state = await stack.exportedState();
    expect(state).toContain("ciphertext");
    evidence.add({ "state on disk after up": state });
  });

  it("pulumi refresh renews once when the backend answers 401, and finds nothing changed (debug verbosity)", async () => {
    const since = (await admin.requests()).length;
    await admin.injectFault({ method: "GET", path: "/connectors/", status: 401, times: 1 });
    const refresh = await evidence.operation(stack, "pulumi refresh, one 401 (debug verbosity)", () => stack.refresh({ ...DEBUG_VERBOSITY, parallel: 1 }));
    expect(refresh.summary.resourceChanges).toEqual({ same: 16 });
    const calls = (await admin.requests()).slice(since);
    const refused = calls.findIndex((r) => r.status === 401);
    expect(refused).toBeGreaterThanOrEqual(0);
    // After the 401: a grant, then the same request again, answered.
    const after = calls.slice(refused + 1);
    expect(after.findIndex((r) => r.path === "/v1/access_token" && r.status === 200)).toBeLessThan(
      after.findIndex((r) => r.path === calls[refused]!.path && r.status === 200),
    );
    await catalogueMinted();
  });

  it("after the client secret is rotated, refresh and destroy say they use the credentials of the last `pulumi up`, and `refresh --run-program` fixes it", async () => {
    await registerIntegration(rotatedSecret);
    await stack.stack.setConfig("wxcc:clientSecret", { value: rotatedSecret, secret: true });

    const since = (await admin.requests()).length;
    const refresh = await evidence.failure(stack, "pulumi refresh, old client secret stored", () => stack.refresh());
    expect(refresh).toContain("401 invalid_client");
    expect(refresh).toContain("use the credentials stored by the last `pulumi up`");
    expect(refresh).toContain("`pulumi refresh --run-program`");
    const grants = await tokenGrants(since);
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.every((r) => r.status === 401)).toBe(true);

    const destroy = await evidence.failure(stack, "pulumi destroy, old client secret stored", () => stack.destroy());
    expect(destroy).toContain("use the credentials stored by the last `pulumi up`");
    expect((await handOperator(emulator.url, org).list()).length).toBe(15);

    const fixed = await evidence.operation(stack, "pulumi refresh --run-program, rotated secret", () => stack.refresh({ runProgram: true }));
    expect(fixed.summary.resourceChanges).toEqual({ same: 16 });
    await evidence.operation(stack, "pulumi destroy, rotated secret", () => stack.destroy());
    expect(await handOperator(emulator.url, org).list()).toEqual([]);
    await catalogueMinted();
  });

  it("no client secret, refresh token or access token shows in any file, output, event or emulator log", async () => {
    for (const [file, text] of Object.entries(stack.filesOnDisk())) {
      evidence.add({ [`file ${file}`]: /^tmp\/[^/]+\.log\.INFO\./.test(file) ? withoutPulumiDumps(text, "").output : text });
    }
    const [, ...rest] = emulator.stdout().split("\n");
    evidence.add({
      "emulator stdout after the ready line": rest.join("\n"),
      "emulator stderr": emulator.stderr(),
      "emulator request log": JSON.stringify(await admin.requests()),
      "emulator event log": JSON.stringify(await admin.events()),
    });
    // Everything gathered so far, against every token minted during the suite.
    await catalogueMinted();
    evidence.expectNoLeaks();
  });
});
