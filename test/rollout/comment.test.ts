import fc from "fast-check";
import { describe, expect, it } from "vitest";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { comment, escapeText } = require("../../examples/ci/comment.js") as {
  comment: (report: unknown) => string;
  escapeText: (s: string) => string;
};

const HOSTILE = [
  "X ``` </details><img src=x onerror=alert(1)> | y",
  "a|b\\|c",
  "line\nbreak\r\n| fake | row |",
  "<script>alert(1)</script>",
  "[click](https://evil.example) ![img](x) **bold** _em_ ~~s~~ $x^2$",
  "@octocat #1 www.evil.example",
  "<!-- open comment",
  "&lt;already&gt; &#124;",
  "`code` ``double``",
  "</pre></code></summary></details>",
];

/** Decodes the numeric and named entities the renderer writes. */
const decode = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&(lt|gt|amp|quot);/g, (_, n) => ({ lt: "<", gt: ">", amp: "&", quot: '"' })[n as "lt"]);

/** The tags comment.js writes itself; nothing else may appear as markup. */
const OWN_TAGS = /<!-- wxcc-rollout-(preview|up|drift) -->|<\/?(code|pre|details|summary)>|<br>/g;

function report(command: string, s: string) {
  return {
    command,
    ok: false,
    interrupted: undefined,
    stacks: [
      {
        stack: s,
        orgId: s,
        status: command === "drift" ? "drifted" : "failed",
        changes: { create: 1, update: 1, replace: 0, delete: 0, same: 0 },
        resources: [
          { urn: `urn:pulumi:st::proj::pulumi-nodejs:dynamic:Resource::${s}`, op: "update", diffs: [s, "name"] },
          { urn: `urn:pulumi:st::proj::t::${s}`, op: "create", diffs: [] },
        ],
        warnings: [s],
        error: `boom: ${s}`,
      },
    ],
  };
}

function assertSafe(md: string, columns: number) {
  const stripped = md.replace(OWN_TAGS, "");
  expect(stripped).not.toMatch(/[<>`]/);
  expect(stripped).not.toMatch(/[[\]*_~$@!\\]/);
  const rows = md.split("\n").filter((l) => l.startsWith("|"));
  for (const row of rows) expect(row.split("|").length, row).toBe(columns + 2);
  expect(md.match(/<details>/g)?.length).toBe(md.match(/<\/details>/g)?.length);
  expect(md.match(/<pre>/g)?.length).toBe(md.match(/<\/pre>/g)?.length);
}

describe("examples/ci/comment.js escapes every string of a report", () => {
  it("writes the hostile name of issue 11 as text: one cell, no fence, no closed details, no img", () => {
    const name = HOSTILE[0];
    const md = comment(report("preview", name));
    assertSafe(md, 8);
    const row = md.split("\n").find((l) => l.startsWith("| X"))!;
    expect(decode(row.split(" | ")[0].slice(2))).toBe(name);
    expect(md).not.toContain("<img");
    expect(md).not.toContain("```");
    expect(md.match(/<\/details>/g)).toHaveLength(2);
  });

  it.each(HOSTILE)("keeps the table and markup intact for %j in preview, up and drift reports", (s) => {
    for (const [command, columns] of [
      ["preview", 8],
      ["up", 8],
      ["drift", 4],
    ] as const)
      assertSafe(comment(report(command, s)), columns);
  });

  it("escapes any string into safe characters and entities that decode back to it", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const out = escapeText(s);
        expect(out).toMatch(/^(?:[A-Za-z0-9 ,=-]|&#\d+;)*$/);
        expect(decode(out)).toBe(s);
      }),
    );
  });

  it("never lets a generated stack, org, resource, field, warning or error break the table or add markup", () => {
    const hostileChars = fc.constantFrom(..."|`<>&\\[]()*_~$@!#\n\r\t:/ .-'\"", "</details>", "```", "<img src=x>", "-->");
    const text = fc.oneof(fc.string({ unit: "grapheme" }), fc.string({ unit: hostileChars }));
    fc.assert(
      fc.property(text, fc.constantFrom("preview", "up", "drift"), (s, command) => {
        assertSafe(comment(report(command, s)), command === "drift" ? 4 : 8);
      }),
      { numRuns: 300 },
    );
  });

  it("renders an ordinary report readably", () => {
    const md = comment({
      command: "preview",
      ok: true,
      stacks: [
        {
          stack: "acme",
          orgId: "acme",
          status: "ok",
          changes: { create: 1, update: 1, replace: 0, delete: 0, same: 0 },
          resources: [
            { urn: "urn:pulumi:acme::p::t::crm", op: "update", diffs: ["domainUrl"] },
            { urn: "urn:pulumi:acme::p::t::orders", op: "create", diffs: [] },
          ],
          warnings: [],
        },
      ],
    });
    expect(md).toContain("### wxcc-rollout preview: ✅ every org previews cleanly");
    expect(md).toContain("| acme | acme | ok | 1 | 1 | 0 | 0 | update <code>crm</code> (domainUrl)<br>create <code>orders</code> |");
  });
});
