/**
 * A plain-text table: a header row, a rule, then rows; columns padded to their widest cell.
 *
 * @example
 * ```ts
 * formatTable(["org", "create"], [["acme", "2"]]);
 * // org   create
 * // ----  ------
 * // acme  2
 * ```
 */
export function formatTable(header: string[], rows: string[][]): string {
  rows = rows.map((r) => r.map(printable));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/**
 * A cell as terminal-safe text: control characters (newlines, ESC of ANSI sequences, …) from
 * a program, a stack or the backend are shown as `\uXXXX`, so no value can forge a row or
 * recolour the report in a terminal or a CI log.
 *
 * @example
 * ```ts
 * printable("a\nb"); // "a\\u000ab"
 * ```
 */
export function printable(cell: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this replaces
  return cell.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
