import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../harness/repo";
import { startLifecycleEmulator, type LifecycleEmulator, type TestOrg } from "../support/emulator";
import { basicFixture, type KindFixture } from "../support/fixtures";
import { SecretCatalog } from "../support/secret-catalog";
import { DEBUG_VERBOSITY, E2EStack } from "./support/e2e-stack";
import { Evidence } from "./support/evidence";

// SPEC §7 "No secret printed" for the values the provider's own lines and messages quote: a
// connector's `name` and `orgId`, marked secret by each path a program can take (verbatim
// secret config, `.apply`, a file wrapped in `pulumi.secret`, another resource's output).
// The dynamic-provider plugin receives them as plain values; every progress line and error
// must still show them as [secret]: create, an update refused by the preflight, an edit
// cycle at debug verbosity, and destroy (review of session 8, MEDIUM).

type Via = "config" | "apply" | "file" | "resource";
const PATHS: Via[] = ["config", "apply", "file", "resource"];

describe("a secret name and org through pulumi up, preview and destroy", () => {
  let env: LifecycleEmulator;
  let org: TestOrg;
  let basic: KindFixture;
  let stack: E2EStack;
  const secrets = new SecretCatalog();
  const evidence = new Evidence(secrets);
  const hex = () => randomBytes(6).toString("hex");
  const values = PATHS.map((via) => ({ via, name: `Hidden ${via} ${hex()}`, orgId: `hidden-org-${via}-${hex()}` }));

  /** The program's cases, with `over` on every connector's plain args; the password comes from secret config (`pw-right` or `pw-wrong`). */
  const cases = (over: Record<string, unknown> = {}, password = "pw-right") =>
    values.map(({ via }) => {
      const { name: _name, password: _password, ...args } = basic.args("placeholder", over);
      return {
        resource: `sec-${via}`,
        kind: "custom",
        args,
        secrets: {
          name: { via, key: `${via}-name`, json: false },
          orgId: { via, key: `${via}-orgId`, json: false },
          password: { via: "config", key: password, json: false },
        },
      };
    });

  beforeAll(async () => {
    env = await startLifecycleEmulator();
    org = await env.freshOrg();
    basic = await basicFixture(env);
    secrets.add("org access token", org.token);
    for (const v of values) {
      // One token for every org (a partner admin's): the stack config has one.
      await env.admin.registerOrg({ orgId: v.orgId, token: org.token });
      secrets.add(`name (${v.via})`, v.name);
      secrets.add(`orgId (${v.via})`, v.orgId);
    }
    stack = await E2EStack.create("secret-identifiers", { url: env.url, ...org });
    fs.copyFileSync(path.join(repoRoot, "test", "e2e", "program", "secret-paths.js"), path.join(stack.dir, "index.js"));
    fs.mkdirSync(path.join(stack.dir, "secret-files"));
    const config: Record<string, { value: string; secret?: boolean }> = {};
    const sources: Array<{ key: string; json: boolean }> = [];
    for (const v of values) {
      for (const [field, text] of [
        ["name", v.name],
        ["orgId", v.orgId],
      ] as const) {
        const key = `${v.via}-${field}`;
        if (v.via === "config") config[`e2e:v-${key}`] = { value: text, secret: true };
        if (v.via === "apply" || v.via === "resource") config[`e2e:b-${key}`] = { value: Buffer.from(text).toString("base64"), secret: true };
        if (v.via === "file") fs.writeFileSync(path.join(stack.dir, "secret-files", key), text);
        if (v.via === "resource") sources.push({ key, json: false });
      }
    }
    const [right, wrong] = basic.secrets as [string, string];
    config["e2e:v-pw-right"] = { value: right, secret: true };
    config["e2e:v-pw-wrong"] = { value: wrong, secret: true };
    await stack.stack.setAllConfig({ ...config, "e2e:sources": { value: JSON.stringify(sources) } });
    secrets.add("basic password", right).add("wrong basic password", wrong);
  });

  afterAll(async () => {
    await stack?.dispose();
    await env?.close();
  });

  const live = async () => (await Promise.all(values.map((v) => env.byHand({ orgId: v.orgId, token: org.token }).list()))).flat();

  it("pulumi up creates one connector per path, in its secret org, and prints neither value", async () => {
    await stack.stack.setAllConfig({ "e2e:cases": { value: JSON.stringify(cases()) } });
    const result = await evidence.operation(stack, "pulumi up (create)", () => stack.up());
    expect(result.summary.resourceChanges).toMatchObject({ create: PATHS.length + 2 + 1 }); // + the two secret sources and the stack;
    expect((await live()).map((c) => c.name).sort()).toEqual(values.map((v) => v.name).sort());
  });

  it("an update the preflight refuses names each connector as [secret] at default and debug verbosity, and leaves it as it was", async () => {
    await stack.stack.setAllConfig({ "e2e:cases": { value: JSON.stringify(cases({}, "pw-wrong")) } });
    const message = await evidence.failure(stack, "pulumi up (wrong password)", () => stack.up());
    expect(message).toContain('CustomConnector "[secret]"');
    expect(message).toContain('in org "[secret]"');
    await evidence.failure(stack, "pulumi up (wrong password, debug)", () => stack.up(DEBUG_VERBOSITY));
    expect((await live()).every((c) => c.status === "ACTIVE" && c.custom?.domainUrl === "https://api.example.com")).toBe(true);
  });

  it("an edit cycle at debug verbosity, a refresh and a destroy print neither value, and the state on disk holds neither", async () => {
    await stack.stack.setAllConfig({ "e2e:cases": { value: JSON.stringify(cases({ domainUrl: "https://api2.example.com" })) } });
    await evidence.operation(stack, "pulumi preview (edit)", () => stack.preview());
    const up = await evidence.operation(stack, "pulumi up (edit, debug)", () => stack.up(DEBUG_VERBOSITY));
    expect(up.summary.resourceChanges).toMatchObject({ update: PATHS.length });
    // The rows' last lines ("… done") are kept by the CLI: they name the connector too.
    expect(stack.output).toContain('CustomConnector "[secret]"');
    expect((await live()).every((c) => c.status === "ACTIVE" && c.custom?.domainUrl === "https://api2.example.com")).toBe(true);
    await evidence.operation(stack, "pulumi refresh", () => stack.refresh());
    evidence.add({ "state on disk": await stack.exportedState() });
    await evidence.operation(stack, "pulumi destroy (debug)", () => stack.destroy(DEBUG_VERBOSITY));
    expect(await live()).toEqual([]);
    evidence.expectNoLeaks();
  });

  it("a name declared plain, then marked secret: one update with no backend call, after which the checkpoint holds it encrypted and a failed refresh hides it (found by review)", async () => {
    const name = `Toggled ${hex()}`;
    const toggle = (secret: boolean) => {
      const { name: _name, password: _password, ...args } = basic.args("placeholder");
      return [
        {
          resource: "toggled",
          kind: "custom",
          args: { ...args, orgId: org.orgId, ...(secret ? {} : { name }) },
          secrets: {
            password: { via: "config", key: "pw-right", json: false },
            ...(secret ? { name: { via: "file", key: "toggled-name", json: false } } : {}),
          },
        },
      ];
    };
    // From a file wrapped in pulumi.secret: the CLI masks secret config values itself, not these.
    fs.writeFileSync(path.join(stack.dir, "secret-files", "toggled-name"), name);
    await stack.stack.setAllConfig({ "e2e:cases": { value: JSON.stringify(toggle(false)) } });
    await stack.up();
    const id = (await env.byHand(org).list()).find((c) => c.name === name)!.id;

    await stack.stack.setAllConfig({ "e2e:cases": { value: JSON.stringify(toggle(true)) } });
    const before = stack.output.length;
    const up = await stack.up({ diff: true });
    expect(up.summary.resourceChanges).toMatchObject({ update: 1 });
    // The engine shows why: the value as the program declared it until now (plain in the old
    // state), then [secret]. From here on no output shows it.
    expect(stack.output.slice(before)).toMatch(/~ name\s+: "Toggled [0-9a-f]+" => \[secret\]/);
    expect((await env.transitions(id)).map(([kind]) => kind)).toEqual(["CREATE"]);
    const checkpoint = fs.readFileSync(path.join(stack.dir, "state", ".pulumi", "stacks", "wxcc-e2e", "e2e.json"), "utf8");
    expect(checkpoint).not.toContain(name);
    expect(Object.keys((await stack.preview()).changeSummary)).toEqual(["same"]);

    await env.admin.injectFault({ method: "GET", path: `/connectors/${id}$`, status: 500, times: 1000 });
    const from = stack.output.length;
    const refused = await stack.expectFailure(() => stack.refresh());
    await env.admin.clearFaults();
    const said = `${stack.output.slice(from)}\n${refused}`;
    expect(said).toContain(`CustomConnector "[secret]" (${id})`);
    expect(said).not.toContain(name);
    await stack.destroy();
  });
});
