import { describe, expect, it } from "vitest";
import { summarize } from "../../../bench/lib/timing";

describe("summarize", () => {
  it("gives min, median, nearest-rank p95 and max, whatever the input order", () => {
    const sample = Array.from({ length: 20 }, (_, i) => 20 - i); // 20 … 1
    expect(summarize(sample)).toEqual({ n: 20, min: 1, median: 10.5, p95: 19, max: 20 });
  });

  it("takes the middle value of an odd sample and works for a single value", () => {
    expect(summarize([5, 1, 3]).median).toBe(3);
    expect(summarize([7])).toEqual({ n: 1, min: 7, median: 7, p95: 7, max: 7 });
  });

  it("refuses an empty sample", () => {
    expect(() => summarize([])).toThrow("summarize needs at least one value");
  });
});
