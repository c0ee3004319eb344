import { generateKeyPairSync, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badInputCorpus } from "../support/bad-input-corpus";
import { startLifecycleEmulator, type LifecycleEmulator, type TestOrg } from "../support/emulator";
import { SecretCatalog } from "../support/secret-catalog";
import { DEBUG_VERBOSITY, E2EStack, type Verbosity } from "./support/e2e-stack";
import { Evidence } from "./support/evidence";
import { repoRoot } from "../../harness/repo";

// SPEC §2 "check" and §7 "No secret printed", through the real Pulumi CLI: every rule family
// of the bad-input corpus fails `pulumi preview` naming the property, and no rejected secret
// shows, whatever path it took into the program. The engine prints the value of a check
// failure's property (`property <name> value <value>`), and the CLI masks only secrets that
// come verbatim from config; so each secret field is rejected for each of its families after
// arriving by each path: verbatim secret config, `.apply`, a file wrapped in `pulumi.secret`,
// another resource's output. One program declares every case; the engine stops a preview at
// the first invalid resource, so each preview targets one (`--target`), which fails with all
// of its properties' failures at once.

type Via = "config" | "apply" | "file" | "resource";
const PATHS: Via[] = ["config", "apply", "file", "resource"];

/** One resource of the program: its args, its secrets (and how they arrive), what must fail. */
interface Case {
  resource: string;
  kind: "salesforce" | "custom";
  args: Record<string, unknown>;
  secrets: Record<string, unknown>;
  via: Via;
  /** The corpus families this resource exercises. */
  families: string[];
  /** The properties its failures must name. */
  fields: string[];
}

const pem = (type: "ec" | "rsa") =>
  (type === "ec" ? generateKeyPairSync("ec", { namedCurve: "P-256" }) : generateKeyPairSync("rsa", { modulusLength: 2048 })).privateKey
    .export({ type: "pkcs8", format: "pem" })
    .toString();
const secret = (what: string) => `${what}-${randomBytes(8).toString("hex")}`;
const sf = { clientId: "3MVG9-e2e", userEmail: "ops@example.com" };
const domain = { domainUrl: "https://crm.example.com" };

/** The cases whose secrets travel by `via`: every value-bearing family of each secret field. */
function byPath(via: Via): Case[] {
  const at = (resource: string) => `${resource}-${via}`;
  return [
    {
      resource: at("sf-key"),
      kind: "salesforce",
      via,
      args: { name: `SF key ${via}`, ...sf, userEmail: "ops@", authServerUrl: "http://example.com", active: "yes" },
      secrets: { privateKey: pem("ec"), password: secret("sf-foreign-pw"), clientSecret: secret("sf-foreign-cs") },
      families: ["salesforce/privateKey", "salesforce/foreign", "salesforce/email", "salesforce/authServerUrl", "salesforce/active"],
      fields: ["privateKey", "password", "clientSecret", "userEmail", "authServerUrl", "active"],
    },
    {
      resource: at("sf-type"),
      kind: "salesforce",
      via,
      args: { name: `SF type ${via}`, ...sf },
      secrets: { privateKey: { pem: secret("sf-object-key") } },
      families: ["salesforce/type"],
      fields: ["privateKey"],
    },
    {
      resource: at("basic-type"),
      kind: "custom",
      via,
      args: { name: `Basic type ${via}`, domainUrl: "http://example.com", username: "svc", validationUrl: "ftp://example.com" },
      secrets: { password: [secret("basic-array-pw")], privateKey: pem("rsa"), clientSecret: secret("basic-foreign-cs") },
      families: ["basic/type", "basic/foreign", "custom/domainUrl", "basic/validationUrl"],
      fields: ["password", "privateKey", "clientSecret", "domainUrl", "validationUrl"],
    },
    {
      resource: at("oauth-type"),
      kind: "custom",
      via,
      args: {
        name: `OAuth type ${via}`,
        ...domain,
        authenticationType: "oauth2",
        clientId: "c",
        tokenUrl: "http://10.0.0.1/token",
        validationUrl: "https://v.example.com",
        active: 0,
      },
      secrets: { clientSecret: { value: secret("oauth-object-cs") }, password: secret("oauth-cc-pw") },
      families: ["oauth/type", "oauth/foreign-client-credentials", "oauth/tokenUrl", "oauth/foreign", "custom/active"],
      fields: ["clientSecret", "password", "tokenUrl", "validationUrl", "active"],
    },
  ];
}

