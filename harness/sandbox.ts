import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { type ConfigMap, LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { scratchRoot } from "./repo";

/**
 * A Pulumi project with a private local file backend, passphrase secrets and its own
 * PULUMI_HOME: nothing touches the user's login, stacks or plugins.
 */
export interface PulumiSandbox {
  /** The sandbox directory: state, home and temp files live here; {@link dispose} removes it. */
  root: string;
  /** Where Pulumi.yaml is: `root` for a written program, `<root>/project` for a copy, or `project.dir`. */
  projectDir: string;
  pulumiHome: string;
  /** The environment of every Pulumi command: backend URL, passphrase, PULUMI_HOME and the like. */
  envVars: Record<string, string>;
  /** Creates or selects stack `name` (passphrase secrets) and sets `config` on it. */
  stack(name: string, config?: ConfigMap): Promise<Stack>;
  dispose(): void;
}

/** Which project the sandbox runs. */
export type SandboxProject =
  /** Writes Pulumi.yaml (`name`, runtime nodejs) and `index.js` (this text, or a copy of `programFile`) into the root. */
  | { name: string; program: string }
  | { name: string; programFile: string }
  /** Copies an existing project directory (e.g. one of examples/) to `<root>/project`. */
  | { copyOf: string }
  /** Uses an existing project directory in place (e.g. the quickstart at the repo root). */
  | { dir: string };

/** How to make a sandbox; only `project` is required. */
export interface SandboxOptions {
  project: SandboxProject;
  /** The sandbox directory; default `.tmp/<prefix>-<random>` in the repository. */
  root?: string;
  /** Directory name prefix under `.tmp/` when `root` is not given; default "sandbox". */
  prefix?: string;
  /** PULUMI_CONFIG_PASSPHRASE; default a random one. */
  passphrase?: string;
  /** PULUMI_HOME; default `<root>/home`. Share one across sandboxes so plugins are looked up once. */
  pulumiHome?: string;
  /** Point TMPDIR at `<root>/tmp`, so log files the CLI or a plugin writes land there. Default false. */
  ownTmpDir?: boolean;
}

/**
 * Makes a Pulumi sandbox. Its project sits inside the repository (unless `project.dir`
 * says otherwise), so `require("pulumi-wxcc-connectors")` resolves from node_modules as
 * in a user's project.
 *
 * @example
 * const sandbox = createSandbox({ prefix: "bench", project: { name: "wxcc-bench", program } });
 * const stack = await sandbox.stack("dev", { "wxcc:baseUrl": { value: url } });
 * await stack.up();
 * sandbox.dispose();
 */
export function createSandbox(opts: SandboxOptions): PulumiSandbox {
  const root = opts.root ?? path.join(scratchRoot, `${opts.prefix ?? "sandbox"}-${randomBytes(4).toString("hex")}`);
  fs.mkdirSync(path.join(root, "state"), { recursive: true });
  const projectDir = writeProject(root, opts.project);
  const pulumiHome = opts.pulumiHome ?? path.join(root, "home");
  const envVars: Record<string, string> = {
    PULUMI_BACKEND_URL: `file://${path.join(root, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: opts.passphrase ?? randomBytes(16).toString("hex"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_HOME: pulumiHome,
  };
  if (opts.ownTmpDir) {
    fs.mkdirSync(path.join(root, "tmp"), { recursive: true });
    envVars.TMPDIR = path.join(root, "tmp");
  }
  return {
    root,
    projectDir,
    pulumiHome,
    envVars,
    stack: async (name, config = {}) => {
      const stack = await LocalWorkspace.createOrSelectStack({ stackName: name, workDir: projectDir }, { envVars, pulumiHome, secretsProvider: "passphrase" });
      if (Object.keys(config).length > 0) await stack.setAllConfig(config);
      return stack;
    },
    dispose: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/** Puts the project in place and returns its directory. */
function writeProject(root: string, project: SandboxProject): string {
  if ("dir" in project) return project.dir;
  if ("copyOf" in project) {
    const dir = path.join(root, "project");
    fs.cpSync(project.copyOf, dir, { recursive: true });
    return dir;
  }
  fs.writeFileSync(path.join(root, "Pulumi.yaml"), `name: ${project.name}\nruntime: nodejs\nmain: index.js\n`);
  if ("programFile" in project) fs.copyFileSync(project.programFile, path.join(root, "index.js"));
  else fs.writeFileSync(path.join(root, "index.js"), project.program);
  return root;
}
