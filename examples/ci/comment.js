#!/usr/bin/env node
// Renders a `wxcc-rollout preview --json` report as the Markdown of a pull-request comment.
//   node comment.js preview.json > comment.md
"use strict";
const fs = require("node:fs");

function comment(report) {
  const lines = [
    "<!-- wxcc-rollout-preview -->",
    `### wxcc-rollout preview: ${report.ok ? "✅ every org previews cleanly" : "❌ some orgs fail to preview"}`,
    "",
    "| stack | org | status | create | update | replace | delete | changed |",
    "|---|---|---|---:|---:|---:|---:|---|",
  ];
  for (const s of report.stacks) {
    const changed = s.resources
      .filter((r) => r.op !== "same")
      .map((r) => {
        const name = r.urn.slice(r.urn.lastIndexOf("::") + 2);
        return r.diffs.length ? `${r.op} \`${name}\` (${r.diffs.join(", ")})` : `${r.op} \`${name}\``;
      })
      .join("<br>");
    const c = s.changes;
    lines.push(`| ${s.stack} | ${s.orgId || "-"} | ${s.status} | ${c.create} | ${c.update} | ${c.replace} | ${c.delete} | ${changed || "-"} |`);
  }
  for (const s of report.stacks.filter((x) => x.error)) {
    lines.push("", `<details><summary>${s.stack} failed</summary>`, "", "```", s.error, "```", "</details>");
  }
  return lines.join("\n") + "\n";
}

module.exports = { comment };

if (require.main === module) {
  const file = process.argv[2];
  const text = fs.readFileSync(file, "utf8");
  process.stdout.write(comment(JSON.parse(text)));
}
