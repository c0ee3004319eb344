import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { renderNextSteps, shellWord } from "../../export/render/next-steps";

describe("renderNextSteps", () => {
  const text = renderNextSteps([
    {
      dir: "out dir/it's",
      stack: "acme",
      orgId: "acme",
      connectorCount: 2,
      secrets: [
        { key: "salesCloudPrivateKey", field: "privateKey", connectorName: "Sales Cloud", connectorId: "c-1", kind: "salesforce" },
        { key: "api__8e7d6c", field: "clientSecret", connectorName: 'It\'s "$(rm -rf ~)" \\ 顧客', connectorId: "c-2", kind: "custom" },
      ],
    },
  ]);

  it("prints one `pulumi config set --secret` per secret, with no value, private keys read from a file", () => {
    expect(text).toContain('pulumi config set --secret --stack acme wxcc:accessToken   # an access token for org "acme"');
    expect(text).toContain(
      'pulumi config set --secret --stack acme salesCloudPrivateKey < salesCloudPrivateKey.pem   # privateKey of salesforce connector "Sales Cloud" (c-1)',
    );
    expect(text).toContain("pulumi config set --secret --stack acme api__8e7d6c   # clientSecret of custom connector");
  });

  it("is a shell script bash parses, whatever the names and directories hold", () => {
    const parsed = spawnSync("bash", ["-n"], { input: text, encoding: "utf8" });
    expect(parsed.status, parsed.stderr).toBe(0);
    expect(text).toContain(`cd 'out dir/it'\\''s'`);
  });

  it("quotes only words that need it", () => {
    expect(shellWord("wxcc:accessToken")).toBe("wxcc:accessToken");
    expect(shellWord("a b")).toBe("'a b'");
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
  });
});
