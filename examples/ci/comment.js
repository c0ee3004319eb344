#!/usr/bin/env node
// Renders a `wxcc-rollout preview|up|drift|merge --json` report as Markdown: the body of the
// pull-request comment (preview), the job summary (up / merge) or the drift issue (drift).
//   node comment.js report.json > comment.md
//
// Every string in a report comes from a program, a stack file or the backend (stack and
// org names, resource keys, field names, error text), so none is trusted: each one is
// written as text only. Table cells and <code>/<pre> contents are HTML-escaped with every
// character outside a small safe set turned into a numeric entity, so no input can end a
// cell (`|`), a row (newline), a code span or fence (backticks), an HTML block
// (`</details>`, `<img …>`), or start Markdown (links, emphasis, @mentions, math).
"use strict";
const fs = require("node:fs");

const MARKERS = { preview: "<!-- wxcc-rollout-preview -->", up: "<!-- wxcc-rollout-up -->", drift: "<!-- wxcc-rollout-drift -->" };
const MAX_ERROR_CHARS = 4000;

/**
 * Text → entity-escaped HTML text: characters outside [A-Za-z0-9 ,=-] become `&#N;` (dots,
 * slashes, colons and `@` too, so no autolink or @mention forms from a name).
 */
function escapeText(value) {
  return Array.from(String(value ?? ""), (ch) => (/[A-Za-z0-9 ,=-]/.test(ch) ? ch : `&#${ch.codePointAt(0)};`)).join("");
}

/** One table cell: escaped, on one line (newlines and tabs become spaces). */
function cell(value) {
  return escapeText(String(value ?? "").replace(/[\r\n\t\v\f\u2028\u2029]+/g, " ")) || "-";
}

/** An inline code span that cannot be broken out of. */
function code(value) {
  return `<code>${cell(value)}</code>`;
}

/** A preformatted block (newlines kept, everything else escaped); long text is cut. */
function pre(value) {
  let text = String(value ?? "");
  if (text.length > MAX_ERROR_CHARS) text = `${text.slice(0, MAX_ERROR_CHARS)}\n… (${text.length - MAX_ERROR_CHARS} more characters in the JSON report)`;
  const lines = text.split(/\r\n|\r|\n/).map(escapeText);
  return `<pre>${lines.join("\n")}</pre>`;
}

const urnName = (urn) => String(urn ?? "").slice(String(urn ?? "").lastIndexOf("::") + 2);

function changeList(resources) {
  return (resources || [])
    .filter((r) => r.op !== "same" || (r.diffs || []).length > 0)
    .map((r) => {
      const diffs = r.diffs || [];
      return `${cell(r.op)} ${code(urnName(r.urn))}${diffs.length ? ` (${diffs.map(cell).join(", ")})` : ""}`;
    })
    .join("<br>");
}

function title(report) {
  if (report.command === "drift") {
    const drifted = report.stacks.filter((s) => s.status === "drifted").length;
    const unchecked = report.stacks.filter((s) => !["ok", "drifted"].includes(s.status)).length;
    const parts = [drifted ? `⚠️ drift in ${drifted} org(s)` : "✅ no drift"];
    if (unchecked) parts.push(`❌ ${unchecked} org(s) could not be checked`);
    return `### wxcc-rollout drift: ${parts.join(", ")}`;
  }
  if (report.command === "up") return `### wxcc-rollout up: ${report.ok ? "✅ every org is rolled out" : "❌ the rollout did not finish"}`;
  return `### wxcc-rollout preview: ${report.ok ? "✅ every org previews cleanly" : "❌ some orgs fail to preview"}`;
}

/** The Markdown of a report (see the file comment). */
function comment(report) {
  const lines = [MARKERS[report.command] || MARKERS.preview, title(report), ""];
  if (report.interrupted) lines.push(`Interrupted by ${cell(report.interrupted)}.`, "");
  if (report.command === "drift") {
    lines.push("| stack | org | status | drifted connectors and fields |", "|---|---|---|---|");
    for (const s of report.stacks) lines.push(`| ${cell(s.stack)} | ${cell(s.orgId)} | ${cell(s.status)} | ${changeList(s.resources) || "-"} |`);
  } else {
    lines.push("| stack | org | status | create | update | replace | delete | changed |", "|---|---|---|---:|---:|---:|---:|---|");
    for (const s of report.stacks) {
      const c = s.changes || {};
      const counts = [c.create, c.update, c.replace, c.delete].map((n) => cell(n ?? 0)).join(" | ");
      lines.push(`| ${cell(s.stack)} | ${cell(s.orgId)} | ${cell(s.status)} | ${counts} | ${changeList(s.resources) || "-"} |`);
    }
  }
  for (const s of report.stacks.filter((x) => (x.warnings || []).length > 0)) {
    lines.push("", `<details><summary>${cell(s.stack)}: ${cell(s.warnings.length)} warning(s)</summary>`, "", pre(s.warnings.join("\n")), "", "</details>");
  }
  for (const s of report.stacks.filter((x) => x.error)) {
    lines.push("", `<details><summary>${cell(s.stack)} ${cell(s.status)}</summary>`, "", pre(s.error), "", "</details>");
  }
  return `${lines.join("\n")}\n`;
}

module.exports = { comment, cell, code, pre, escapeText, MARKERS };

if (require.main === module) {
  const file = process.argv[2];
  const text = fs.readFileSync(file, "utf8");
  process.stdout.write(comment(JSON.parse(text)));
}
