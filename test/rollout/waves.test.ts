import { describe, expect, it } from "vitest";
import { planWaves, runWaves } from "../../rollout/waves";

describe("planWaves", () => {
  it("puts the canary alone first, then the rest N at a time in order", () => {
    expect(planWaves(["a", "b", "c", "d"], { canary: "b", waveSize: 2 })).toEqual([["b"], ["a", "c"], ["d"]]);
  });
  it("defaults to one stack per wave without a canary", () => {
    expect(planWaves(["a", "b", "c"])).toEqual([["a"], ["b"], ["c"]]);
  });
  it("rejects an unknown canary and a wave size below 1, naming the flag", () => {
    expect(() => planWaves(["a"], { canary: "z" })).toThrow("[--canary] z is not one of the stacks: a");
    expect(() => planWaves(["a"], { waveSize: 0 })).toThrow("[--wave-size] must be a positive integer, got 0");
  });
});

describe("runWaves", () => {
  const runner = (failing: string[], seen: string[]) => async (s: string) => {
    seen.push(s);
    return { ok: !failing.includes(s) };
  };

  it("stops at the first failed org: earlier ones done, later ones untouched", async () => {
    const seen: string[] = [];
    const out = await runWaves([["a"], ["b"], ["c"]], runner(["b"], seen));
    expect(seen).toEqual(["a", "b"]);
    expect([...out].map(([s, r]) => [s, r.status])).toEqual([
      ["a", "ok"],
      ["b", "failed"],
      ["c", "untouched"],
    ]);
  });

  it("sequential waves stop inside the wave; parallel waves finish the wave, then stop", async () => {
    const seq: string[] = [];
    const a = await runWaves([["a", "b", "c"], ["d"]], runner(["a"], seq));
    expect([...a.values()].map((r) => r.status)).toEqual(["failed", "untouched", "untouched", "untouched"]);
    const par: string[] = [];
    const b = await runWaves([["a", "b", "c"], ["d"]], runner(["a"], par), { parallel: true });
    expect(par).toEqual(["a", "b", "c"]);
    expect([...b.values()].map((r) => r.status)).toEqual(["failed", "ok", "ok", "untouched"]);
  });

  it("once the operator stops the rollout, the running org is interrupted and no further org starts", async () => {
    const stop = new AbortController();
    const seen: string[] = [];
    const out = await runWaves(
      [["a"], ["b", "c"], ["d"]],
      async (s) => {
        seen.push(s);
        if (s === "b") {
          stop.abort();
          return { ok: false, interrupted: true };
        }
        return { ok: true };
      },
      { signal: stop.signal },
    );
    expect(seen).toEqual(["a", "b"]);
    expect([...out].map(([s, r]) => [s, r.status])).toEqual([
      ["a", "ok"],
      ["b", "interrupted"],
      ["c", "untouched"],
      ["d", "untouched"],
    ]);
  });
});
