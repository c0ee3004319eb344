#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { buildExport } from "./build";
import { ExportError } from "./errors";
import { resolveOptions, type RawFlags } from "./options";
import { packageFacts } from "./package-facts";
import { readOrg, type ReadOptions } from "./read-org";
import { writeFiles } from "./write-files";

/** Where the bin writes: stdout gets the next-step commands, stderr the progress and errors. */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const EXAMPLES = `
Credentials (never printed):
  The token for org ORG is WXCC_ACCESS_TOKEN_<ORG> (org id upper-cased, other characters "_"),
  else --access-token, else WXCC_ACCESS_TOKEN. --base-url defaults to WXCC_BASE_URL and --org
  to WXCC_ORG_ID, the names the provider reads.

Output:
  One org: a Pulumi TypeScript project in --out (index.ts, Pulumi.yaml, Pulumi.<stack>.yaml,
  package.json, tsconfig.json) with one resource per connector and connectorId set.
  Several orgs: one such project per org in --out/<stack>/, or with --multi-org one project
  with a base set in Pulumi.yaml and each org's overrides in its Pulumi.<stack>.yaml.
  Secrets (privateKey, password, clientSecret) become secret config keys; stdout lists the
  exact \`pulumi config set --secret\` commands to fill them in.

Examples:
  # one org against the local emulator
  WXCC_ACCESS_TOKEN=demo-token wxcc-export --base-url http://127.0.0.1:8787 --org demo --out ./demo-connectors

  # three orgs, one program, per-org tokens
  export WXCC_ACCESS_TOKEN_ACME=… WXCC_ACCESS_TOKEN_GLOBEX=… WXCC_ACCESS_TOKEN_INITECH=…
  wxcc-export --base-url https://api.example.com --org acme --org globex --org initech --multi-org --out fleet

  # an org whose id is not a good stack name
  wxcc-export --org 5f3c9a1e-org --stack 5f3c9a1e-org=prod-emea --out prod-emea
`;

/**
 * Runs `wxcc-export` and returns its exit code: 0 done (also `--help`, `--version`),
 * 1 an org could not be read or the output exists, 2 a usage error (usage printed).
 *
 * @example
 * process.exitCode = await runCli(["--org", "demo", "--base-url", "http://127.0.0.1:8787"]);
 */
export async function runCli(argv: string[], io: Io = defaultIo, env: NodeJS.ProcessEnv = process.env, read: ReadOptions = {}): Promise<number> {
  const facts = packageFacts();
  const program = new Command("wxcc-export")
    .description("Write a Pulumi TypeScript program (and stack config) that adopts the existing connectors of one or more Webex Contact Center orgs.")
    .version(facts.version, "-V, --version", "print the version and exit")
    .helpOption("-h, --help", "show this help and exit")
    .option("--org <id>", "an org to export (repeatable; default $WXCC_ORG_ID)", (v: string, acc: string[] = []) => [...acc, v])
    .option("--base-url <url>", "the connector backend, without /v1 (default $WXCC_BASE_URL)")
    .option(
      "--access-token <token>",
      "token for every org without its own WXCC_ACCESS_TOKEN_<ORG> (default $WXCC_ACCESS_TOKEN; prefer the env vars: flags show in ps)",
    )
    .option(
      "--stack <org=stack>",
      "stack name for an org (repeatable; default: the org id, characters Pulumi refuses turned into -)",
      (v: string, acc: string[] = []) => [...acc, v],
    )
    .option("--project <name>", "Pulumi project name, also the config namespace of the secret keys", "wxcc-connectors")
    .option("--out <dir>", "output directory (default: the project name)")
    .option("--multi-org", "one program for all orgs: base set in Pulumi.yaml + per-org overrides, as in examples/multi-org")
    .option("--force", "overwrite files that already exist in --out")
    .addHelpText("after", EXAMPLES)
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  try {
    program.parse(argv, { from: "user" });
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    if (err.exitCode === 0) return 0;
    // Commander has printed the error; the usage (options without the examples) follows it.
    io.err(`\n${program.helpInformation()}(run wxcc-export --help for credentials and examples)\n`);
    return 2;
  }

  try {
    const opts = resolveOptions(program.opts<RawFlags>(), env);
    const orgs = [];
    for (const org of opts.orgs) {
      io.err(`wxcc-export: reading org ${JSON.stringify(org.orgId)} at ${opts.baseUrl}\n`);
      const connectors = await readOrg(org, {
        ...read,
        onRetry: (orgId, info) => io.err(`wxcc-export: org ${JSON.stringify(orgId)}: ${info.reason}; retrying in ${info.delayMs} ms\n`),
      });
      orgs.push({ orgId: org.orgId, stack: org.stack, connectors });
    }
    const built = buildExport(orgs, { baseUrl: opts.baseUrl, project: opts.project, outDir: opts.outDir, multiOrg: opts.multiOrg, facts });
    const written = writeFiles(opts.outDir, built.files, opts.force);
    const total = orgs.reduce((n, o) => n + o.connectors.length, 0);
    io.err(`wxcc-export: wrote ${written.length} files for ${total} connector(s) in ${orgs.length} org(s):\n${written.map((f) => `  ${f}\n`).join("")}`);
    io.out(built.steps);
    return 0;
  } catch (err) {
    if (err instanceof ExportError) {
      io.err(`wxcc-export: ${err.message}\n`);
      if (err.code === "USAGE") io.err(`\n${program.helpInformation()}(run wxcc-export --help for credentials and examples)\n`);
      return err.code === "USAGE" ? 2 : 1;
    }
    throw err;
  }
}

const defaultIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: Error) => {
      process.stderr.write(`wxcc-export: unexpected failure: ${err.message}\n`);
      process.exitCode = 1;
    },
  );
}
