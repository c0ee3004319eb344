import * as fs from "node:fs";
import * as path from "node:path";
import type { EngineEvent, DestroyOptions, GlobalOpts, PreviewOptions, RefreshOptions, Stack, UpOptions } from "@pulumi/pulumi/automation";
import { putPulumiOnPath } from "../../../harness/pulumi-cli";
import { repoRoot } from "../../../harness/repo";
import { createSandbox, type PulumiSandbox } from "../../../harness/sandbox";

/** One connector as the e2e program declares it (secrets travel in secret stack config). */
export interface Declaration {
  resource: string;
  kind: "salesforce" | "custom";
  args: Record<string, unknown>;
  secrets?: Record<string, string>;
  /** Args the program passes as Outputs (unknown at declaration time, as another resource's output is). */
  outputFields?: string[];
  /** Resource options of the declaration. */
  options?: { aliases?: Array<{ name: string }>; import?: string };
}

/** How chatty an operation is: the CLI's logging and debug flags (default: none). */
export type Verbosity = Pick<GlobalOpts, "debug" | "logVerbosity" | "logToStdErr" | "logFlow">;

/** An operation's options, minus the output callbacks `E2EStack` sets itself. */
type Options<T> = Omit<T, "onOutput" | "onError">;

/**
 * The most the Automation API can make the CLI say: `--debug` (debug diagnostics in the
 * output) with `-v=9 --logtostderr --logflow` (the engine's and plugins' logs on stderr).
 */
export const DEBUG_VERBOSITY: Verbosity = { debug: true, logVerbosity: 9, logToStdErr: true, logFlow: true };

/** Where a stack points: the emulator URL and an org with its token. */
export interface StackTarget {
  url: string;
  orgId: string;
  token: string;
}

/**
 * A real Pulumi project + stack in a sandbox under `.tmp/` (harness/sandbox.ts: inside the
 * repo, so the program resolves `pulumi-wxcc-connectors` from node_modules like a user's
 * project), with a local file backend and passphrase secrets. Every CLI output and engine
 * event is kept for secret scanning, and the CLI's temp files land in the sandbox (`tmp/`).
 */
export class E2EStack {
  /** stdout + stderr of every operation so far. */
  output = "";
  /** Every engine event of every operation so far, one JSON document per line. */
  events = "";

  /** The sandbox directory: project, config, state, `PULUMI_HOME` and temp dir. */
  readonly dir: string;

  private constructor(
    private readonly sandbox: PulumiSandbox,
    readonly stack: Stack,
  ) {
    this.dir = sandbox.root;
  }

  static async create(name: string, target: StackTarget): Promise<E2EStack> {
    putPulumiOnPath();
    const sandbox = createSandbox({
      prefix: `e2e/${name}`,
      project: { name: "wxcc-e2e", programFile: path.join(repoRoot, "test", "e2e", "program", "index.js") },
      passphrase: "e2e-passphrase",
      // Log files the CLI or a plugin writes to the temp dir land here, to be scanned and removed.
      ownTmpDir: true,
    });
    const e2e = new E2EStack(sandbox, await sandbox.stack("e2e"));
    await e2e.target(target);
    return e2e;
  }

  /** Points the stack at an org (provider config `wxcc:*`). */
  async target(t: StackTarget): Promise<void> {
    await this.stack.setAllConfig({
      "wxcc:baseUrl": { value: t.url },
      "wxcc:orgId": { value: t.orgId },
      "wxcc:accessToken": { value: t.token, secret: true },
    });
  }

  /** Replaces the declared connectors. */
  async declare(declarations: Declaration[]): Promise<void> {
    const secrets: Record<string, Record<string, string>> = {};
    const connectors = declarations.map((d) => {
      if (d.secrets) secrets[d.resource] = d.secrets;
      return { resource: d.resource, kind: d.kind, args: d.args, secretFields: Object.keys(d.secrets ?? {}), outputFields: d.outputFields, options: d.options };
    });
    await this.stack.setAllConfig({
      "e2e:connectors": { value: JSON.stringify(connectors) },
      "e2e:secrets": { value: JSON.stringify(secrets), secret: true },
    });
  }

  private record = (out: string) => {
    this.output += out;
  };

  private recorders<T>(options: Options<T>) {
    const theirs = (options as { onEvent?: (e: EngineEvent) => void }).onEvent;
    return {
      ...options,
      onOutput: this.record,
      onError: this.record,
      onEvent: (e: EngineEvent) => {
        this.events += `${JSON.stringify(e)}\n`;
        theirs?.(e);
      },
    };
  }

  up(options: Options<UpOptions> = {}) {
    return this.stack.up(this.recorders(options));
  }

  preview(options: Options<PreviewOptions> = {}) {
    return this.stack.preview({ diff: true, ...this.recorders(options) });
  }

  refresh(options: Options<RefreshOptions> = {}) {
    return this.stack.refresh(this.recorders(options));
  }

  destroy(options: Options<DestroyOptions> = {}) {
    return this.stack.destroy(this.recorders(options));
  }

  /**
   * The state exactly as the backend stores it on disk (checkpoints and backups), where
   * secrets must be ciphertext. (`exportStack()` of the Automation API decrypts them.)
   */
  async exportedState(): Promise<string> {
    const stateDir = path.join(this.dir, "state", ".pulumi");
    const files = fs.readdirSync(stateDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".json"));
    if (!files.some((f) => f.includes("stacks"))) throw new Error(`no stack checkpoint under ${stateDir}`);
    return files.map((f) => fs.readFileSync(path.join(stateDir, f), "utf8")).join("\n");
  }

  /**
   * Every file under the stack's directory (config, state, `PULUMI_HOME`, temp dir),
   * keyed by its path relative to it; files over 5 MB (plugin binaries) are skipped.
   */
  filesOnDisk(): Record<string, string> {
    const files: Record<string, string> = {};
    for (const rel of fs.readdirSync(this.dir, { recursive: true, encoding: "utf8" })) {
      const full = path.join(this.dir, rel);
      const stat = fs.lstatSync(full);
      if (stat.isFile() && stat.size <= 5 * 1024 * 1024) files[rel] = fs.readFileSync(full, "utf8");
    }
    return files;
  }

  /** Runs an operation expected to fail; returns the error text (also recorded). */
  async expectFailure(op: () => Promise<unknown>): Promise<string> {
    try {
      await op();
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      this.output += text;
      return text;
    }
    throw new Error("expected the Pulumi operation to fail, but it succeeded");
  }

  async dispose(): Promise<void> {
    this.sandbox.dispose();
  }
}
