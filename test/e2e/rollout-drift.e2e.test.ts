import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { up } from "../../rollout";
import { ORGS, rolloutBin, useMultiOrgProject } from "./support/multi-org";
import { repoRoot } from "../../harness/repo";
import { readWorkflow, runStep, spawnAsync, stepOf } from "../rollout/workflow-steps";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEMO } = require("../../examples/multi-org/setup.js");

const HAND_PASSWORD = "rotated-by-hand-7f3a";

/** A person editing a connector through the contract API, as the admin console would. */
function byHand(url: string, org: { orgId: string; token: string }) {
  const call = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${url}/v1/organizations/${org.orgId}/connectors${p}`, {
      method,
      headers: { authorization: `Bearer ${org.token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${p} → ${res.status} ${text}`);
    return JSON.parse(text);
  };
  const find = async (name: string) => {
    const found = (await call("GET", "")).items.find((c: { name: string }) => c.name === name);
    if (!found) throw new Error(`no connector "${name}" in org ${org.orgId}`);
    return found as { id: string; name: string; custom: Record<string, unknown> };
  };
  return {
    async rename(name: string, to: string) {
      const c = await find(name);
      await call("POST", `/${c.id}/deactivate`);
      await call("PUT", `/${c.id}`, { name: to, custom: c.custom });
      await call("POST", `/${c.id}/activate`);
    },
    async deactivate(name: string) {
      await call("POST", `/${(await find(name)).id}/deactivate`);
    },
    async rotatePassword(name: string, password: string) {
      const c = await find(name);
      await call("POST", `/${c.id}/deactivate`);
      await call("PUT", `/${c.id}`, { name: c.name, custom: { ...c.custom, password } });
      await call("POST", `/${c.id}/activate`);
    },
  };
}

function bin(args: string[], env: Record<string, string>) {
  return spawnAsync(process.execPath, [rolloutBin(), ...args], { env: { ...process.env, ...env } });
}

describe("wxcc-rollout drift over three orgs, two of them edited by hand", () => {
  const { emu, project } = useMultiOrgProject();
  const states = async () => Promise.all(ORGS.map(async (o) => JSON.stringify(await (await project.stack(o.orgId)).exportStack())));

  it("finds no drift right after a rollout (exit 0)", async () => {
    const rolled = await up({ dir: project.dir, envVars: project.envVars });
    expect(rolled.ok, JSON.stringify(rolled.stacks.map((s) => s.error))).toBe(true);
    const r = await bin(["drift", "--dir", project.dir, "--json"], project.envVars);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).stacks.map((s: { status: string }) => s.status)).toEqual(["ok", "ok", "ok"]);
  });

  it("the scheduled workflow's step reports exactly the hand edits (exit 2) and writes no state", async () => {
    const admin = new EmulatorAdmin(emu.url, emu.adminToken);
    const [acme, globex] = [byHand(emu.url, ORGS[0]), byHand(emu.url, ORGS[1])];
    await acme.rename("CRM API", "CRM API (edited by hand)");
    // A secret rotated by hand: the IdP takes the new password while the connector is re-activated…
    await admin.registerBasicUser({ username: DEMO.basicUser.username, password: HAND_PASSWORD });
    await acme.rotatePassword("Orders API", HAND_PASSWORD);
    // …and the program's password is the one the IdP keeps.
    await admin.registerBasicUser(DEMO.basicUser);
    await globex.deactivate("Orders API");
    const before = await states();

    const wf = readWorkflow(path.join(repoRoot, "examples", "ci", "drift.yml"));
    expect(wf.on).toHaveProperty("schedule");
    const work = path.join(path.dirname(project.dir), "drift-job");
    fs.mkdirSync(path.join(work, "examples"), { recursive: true });
    fs.cpSync(path.join(repoRoot, "examples", "ci"), path.join(work, "examples", "ci"), { recursive: true });
    const step = await runStep(stepOf(wf, "drift", "drift"), { cwd: work, env: { ...project.envVars, ROLLOUT_DIR: project.dir }, rolloutBin: rolloutBin() });
    expect(step.status, step.stderr).toBe(0); // the step records the code; later steps act on it
    expect(step.outputs.code, step.stderr).toBe("2");

    const report = JSON.parse(fs.readFileSync(path.join(work, ".rollout", "drift.json"), "utf8"));
    const drifted = report.stacks.map((s: { stack: string; status: string; resources: Array<{ urn: string; diffs: string[] }> }) => [
      s.stack,
      s.status,
      s.resources.map((r) => [r.urn.split("::").pop(), r.diffs]),
    ]);
    expect(drifted).toEqual([
      [
        "acme",
        "drifted",
        [
          // A rename by hand is a PUT: the provider's version rule (issue 10) cannot tell whether
          // that PUT also changed the secret, so it names clientSecret for re-applying too.
          ["crm", ["clientSecret", "name"]],
          ["orders", ["password"]],
        ],
      ],
      ["globex", "drifted", [["orders", ["active"]]]],
      ["initech", "ok", []],
    ]);
    expect(report.ok).toBe(false);
    const md = fs.readFileSync(path.join(work, ".rollout", "drift.md"), "utf8");
    expect(md).toContain("<!-- wxcc-rollout-drift -->");
    expect(md).toContain("### wxcc-rollout drift: ⚠️ drift in 2 org(s)");
    expect(md).toContain("| initech | initech | ok | - |");
    for (const secret of [HAND_PASSWORD, DEMO.basicUser.password, DEMO.oauthClient.clientSecret, ...ORGS.map((o) => o.token)]) {
      expect(step.stdout + step.stderr + md + JSON.stringify(report)).not.toContain(secret);
    }
    // Progress goes to stderr even in --json mode: one line per org started and finished.
    for (const o of ORGS) {
      expect(step.stderr).toContain(`wxcc-rollout: [${o.orgId}] drift started`);
      expect(step.stderr).toMatch(new RegExp(`wxcc-rollout: \\[${o.orgId}\\] drift done in`));
    }
    expect(await states()).toEqual(before);
  });

  it("the table names each org's drifted connectors; an org whose token is refused could not be checked (exit 1)", async () => {
    await project.setToken("initech", "revoked-token");
    const r = await bin(["drift", "--dir", project.dir, "--stacks", "globex,initech"], project.envVars);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/globex\s+globex\s+drifted\s+orders\s+active/);
    expect(r.stdout).toMatch(/initech\s+initech\s+not checked/);
    expect(r.stdout).toContain("could not check: initech");
    expect(r.stdout + r.stderr).not.toContain("revoked-token");
    // preview too: an org whose live check could not run (refused token) is never `ok`, and
    // what Pulumi said about it is in the JSON (a warning today, an error once preview gates on it).
    const p = await bin(["preview", "--dir", project.dir, "--stacks", "initech", "--json"], project.envVars);
    expect(p.status).toBe(1);
    const initech = JSON.parse(p.stdout).stacks[0];
    expect(initech.status).toBe("failed");
    expect([...initech.warnings, initech.error].join("\n")).toMatch(/401|UNAUTHORIZED/);
    await project.setToken("initech", "initech-token");
  });

  it("after `wxcc-rollout up --refresh` every org is back as declared and drift exits 0", async () => {
    const fixed = await bin(["up", "--refresh", "--dir", project.dir, "--json"], project.envVars);
    expect(fixed.status, fixed.stderr).toBe(0);
    const report = JSON.parse(fixed.stdout);
    expect(report.stacks.map((s: { stack: string; changes: { update: number } }) => [s.stack, s.changes.update])).toEqual([
      ["acme", 2],
      ["globex", 1],
      ["initech", 0],
    ]);
    const clean = await bin(["drift", "--dir", project.dir, "--json"], project.envVars);
    expect(clean.status, clean.stdout).toBe(0);
    expect(JSON.parse(clean.stdout).stacks.every((s: { status: string; resources: unknown[] }) => s.status === "ok" && s.resources.length === 0)).toBe(true);
  });
});
