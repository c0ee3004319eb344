#!/usr/bin/env node
import { parseArgs, USAGE, UsageError } from "./args";
import { startEmulator } from "./index";

/**
 * `wxcc-emulator`: starts the backend emulator and prints one JSON ready line,
 * `{"url":"http://127.0.0.1:PORT","adminToken":"…"}`, on stdout. Logs go to stderr.
 */
async function main(): Promise<void> {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`wxcc-emulator: ${err.message}\n${USAGE}\n`);
      process.exit(2);
    }
    throw err;
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { help: _help, ...options } = opts;
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
