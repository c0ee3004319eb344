import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, type ConfigMap, type Stack } from "@pulumi/pulumi/automation";

/** A Pulumi project on disk with a local file backend and passphrase secrets. */
export interface BenchProject {
  dir: string;
  envVars: Record<string, string>;
  pulumiHome: string;
}

/**
 * Writes a Pulumi project (Pulumi.yaml + index.js) under `dir`, with its state in
 * `dir/state`. `dir` must be inside the repository so `require("pulumi-wxcc-connectors")`
 * resolves from node_modules, as in a user's project. `pulumiHome` may be shared between
 * projects so plugins are looked up once.
 *
 * @example
 * const project = writeProject(path.join(repoRoot, ".tmp", "bench-x"), programText);
 * const stack = await benchStack(project, "dev", { "wxcc:baseUrl": { value: url } });
 */
export function writeProject(dir: string, program: string, pulumiHome = path.join(dir, "home")): BenchProject {
  fs.mkdirSync(path.join(dir, "state"), { recursive: true });
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: wxcc-bench\nruntime: nodejs\nmain: index.js\n");
  fs.writeFileSync(path.join(dir, "index.js"), program);
  return {
    dir,
    pulumiHome,
    envVars: {
      PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "bench",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_HOME: pulumiHome,
    },
  };
}

/**
 * Creates (or selects) a stack of the project and sets its config.
 *
 * @example
 * const stack = await benchStack(project, "acme", { "wxcc:accessToken": { value: token, secret: true } });
 * await stack.up();
 */
export async function benchStack(project: BenchProject, stackName: string, config: ConfigMap = {}): Promise<Stack> {
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName, workDir: project.dir },
    { envVars: project.envVars, pulumiHome: project.pulumiHome, secretsProvider: "passphrase" },
  );
  if (Object.keys(config).length > 0) await stack.setAllConfig(config);
  return stack;
}
