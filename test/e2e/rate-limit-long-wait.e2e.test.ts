import { describe, expect, it } from "vitest";
import { basicFixture } from "../support/fixtures";
import { startLifecycleEmulator } from "../support/emulator";
import { declaration } from "./support/declarations";
import { E2EStack } from "./support/e2e-stack";

const NAMES = Array.from({ length: 6 }, (_, i) => `Quota ${i + 1}`);

/**
 * Issue 12, through the real Pulumi CLI: a backend whose quota is spent for the day answers
 * every deactivation `429` with `Retry-After: 86400` before any connector is down. The
 * provider used to wait 30 s at a time per call and retry (6 connectors: 514 s before failing,
 * advising a lower `--parallel`, which cannot help); now each edit fails at once, saying what
 * the backend asked, the provider's cap and to run again later, and nothing changed.
 */
describe("a backend asking for a day outside any down window", () => {
  it("fails an up of 6 edits within seconds, saying so per connector; all stay ACTIVE, and the same up succeeds once the backend accepts requests", async () => {
    const env = await startLifecycleEmulator();
    let stack: E2EStack | undefined;
    try {
      const basic = await basicFixture(env);
      const org = await env.freshOrg();
      stack = await E2EStack.create("rate-limit-long-wait", { url: env.url, ...org });
      await stack.declare(NAMES.map((name, i) => declaration(`quota${i + 1}`, basic, basic.args(name))));
      await stack.up();
      await env.admin.injectFault({ method: "POST", path: "/deactivate$", status: 429, retryAfter: 86400, times: 1000 });
      await stack.declare(NAMES.map((name, i) => declaration(`quota${i + 1}`, basic, basic.edit(basic.args(name)))));

      const started = Date.now();
      // --continue-on-error: every edit begins, as when all six start before the first fails.
      const message = await stack.expectFailure(() => stack!.up({ continueOnError: true }));
      const upMs = Date.now() - started;
      console.log(`\n6 edits, every deactivation answered 429 Retry-After: 86400: the up failed after ${(upMs / 1000).toFixed(1)} s\n`);

      // The CLI's own start-up and preview take a few seconds; waiting would take minutes.
      expect(upMs).toBeLessThan(60_000);
      const text = stack.output + message;
      const refused = NAMES.filter((name) =>
        new RegExp(
          `"${name}" \\([^)]+\\) in org "[^"]+": deactivating failed \\(Backend refused POST deactivate connector [^ ]+ in org "[^"]+": 429 RATE_LIMITED — ` +
            "the backend asked to wait 86400 s \\(Retry-After\\), more than the provider waits at once \\(30 s\\), so it gave up at once instead of waiting; " +
            "run the same command again once that time has passed",
        ).test(text),
      );
      expect(refused).toEqual(NAMES);
      expect(text).not.toContain("--parallel");
      // One deactivation request per connector: none was re-sent after a wait.
      const deactivations = (await env.admin.requests()).filter((r) => r.path.endsWith("/deactivate"));
      expect(deactivations).toHaveLength(NAMES.length);
      const live = await env.byHand(org).list();
      expect(live.map((c) => [c.status, basic.editedValue(c) === basic.editedTo])).toEqual(NAMES.map(() => ["ACTIVE", false]));

      await env.admin.clearFaults();
      await stack.up();
      const edited = await env.byHand(org).list();
      expect(edited.map((c) => [c.status, basic.editedValue(c)])).toEqual(NAMES.map(() => ["ACTIVE", basic.editedTo]));
      expect([...basic.secrets, org.token].filter((s) => stack!.output.includes(s))).toEqual([]);
    } finally {
      await stack?.dispose();
      await env.close();
    }
  }, 600_000);
});
