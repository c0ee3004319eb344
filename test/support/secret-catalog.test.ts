import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretCatalog } from "./secret-catalog";

const pem = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
// Body lines long enough to catalogue (a last line of under 8 characters is too short to tell apart).
const bodyLines = pem.split("\n").filter((l) => l.length >= 8 && !l.startsWith("-----"));

describe("SecretCatalog", () => {
  it("finds nothing in text free of secrets", () => {
    const secrets = new SecretCatalog().add("org token", "tok-0123456789abcdef").addPem("Salesforce key", pem);
    expect(secrets.findLeaks({ "up output": "Updating (e2e)… 3 connectors ACTIVE", state: '{"ciphertext":"v1:abc"}' })).toEqual([]);
    expect(() => secrets.expectNoLeaks({ "up output": "nothing here" })).not.toThrow();
  });

  it("names the source and the secret, and quotes the context with the secret replaced by its label", () => {
    const secrets = new SecretCatalog().add("org token", "tok-0123456789abcdef");
    const leaks = secrets.findLeaks({ "refresh output": "error: GET /connectors with Bearer tok-0123456789abcdef failed" });
    expect(leaks).toEqual([{ secret: "org token", source: "refresh output", context: "error: GET /connectors with Bearer ‹org token› failed" }]);
    expect(() => secrets.expectNoLeaks({ "refresh output": "Bearer tok-0123456789abcdef" })).toThrow(
      "1 secret occurrence(s) found:\n  - org token in refresh output: …Bearer ‹org token›…",
    );
  });

  it("finds a PEM key by its body lines when it is shown JSON-escaped, and never prints them", () => {
    const secrets = new SecretCatalog().addPem("Salesforce key", pem);
    const state = JSON.stringify({ outputs: { privateKey: pem } });
    const leaks = secrets.findLeaks({ "exported state": state });
    expect(leaks.map((l) => l.secret)).toEqual(bodyLines.map((_, i) => `Salesforce key (line ${i + 1})`));
    for (const leak of leaks) for (const line of bodyLines) expect(leak.context).not.toContain(line);
    expect(leaks[0]!.context).toContain("‹Salesforce key (line 1)›");
  });

  it("centres a line found inside the whole PEM on the PEM's own marker", () => {
    const secrets = new SecretCatalog().addPem("Salesforce key", pem);
    const leaks = secrets.findLeaks({ log: `key: ${pem} end` });
    expect(leaks.find((l) => l.secret === "Salesforce key (line 2)")!.context).toBe("key: ‹Salesforce key› end");
  });

  it("finds a password sent as an HTTP Basic credential", () => {
    const secrets = new SecretCatalog().addCredential("Basic password", "svc-user", "pw-0123456789");
    const header = `authorization: Basic ${Buffer.from("svc-user:pw-0123456789").toString("base64")}`;
    expect(secrets.findLeaks({ "emulator log": header }).map((l) => l.secret)).toEqual(["Basic password (as HTTP Basic credential)"]);
  });

  it("refuses test secrets too short to be searched for reliably", () => {
    expect(() => new SecretCatalog().add("pin", "1234")).toThrow('secret "pin" is shorter than 8 characters');
  });
});
