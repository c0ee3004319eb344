import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badInputCorpus, corpusSecrets, type BadInput } from "../support/bad-input-corpus";
import { startLifecycleEmulator, type LifecycleEmulator, type TestOrg } from "../support/emulator";
import { E2EStack, type Declaration } from "./support/e2e-stack";

const SECRET_FIELDS = ["privateKey", "password", "clientSecret"];

/** A corpus entry as the e2e program declares it: string secrets travel as secret config. */
function toDeclaration(c: BadInput, i: number, orgId: string): Declaration {
  const args: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.args)) {
    if (SECRET_FIELDS.includes(k) && typeof v === "string") secrets[k] = v;
    else args[k] = v;
  }
  if (c.property !== "orgId") args.orgId = orgId;
  return { resource: `bad-${i}`, kind: c.kind, args, secrets };
}

describe("invalid declarations through pulumi preview", () => {
  let env: LifecycleEmulator;
  let stack: E2EStack;
  let org: TestOrg;
  const corpus = badInputCorpus();

  beforeAll(async () => {
    env = await startLifecycleEmulator();
    org = await env.freshOrg();
    stack = await E2EStack.create("bad-input", { url: env.url, ...org });
    // Without the SDK's program-wide org listing (one read-only GET per org and program run,
    // tested in multi-org.e2e), rejecting bad input must cost no call at all.
    await stack.stack.setConfig("wxcc:orgLimitCheck", { value: "false" });
  });

  afterAll(async () => {
    await stack?.dispose();
    await env?.close();
  });

  // The engine stops a preview at the first check failure, so each declaration gets its own
  // preview: one per rule family here (all ${corpus.length} run through `check` in
  // test/provider/hooks.corpus.test.ts).
  const sample = corpus.map((c, i) => ({ c, i })).filter(({ c }, k, all) => all.findIndex((o) => o.c.family === c.family) === k);

  it(`fails preview for one declaration of each of the ${sample.length} rule families, naming the property, with zero backend or IdP calls`, async () => {
    const before = (await env.admin.requests()).length;
    const unnamed: string[] = [];
    for (const { c, i } of sample) {
      await stack.declare([toDeclaration(c, i, org.orgId)]);
      const from = stack.output.length;
      const error = await stack.expectFailure(() => stack.preview());
      const text = stack.output.slice(from) + error;
      if (!new RegExp(`resource 'bad-${i}': property ${c.property} value .* has a problem: \\[${c.property}\\]`).test(text)) unnamed.push(`bad-${i} ${c.family} [${c.property}]`);
    }
    expect(unnamed).toEqual([]);
    const calls = (await env.admin.requests()).slice(before).map((r) => `${r.method} ${r.path}`);
    expect(calls).toEqual([]);
    for (const secret of [corpusSecrets.password, corpusSecrets.clientSecret, ...corpusSecrets.privateKey.split("\n").filter((l) => l.length > 40)]) {
      expect(stack.output).not.toContain(secret);
    }
  }, 240_000);
});
