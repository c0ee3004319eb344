import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { identifierFor, identifiersFor } from "../../export/naming/identifier";
import { assignLogicalNames, type Nameable } from "../../export/naming/logical-names";
import { EMPTY_SLUG, MAX_SLUG_LENGTH, slugify } from "../../export/naming/slug";

/** No lone surrogate: UTF-8 encoding would replace one with U+FFFD. */
const wellFormed = (s: string) => Buffer.from(s, "utf8").toString("utf8") === s;
const at = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString();

describe("slugify", () => {
  it("lower-cases and turns every run of punctuation and spaces into one dash", () => {
    expect(slugify("CRM API (prod)")).toBe("crm-api-prod");
    expect(slugify('  Say "hi"\n\\ there -- now ')).toBe("say-hi-there-now");
    expect(slugify("crm_api")).toBe("crm-api");
  });

  it("keeps letters of every script and normalizes compatibility forms", () => {
    expect(slugify("Zahlungsdienst Ü")).toBe("zahlungsdienst-ü");
    expect(slugify("顧客 API")).toBe("顧客-api");
    expect(slugify("ＡＰＩ ２")).toBe("api-2"); // full-width → ASCII (NFKC)
    expect(slugify("Cafe\u0301")).toBe("café"); // combining accent composed
  });

  it("drops emoji and symbols, and falls back when nothing is left", () => {
    expect(slugify("🚀 Launch")).toBe("launch");
    expect(slugify("—🚀—")).toBe(EMPTY_SLUG);
    expect(slugify("")).toBe(EMPTY_SLUG);
  });

  it("cuts long names on code points, never inside a surrogate pair, without a trailing dash", () => {
    const slug = slugify(`${"𝒳".repeat(30)} ${"y".repeat(40)}`);
    expect(Array.from(slug)).toHaveLength(MAX_SLUG_LENGTH);
    expect(wellFormed(slug)).toBe(true);
    expect(slugify(`${"a".repeat(MAX_SLUG_LENGTH - 1)} b`)).toBe("a".repeat(MAX_SLUG_LENGTH - 1));
  });

  it("gives only letters, digits, marks and inner dashes for any name", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 80 }), (name) => {
        const slug = slugify(name);
        expect(slug).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(-[\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*$/u);
        expect(wellFormed(slug)).toBe(true);
      }),
    );
  });
});

/** Sets of connectors with colliding, Unicode and random names. */
function connectorsArb() {
  return fc.uniqueArray(
    fc.record({
      name: fc.oneof(
        fc.constantFrom("CRM API", "crm api", "crm_api", "Orders", "orders!", "顧客", "客户", "Ü", "u", "—", "class", "1st"),
        fc.string({ unit: "grapheme", maxLength: 12 }),
      ),
      id: fc.stringMatching(/^c-[0-9a-f]{8}$/),
      createdAt: fc.integer({ min: 0, max: 10_000 }).map(at),
    }),
    { selector: (c) => c.id, maxLength: 25 },
  );
}

describe("assignLogicalNames", () => {
  it("names a connector by the slug of its name", () => {
    const names = assignLogicalNames([{ name: "Orders API", id: "c-1", createdAt: at(1) }]);
    expect(names.get("c-1")).toBe("orders-api");
  });

  it("gives colliding slugs a suffix from their own id; the earliest created keeps the bare slug", () => {
    const names = assignLogicalNames([
      { name: "crm_api", id: "c-9f8e7d6c", createdAt: at(2) },
      { name: "CRM API", id: "c-1a2b3c4d", createdAt: at(1) },
      { name: "Crm-Api", id: "c-55aa77bb", createdAt: at(3) },
    ]);
    expect(Object.fromEntries(names)).toEqual({ "c-1a2b3c4d": "crm-api", "c-9f8e7d6c": "crm-api-8e7d6c", "c-55aa77bb": "crm-api-aa77bb" });
  });

  it("lengthens a suffix when it would equal another connector's name", () => {
    const names = assignLogicalNames([
      { name: "A", id: "c-00112233", createdAt: at(1) },
      { name: "a!", id: "c-99112233", createdAt: at(2) },
      { name: "a 112233", id: "c-x", createdAt: at(3) },
    ]);
    expect(names.get("c-99112233")).toBe("a-9112233");
    expect(new Set(names.values()).size).toBe(3);
  });

  const connectors = connectorsArb();

  it("always gives unique names", () => {
    fc.assert(
      fc.property(connectors, (items) => {
        const names = assignLogicalNames(items);
        expect(new Set(names.values()).size).toBe(items.length);
      }),
    );
  });

  it("never renames a connector when a newer one is added or an unrelated one removed", () => {
    fc.assert(
      fc.property(connectors, fc.string({ maxLength: 12 }), (items, newName) => {
        fc.pre(items.length > 0);
        const before = assignLogicalNames(items);
        const added: Nameable = { name: newName, id: "c-ffffffff", createdAt: at(20_000) };
        fc.pre(!items.some((c) => c.id === added.id));
        const after = assignLogicalNames([...items, added]);
        for (const c of items) expect(after.get(c.id)).toBe(before.get(c.id));
        // Removing the newest one restores exactly the earlier names.
        expect(assignLogicalNames(items)).toEqual(before);
      }),
    );
  });

  it("does not depend on the order the backend lists connectors in", () => {
    fc.assert(
      fc.property(connectors, (items) => {
        expect(assignLogicalNames([...items].reverse())).toEqual(assignLogicalNames(items));
      }),
    );
  });
});

describe("identifierFor", () => {
  it("camel-cases an ASCII logical name into a TypeScript variable name", () => {
    expect(identifierFor("crm-api-prod", "c-1")).toBe("crmApiProd");
    expect(identifierFor("crm-api-2", "c-1")).toBe("crmApi_2");
    expect(identifierFor("1st-line", "c-1")).toBe("_1stLine");
    expect(identifierFor("class", "c-1")).toBe("class_");
  });

  it("keeps the ASCII letters of other names and adds the id suffix", () => {
    expect(identifierFor("zahlungsdienst-ü", "c-9f8e7d6c")).toBe("zahlungsdienstU__8e7d6c");
    expect(identifierFor("顧客-api", "c-9f8e7d6c")).toBe("api__8e7d6c");
    expect(identifierFor("顧客", "c-9f8e7d6c")).toBe("connector__8e7d6c");
  });

  it("lengthens the id suffix when two non-ASCII names would share a variable", () => {
    const ids = identifiersFor([
      { logicalName: "顧客", connectorId: "c-11aabbcc" },
      { logicalName: "客户", connectorId: "c-22aabbcc" },
    ]);
    expect(Object.fromEntries(ids)).toEqual({ 顧客: "connector__11aabbcc", 客户: "connector__22aabbcc" });
  });

  it("gives a valid, distinct ASCII identifier for every distinct logical name", () => {
    fc.assert(
      fc.property(connectorsArb(), (items) => {
        const names = assignLogicalNames(items);
        const ids = identifiersFor(items.map((c) => ({ logicalName: names.get(c.id)!, connectorId: c.id })));
        for (const id of ids.values()) expect(id).toMatch(/^[A-Za-z_$][A-Za-z0-9_$]*$/);
        expect(new Set(ids.values()).size).toBe(items.length);
      }),
    );
  });
});
