import { describe, expect, it } from "vitest";
import * as hooks from "../../provider/hooks";
import { badInputCorpus, corpusSecrets } from "../support/bad-input-corpus";

// The hooks the dynamic-provider plugin calls (provider/hooks.ts), from the sources; that
// the built package serializes and loads the same hooks is proven in hooks.serialization.e2e.test.ts.

const corpus = badInputCorpus();

describe("the bad-input corpus through the provider's check", () => {
  it("holds at least 200 invalid declarations across every rule family", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(new Set(corpus.map((c) => c.family)).size).toBeGreaterThanOrEqual(20);
  });

  it.each(corpus.map((c, i) => [i, c.family, c.property, c] as const))("#%i %s is rejected naming [%s]", async (_i, _f, property, c) => {
    const provider = c.kind === "salesforce" ? hooks.salesforceHooks : hooks.customHooks;
    const result = await provider.check!({}, c.args);
    const failures = result.failures ?? [];
    expect(failures.map((f) => f.property)).toContain(property);
    const named = failures.find((f) => f.property === property)!;
    expect(named.reason).toContain(`[${property}]`);
    const text = JSON.stringify(failures);
    for (const secret of [...Object.values(corpusSecrets), ...corpusSecrets.privateKey.split("\n").filter((l) => l.length > 40)]) expect(text).not.toContain(secret);
  });
});
