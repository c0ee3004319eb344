import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { hasCredentials, resolveSettings } from "../../provider/config";
import { ConfigError } from "../../provider/errors";

const SECRET = "cs-Very-Secret-456";
const REFRESH = "rt-Very-Secret-789";
const stack = (values: Record<string, string>) => ({ get: (k: string) => values[k] });
const base = { "wxcc:baseUrl": "https://wxcc.example.com", "wxcc:orgId": "acme" };
const client = { "wxcc:clientId": "C123", "wxcc:clientSecret": SECRET, "wxcc:refreshToken": REFRESH };

function failure(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("a Webex OAuth client instead of wxcc:accessToken", () => {
  it("resolves clientId, clientSecret and refreshToken with the Webex token endpoint by default", () => {
    const s = resolveSettings(stack({ ...base, ...client }), {});
    expect(s.accessToken).toBeUndefined();
    expect(s.oauthClient).toEqual({ tokenUrl: "https://webexapis.com/v1/access_token", clientId: "C123", clientSecret: SECRET, refreshToken: REFRESH });
  });

  it("takes each part from its WXCC_* variable when the stack config lacks it, and wxcc:tokenUrl for another endpoint", () => {
    const env = {
      WXCC_CLIENT_ID: "C-env",
      WXCC_CLIENT_SECRET: "cs-env-000",
      WXCC_REFRESH_TOKEN: "rt-env-000",
      WXCC_TOKEN_URL: "http://127.0.0.1:8787/v1/access_token",
    };
    expect(resolveSettings(stack({ ...base, "wxcc:clientId": "C-config" }), env).oauthClient).toEqual({
      tokenUrl: "http://127.0.0.1:8787/v1/access_token",
      clientId: "C-config",
      clientSecret: "cs-env-000",
      refreshToken: "rt-env-000",
    });
  });

  it.each([
    [
      { "wxcc:clientId": "C123" },
      "wxcc:clientSecret",
      "Missing configuration [wxcc:clientSecret]: the Webex OAuth client needs it ([wxcc:clientId] is set); run `pulumi config set --secret wxcc:clientSecret <client-secret>` or set WXCC_CLIENT_SECRET.",
    ],
    [
      { "wxcc:clientId": "C123", "wxcc:clientSecret": SECRET },
      "wxcc:refreshToken",
      "Missing configuration [wxcc:refreshToken]: the Webex OAuth client needs it ([wxcc:clientId], [wxcc:clientSecret] are set); run `pulumi config set --secret wxcc:refreshToken <refresh-token>` or set WXCC_REFRESH_TOKEN.",
    ],
    [
      { "wxcc:refreshToken": REFRESH },
      "wxcc:clientId",
      "Missing configuration [wxcc:clientId]: the Webex OAuth client needs it ([wxcc:refreshToken] is set); run `pulumi config set wxcc:clientId <client-id>` or set WXCC_CLIENT_ID.",
    ],
  ])("half a client fails with CONFIG_MISSING naming the missing key and the command: %j", (given, key, message) => {
    const e = failure(() => resolveSettings(stack({ ...base, ...given }), {}));
    expect([e.code, e.key, e.message]).toEqual(["CONFIG_MISSING", key, message]);
    expect(e.message).not.toContain(SECRET);
    expect(e.message).not.toContain(REFRESH);
  });

  it("refuses a fixed token and an OAuth client together, saying how to keep one", () => {
    const e = failure(() => resolveSettings(stack({ ...base, ...client }), { WXCC_ACCESS_TOKEN: "tok-env-111" }));
    expect([e.code, e.key]).toEqual(["CONFIG_INVALID", "wxcc:accessToken"]);
    expect(e.message).toMatch(
      /^Conflicting configuration: \[wxcc:accessToken\] and the OAuth client \(\[wxcc:clientId\], \[wxcc:clientSecret\], \[wxcc:refreshToken\]\) are both set; keep one — run `pulumi config rm wxcc:accessToken`/,
    );
    expect(e.message).not.toContain("tok-env-111");
  });

  it.each([
    ["not a URL", "webexapis.com/v1/access_token", /not a URL/],
    ["plain http off loopback", "http://webexapis.com/v1/access_token", /must use https:\/\/ \(the client secret is sent to it\)/],
    ["credentials in the URL", `https://u:${SECRET}@webexapis.com/v1/access_token`, /must not contain credentials/],
  ])("refuses a token URL that is %s, naming [wxcc:tokenUrl]", (_what, url, reason) => {
    const e = failure(() => resolveSettings(stack({ ...base, ...client, "wxcc:tokenUrl": url }), {}));
    expect([e.code, e.key]).toEqual(["CONFIG_INVALID", "wxcc:tokenUrl"]);
    expect(e.message).toMatch(reason);
    expect(e.message).toContain("`pulumi config set wxcc:tokenUrl <url>`");
    expect(e.message).not.toContain(SECRET);
  });

  it("hides the client secret and refresh token when the settings are logged or serialized", () => {
    const s = resolveSettings(stack({ ...base, ...client }), {});
    for (const shown of [JSON.stringify(s), inspect(s, { depth: 5 })]) {
      expect(shown).not.toContain(SECRET);
      expect(shown).not.toContain(REFRESH);
      expect(shown).toContain("C123");
    }
  });

  it("counts any part of a client as credentials, so a half-configured one is reported rather than ignored", () => {
    expect(hasCredentials(stack({}), {})).toBe(false);
    expect(hasCredentials(stack({ "wxcc:refreshToken": REFRESH }), {})).toBe(true);
    expect(hasCredentials(stack({}), { WXCC_CLIENT_ID: "C1" })).toBe(true);
    expect(hasCredentials(stack({ "wxcc:tokenUrl": "https://x.example.com" }), {})).toBe(false);
  });
});
