/**
 * Why `wxcc-export` stopped:
 * - `USAGE` a flag or its value is unusable (exit 2, with the usage);
 * - `READ_FAILED` an org's connectors could not be read (exit 1);
 * - `OUTPUT_EXISTS` a file it would write exists and `--force` was not given (exit 1).
 */
export type ExportErrorCode = "USAGE" | "READ_FAILED" | "OUTPUT_EXISTS";

/**
 * The one error type of the export bin. Messages name the org, the HTTP status and code
 * when there was one, and what to do; they never contain a token or secret.
 *
 * @example
 * if (err instanceof ExportError && err.code === "READ_FAILED") console.error(err.message);
 */
export class ExportError extends Error {
  constructor(
    readonly code: ExportErrorCode,
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = "ExportError";
  }
}
