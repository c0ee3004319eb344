import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { openStack } from "../../rollout/workspace";
import { ORGS, rolloutBin, useMultiOrgProject } from "./support/multi-org";
import { spawnAsync } from "../rollout/workflow-steps";

const DELAY_MS = 6000;

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 120_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("an operator's Ctrl-C during wxcc-rollout up", () => {
  const { emu, project } = useMultiOrgProject();

  it("cancels the running org cleanly, reports done / interrupted / untouched, says how to resume; the re-run finishes", async () => {
    const admin = new EmulatorAdmin(emu.url, emu.adminToken);
    const ws = await LocalWorkspace.create({ workDir: project.dir, envVars: project.envVars, pulumiHome: project.envVars.PULUMI_HOME });
    await ws.selectStack("initech");
    // globex's first create hangs for a while: the operator presses Ctrl-C while it is in flight.
    await admin.injectFault({ method: "POST", path: "^/v1/organizations/globex/connectors$", delayMs: DELAY_MS, times: 1 });
    await admin.clearRequests();

    const child = spawn(process.execPath, [rolloutBin(), "up", "--dir", project.dir, "--json"], { env: { ...process.env, ...project.envVars } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

    await until("globex's create to reach the backend", async () =>
      (await admin.requests()).some((r) => r.method === "POST" && r.path === "/v1/organizations/globex/connectors") ? true : undefined,
    );
    const interruptedAt = Date.now();
    child.kill("SIGINT");
    const code = await exited;

    expect(code, stderr).toBe(130);
    // It waited for the in-flight create to answer instead of abandoning it.
    expect(Date.now() - interruptedAt).toBeGreaterThan(DELAY_MS / 2);
    const report = JSON.parse(stdout);
    expect(report.interrupted).toBe("SIGINT");
    expect(report.stacks.map((s: { stack: string; status: string }) => [s.stack, s.status])).toEqual([
      ["acme", "ok"],
      ["globex", "interrupted"],
      ["initech", "untouched"],
    ]);
    expect(stderr).toContain("wxcc-rollout: [acme] up started");
    expect(stderr).toMatch(/wxcc-rollout: \[acme\] up done in [\d.]+ s \(2 create, 0 update, 0 replace, 0 delete\)/);
    expect(stderr).toContain("wxcc-rollout: SIGINT received: cancelling globex and waiting for Pulumi to stop cleanly");
    expect(stderr).toMatch(/wxcc-rollout: \[globex\] up interrupted in/);
    expect(stderr).not.toContain("[initech] up started");
    expect(stderr).toContain("Resume with the same command (stacks already done are no-ops):");
    expect(stderr).toContain(`  wxcc-rollout up --dir ${project.dir} --json`);

    // The user's selected stack is the one they had.
    expect((await ws.stack())?.name).toBe("initech");
    // Pulumi stopped cleanly: no lock (the next run gets in) and no pending operation in globex's state.
    const globexState = await (await openStack("globex", { dir: project.dir, envVars: project.envVars })).exportStack();
    expect(globexState.deployment.pending_operations ?? []).toEqual([]);
    expect(stderr).not.toContain("pulumi refresh --clear-pending-creates");

    // Resume, naming the stacks fully qualified as a DIY backend does (organization/<project>/<stack>).
    const fq = ORGS.map((o) => `organization/wxcc-multi-org/${o.orgId}`).join(",");
    const resumed = await spawnAsync(process.execPath, [rolloutBin(), "up", "--dir", project.dir, "--stacks", fq, "--json"], {
      env: { ...process.env, ...project.envVars },
    });
    expect(resumed.status, resumed.stderr).toBe(0);
    const again = JSON.parse(resumed.stdout);
    expect(
      again.stacks.map((s: { stack: string; status: string; changes: { create: number } }) => [s.stack.split("/").pop(), s.status, s.changes.create]),
    ).toEqual([
      ["acme", "ok", 0],
      ["globex", "ok", expect.any(Number)],
      ["initech", "ok", 1],
    ]);
    for (const org of ORGS) {
      const res = await fetch(`${emu.url}/v1/organizations/${org.orgId}/connectors`, { headers: { authorization: `Bearer ${org.token}` } });
      const names = ((await res.json()) as { items: Array<{ name: string }> }).items.map((c) => c.name).sort();
      expect(names, `connectors of ${org.orgId}`).toEqual(org.orgId === "initech" ? ["Orders API"] : ["CRM API", "Orders API"]);
    }
    expect((await ws.stack())?.name).toBe("initech");
  });
});
