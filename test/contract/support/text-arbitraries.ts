import fc from "fast-check";

/**
 * Strings of the kinds that break length and whitespace rules: astral-plane and combining
 * characters, control characters, Unicode whitespace, lengths on both sides of a limit.
 */

/** One "character" as a person sees it, with its code point count in the name. */
export const UNITS = [
  "a", // 1 code point, 1 UTF-16 unit
  "é", // 1 code point (precomposed)
  "e\u0301", // 2 code points: e + combining acute
  "中", // BMP, 3 UTF-8 bytes
  "😀", // astral: 1 code point, 2 UTF-16 units, 4 UTF-8 bytes
  "𝒜", // astral math letter
  "👩‍💻", // ZWJ sequence: 3 code points
] as const;

/** Whitespace `String.prototype.trim` removes, and look-alikes it keeps. */
export const WHITESPACE = [" ", "\t", "\u00a0", "\u2003", "\u3000", "\ufeff", "\u2028", "\u200b"] as const;

/** C0 and C1 control characters (and DEL). */
export const CONTROLS = ["\u0000", "\n", "\r", "\t", "\u001b", "\u007f", "\u0085", "\u009f"] as const;

/** `n` code points made of `unit` (cut by code point, so a combining pair may be split). */
export function ofCodePoints(unit: string, n: number): string {
  const cps = Array.from(unit);
  const out: string[] = [];
  while (out.length < n) out.push(...cps);
  return out.slice(0, n).join("");
}

/** Strings of `limit - 2` … `limit + 2` code points, of one repeated unit. */
export function aroundLimit(limit: number): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...UNITS), fc.integer({ min: limit - 2, max: limit + 2 })).map(([u, n]) => ofCodePoints(u, n));
}

/** `base` with a whitespace or control character put at its start, end or middle. */
export function decorated(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(base, fc.constantFrom(...WHITESPACE, ...CONTROLS), fc.constantFrom("start", "end", "middle")).map(([s, c, where]) => {
    if (where === "start") return c + s;
    if (where === "end") return s + c;
    const cps = Array.from(s);
    const mid = Math.floor(cps.length / 2);
    return [...cps.slice(0, mid), c, ...cps.slice(mid)].join("");
  });
}

/** Values that are not strings at all. */
export const notAString: fc.Arbitrary<unknown> = fc.constantFrom(0, 42, true, false, [], ["x"], {}, { a: 1 });

/** Empty or whitespace-only strings. */
export const blank: fc.Arbitrary<string> = fc.constantFrom("", " ", "\t", "\u00a0", "\n", "   ");

/** Printable ASCII of 1–`max` characters, with at least one non-space. */
export function asciiText(max = 40): fc.Arbitrary<string> {
  return fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: max }).filter((s) => s.trim() !== "");
}

/** Any Unicode text (graphemes, so astral and combining characters come up often). */
export function unicodeText(max = 40): fc.Arbitrary<string> {
  return fc.string({ unit: "grapheme", minLength: 0, maxLength: max });
}

/**
 * A free-text field with a `limit` in code points: mostly plausible values, often at the
 * limit, sometimes decorated with whitespace or controls, blank or not a string.
 */
export function freeText(limit: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 14, arbitrary: asciiText() },
    { weight: 3, arbitrary: unicodeText() },
    { weight: 2, arbitrary: aroundLimit(limit) },
    { weight: 1, arbitrary: decorated(asciiText()) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
    { weight: 1, arbitrary: blank },
    { weight: 1, arbitrary: notAString },
  );
}
