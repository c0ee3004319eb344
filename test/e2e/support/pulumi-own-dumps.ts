/**
 * Pulumi 3.248 itself prints secret values, whatever a provider does, in these records:
 *
 * - the Node.js SDK's debug diagnostic `RegisterResource RPC finished: …, resp: …`
 *   (`@pulumi/pulumi/runtime/resource.js`) dumps the engine's answer, secret outputs in
 *   plaintext inside their secret envelope. It is an engine event at every verbosity, and
 *   shows in the CLI output with `--debug`;
 * - the engine's own log at `-v=7` (`Planner decided … (inputs=map[…])`, `oldprops=map[…]`) and `-v=9`
 *   (`Marshaling property for RPC[…]`, `Unmarshaling property for RPC[…]`, and its copy of
 *   the SDK diagnostic above) prints property and config values, secrets included.
 *
 * These helpers cut out exactly those records (the SDK diagnostics as the events list them),
 * so everything else an operation prints, this package's own messages included, can
 * still be held to zero secrets.
 */

/** The SDK diagnostics that dump an RPC answer. */
const SDK_RPC_DUMP = /^(RegisterResource|ReadResource|Invoke|Call) RPC finished: /;
/** Engine log records (`--logtostderr` prints one JSON object a line) that dump values. */
const ENGINE_VALUE_DUMPS = [
  /^(Un)?[Mm]arshaling property for RPC\[/,
  /^Planner decided .*\((inputs|oldprops)=map\[/,
  /(RegisterResource|ReadResource) RPC finished: /,
];

/** Texts with Pulumi's own dumps cut out, and how many records were cut. */
export interface WithoutPulumiDumps {
  output: string;
  events: string;
  /** Records cut: SDK diagnostics (as events) plus engine log lines. */
  cut: number;
}

function sdkDump(event: unknown): string | undefined {
  const diag = (event as { diagnosticEvent?: { severity?: string; message?: string } }).diagnosticEvent;
  return diag?.severity === "debug" && diag.message && SDK_RPC_DUMP.test(diag.message) ? diag.message : undefined;
}

function engineDump(line: string): boolean {
  if (!line.startsWith('{"time":')) return false;
  try {
    const msg = (JSON.parse(line) as { msg?: unknown }).msg;
    return typeof msg === "string" && ENGINE_VALUE_DUMPS.some((p) => p.test(msg));
  } catch {
    return false;
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Every rendering of a debug diagnostic in the CLI output, whatever its lines' indent. */
function renderedDiagnostic(message: string): RegExp {
  return new RegExp(`debug: ${message.split("\n").map(escapeRegExp).join("\\n[ \\t]*")}`, "g");
}

/**
 * Cuts Pulumi's own value dumps out of an operation's CLI output and engine events (one
 * JSON event a line, as `E2EStack.events` holds them).
 *
 * @example
 * ```ts
 * const rest = withoutPulumiDumps(output, events);
 * secrets.expectNoLeaks({ output: rest.output, events: rest.events });
 * ```
 */
export function withoutPulumiDumps(output: string, events: string): WithoutPulumiDumps {
  const sdkMessages: string[] = [];
  const keptEvents = events.split("\n").filter((line) => {
    if (!line) return false;
    const message = sdkDump(JSON.parse(line));
    if (message !== undefined) sdkMessages.push(message);
    return message === undefined;
  });
  const lines = output.split("\n");
  const keptLines = lines.filter((line) => !engineDump(line));
  let rest = keptLines.join("\n");
  // `--debug` renders each diagnostic as `debug: <message>`, indented under its resource
  // during an update (and a failed operation's error repeats its output). Such a message
  // names one resource and holds the engine's whole answer, so no text of this package can
  // match it.
  for (const message of sdkMessages) rest = rest.replace(renderedDiagnostic(message), "");
  return { output: rest, events: keptEvents.join("\n"), cut: sdkMessages.length + lines.length - keptLines.length };
}
