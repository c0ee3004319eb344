#!/usr/bin/env bash
# `npm run bench`: prints figures (throughput, call counts, timings); asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
for bench in dist/bench/*.js; do
  echo "== ${bench#dist/}"
  node "$bench"
  echo
done
