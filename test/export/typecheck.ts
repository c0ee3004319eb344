import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const repoRoot = path.resolve(__dirname, "..", "..");

/**
 * Type-checks generated `index.ts` files (keyed by a directory name) with the TypeScript compiler API, strict, the way the
 * generated tsconfig.json sets it, with `pulumi-wxcc-connectors` resolved to this repo's
 * `sdk/` sources (so no build is needed). Returns the diagnostics as text ("" = compiles).
 * The file lives under `.tmp/` in the repo so `@pulumi/pulumi` resolves from node_modules.
 */
export function typecheckPrograms(sources: Record<string, string>): string {
  const dir = path.join(repoRoot, ".tmp", "export-unit", randomBytes(4).toString("hex"));
  const files = Object.entries(sources).map(([name, source]) => {
    const file = path.join(dir, name, "index.ts");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, source);
    return file;
  });
  try {
    // One compiler program for all of them: the SDK is checked once (the slow part).
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      // ES2022 like the repo's tsconfig: the SDK sources (read here instead of dist/*.d.ts) use Error causes.
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      skipLibCheck: true,
      types: ["node"],
      baseUrl: repoRoot,
      paths: { "pulumi-wxcc-connectors": ["sdk/index.ts"] },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program);
    return ts.formatDiagnostics(diagnostics, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => repoRoot,
      getNewLine: () => "\n",
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The string value of every `name: "…"` property in a program, read back by the TypeScript parser. */
export function declaredNames(source: string): string[] {
  const sf = ts.createSourceFile("index.ts", source, ts.ScriptTarget.ES2020, true);
  const names: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && node.name.getText(sf) === "name" && ts.isStringLiteral(node.initializer)) names.push(node.initializer.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

/** Syntax errors only (fast): what the parser reports for a program. */
export function syntaxErrors(source: string): string[] {
  const out = ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2020 } });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}
