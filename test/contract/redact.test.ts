import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redactSecrets } from "../../contract/redact";

describe("redactSecrets", () => {
  it("replaces every occurrence, longest secret first", () => {
    expect(redactSecrets('user "admin" password "admin-pass"', ["admin", "admin-pass"])).toBe('user "[redacted]" password "[redacted]"');
  });

  it("treats regular-expression characters literally", () => {
    expect(redactSecrets("a.b axb (x) $&", ["a.b", "(x)", "$&"], { minLength: 1 })).toBe("[redacted] axb [redacted] [redacted]");
  });

  it("never searches a placeholder it put in: a one-letter secret leaves [secret] whole", () => {
    expect(redactSecrets('named "e" in org "secret"', ["e", "secret"], { as: "[secret]", minLength: 1 })).toBe('nam[secret]d "[secret]" in org "[secret]"');
  });

  it("with ignoreCase, hides spellings that differ only in case (a backend echoing a name it compared case-insensitively)", () => {
    expect(redactSecrets('a connector named "CASE Clash" exists; "case clash"', ["cAsE cLaSh"], { ignoreCase: true })).toBe(
      'a connector named "[redacted]" exists; "[redacted]"',
    );
    expect(redactSecrets('named "CASE CLASH"', ["case clash"])).toBe('named "CASE CLASH"');
  });

  it("with ignoreCase, follows toLowerCase where it changes the length (Turkish dotted İ lowers to i + a combining dot; found by review)", () => {
    expect(redactSecrets('already has "İZMIR ZEPHYR"', ["i\u0307zmir zephyr"], { ignoreCase: true })).toBe('already has "[redacted]"');
    expect(redactSecrets('already has "i\u0307stanbul zephyr"', ["İSTANBUL ZEPHYR"], { ignoreCase: true })).toBe('already has "[redacted]"');
    expect(redactSecrets("a İ b", ["i"], { minLength: 1, ignoreCase: true })).toBe("a [redacted] b");
    // Σ lowers to ς at the end of a word and to σ elsewhere: every spelling is the same name.
    expect(redactSecrets('"𐐀Σ " and "ΟΔΟΣ" and "οδος"', ["𐐀Σ ", "οδοσ"], { minLength: 1, ignoreCase: true })).toBe(
      '"[redacted]" and "[redacted]" and "[redacted]"',
    );
  });

  it("leaves values shorter than minLength alone (default 4)", () => {
    expect(redactSecrets("abc abcd", ["abc", "abcd"])).toBe("abc [redacted]");
  });

  it("property: no secret of at least minLength survives, in any case when ignoreCase, whatever surrounds it", () => {
    const text = fc.string({ unit: "grapheme", maxLength: 20 });
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 }),
        text,
        text,
        (secrets, before, after) => {
          const shown = [before, ...secrets.map((s, i) => (i % 2 ? s.toUpperCase() : s)), after].join(" | ");
          const out = redactSecrets(shown, secrets, { as: "\u0000", minLength: 1, ignoreCase: true });
          // Whatever toLowerCase does to a length: no spelling the backend would take for it survives.
          for (const s of secrets) {
            expect(out.toLowerCase()).not.toContain(s.toLowerCase());
            expect(out).not.toContain(s);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
