import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { beforeAll } from "vitest";
import { startEmulator, type RunningEmulator } from "../../../emulator/index";
import { putPulumiOnPath } from "../../../harness/pulumi-cli";
import { repoRoot } from "../../../harness/repo";
import { createSandbox, type PulumiSandbox } from "../../../harness/sandbox";
import { suiteValue } from "../../support/suite-value";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { setup: registerDemoIdentities } = require("../../../examples/multi-org/setup.js");

/** The demo passphrase the example's stack files are encrypted with (examples/multi-org/README.md). */
export const DEMO_PASSPHRASE = "wxcc-multi-org-demo";
export const ORGS = [
  { orgId: "acme", token: "acme-token" },
  { orgId: "globex", token: "globex-token" },
  { orgId: "initech", token: "initech-token" },
];

/**
 * A copy of examples/multi-org in a sandbox (harness/sandbox.ts: inside the repo, so the
 * program resolves `pulumi-wxcc-connectors` from node_modules), its three stacks
 * initialized in a private file backend and pointed at a test emulator.
 */
export class MultiOrgProject {
  /** The project directory (the example's copy). */
  readonly dir: string;
  /** The environment a user would have: backend, passphrase, PULUMI_HOME. */
  readonly envVars: Record<string, string>;

  private constructor(private readonly sandbox: PulumiSandbox) {
    this.dir = sandbox.projectDir;
    this.envVars = sandbox.envVars;
  }

  static async create(url: string): Promise<MultiOrgProject> {
    putPulumiOnPath();
    const sandbox = createSandbox({
      prefix: "e2e/multi-org",
      project: { copyOf: path.join(repoRoot, "examples", "multi-org") },
      passphrase: DEMO_PASSPHRASE,
    });
    for (const org of ORGS) {
      const stack = await sandbox.stack(org.orgId);
      await stack.setConfig("wxcc:baseUrl", { value: url });
    }
    return new MultiOrgProject(sandbox);
  }

  /** Selects one of the project's stacks. */
  async stack(name: string) {
    return LocalWorkspace.selectStack({ stackName: name, workDir: this.dir }, { envVars: this.envVars, pulumiHome: this.sandbox.pulumiHome });
  }

  /** Sets one stack's access token (secret config), as `pulumi config set --secret` would. */
  async setToken(stackName: string, token: string): Promise<void> {
    await (await this.stack(stackName)).setConfig("wxcc:accessToken", { value: token, secret: true });
  }

  /** Adds a connector to the shared base set in Pulumi.yaml (every org gets it). */
  addBaseConnector(key: string, lines: string[]): void {
    const file = path.join(this.dir, "Pulumi.yaml");
    const body = [`      ${key}:`, ...lines.map((l) => `        ${l}`)].join("\n");
    fs.appendFileSync(file, `${body}\n`);
  }

  dispose(): void {
    this.sandbox.dispose();
  }
}

/**
 * What a multi-org e2e `describe` works on: an emulator with {@link ORGS} and the example's
 * demo identities (its setup.js), and a {@link MultiOrgProject} pointed at it. Made before
 * the tests, removed after them.
 *
 * @example
 * ```ts
 * describe("wxcc-rollout", () => {
 *   const { emu, project } = useMultiOrgProject();
 *   it("previews", async () => preview({ dir: project.dir, envVars: project.envVars }));
 * });
 * ```
 */
export function useMultiOrgProject(): { emu: RunningEmulator; project: MultiOrgProject } {
  const emu = suiteValue(
    () => startEmulator({ port: 0, orgs: ORGS }),
    (started) => started.close(),
  );
  beforeAll(() => registerDemoIdentities(emu.url, emu.adminToken));
  const project = suiteValue(
    () => MultiOrgProject.create(emu.url),
    (created) => created.dispose(),
  );
  return { emu, project };
}

/** The rollout bin: dist/rollout/cli.js once the build includes rollout/, else compiled into .tmp/. */
export function rolloutBin(): string {
  const built = path.join(repoRoot, "dist", "rollout", "cli.js");
  if (fs.existsSync(built)) return built;
  const out = path.join(repoRoot, ".tmp", "rollout-bin");
  const sources = fs.readdirSync(path.join(repoRoot, "rollout")).map((f) => path.join(repoRoot, "rollout", f));
  const tsc = spawnSync(
    process.execPath,
    [
      path.join(repoRoot, "node_modules", "typescript", "bin", "tsc"),
      "--outDir",
      out,
      "--rootDir",
      repoRoot,
      "--target",
      "ES2022",
      "--module",
      "commonjs",
      "--moduleResolution",
      "node10",
      "--esModuleInterop",
      "--skipLibCheck",
      "--types",
      "node",
      ...sources,
    ],
    { encoding: "utf8" },
  );
  if (tsc.status !== 0) throw new Error(`compiling rollout/ failed: ${tsc.stdout}${tsc.stderr}`);
  return path.join(out, "rollout", "cli.js");
}
