import { describe, expect, it } from "vitest";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { preview, up, formatReport } from "../../rollout";
import { ORGS, rolloutBin, useMultiOrgProject } from "./support/multi-org";
import { spawnAsync } from "../rollout/workflow-steps";

async function liveNames(url: string, org: { orgId: string; token: string }): Promise<string[]> {
  const res = await fetch(`${url}/v1/organizations/${org.orgId}/connectors`, { headers: { authorization: `Bearer ${org.token}` } });
  const body = (await res.json()) as { items: Array<{ name: string; status: string }> };
  return body.items.map((c) => `${c.name}:${c.status}`).sort();
}

describe("wxcc-rollout over three orgs on one emulator", () => {
  const { emu, project } = useMultiOrgProject();

  it("preview through the bin prints JSON with per-org create counts and writes nothing", async () => {
    const admin = new EmulatorAdmin(emu.url, emu.adminToken);
    await admin.clearRequests();
    const bin = rolloutBin();
    // Asynchronous: the emulator runs in this process and must answer the preview's org check.
    const run = await spawnAsync(process.execPath, [bin, "preview", "--dir", project.dir, "--json"], {
      env: { ...process.env, ...project.envVars },
    });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(true);
    expect(report.stacks.map((s: any) => [s.stack, s.orgId, s.status, s.changes.create])).toEqual([
      ["acme", "acme", "ok", 2],
      ["globex", "globex", "ok", 2],
      ["initech", "initech", "ok", 1],
    ]);
    const writes = (await admin.requests()).filter((r) => r.path.startsWith("/v1/") && r.method !== "GET");
    expect(writes).toEqual([]);
  });

  it("up with a canary and waves of two rolls every org out, and a second preview shows no change", async () => {
    const report = await up({ dir: project.dir, envVars: project.envVars, canary: "acme", waveSize: 2 });
    expect(report.waves).toEqual([["acme"], ["globex", "initech"]]);
    expect(report.stacks.map((s) => [s.stack, s.status, s.changes.create])).toEqual([
      ["acme", "ok", 2],
      ["globex", "ok", 2],
      ["initech", "ok", 1],
    ]);
    expect(await liveNames(emu.url, ORGS[0])).toEqual(["CRM API:ACTIVE", "Orders API:ACTIVE"]);
    expect(await liveNames(emu.url, ORGS[2])).toEqual(["Orders API:ACTIVE"]);

    const again = await preview({ dir: project.dir, envVars: project.envVars });
    expect(again.stacks.map((s) => s.changes)).toEqual(ORGS.map((_, i) => ({ create: 0, update: 0, replace: 0, delete: 0, same: i === 2 ? 1 : 2 })));
  });

  it("a wrong token for org 2 stops the rollout after org 2: org 1 applied, org 3 untouched; the re-run converges", async () => {
    project.addBaseConnector("billing", [
      "kind: custom",
      "name: Billing API",
      "domainUrl: https://billing.example.com",
      "username: wxcc-demo",
      'validationUrl: "{baseUrl}/basic/validate"',
      "secretFields:",
      "  password: ordersPassword",
    ]);
    await project.setToken("globex", "not-the-globex-token");

    const planned = await preview({ dir: project.dir, envVars: project.envVars, stacks: ["acme"] });
    expect(planned.stacks[0].resources.filter((r) => r.op === "create").map((r) => r.urn.split("::").pop())).toEqual(["billing"]);

    const failed = await up({ dir: project.dir, envVars: project.envVars });
    expect(failed.ok).toBe(false);
    expect(failed.stacks.map((s) => [s.stack, s.status])).toEqual([
      ["acme", "ok"],
      ["globex", "failed"],
      ["initech", "untouched"],
    ]);
    const globex = failed.stacks[1];
    expect(globex.error).toMatch(/globex/);
    expect(globex.error).toMatch(/UNAUTHORIZED|FORBIDDEN/);
    expect(JSON.stringify(failed)).not.toContain("not-the-globex-token");
    const text = formatReport(failed);
    expect(text).toContain("done: acme; failed: globex; untouched: initech");
    expect(await liveNames(emu.url, ORGS[0])).toContain("Billing API:ACTIVE");
    expect(await liveNames(emu.url, ORGS[2])).toEqual(["Orders API:ACTIVE"]);

    await project.setToken("globex", "globex-token");
    const resumed = await up({ dir: project.dir, envVars: project.envVars });
    expect(resumed.stacks.map((s) => [s.stack, s.status, s.changes.create])).toEqual([
      ["acme", "ok", 0],
      ["globex", "ok", 1],
      ["initech", "ok", 1],
    ]);
    for (const org of ORGS) expect(await liveNames(emu.url, org)).toContain("Billing API:ACTIVE");
    const converged = await preview({ dir: project.dir, envVars: project.envVars });
    expect(converged.stacks.every((s) => s.changes.create + s.changes.update + s.changes.replace + s.changes.delete === 0)).toBe(true);
  });

  it("preview fails for an org whose unmanaged connectors leave no room, and for two connectors with one name", async () => {
    const initech = ORGS[2];
    const hand = Array.from({ length: 8 }, (_, i) => `Legacy ${i + 1}`); // Orders + Billing + 8 = the limit of 10
    for (const name of hand) {
      const res = await fetch(`${emu.url}/v1/organizations/${initech.orgId}/connectors`, {
        method: "POST",
        headers: { authorization: `Bearer ${initech.token}`, "content-type": "application/json" },
        body: JSON.stringify({
          type: "CUSTOM",
          name,
          custom: { authenticationType: "BASIC", domainUrl: "https://legacy.example.com", username: "u", password: "p" },
        }),
      });
      expect(res.status, await res.text()).toBe(201);
    }
    // initech brings its CRM API back (an 11th custom connector); acme names CRM API like Orders API.
    await (await project.stack("initech")).setConfig("multi-org:overrides", {
      value: JSON.stringify({ orders: { domainUrl: "https://orders.eu.example.com" }, crm: { enabled: true } }),
    });
    await (await project.stack("acme")).setConfig("multi-org:overrides", { value: JSON.stringify({ crm: { name: "orders api" } }) });

    const report = await preview({ dir: project.dir, envVars: project.envVars });
    expect(report.stacks.map((s) => [s.stack, s.status])).toEqual([
      ["acme", "failed"],
      ["globex", "ok"],
      ["initech", "failed"],
    ]);
    expect(report.stacks[0].error).toMatch(
      /resources "(crm|orders)" and "(crm|orders)" declare \[name\] "(orders api|Orders API)" and "(orders api|Orders API)" in org "acme"; rename one of them/,
    );
    expect(report.stacks[2].error).toMatch(
      /Org "initech" allows at most 10 custom connectors: this program declares 3 and the org already has 8 it does not manage: "Legacy 1"/,
    );
  });
});
