import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS, defaultOrgId, previewMode, readSetting, resolveSettings } from "../../provider/config";
import { ConfigError, WxccError } from "../../provider/errors";

const TOKEN = "tok-Very-Secret-123";
const stack = (values: Record<string, string>) => ({ get: (k: string) => values[k] });
const full = { "wxcc:baseUrl": "https://wxcc.example.com", "wxcc:orgId": "acme", "wxcc:accessToken": TOKEN };

function failure(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    expect(e).toBeInstanceOf(WxccError);
    return e as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("resolveSettings", () => {
  it("reads every wxcc: key from stack config, preflight defaulting to true", () => {
    expect({ ...resolveSettings(stack(full), {}) }).toEqual({
      baseUrl: "https://wxcc.example.com",
      orgId: "acme",
      accessToken: TOKEN,
      preflight: true,
      requestTimeoutMs: 30000,
    });
  });

  it("reads wxcc:requestTimeoutMs from config, falling back to WXCC_REQUEST_TIMEOUT_MS", () => {
    expect(resolveSettings(stack({ ...full, "wxcc:requestTimeoutMs": "1500" }), {}).requestTimeoutMs).toBe(1500);
    expect(resolveSettings(stack(full), { WXCC_REQUEST_TIMEOUT_MS: "2500" }).requestTimeoutMs).toBe(2500);
  });

  it.each(["0", "-1", "1.5", "soon"])("rejects wxcc:requestTimeoutMs %s naming the key and the fix", (v) => {
    expect(() => resolveSettings(stack({ ...full, "wxcc:requestTimeoutMs": v }), {})).toThrow(
      `Invalid configuration [wxcc:requestTimeoutMs]: expected a positive integer of milliseconds (got "${v}"); run \`pulumi config set wxcc:requestTimeoutMs 30000\` or set WXCC_REQUEST_TIMEOUT_MS.`,
    );
  });

  it("reads wxcc:preflight false", () => {
    expect(resolveSettings(stack({ ...full, "wxcc:preflight": "false" }), {}).preflight).toBe(false);
  });

  it("reads wxcc:preflight true in any case", () => {
    expect(resolveSettings(stack({ ...full, "wxcc:preflight": "TRUE" }), {}).preflight).toBe(true);
  });

  it("falls back to WXCC_BASE_URL, WXCC_ORG_ID and WXCC_ACCESS_TOKEN", () => {
    const s = resolveSettings(stack({}), { WXCC_BASE_URL: "http://127.0.0.1:8787", WXCC_ORG_ID: "demo", WXCC_ACCESS_TOKEN: "demo-token" });
    expect({ ...s }).toEqual({ baseUrl: "http://127.0.0.1:8787", orgId: "demo", accessToken: "demo-token", preflight: true, requestTimeoutMs: 30000 });
  });

  it("works without any config object (environment only)", () => {
    expect(resolveSettings(undefined, { WXCC_BASE_URL: "http://localhost:1", WXCC_ACCESS_TOKEN: "t" }).baseUrl).toBe("http://localhost:1");
  });

  it("prefers stack config over the environment", () => {
    const s = resolveSettings(stack(full), { WXCC_BASE_URL: "https://other.example.com", WXCC_ORG_ID: "other", WXCC_ACCESS_TOKEN: "other" });
    expect([s.baseUrl, s.orgId, s.accessToken]).toEqual(["https://wxcc.example.com", "acme", TOKEN]);
  });

  it("treats an empty config value as missing and uses the environment", () => {
    expect(resolveSettings(stack({ ...full, "wxcc:orgId": "" }), { WXCC_ORG_ID: "env-org" }).orgId).toBe("env-org");
  });

  it("leaves orgId undefined when neither config nor environment sets it", () => {
    const { "wxcc:orgId": _o, ...rest } = full;
    expect(resolveSettings(stack(rest), {})).not.toHaveProperty("orgId");
  });

  it("drops trailing slashes from the base URL", () => {
    expect(resolveSettings(stack({ ...full, "wxcc:baseUrl": "https://wxcc.example.com/api//" }), {}).baseUrl).toBe("https://wxcc.example.com/api");
  });

  it.each([
    [
      "wxcc:accessToken",
      { "wxcc:baseUrl": "https://wxcc.example.com" },
      "Missing configuration [wxcc:accessToken]: run `pulumi config set --secret wxcc:accessToken <token>` or set WXCC_ACCESS_TOKEN. Or use a Webex OAuth client that renews its tokens: set [wxcc:clientId], [wxcc:clientSecret] and [wxcc:refreshToken] (see the README, Configuration).",
    ],
    ["wxcc:baseUrl", { "wxcc:accessToken": TOKEN }, "Missing configuration [wxcc:baseUrl]: run `pulumi config set wxcc:baseUrl <url>` or set WXCC_BASE_URL."],
    [
      "wxcc:baseUrl",
      { "wxcc:baseUrl": "  ", "wxcc:accessToken": TOKEN },
      "Missing configuration [wxcc:baseUrl]: run `pulumi config set wxcc:baseUrl <url>` or set WXCC_BASE_URL.",
    ],
  ])("fails with CONFIG_MISSING naming [%s] and the fix", (key, values, message) => {
    const e = failure(() => resolveSettings(stack(values), {}));
    expect([e.code, e.key, e.message]).toEqual(["CONFIG_MISSING", key, message]);
  });

  it.each([
    [
      "wxcc:baseUrl",
      { "wxcc:baseUrl": "wxcc.example.com" },
      "Invalid configuration [wxcc:baseUrl]: not a URL; run `pulumi config set wxcc:baseUrl <url>` (https://…, or http:// on a loopback host such as the emulator's http://127.0.0.1:8787).",
    ],
    [
      "wxcc:baseUrl",
      { "wxcc:baseUrl": "http://wxcc.example.com" },
      `Invalid configuration [wxcc:baseUrl]: "http://wxcc.example.com" must use https:// (the access token is sent to it); run \`pulumi config set wxcc:baseUrl <url>\` (https://…, or http:// on a loopback host such as the emulator's http://127.0.0.1:8787).`,
    ],
    [
      "wxcc:baseUrl",
      { "wxcc:baseUrl": `https://u:${TOKEN}@wxcc.example.com` },
      "Invalid configuration [wxcc:baseUrl]: must not contain credentials, a query or a fragment; run `pulumi config set wxcc:baseUrl <url>` (https://…, or http:// on a loopback host such as the emulator's http://127.0.0.1:8787).",
    ],
    [
      "wxcc:preflight",
      { "wxcc:preflight": "yes" },
      `Invalid configuration [wxcc:preflight]: expected true or false (got "yes"); run \`pulumi config set wxcc:preflight false\` to skip the credential check before updates.`,
    ],
    [
      "wxcc:orgId",
      { "wxcc:orgId": "acme/prod" },
      `Invalid configuration [wxcc:orgId]: "acme/prod" must not contain whitespace, "/", "?" or "#"; run \`pulumi config set wxcc:orgId <org>\`.`,
    ],
  ])("fails with CONFIG_INVALID naming [%s] and the fix", (key, values, message) => {
    const e = failure(() => resolveSettings(stack({ ...full, ...values }), {}));
    expect([e.code, e.key, e.message]).toEqual(["CONFIG_INVALID", key, message]);
  });

  it("never echoes the access token in an error", () => {
    const e = failure(() => resolveSettings(stack({ "wxcc:accessToken": TOKEN }), {}));
    expect(e.message).not.toContain(TOKEN);
  });

  it("redacts the access token when the settings are logged or serialized", () => {
    const s = resolveSettings(stack(full), {});
    expect(JSON.stringify(s)).not.toContain(TOKEN);
    expect(inspect(s)).not.toContain(TOKEN);
    expect(JSON.parse(JSON.stringify(s)).accessToken).toBe("[secret]");
    expect(s.accessToken).toBe(TOKEN);
  });
});

describe("the one config reader, shared by the provider and the SDK org check", () => {
  it("reads a setting from stack config, else its WXCC_* variable, trimmed; empty counts as absent", () => {
    expect(readSetting("baseUrl", stack({ "wxcc:baseUrl": " https://a.example.com " }), { WXCC_BASE_URL: "https://b.example.com" })).toBe(
      "https://a.example.com",
    );
    expect(readSetting("baseUrl", stack({ "wxcc:baseUrl": "  " }), { WXCC_BASE_URL: "https://b.example.com" })).toBe("https://b.example.com");
    expect(readSetting("accessToken", undefined, { WXCC_ACCESS_TOKEN: "" })).toBeUndefined();
  });

  it("gives the default org without needing the other settings", () => {
    expect(defaultOrgId(stack({ "wxcc:orgId": "acme" }), {})).toBe("acme");
    expect(defaultOrgId(stack({}), { WXCC_ORG_ID: "globex" })).toBe("globex");
    expect(defaultOrgId(undefined, {})).toBeUndefined();
  });

  it("allows offline previews only with wxcc:offlinePreview true (or WXCC_OFFLINE_PREVIEW), or the deprecated wxcc:orgLimitCheck false", () => {
    expect(previewMode(stack({}), {})).toEqual({ offline: false });
    expect(previewMode(stack({ "wxcc:offlinePreview": "TRUE" }), {})).toEqual({ offline: true });
    expect(previewMode(stack({}), { WXCC_OFFLINE_PREVIEW: "true" })).toEqual({ offline: true });
    expect(previewMode(stack({ "wxcc:offlinePreview": "false" }), { WXCC_OFFLINE_PREVIEW: "true" })).toEqual({ offline: false });
    expect(previewMode(stack({ "wxcc:orgLimitCheck": "false" }), {})).toEqual({ offline: true, deprecatedKey: "wxcc:orgLimitCheck" });
    expect(previewMode(stack({ "wxcc:orgLimitCheck": "true" }), {})).toEqual({ offline: false });
    expect(() => previewMode(stack({ "wxcc:offlinePreview": "yes" }), {})).toThrow(
      "Invalid configuration [wxcc:offlinePreview]: expected true or false; run `pulumi config set wxcc:offlinePreview true` to allow previews without the backend, or remove it.",
    );
  });

  it("lists every key it reads with its environment fallback", () => {
    expect(Object.values(CONFIG_KEYS).map((k) => [k.key, k.env ?? null])).toEqual([
      ["wxcc:baseUrl", "WXCC_BASE_URL"],
      ["wxcc:orgId", "WXCC_ORG_ID"],
      ["wxcc:accessToken", "WXCC_ACCESS_TOKEN"],
      ["wxcc:clientId", "WXCC_CLIENT_ID"],
      ["wxcc:clientSecret", "WXCC_CLIENT_SECRET"],
      ["wxcc:refreshToken", "WXCC_REFRESH_TOKEN"],
      ["wxcc:tokenUrl", "WXCC_TOKEN_URL"],
      ["wxcc:preflight", null],
      ["wxcc:requestTimeoutMs", "WXCC_REQUEST_TIMEOUT_MS"],
      ["wxcc:offlinePreview", "WXCC_OFFLINE_PREVIEW"],
      ["wxcc:orgLimitCheck", null],
    ]);
  });
});
