import * as os from "node:os";
import { formatTable } from "../../rollout/table";

/**
 * Prints one result table: a title, a one-line explanation of what was measured, the table.
 *
 * @example
 * printTable("Wall time", "pulumi up, 50 resources each.", ["op", "s"], [["create", "9.1"]]);
 */
export function printTable(title: string, explanation: string, header: string[], rows: string[][]): void {
  console.log(`\n## ${title}\n${explanation}\n`);
  console.log(formatTable(header, rows));
}

/**
 * The machine the figures were taken on, one `key: value` per line.
 *
 * @example
 * console.log(machineInfo({ pulumi: pulumiVersion() }));
 */
export function machineInfo(extra: Record<string, string> = {}): string {
  const cpus = os.cpus();
  const lines: Record<string, string> = {
    cores: `${cpus.length} (${cpus[0]?.model.trim() ?? "unknown CPU"})`,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    ...extra,
    "load average (1/5/15 min)": os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" / "),
  };
  return Object.entries(lines)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
}
