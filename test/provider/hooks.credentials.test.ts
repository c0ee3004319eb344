import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { STORED_CREDENTIALS_NOTE } from "../../provider/auth";
import { resetProviders } from "../../provider/connector-provider";
import { customHooks } from "../../provider/hooks";
import type { TestOrg } from "../support/emulator";
import { basicFixture } from "../support/fixtures";
import { useKindFixture, useLifecycleEmulator } from "../support/lifecycle";

// The serializable hooks as the plugin calls them, configured with a Webex OAuth client, and
// what refresh (read) and destroy (delete) say when the stored credentials are refused.

const { env } = useLifecycleEmulator();
const savedEnv = { ...process.env };
beforeAll(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith("WXCC_")) delete process.env[k];
});
afterAll(() => {
  process.env = savedEnv;
});
afterEach(() => resetProviders());

const stackConfig = (values: Record<string, string>) => ({ get: (key: string) => values[key], require: (key: string) => values[key] ?? "" });
let n = 0;
/** An org with an integration whose refresh token acts on it, and the stack config that uses it. */
async function oauthOrg(accessTokenTtlSeconds = 3600): Promise<{ org: TestOrg; config: Record<string, string>; secret: string }> {
  const org = await env.freshOrg();
  n++;
  const c = { clientId: `C-hooks-${n}`, clientSecret: `cs-hooks-${n}-secret`, refreshToken: `rt-hooks-${n}-refresh` };
  await env.admin.registerWebexIntegration({
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    accessTokenTtlSeconds,
    refreshTokens: [{ refreshToken: c.refreshToken, orgId: org.orgId }],
  });
  const config = {
    "wxcc:baseUrl": env.url,
    "wxcc:orgId": org.orgId,
    "wxcc:clientId": c.clientId,
    "wxcc:clientSecret": c.clientSecret,
    "wxcc:refreshToken": c.refreshToken,
    "wxcc:tokenUrl": `${env.url}/v1/access_token`,
  };
  return { org, config, secret: c.clientSecret };
}

describe("hooks configured with a Webex OAuth client", () => {
  const basic = useKindFixture(env, basicFixture);

  it("create → read → delete with tokens the provider mints itself", async () => {
    const { org, config } = await oauthOrg();
    await customHooks.configure!({ config: stackConfig(config) });
    await env.admin.clearRequests();
    const { inputs } = await customHooks.check!({}, basic.args("oauth-made"));
    const { id, outs } = await customHooks.create(inputs);
    expect((await customHooks.read!(id, outs)).props).toEqual(outs);
    await customHooks.delete!(id, outs);
    expect(await env.byHand(org).get(id)).toBeUndefined();
    expect((await env.admin.requests()).filter((r) => r.path === "/v1/access_token").length).toBe(1);
  });

  it("refresh and destroy refused by the token endpoint say they use the credentials of the last `pulumi up`", async () => {
    const { org, config, secret } = await oauthOrg(1);
    await customHooks.configure!({ config: stackConfig(config) });
    const { id, outs } = await customHooks.create((await customHooks.check!({}, basic.args("oauth-rotated"))).inputs);

    // The secret is rotated at Webex and the last token expires; refresh and destroy still configure the old secret.
    await env.admin.registerWebexIntegration({
      clientId: config["wxcc:clientId"]!,
      clientSecret: `${secret}-new`,
      refreshTokens: [{ refreshToken: config["wxcc:refreshToken"]!, orgId: org.orgId }],
    });
    await new Promise((r) => setTimeout(r, 1100));
    resetProviders();
    await customHooks.configure!({ config: stackConfig(config) });
    for (const op of [() => customHooks.read!(id, outs), () => customHooks.delete!(id, outs)]) {
      const err = (await op().then(
        () => undefined,
        (e: unknown) => e,
      )) as Error & { code: string };
      expect(err.code).toBe("TOKEN_REFRESH_FAILED");
      expect(err.message).toContain("401 invalid_client");
      expect(err.message).toContain(STORED_CREDENTIALS_NOTE);
      expect(err.message).not.toContain(secret);
    }
    expect((await env.byHand(org).get(id))?.status).toBe("ACTIVE");
  });
});

describe("hooks configured with a fixed token that was rotated", () => {
  const basic = useKindFixture(env, basicFixture);

  it("a 401 on refresh and destroy names `pulumi up` and `pulumi refresh --run-program`; a 401 on create does not", async () => {
    const org = await env.freshOrg();
    const config = { "wxcc:baseUrl": env.url, "wxcc:orgId": org.orgId, "wxcc:accessToken": org.token };
    await customHooks.configure!({ config: stackConfig(config) });
    const { inputs } = await customHooks.check!({}, basic.args("fixed-rotated"));
    const { id, outs } = await customHooks.create(inputs);

    await env.admin.registerOrg({ orgId: org.orgId, token: `${org.token}-rotated` });
    for (const op of [() => customHooks.read!(id, outs), () => customHooks.delete!(id, outs)]) {
      const err = (await op().then(
        () => undefined,
        (e: unknown) => e,
      )) as Error & { code: string };
      expect(err.code).toBe("UNAUTHORIZED");
      expect(err.message).toContain(
        "note: `pulumi refresh` and `pulumi destroy` use the credentials stored by the last `pulumi up`, not the stack config as it is now; if you changed `wxcc:*` credentials since, run `pulumi up` (or `pulumi refresh --run-program`) to store them, then run this command again",
      );
    }
    const created = await customHooks.create((await customHooks.check!({}, basic.args("fixed-rotated-2"))).inputs).catch((e: unknown) => e as Error);
    expect((created as Error).message).toContain("401 UNAUTHORIZED");
    expect((created as Error).message).not.toContain(STORED_CREDENTIALS_NOTE);
  });
});
