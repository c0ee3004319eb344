import { describe, expect, it } from "vitest";
import * as hooks from "../../provider/hooks";
import { badInputCorpus, corpusSecrets } from "../support/bad-input-corpus";

// The hooks the dynamic-provider plugin calls (provider/hooks.ts), from the sources; that
// the built package serializes and loads the same hooks is proven in hooks.serialization.e2e.test.ts.

const corpus = badInputCorpus();

/** Bad values of the corpus that are also words of the rules' messages ("must use https://"). */
const WORDS_OF_THE_RULES = new Set(["https://", "true", "false", "oauth"]);

/**
 * The strings a message could quote from a bad value: the value itself when it is a string
 * of 3 characters or more (shorter ones, like "x", occur in any sentence) and not a word of
 * the rules, and the same for the strings inside an object or array.
 */
function quotable(v: unknown): string[] {
  if (typeof v === "string") return v.trim().length >= 3 && !WORDS_OF_THE_RULES.has(v) ? [v] : [];
  if (Array.isArray(v)) return v.flatMap(quotable);
  if (v !== null && typeof v === "object") return Object.values(v).flatMap(quotable);
  return [];
}

describe("the bad-input corpus through the provider's check", () => {
  it("holds at least 200 invalid declarations across every rule family", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(new Set(corpus.map((c) => c.family)).size).toBeGreaterThanOrEqual(20);
  });

  // The engine prints `property <name> value <value>` for a failure naming a property, so
  // every failure reaches it with property "" and its reason starting with "[name]".
  it.each(corpus.map((c, i) => [i, c.family, c.property, c] as const))(
    "#%i %s is rejected naming [%s], with no property handed to the engine and no value quoted",
    async (_i, _f, property, c) => {
      const provider = c.kind === "salesforce" ? hooks.salesforceHooks : hooks.customHooks;
      const result = await provider.check!({}, c.args);
      const failures = result.failures ?? [];
      expect(failures.length).toBeGreaterThan(0);
      expect(failures.map((f) => f.property)).toEqual(failures.map(() => ""));
      expect(failures.map((f) => f.reason)).toContainEqual(expect.stringMatching(new RegExp(`^\\[${property}\\] `)));
      const text = JSON.stringify(failures);
      for (const secret of [...Object.values(corpusSecrets), ...corpusSecrets.privateKey.split("\n").filter((l) => l.length > 40)])
        expect(text).not.toContain(secret);
      for (const value of quotable(c.args[property])) expect(failures.map((f) => f.reason).join("\n")).not.toContain(value);
    },
  );
});
