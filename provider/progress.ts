import { type Subject, subjectLabel } from "./lifecycle/subject";

/** Receives one finished progress line (no trailing newline). */
export type ProgressSink = (line: string) => void;

// The dynamic-provider plugin's stdout lines show up in `pulumi up` as info messages.
const stdoutSink: ProgressSink = (line) => {
  process.stdout.write(`${line}\n`);
};

let sink: ProgressSink = stdoutSink;

/**
 * Reports one lifecycle step as a single line, e.g.
 * `wxcc: CustomConnector "support-basic" (c-1a2b) in org "acme": deactivating…`.
 * Lines carry names and ids only, never a credential.
 *
 * @example
 * ```ts
 * reportProgress(subject, "deactivating…");
 * ```
 */
export function reportProgress(subject: Subject, step: string): void {
  sink(`wxcc: ${subjectLabel(subject)}: ${step}`);
}

/**
 * Reports one line about something other than a connector resource (a backend call), e.g.
 * `wxcc: PUT connector c-1a2b in org "acme": rate limited: waiting 30 s as the backend asked…`.
 *
 * @example
 * ```ts
 * reportLine(`PUT connector c-1a2b in org "acme"`, "rate limited: waiting 30 s as the backend asked…");
 * ```
 */
export function reportLine(what: string, step: string): void {
  sink(`wxcc: ${what}: ${step}`);
}

/**
 * Redirects progress lines (tests capture them); `undefined` restores stdout.
 * Returns the previous sink.
 *
 * @example
 * ```ts
 * const lines: string[] = [];
 * const previous = setProgressSink((line) => lines.push(line));
 * // …
 * setProgressSink(previous);
 * ```
 */
export function setProgressSink(next?: ProgressSink): ProgressSink {
  const previous = sink;
  sink = next ?? stdoutSink;
  return previous;
}
