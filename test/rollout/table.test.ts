import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatTable, printable } from "../../rollout/table";

describe("formatTable", () => {
  it("pads columns to their widest cell", () => {
    expect(formatTable(["org", "create"], [["acme", "2"]])).toBe("org   create\n----  ------\nacme  2");
  });

  it("shows control characters from a stack or the backend escaped, so a value cannot forge a row or recolour the report", () => {
    const forged = "crm\nc     c     ok  0 FAKE ROW\u001b[2K\u001b[31m";
    const table = formatTable(["org", "resource"], [["acme", forged]]);
    expect(table.split("\n")).toHaveLength(3);
    expect(table).not.toContain("\u001b");
    expect(table).toContain("crm\\u000ac     c     ok  0 FAKE ROW\\u001b[2K\\u001b[31m");
  });

  it("never lets any generated cell add a line or an escape character", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: "binary" }), { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const table = formatTable(["a", "b"], rows);
        expect(table.split("\n")).toHaveLength(2 + rows.length);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not appear
        expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
      }),
    );
  });
});

describe("printable", () => {
  it("keeps ordinary text, Unicode included, as it is", () => {
    expect(printable("Sales Cloud 顧客 😀")).toBe("Sales Cloud 顧客 😀");
  });
});
