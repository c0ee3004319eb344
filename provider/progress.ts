import { AsyncLocalStorage } from "node:async_hooks";
import type { EngineLog, EngineLogOptions } from "./engine-log";
import { type Subject, subjectLabel } from "./lifecycle/subject";
import { hideSecretInputs } from "./secret-inputs";

/**
 * Receives one finished progress line (no trailing newline), the URN of the resource whose
 * hook reported it (`undefined` when the hook was not given one), and `"warning"` for a line
 * the output must keep (see {@link reportWarning}), `"note"` for an explanation it keeps
 * (see {@link reportNote}), or `"closing"` for the `done` line a hook
 * that reported progress ends with (on a row, shown only when the row showed a step).
 */
export type ProgressSink = (line: string, urn?: string, severity?: "warning" | "note" | "closing") => void;

// Before the engine is reachable (or outside the plugin) lines go to the dynamic-provider
// plugin's stdout, which `pulumi up` shows as info messages of the stack, kept under Diagnostics.
const stdoutSink: ProgressSink = (line) => {
  process.stdout.write(`${line}\n`);
};

// The engine connection of this process, once `onResourceRow` has looked for one.
let engine: EngineLog | undefined;
let engineLookup: Promise<EngineLog | undefined> | undefined;

// A line with a URN becomes that resource's status on its own row of `pulumi up`.
const defaultSink: ProgressSink = (line, urn, severity) => {
  if (urn && engine) {
    if (severity === "warning" || severity === "note") engine.keep(urn, line, severity);
    else if (severity === "closing") engine.last(urn, line);
    else engine.status(urn, line);
  } else stdoutSink(line);
};

let sink: ProgressSink = defaultSink;

/**
 * The resource whose hook is running (absent: the hook was given no URN), the connector its
 * last line was about, and the values its lines must not show (`secret-inputs.ts`).
 */
interface Row {
  urn?: string;
  subject?: Subject;
  secrets: readonly string[];
}

// One plugin process serves many resources at once, so the row travels with the async call
// chain, not in a module variable.
const currentRow = new AsyncLocalStorage<Row>();

const lineOf = (subject: Subject, step: string) => `wxcc: ${subjectLabel(subject)}: ${step}`;

/** Sends one line for the running hook's row (if any), its secret values hidden. */
function emit(row: Row | undefined, line: string, severity?: "warning" | "note" | "closing"): void {
  sink(row && row.secrets.length > 0 ? hideSecretInputs(line, row.secrets) : line, row?.urn, severity);
}

/**
 * Reports one lifecycle step as a single line, e.g.
 * `wxcc: CustomConnector "support-basic" (c-1a2b) in org "acme": deactivating…`.
 * Lines carry names and ids only, never a credential. Inside `onResourceRow` the line is the
 * resource's status on its row of `pulumi up`; elsewhere it is a stdout line.
 *
 * @example
 * ```ts
 * reportProgress(subject, "deactivating…");
 * ```
 */
export function reportProgress(subject: Subject, step: string): void {
  const row = currentRow.getStore();
  if (row) row.subject = subject;
  emit(row, lineOf(subject, step));
}

/**
 * Reports one line about a backend call rather than a lifecycle step, e.g.
 * `wxcc: PUT connector c-1a2b in org "acme": rate limited: waiting 30 s as the backend asked…`;
 * inside `onResourceRow` it shows on that resource's row, like its steps.
 *
 * @example
 * ```ts
 * reportLine(`PUT connector c-1a2b in org "acme"`, "rate limited: waiting 30 s as the backend asked…");
 * ```
 */
export function reportLine(what: string, step: string): void {
  emit(currentRow.getStore(), `wxcc: ${what}: ${step}`);
}

/**
 * The URN of the resource whose hook is running (inside `onResourceRow`), for messages that
 * tell the user a command to run on it; `undefined` elsewhere or for states without one.
 *
 * @example
 * ```ts
 * const urn = currentResourceUrn(); // "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/wxcc:CustomConnector::crm"
 * ```
 */
