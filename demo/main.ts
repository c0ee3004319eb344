/**
 * `npm run demo`: the quickstart end to end with the real Pulumi engine against the
 * emulator — up, list, preview an edit, apply it (deactivate → edit → reactivate),
 * destroy. Exits non-zero with the failing step on any error.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EmulatorAdmin } from "../emulator/admin-client";
import { spawnEmulator, type EmulatorProcess } from "../harness/emulator-process";
import { registerIdentities } from "../harness/identities";
import { pulumiBinDir, runPulumi } from "../harness/pulumi-cli";
import { repoRoot } from "../harness/repo";
import { createSandbox, type PulumiSandbox } from "../harness/sandbox";
import { quickstartSettings } from "./quickstart-settings";

const stack = "demo";

function step(title: string): void {
  process.stdout.write(`\n=== ${title}\n`);
}

async function main(): Promise<void> {
  step("Pulumi CLI");
  pulumiBinDir();

  step("Starting the connector emulator");
  const emulator: EmulatorProcess = await spawnEmulator(["--port", "0", "--org", "demo:demo-token"]);
  console.log(`emulator listening on ${emulator.url}`);
  // The quickstart at the repository root, with a private backend, home and passphrase.
  const sandbox: PulumiSandbox = createSandbox({ prefix: "demo", project: { dir: repoRoot } });
  // `pulumi stack init` writes the stack's config (with its passphrase salt) next to
  // Pulumi.yaml; the file is git-ignored, and removed before and after the run.
  const configFile = path.join(repoRoot, `Pulumi.${stack}.yaml`);
  fs.rmSync(configFile, { force: true });
  const withConfig = (args: string[]) => [...args, "--stack", stack];
  const run = (args: string[], opts?: { input?: string; capture?: boolean }) => runPulumi(sandbox, args, opts);

  try {
    step("Registering a demo Connected App, OAuth client and Basic user with the emulator's IdPs");
    const identities = await registerIdentities(new EmulatorAdmin(emulator.url, emulator.adminToken), emulator.url, {
      salesforce: { users: ["integration@demo.example.com"] },
      basic: { username: "orders-svc" },
      oauth: { clientId: "crm-webex-cc", scopes: ["crm.read", "crm.write"] },
    });
    const settings = quickstartSettings(identities);

    step(`Creating stack "${stack}" (local file backend, passphrase secrets)`);
    run(["stack", "init", stack, "--secrets-provider", "passphrase"], { capture: true });
    run(withConfig(["config", "set", "wxcc:baseUrl", emulator.url]));
    run(withConfig(["config", "set", "wxcc:orgId", "demo"]));
    run(withConfig(["config", "set", "--secret", "wxcc:accessToken"]), { input: "demo-token" });
    for (const s of settings) {
      const flag = s.secret ? ["--secret"] : ["--plaintext"];
      run(withConfig(["config", "set", ...flag, `quickstart:${s.key}`]), { input: s.value });
    }

    step("pulumi up: create the three connectors");
    run(withConfig(["up", "--yes", "--skip-preview"]));
    printConnectors(run(["stack", "output", "connectors", "--json", "--stack", stack], { capture: true }));

    step("Edit: widen the CRM API scope; pulumi preview --diff shows an in-place update");
    run(withConfig(["config", "set", "quickstart:oauthScope", "crm.read crm.write"]));
    run(withConfig(["preview", "--diff"]));

    step("pulumi up: the provider verifies the new settings, then deactivates, edits and reactivates");
    run(withConfig(["up", "--yes", "--skip-preview"]));
    printConnectors(run(["stack", "output", "connectors", "--json", "--stack", stack], { capture: true }));

    step("pulumi destroy: deactivate and delete every connector");
    run(withConfig(["destroy", "--yes", "--skip-preview"]));
    run(["stack", "rm", stack, "--yes"], { capture: true });
    step("Demo finished");
  } finally {
    await emulator.stop();
    sandbox.dispose();
    fs.rmSync(configFile, { force: true });
  }
}

function printConnectors(json: string): void {
  const rows = JSON.parse(json) as Array<{ name: string; id: string; status: string; version: number }>;
  const width = Math.max(...rows.map((r) => r.name.length), 4);
  console.log(`${"NAME".padEnd(width)}  ${"ID".padEnd(24)}  STATUS    VERSION`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(width)}  ${r.id.padEnd(24)}  ${r.status.padEnd(8)}  ${r.version}`);
  }
}

main().catch((err: unknown) => {
  console.error(`\ndemo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
