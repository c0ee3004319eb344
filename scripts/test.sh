#!/usr/bin/env bash
# `npm test`: every suite. First type-checks the sources and the tests (so `expectTypeOf`
# assertions can fail) and runs Biome (lint + format check). Unit and integration suites run in-process against the emulator on
# loopback, from the sources; the end-to-end suites drive the real Pulumi CLI, so this
# builds the package (the engine loads the provider from node_modules as compiled JS) and
# makes sure a Pulumi CLI is on PATH (scripts/install-pulumi.sh; instant once cached).
# Last, it fails if any process the tests started is still running, naming each.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "typecheck: tsc --noEmit over sources and tests"
npx tsc -p tsconfig.json --noEmit
echo "lint and format: biome ci (biome.jsonc; a warning fails too)"
npx biome ci --error-on-warnings --colors=off .
npm run build --silent
PATH="$(bash scripts/install-pulumi.sh):$PATH"
export PATH

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
# One plain closing line that any CI log reader understands.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' "$report" 2>/dev/null || true
node dist/harness/leftover-processes.js || status=1
exit "$status"
