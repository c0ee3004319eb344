#!/usr/bin/env bash
# Puts a Pulumi CLI and the Node.js language host on this machine, at the version of the
# @pulumi/pulumi package this project pins (devDependencies), and prints the directory that holds them (the
# only line on stdout; progress goes to stderr). Callers prepend it to PATH:
#
#   PATH="$(bash scripts/install-pulumi.sh):$PATH"
#
# Order of preference:
#   1. a compatible `pulumi` already on PATH (v3, not older than our SDK);
#   2. the binaries this script built or downloaded before (cached outside git);
#   3. the official installer (get.pulumi.com);
#   4. a build from the Go module proxy through our own tools modules (tools/), for
#      machines that reach only package registries.
# The cache also gets `pulumi-resource-pulumi-nodejs` (the dynamic provider plugin, a
# small script shipped inside @pulumi/pulumi), so the engine finds it next to the CLI.
# The language host in it runs Node.js policy packs (`pulumi preview --policy-pack`).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { printf 'install-pulumi: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# The CLI matches the @pulumi/pulumi we develop and test with: the exact devDependencies pin
# (users get it as a peer dependency, with a range).
version="$(node -p "(require('$root/package.json').devDependencies || {})['@pulumi/pulumi'] || ''")"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "@pulumi/pulumi must be pinned to an exact version in package.json devDependencies (found '$version')"
cache_root="${WXCC_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-wxcc-connectors}"
bin="$cache_root/pulumi-v$version/bin"
# The stamp's suffix is bumped whenever the cache must gain a piece; an older cache keeps its
# CLI and gets the rest. 2: a language host that runs policy packs.
stamp="$bin/.complete-2"
old_stamp="$bin/.complete"

dynamic_provider_script() {
  # The plugin script resolves @pulumi/pulumi from the program's directory at run time,
  # so one copy in the cache serves every checkout.
  local src="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  [[ -f "$src" ]] || die "$src is missing: run 'npm install' first"
  install -m 0755 "$src" "$1/pulumi-resource-pulumi-nodejs"
}

