#!/usr/bin/env bash
# The workflow's preview step: `wxcc-rollout preview --json` over every stack of the project,
# then a Markdown summary for the pull-request comment. Exits non-zero when a stack fails.
#   ROLLOUT_DIR   Pulumi project with one Pulumi.<org>.yaml per org (default examples/multi-org)
#   ROLLOUT_OUT   where preview.json and comment.md go (default .rollout)
#   WXCC_ROLLOUT  how to run the rollout command (default: npx --no-install wxcc-rollout)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${ROLLOUT_DIR:-examples/multi-org}"
out="${ROLLOUT_OUT:-.rollout}"
mkdir -p "$out"
${WXCC_ROLLOUT:-npx --no-install wxcc-rollout} preview --dir "$dir" --json > "$out/preview.json"
status=$?
if ! node "$here/comment.js" "$out/preview.json" > "$out/comment.md"; then
  echo "wxcc-rollout produced no report (exit $status)" >&2
  exit "$((status == 0 ? 1 : status))"
fi
cat "$out/comment.md"
exit "$status"
