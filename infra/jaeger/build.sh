#!/usr/bin/env bash
# Builds Jaeger v2 — an OpenTelemetry Collector distribution that receives OTLP, exports spans to
# Kafka, keeps them in a bounded memory store and serves the query API and UI — from the Go module
# proxy, once per version: the binary is cached under $SRE_SPACE_CACHE (~/.cache/sre-space) and
# reused. Prints the binary's path on its last line.
#
# environment: JAEGER_VERSION (v1.75.0), SRE_SPACE_CACHE (~/.cache/sre-space), GOFLAGS, GOPROXY
set -euo pipefail

VERSION="${JAEGER_VERSION:-v1.75.0}"
CACHE="${SRE_SPACE_CACHE:-$HOME/.cache/sre-space}/jaeger/$VERSION"
BIN="$CACHE/jaeger"
STARTED=$SECONDS

step() { printf '==> jaeger: %s (%d s)\n' "$*" "$((SECONDS - STARTED))" >&2; }
die() { printf 'jaeger build: %s\n' "$*" >&2; exit 1; }

if [ -x "$BIN" ]; then
  step "$VERSION already built"
  echo "$BIN"
  exit 0
fi
command -v go >/dev/null || die "the Go toolchain is needed (go on PATH)"

mkdir -p "$CACHE"
# One build at a time per version: a second caller waits, then finds the binary.
exec 9>"$CACHE/.lock"
flock 9
if [ -x "$BIN" ]; then
  step "$VERSION built meanwhile"
  echo "$BIN"
  exit 0
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
go mod init sre-space.local/jaeger-build >/dev/null 2>&1
step "fetching github.com/jaegertracing/jaeger $VERSION and its modules"
go get -tool "github.com/jaegertracing/jaeger/cmd/jaeger@$VERSION" >"$CACHE/build.log" 2>&1 \
  || { tail -n 20 "$CACHE/build.log" >&2; die "go get of jaeger $VERSION failed (log $CACHE/build.log)"; }
step "compiling (a few minutes on two cores, once per version)"
CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$BIN.partial" \
  github.com/jaegertracing/jaeger/cmd/jaeger >>"$CACHE/build.log" 2>&1 \
  || { tail -n 20 "$CACHE/build.log" >&2; die "go build of jaeger $VERSION failed (log $CACHE/build.log)"; }
mv "$BIN.partial" "$BIN"
step "built $BIN ($(du -h "$BIN" | cut -f1))"
echo "$BIN"
