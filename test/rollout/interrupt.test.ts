import { describe, expect, it } from "vitest";
import { exitCodeFor, Interruption } from "../../rollout/interrupt";
import { resumeAdvice } from "../../rollout/resume";

describe("Interruption", () => {
  it("the first SIGTERM aborts the signal, a second one forces; exit codes 143 and 130", () => {
    const listeners = process.listenerCount("SIGTERM");
    const i = Interruption.listen();
    const seen: string[] = [];
    i.onFirst = (s) => seen.push(`first ${s}`);
    i.onForce = (s) => seen.push(`force ${s}`);
    try {
      process.emit("SIGTERM", "SIGTERM");
      expect(i.signal.aborted).toBe(true);
      expect(i.received).toBe("SIGTERM");
      process.emit("SIGINT", "SIGINT");
      expect(seen).toEqual(["first SIGTERM", "force SIGINT"]);
    } finally {
      i.dispose();
    }
    expect(process.listenerCount("SIGTERM")).toBe(listeners);
    expect([exitCodeFor("SIGINT"), exitCodeFor("SIGTERM")]).toEqual([130, 143]);
  });
});

describe("resumeAdvice", () => {
  const report = { command: "up" as const, ok: false, stacks: [] };

  it("after a clean stop: the same command, quoted for the shell", () => {
    expect(resumeAdvice(report, { argv: ["up", "--dir", "/p q", "--stacks", "a,b"], dir: "/p q", pending: [] })).toBe(
      "Resume with the same command (stacks already done are no-ops):\n  wxcc-rollout up --dir '/p q' --stacks a,b",
    );
  });

  it("names pending operations and the Pulumi 3.248 commands that clear locks and pending creates", () => {
    const text = resumeAdvice(report, {
      argv: ["up"],
      dir: "/p",
      pending: [{ stack: "globex", operations: ["creating of urn:pulumi:globex::p::t::crm"] }],
      forced: ["initech"],
    });
    expect(text).toContain("pulumi cancel --yes --stack initech --cwd /p");
    expect(text).toContain("  globex: creating of urn:pulumi:globex::p::t::crm");
    expect(text).toContain("pulumi refresh --clear-pending-creates --yes --stack globex --cwd /p");
    expect(text).toContain("pulumi refresh --clear-pending-creates --yes --stack initech --cwd /p");
    expect(text.endsWith("  wxcc-rollout up")).toBe(true);
  });
});
