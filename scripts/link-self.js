#!/usr/bin/env node
// Installs this package's built output into its own node_modules, as a real copy.
//
// Why a copy and not a symlink: Pulumi serializes a dynamic provider by walking its
// closure, and captures a module by `require("<package>/…")` only when the module's
// real path lies under node_modules; anything else is inlined by value (our code,
// zod schemas, undici…). Node resolves symlinks to real paths, so a link would make
// every in-repo program (quickstart, examples, end-to-end tests) serialize the whole
// provider by value. A copy makes them behave exactly like a user's installation.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const target = path.join(root, "node_modules", pkg.name);

fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });
fs.copyFileSync(path.join(root, "package.json"), path.join(target, "package.json"));
fs.cpSync(path.join(root, "dist"), path.join(target, "dist"), { recursive: true });
if (fs.existsSync(path.join(root, "openapi"))) {
  fs.cpSync(path.join(root, "openapi"), path.join(target, "openapi"), { recursive: true });
}

// package.json has "exports", so Node resolves "pulumi-wxcc-connectors" inside this repository
// to the repository itself (self-reference), whose files are not under node_modules, and Pulumi
// would serialize the provider by value. Programs run in .tmp/ (tests, bench) get a package
// scope of their own, as a user's project has, and resolve the copy above (examples/ has its
// own package.json in git for the same reason).
fs.mkdirSync(path.join(root, ".tmp"), { recursive: true });
fs.writeFileSync(path.join(root, ".tmp", "package.json"), `${JSON.stringify({ name: "wxcc-scratch-programs", private: true }, null, 2)}\n`);

// `npx wxcc-emulator` inside this repository finds the bin the way it would in a user's project.
const binDir = path.join(root, "node_modules", ".bin");
fs.mkdirSync(binDir, { recursive: true });
for (const [name, rel] of Object.entries(pkg.bin ?? {})) {
  const linkPath = path.join(binDir, name);
  fs.rmSync(linkPath, { force: true });
  const targetFile = path.join(target, rel);
  if (fs.existsSync(targetFile)) {
    fs.chmodSync(targetFile, 0o755);
    fs.symlinkSync(path.relative(binDir, targetFile), linkPath);
  }
}
