import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS } from "../../provider/config";

// The README's configuration table and the TSDoc of CONFIG_KEYS list every `wxcc:*` key the
// package reads, with its env fallback, default and whether it is a secret, exactly as the
// reader has them.

const root = path.join(__dirname, "..", "..");
const expected = Object.values(CONFIG_KEYS).map((k) => ({
  key: `\`${k.key}\``,
  env: k.env ? `\`${k.env}\`` : "—",
  default: k.default !== undefined ? `\`${k.default}\`` : "—",
  secret: k.secret ? "yes" : "no",
}));

/** The rows of the Markdown table whose first cell is a `wxcc:*` key, as trimmed cells. */
function keyRows(markdown: string): string[][] {
  return markdown
    .split("\n")
    .map((line) => line.replace(/^\s*\*\s?/, "").trim())
    .filter((line) => /^\| `wxcc:[A-Za-z]+` \|/.test(line))
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim()),
    );
}

describe("every wxcc:* key is documented as the config reader has it", () => {
  it("in the README's Configuration table: key, env fallback, default, secret", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1));
    const rows = keyRows(section).map(([key, env, dflt, secret]) => ({ key, env, default: dflt, secret }));
    expect(rows).toEqual(expected);
  });

  it("in the TSDoc of CONFIG_KEYS, which editors show", () => {
    const source = readFileSync(path.join(root, "provider", "config.ts"), "utf8");
    const doc = source.slice(0, source.indexOf("export const CONFIG_KEYS"));
    const rows = keyRows(doc.slice(doc.lastIndexOf("/**"))).map(([key, env, dflt, secret]) => ({
      key,
      env,
      // The TSDoc may say why there is no default: "— (required)".
      default: dflt!.startsWith("—") ? "—" : dflt,
      secret: secret === "yes" ? "yes" : "no",
    }));
    expect(rows).toEqual(expected);
  });
});

describe("the resource classes' TSDoc, which users read in their editor", () => {
  it.each([["sdk/salesforce-connector.ts"], ["sdk/custom-connector.ts"]])("%s names every wxcc:* key with its env fallback", (file) => {
    const source = readFileSync(path.join(root, file), "utf8").replace(/\n \* +/g, " ");
    for (const k of Object.values(CONFIG_KEYS)) {
      expect(source).toContain(`\`${k.key}\` (${k.env ? `env \`${k.env}\`` : "no env"})`);
    }
  });
});