/** Families whose secret is absent or empty, so no path can matter; their secrets come verbatim from config. */
const WITHOUT_VALUE: Case[] = [
  {
    resource: "sf-missing",
    kind: "salesforce",
    via: "config",
    args: { name: "SF missing", ...sf },
    secrets: {},
    families: ["salesforce/required"],
    fields: ["privateKey"],
  },
  {
    resource: "sf-empty",
    kind: "salesforce",
    via: "config",
    args: { name: "SF empty", ...sf, privateKey: "" },
    secrets: {},
    families: ["salesforce/empty"],
    fields: ["privateKey"],
  },
  {
    resource: "basic-missing",
    kind: "custom",
    via: "config",
    args: { name: "Basic missing", ...domain, username: "svc" },
    secrets: {},
    families: ["basic/required"],
    fields: ["password"],
  },
  {
    resource: "basic-empty",
    kind: "custom",
    via: "config",
    args: { name: "Basic empty", ...domain, username: "svc", password: "" },
    secrets: {},
    families: ["basic/empty"],
    fields: ["password"],
  },
  {
    resource: "oauth-password-grant",
    kind: "custom",
    via: "config",
    args: {
      name: "OAuth password",
      ...domain,
      authenticationType: "oauth2",
      grantType: "password",
      username: "u",
      clientId: "c",
      clientSecret: "",
      tokenUrl: "https://idp.example.com/token",
    },
    secrets: {},
    families: ["oauth/password-grant-required", "oauth/empty"],
    fields: ["password", "clientSecret"],
  },
  {
    resource: "oauth-missing",
    kind: "custom",
    via: "config",
    args: { name: "OAuth missing", ...domain, authenticationType: "oauth2", clientId: "c", tokenUrl: "https://idp.example.com/token" },
    secrets: {},
    families: ["oauth/required"],
    fields: ["clientSecret"],
  },
  {
    resource: "auth-type",
    kind: "custom",
    via: "config",
    args: { name: "Auth type", ...domain, authenticationType: "bearer", grantType: "implicit" },
    secrets: { password: secret("bearer-pw") },
    families: ["custom/authenticationType", "oauth/grantType"],
    fields: ["authenticationType", "grantType"],
  },
];

const WITH_VALUE = PATHS.flatMap(byPath);
const CASES = [...WITH_VALUE, ...WITHOUT_VALUE];
const TYPE = { salesforce: "pulumi-nodejs:dynamic/wxcc:SalesforceConnector", custom: "pulumi-nodejs:dynamic/wxcc:CustomConnector" };

