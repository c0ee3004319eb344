import * as fs from "node:fs";
import * as path from "node:path";
import { ExportError } from "./errors";

/**
 * Writes `files` (paths relative to `outDir`), all or nothing as far as existing files go:
 * without `force`, it first checks that none exists and refuses, listing them, so an
 * earlier export (with the user's edits) is never overwritten by surprise.
 *
 * @throws {ExportError} `OUTPUT_EXISTS` naming the files and the fix (`--force` or another `--out`).
 */
export function writeFiles(outDir: string, files: Record<string, string>, force: boolean): string[] {
  const paths = Object.keys(files).map((rel) => path.join(outDir, rel));
  if (!force) {
    const existing = paths.filter((p) => fs.existsSync(p));
    if (existing.length > 0) {
      throw new ExportError("OUTPUT_EXISTS", `${existing.join(", ")} already exist(s); choose another --out directory, or pass --force to overwrite`);
    }
  }
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(outDir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return paths;
}