export function currentResourceUrn(): string | undefined {
  return currentRow.getStore()?.urn;
}

/**
 * Reports something the user must not miss (a connector left alone on purpose, drift found
 * by refresh) as a warning the CLI keeps under Diagnostics for the resource, e.g.
 * `wxcc: CustomConnector "crm" (c-1a2b) in org "acme": changed outside Pulumi …`; outside the
 * plugin it is a stdout line like any other. Never a credential.
 *
 * @example
 * ```ts
 * reportWarning(subject, "not deleting the connector: …");
 * ```
 */
export function reportWarning(subject: Subject, message: string): void {
  const row = currentRow.getStore();
  if (row) row.subject = subject;
  emit(row, lineOf(subject, message), "warning");
}

/**
 * Explains why a change does what it does (an adoption's edit cycle, secrets re-applied) as
 * an info message the CLI keeps under Diagnostics for the resource, sent at once: unlike a
 * step, it must not pass with the row's status. Outside the plugin, a stdout line. Never a
 * credential.
 *
 * @example
 * ```ts
 * reportNote(subject, "one edit cycle applies the declared settings (domainUrl) and secrets");
 * ```
 */
export function reportNote(subject: Subject, message: string): void {
  const row = currentRow.getStore();
  if (row) row.subject = subject;
  emit(row, lineOf(subject, message), "note");
}

/**
 * Runs one provider hook for the resource `urn`: progress it reports shows on that
 * resource's row (an ephemeral engine message), and the hook settles only after its lines
 * reached the engine. The row shows its first step once that has lasted `SHOW_AFTER_MS`,
 * and every step after it (`engine-log.ts`): a fast hook costs no call. A hook that showed a
 * line and succeeded ends
 * with a `done` line, since the CLI keeps a row's last message beside its final status
 * ("updated (3s) …"). Without a URN, or outside the dynamic-provider plugin (no engine
 * address), every line goes to stdout as before. Either way, every line shows each of
 * `secrets` (the values of the inputs the program marked secret) as `[secret]`.
 *
 * @example
 * ```ts
 * const outs = await onResourceRow(urn, () => provider.update(id, olds, news), ["Secret CRM"]);
 * ```
 */
export async function onResourceRow<T>(urn: string | undefined, run: () => Promise<T>, secrets: readonly string[] = []): Promise<T> {
  if (!urn) return secrets.length > 0 ? currentRow.run({ secrets }, run) : run();
  const log = await connectEngine();
  const row: Row = { urn, secrets };
  try {
    const result = await currentRow.run(row, run);
    if (row.subject) emit(row, lineOf(row.subject, "done"), "closing");
    return result;
  } finally {
    await log?.finish(urn);
  }
}

/** The engine connection, opened on first use when this process is the plugin. */
function connectEngine(): Promise<EngineLog | undefined> {
  engineLookup ??= import("./engine-log").then((m) => {
    const address = m.engineAddress();
    engine = address ? new m.EngineLog(address, stdoutSink) : undefined;
    return engine;
  });
  return engineLookup;
}

/**
 * Points progress at the engine listening on `address` (tests; the plugin finds its engine
 * in its arguments); `undefined` closes that connection and looks again on next use.
 *
 * @example
 * ```ts
 * useEngineAddress(`127.0.0.1:${port}`);
 * // …
 * useEngineAddress(undefined);
 * ```
 */
export async function useEngineAddress(address: string | undefined, options?: EngineLogOptions): Promise<void> {
  (await engineLookup)?.close();
  engine = undefined;
  engineLookup = address
    ? import("./engine-log").then((m) => {
        engine = new m.EngineLog(address, stdoutSink, options);
        return engine;
      })
    : undefined;
  await engineLookup;
}

/**
 * Redirects progress lines (tests capture them); `undefined` restores the default (the
 * resource's row, else stdout). Returns the previous sink.
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
  sink = next ?? defaultSink;
  return previous;
}
