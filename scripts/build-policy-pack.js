#!/usr/bin/env node
// Completes the compiled policy pack in dist/policy/pack/ so `pulumi preview --policy-pack`
// can run it: PulumiPolicy.yaml (runtime) and a package.json whose `version` @pulumi/policy
// reports with every violation (it reads `<pack dir>/package.json`). The version is the
// package's own, so the two never drift.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const packDir = path.join(root, "dist", "policy", "pack");
if (!fs.existsSync(path.join(packDir, "index.js"))) {
  throw new Error(`${packDir}/index.js is missing: compile first (tsc -p tsconfig.build.json)`);
}
fs.copyFileSync(path.join(root, "policy", "pack", "PulumiPolicy.yaml"), path.join(packDir, "PulumiPolicy.yaml"));
const packJson = {
  name: `${pkg.name}-policy-pack`,
  version: pkg.version,
  description: "The policy pack of pulumi-wxcc-connectors (run by pulumi preview --policy-pack).",
  private: true,
  main: "index.js",
};
fs.writeFileSync(path.join(packDir, "package.json"), `${JSON.stringify(packJson, null, 2)}\n`);
