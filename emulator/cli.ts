#!/usr/bin/env node
import { parseArgs } from "./args";
import { startEmulator } from "./index";

/**
 * `wxcc-emulator`: starts the backend emulator and prints one JSON ready line,
 * `{"url":"http://127.0.0.1:PORT","adminToken":"…"}`, on stdout. Logs go to stderr.
 * `--help` and `--version` print and exit 0; a bad flag prints the error and usage to
 * stderr and exits 2.
 */
async function main(): Promise<void> {
  const commandLine = parseArgs(process.argv.slice(2));
  if ("exitCode" in commandLine) {
    (commandLine.exitCode === 0 ? process.stdout : process.stderr).write(commandLine.output);
    process.exit(commandLine.exitCode);
  }
  const { options } = commandLine;
  const emu = await startEmulator(options);
  process.stdout.write(`${JSON.stringify({ url: emu.url, adminToken: emu.adminToken })}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`wxcc-emulator: ${signal}, shutting down\n`);
    emu.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  process.stderr.write(`wxcc-emulator: ${(err as Error)?.message ?? String(err)}\n`);
  process.exit(1);
});
