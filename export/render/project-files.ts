import { stringify } from "yaml";

/** The package facts a generated `package.json` pins (read from our own package.json). */
export interface PackageFacts {
  /** This package's name and version, e.g. `pulumi-wxcc-connectors` `0.1.0`. */
  name: string;
  version: string;
  /** The `@pulumi/pulumi` version range we depend on. */
  pulumiVersion: string;
}

/** Plain YAML 1.2 (what the Pulumi CLI reads), never folded, so values round-trip exactly. */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}

/**
 * `Pulumi.yaml`: a Node.js TypeScript project whose program is `index.ts`; with
 * `projectConfig`, project-level config values (the multi-org base set).
 */
export function renderPulumiYaml(project: string, description: string, projectConfig?: Record<string, unknown>): string {
  const doc: Record<string, unknown> = { name: project, runtime: "nodejs", description, main: "index.ts" };
  if (projectConfig) doc.config = Object.fromEntries(Object.entries(projectConfig).map(([k, value]) => [k, { value }]));
  return toYaml(doc);
}

/**
 * `Pulumi.<stack>.yaml`: the org's provider settings (`wxcc:orgId`, `wxcc:baseUrl`) and any
 * extra plain values. Secrets are never written here: `pulumi config set --secret` adds
 * them encrypted with the stack's secrets provider.
 */
export function renderStackYaml(settings: { orgId: string; baseUrl: string }, extra: Record<string, unknown> = {}): string {
  return toYaml({ config: { "wxcc:orgId": settings.orgId, "wxcc:baseUrl": settings.baseUrl, ...extra } });
}

/** `package.json` of the generated project: this package and Pulumi's SDK. */
export function renderPackageJson(project: string, facts: PackageFacts): string {
  const pkg = {
    name: project,
    private: true,
    main: "index.ts",
    dependencies: { "@pulumi/pulumi": facts.pulumiVersion, [facts.name]: `^${facts.version}` },
    devDependencies: { "@types/node": "^20", typescript: "~5.9.3" },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** `tsconfig.json` as `pulumi new typescript` writes it (strict, CommonJS). */
export function renderTsconfig(): string {
  const config = {
    compilerOptions: {
      strict: true,
      outDir: "bin",
      target: "es2020",
      module: "commonjs",
      moduleResolution: "node",
      sourceMap: true,
      experimentalDecorators: true,
      pretty: true,
      noFallthroughCasesInSwitch: true,
      noImplicitReturns: true,
      forceConsistentCasingInFileNames: true,
    },
    files: ["index.ts"],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
