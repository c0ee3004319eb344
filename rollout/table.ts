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
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