version_ge() { # $1 >= $2, both X.Y.Z
  [[ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" == "$2" ]]
}

# 1. A compatible CLI on PATH wins: users who have Pulumi keep using their own.
if [[ -z "${WXCC_PULUMI_FORCE_BUILD:-}" ]] && command -v pulumi >/dev/null 2>&1 \
  && [[ "$(dirname "$(command -v pulumi)")" != "$bin" ]]; then
  have="$(pulumi version 2>/dev/null | sed 's/^v//')"
  if [[ "$have" =~ ^3\.[0-9]+\.[0-9]+ ]] && version_ge "${have%%-*}" "$version"; then
    log "using pulumi v$have from PATH ($(command -v pulumi))"
    dirname "$(command -v pulumi)"
    exit 0
  fi
  log "ignoring pulumi '${have:-unknown}' on PATH: need v3 >= v$version"
fi

# 2. Cached from an earlier run: instant.
if [[ -f "$stamp" && -x "$bin/pulumi" && -x "$bin/pulumi-language-nodejs" ]]; then
  dynamic_provider_script "$bin"
  log "using cached pulumi v$version ($bin)"
  echo "$bin"
  exit 0
fi
mkdir -p "$bin"

# 3. The official installer, where its host is reachable.
if [[ -z "${WXCC_PULUMI_FORCE_BUILD:-}" ]] && command -v curl >/dev/null 2>&1; then
  log "trying the official installer for v$version"
  tmp="$(mktemp -d)"
  if curl -fsSL --connect-timeout 10 --max-time 60 https://get.pulumi.com -o "$tmp/install.sh" 2>/dev/null \
    && sh "$tmp/install.sh" --version "$version" --install-root "$tmp/root" --no-edit-path >&2 2>&1 \
    && [[ -x "$tmp/root/bin/pulumi" && -x "$tmp/root/bin/pulumi-language-nodejs" ]]; then
    cp "$tmp/root/bin/pulumi" "$tmp/root/bin/pulumi-language-nodejs" "$bin/"
    rm -rf "$tmp"
    dynamic_provider_script "$bin"
    touch "$old_stamp" "$stamp"
    log "installed pulumi v$version with the official installer"
    echo "$bin"
    exit 0
  fi
  rm -rf "$tmp"
  log "the official installer is not reachable here; building from the Go module proxy instead"
fi

# 4. Build from the Go module proxy.
command -v go >/dev/null 2>&1 || die "no pulumi on PATH, the official installer failed, and Go is not installed: install Pulumi v$version (https://www.pulumi.com/docs/install/) or Go"
pinned="$(sed -n 's#^\s*github.com/pulumi/pulumi/pkg/v3 v\([0-9.]*\)$#\1#p' "$root/tools/pulumi-cli/go.mod")"
[[ "$pinned" == "$version" ]] || die "tools/pulumi-cli/go.mod pins pkg/v3 v$pinned but package.json devDependencies pin @pulumi/pulumi $version; run: (cd tools/pulumi-cli && go get github.com/pulumi/pulumi/pkg/v3@v$version github.com/pulumi/pulumi/sdk/v3@v$version && go mod tidy)"
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version"

if [[ -f "$old_stamp" && -x "$bin/pulumi" ]]; then
  log "reusing the pulumi v$version CLI built before; rebuilding only the Node.js language host, so it runs policy packs"
else
  log "building pulumi v$version from the Go module proxy (first time: several minutes)"
  (cd "$root/tools/pulumi-cli" && go build -trimpath -ldflags "$ldflags" -o "$bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi) >&2 \
    || die "building the Pulumi CLI failed (see above)"
fi

# The Node.js language host is its own Go module since v3.69.0 and has no version tags, so
# it can only be required at the pseudo-version of the release tag's commit. The proxy
# reports that commit (Origin.Hash) only when it fetched the tag from the origin itself.
build_matching_host() {
  local info hash time pseudo tmp
  info="$(cd "$root/tools/pulumi-cli" && go list -m -json "github.com/pulumi/pulumi/sdk/v3@v$version" 2>/dev/null)" || return 1
  hash="$(node -e 'const i=JSON.parse(process.argv[1]); process.stdout.write((i.Origin&&i.Origin.Hash)||"")' "$info")"
  [[ -n "$hash" ]] || { log "the module proxy does not report the commit of v$version"; return 1; }
  time="$(node -e 'const t=new Date(JSON.parse(process.argv[1]).Time); process.stdout.write(t.toISOString().replace(/[-:T]/g,"").slice(0,14))' "$info")"
  pseudo="v3.0.0-$time-${hash:0:12}"
  tmp="$(mktemp -d)"
  cat >"$tmp/go.mod" <<EOF
module wxcc-language-host-build

go 1.25

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e

require (
	github.com/pulumi/pulumi/pkg/v3 v$version
	github.com/pulumi/pulumi/sdk/v3 v$version
	github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 $pseudo
)
EOF
  printf '//go:build tools\npackage tools\nimport _ "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"\n' >"$tmp/tools.go"
  if (cd "$tmp" && go mod tidy && go build -trimpath -ldflags "$ldflags" -o "$bin/pulumi-language-nodejs" github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) >&2 2>&1; then
    rm -rf "$tmp"
    log "built pulumi-language-nodejs at $pseudo (matches v$version)"
    return 0
  fi
  rm -rf "$tmp"
  log "the module proxy refused pulumi-language-nodejs at $pseudo"
  return 1
}

# The v3.68.0 host answers RunPlugin, which the CLI has used since v3.172 to start a Node.js
# policy pack, with "not supported". tools/pulumi-language-nodejs/run_plugin_policy.go.txt
# implements it for policy packs: the host's package is copied out of the module cache (Go
# refuses overlays there) into a module with the same requirements as tools/, with the stub
# in main.go renamed away. Built beside the old binary and renamed over it, so a session
# running pulumi meanwhile never sees half a file.
build_v368_host() {
  local tools="$root/tools/pulumi-language-nodejs" dir tmp
  dir="$(cd "$tools" && go mod download github.com/pulumi/pulumi/sdk/v3 && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)" || return 1
  tmp="$(mktemp -d)"
  cp "$tools/go.mod" "$tools/go.sum" "$tmp/"
  cp "$tools/run_plugin_policy.go.txt" "$tmp/run_plugin_policy.go"
  for f in "$dir"/nodejs/cmd/pulumi-language-nodejs/*.go; do
    [[ "$f" == *_test.go ]] || cp "$f" "$tmp/"
  done
  chmod u+w "$tmp"/*
  sed -i 's/^func (host \*nodeLanguageHost) RunPlugin($/func (host *nodeLanguageHost) runPluginUnsupported(/' "$tmp/main.go"
  if ! grep -q '^func (host \*nodeLanguageHost) runPluginUnsupported($' "$tmp/main.go"; then
    log "the v3.68.0 host's main.go has no RunPlugin stub to replace"
    rm -rf "$tmp"
    return 1
  fi
  if (cd "$tmp" && go build -trimpath \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v3.68.0" \
    -o "$bin/.pulumi-language-nodejs.$$" .) >&2; then
    mv -f "$bin/.pulumi-language-nodejs.$$" "$bin/pulumi-language-nodejs"
    rm -rf "$tmp"
    return 0
  fi
  rm -rf "$tmp" "$bin/.pulumi-language-nodejs.$$"
  return 1
}

if ! build_matching_host; then
  log "building pulumi-language-nodejs from sdk/v3 v3.68.0, the last release that contained it (it speaks the same protocol), with policy-pack support"
  build_v368_host || die "building the Node.js language host failed (see above)"
fi

dynamic_provider_script "$bin"
touch "$old_stamp" "$stamp"
log "installed pulumi v$version into $bin"
echo "$bin"
