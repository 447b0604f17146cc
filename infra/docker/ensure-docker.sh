#!/usr/bin/env bash
# Makes a Docker engine answer on this machine with the images Fixer's Docker tests use. No
# registry is reachable, so the base image is bootstrapped from the machine's own Debian mirror.
# Idempotent: every step is skipped when its result is already there. Needs root on Debian.
#
# environment: DOCKER_HOST_SOCKET (/var/run/docker.sock), DOCKERD_OPTS (extra dockerd flags),
#              SRE_SPACE_STATE (.sre-space of the repository: dockerd's log, the scratch rootfs)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${SRE_SPACE_STATE:-$ROOT/.sre-space}"
SOCKET="${DOCKER_HOST_SOCKET:-/var/run/docker.sock}"
SUITE=bookworm
BASE_IMAGE="local/debian:$SUITE"
TINY_IMAGE="sre-space/tiny:1"
TINY_CONTEXT="$ROOT/infra/docker/tiny"
STARTED=$SECONDS

# shellcheck source=infra/docker/debian-mirror.sh
source "$ROOT/infra/docker/debian-mirror.sh"

# The engine is Debian's (API 1.41); the classic builder needs no buildx plugin.
export DOCKER_HOST="unix://$SOCKET" DOCKER_BUILDKIT=0

step() { printf '==> docker: %s (%d s)\n' "$*" "$((SECONDS - STARTED))" >&2; }
die() { printf 'ensure-docker: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (it installs packages and starts dockerd)"
command -v apt-get >/dev/null || die "needs a Debian machine (apt-get)"

apt_install() {
  step "installing $*"
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq || die "apt-get update failed"
    APT_UPDATED=1
  fi
  mkdir -p "$STATE"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >"$STATE/apt.log" 2>&1 \
    || { tail -n 30 "$STATE/apt.log" >&2; die "apt-get install $* failed"; }
}

engine_answers() { docker info >/dev/null 2>&1; }

ensure_installed() {
  local packages=()
  command -v dockerd >/dev/null || packages+=(docker.io)
  command -v debootstrap >/dev/null || packages+=(debootstrap)
  [ ${#packages[@]} -eq 0 ] || apt_install "${packages[@]}"
  command -v docker >/dev/null || die "docker.io is installed but no docker client is on PATH"
}

# A process that exists and is no zombie (a killed dockerd whose parent never reaps it).
alive() { ps -o stat= -p "$1" 2>/dev/null | grep -qv '^Z'; }

# Waits up to 60 s for the engine; fails early if the given dockerd process dies.
await_engine() {
  local pid=$1 _
  for _ in $(seq 1 120); do
    engine_answers && return 0
    alive "$pid" || return 1
    sleep 0.5
  done
  return 1
}

ensure_engine() {
  if engine_answers; then
    step "engine answers at $DOCKER_HOST"
    return
  fi
  local log="$STATE/dockerd.log" pidfile=/var/run/docker.pid pid
  if [ -f "$pidfile" ]; then
    pid=$(cat "$pidfile")
    if alive "$pid"; then
      step "dockerd (pid $pid) runs but does not answer yet; waiting for it"
      await_engine "$pid" && { step "engine answers (dockerd pid $pid)"; return; }
      die "dockerd (pid $pid) does not answer at $DOCKER_HOST; stop it or look at its log"
    fi
    rm -f "$pidfile"
  fi
  mkdir -p "$STATE"
  step "starting dockerd ${DOCKERD_OPTS:-} (log: $log)"
  # shellcheck disable=SC2086 # DOCKERD_OPTS is a list of flags
  setsid dockerd --host "unix://$SOCKET" ${DOCKERD_OPTS:-} >"$log" 2>&1 </dev/null &
  pid=$!
  if await_engine "$pid"; then
    step "engine answers (dockerd pid $pid)"
    return
  fi
  tail -n 30 "$log" >&2
  die "dockerd did not answer at $DOCKER_HOST within 60 s (its log is above; try DOCKERD_OPTS='--storage-driver=vfs --iptables=false')"
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

ensure_base_image() {
  if image_exists "$BASE_IMAGE"; then
    step "$BASE_IMAGE is there"
    return
  fi
  local mirror rootfs="$STATE/debian-rootfs"
  mirror=$(debian_mirror "$SUITE" | head -n 1)
  [ -n "$mirror" ] || die "no apt source serves $SUITE (looked in /etc/apt/sources.list and sources.list.d)"
  step "bootstrapping a minimal $SUITE from $mirror"
  rm -rf "$rootfs"
  mkdir -p "$rootfs"
  debootstrap --variant=minbase "$SUITE" "$rootfs" "$mirror" >"$STATE/debootstrap.log" 2>&1 \
    || { tail -n 30 "$STATE/debootstrap.log" >&2; die "debootstrap of $SUITE from $mirror failed"; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  step "importing it as $BASE_IMAGE"
  tar -C "$rootfs" -c . | docker import - "$BASE_IMAGE" >/dev/null || die "docker import of $BASE_IMAGE failed"
  rm -rf "$rootfs"
}

ensure_tiny_image() {
  local digest current
  digest=$(cd "$TINY_CONTEXT" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
  current=$(docker image inspect -f '{{ index .Config.Labels "io.srespace.context" }}' "$TINY_IMAGE" 2>/dev/null || true)
  if [ "$current" = "$digest" ]; then
    step "$TINY_IMAGE is there"
    return
  fi
  step "building $TINY_IMAGE from infra/docker/tiny"
  docker build --label "io.srespace.context=$digest" -t "$TINY_IMAGE" "$TINY_CONTEXT" >"$STATE/docker-build.log" 2>&1 \
    || { tail -n 30 "$STATE/docker-build.log" >&2; die "docker build of $TINY_IMAGE failed"; }
  docker image prune -f --filter "label=io.srespace.context" >/dev/null
}

ensure_installed
ensure_engine
ensure_base_image
ensure_tiny_image
step "ready: $(docker version -f 'engine {{.Server.Version}}, API {{.Server.APIVersion}}'), images $BASE_IMAGE and $TINY_IMAGE"