describe("invalid declarations through pulumi preview", () => {
  let env: LifecycleEmulator;
  let org: TestOrg;
  let stack: E2EStack;
  const secrets = new SecretCatalog();
  const evidence = new Evidence(secrets);
  const urn = (c: Case) => `urn:pulumi:e2e::wxcc-e2e::${TYPE[c.kind]}::${c.resource}`;

  beforeAll(async () => {
    env = await startLifecycleEmulator();
    org = await env.freshOrg();
    secrets.add("org access token", org.token);
    stack = await E2EStack.create("bad-input", { url: env.url, ...org });
    fs.copyFileSync(path.join(repoRoot, "test", "e2e", "program", "secret-paths.js"), path.join(stack.dir, "index.js"));
    fs.mkdirSync(path.join(stack.dir, "secret-files"));

    const config: Record<string, { value: string; secret?: boolean }> = {};
    const sources: Array<{ key: string; json: boolean }> = [];
    // Each case in an org of its own: ten Salesforce cases would exceed one org's limit of 5.
    const cases = CASES.map((c, i) => {
      const how: Record<string, { via: Via; key: string; json: boolean }> = {};
      for (const [field, value] of Object.entries(c.secrets)) {
        const key = `${c.resource}-${field}`;
        const json = typeof value !== "string";
        const text = json ? JSON.stringify(value) : (value as string);
        how[field] = { via: c.via, key, json };
        // Only its own path holds the value: the CLI masks every value it knows from secret
        // config, so the other paths must not put it there verbatim.
        if (c.via === "config") config[`e2e:v-${key}`] = { value: text, secret: true };
        if (c.via === "apply" || c.via === "resource") config[`e2e:b-${key}`] = { value: Buffer.from(text).toString("base64"), secret: true };
        if (c.via === "file") fs.writeFileSync(path.join(stack.dir, "secret-files", key), text);
        if (c.via === "resource") sources.push({ key, json });
        for (const s of json ? JSON.stringify(value).match(/[a-z-]+-[0-9a-f]{16}/g)! : [text]) {
          if (s.includes("-----BEGIN")) secrets.addPem(`${key} (${c.via})`, s);
          else secrets.add(`${key} (${c.via})`, s);
        }
      }
      return { resource: c.resource, kind: c.kind, args: { ...c.args, orgId: `${org.orgId}-${i}` }, secrets: how };
    });
    // The resources whose outputs carry secrets exist before the previews (an up of them
    // alone), so those outputs are known at preview, as for any resource created earlier.
    await stack.stack.setAllConfig({ ...config, "e2e:sources": { value: JSON.stringify(sources) } });
    await evidence.operation(stack, "pulumi up of the secret sources", () => stack.up());
    // Rejecting bad input costs no call: previews run offline from here on.
    await stack.stack.setAllConfig({ "e2e:cases": { value: JSON.stringify(cases) }, "wxcc:offlinePreview": { value: "true" } });
  });

  afterAll(async () => {
    await stack?.dispose();
    await env?.close();
  });

  it("covers every rule family of the bad-input corpus, and every secret field with a value by every path", () => {
    const families = new Set(badInputCorpus().map((c) => c.family));
    expect(new Set(CASES.flatMap((c) => c.families))).toEqual(families);
    for (const field of ["privateKey", "password", "clientSecret"]) {
      for (const via of PATHS)
        expect(WITH_VALUE.filter((c) => c.via === via && c.fields.includes(field)).length, `${field} by ${via}`).toBeGreaterThanOrEqual(3);
    }
  });

  /** Previews only `c`; its failure must name every expected field, quote no value, and print no secret. */
  async function rejects(c: Case, verbosity: Verbosity | undefined, label: string): Promise<string> {
    const before = (await env.admin.requests()).length;
    const from = stack.output.length;
    await evidence.failure(stack, `pulumi preview --target ${c.resource} (${label})`, () => stack.preview({ target: [urn(c)], ...verbosity }));
    const text = stack.output.slice(from);
    for (const field of c.fields) expect(text).toContain(`${TYPE[c.kind]} resource '${c.resource}' has a problem: [${field}]`);
    expect(text).not.toMatch(/property \S+ value /);
    expect((await env.admin.requests()).slice(before)).toEqual([]);
    return text;
  }

  it.each(WITHOUT_VALUE.map((c) => [c.families.join(", "), c] as const))("%s: fails naming the property", async (_f, c) => {
    await rejects(c, undefined, "default verbosity");
  });

  it.each(WITH_VALUE.map((c) => [Object.keys(c.secrets).join(", "), c.via, c.families.join(", "), c] as const))(
    "%s by %s (%s): fails naming each property, at default and --debug verbosity, and prints no secret",
    async (_s, _v, _f, c) => {
      await rejects(c, undefined, "default verbosity");
      await rejects(c, DEBUG_VERBOSITY, "--debug -v=9 --logtostderr --logflow");
    },
  );

  it("the issue's two inputs, an EC key as privateKey through .apply and password on a client-credentials connector, are named and not printed", () => {
    const text = stack.output;
    expect(text).toContain(`${TYPE.salesforce} resource 'sf-key-apply' has a problem: [privateKey] is not an RSA key (it is an EC key); set it to`);
    expect(text).toContain(
      `${TYPE.custom} resource 'oauth-type-apply' has a problem: [password] does not apply when grantType is "client_credentials"; remove password`,
    );
    evidence.expectNoLeaks();
  });
});
