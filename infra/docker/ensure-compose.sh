#!/usr/bin/env bash
# Makes `docker compose` (Compose v2, the CLI plugin) work on this machine. Debian 12 has only
# Compose v1 (`docker-compose` 1.29), so the plugin comes from the next release's `docker-compose`
# package (2.26, a static Go program needing only libc), fetched by apt itself from the Debian
# mirror of the machine's own apt sources, verified against that release's signed index, and
# installed with dpkg. The machine's apt sources and package lists are left as they were.
# Idempotent: nothing is done when `docker compose version` already reports v2. Needs root.
#
# environment: COMPOSE_SUITE (trixie), SRE_SPACE_STATE (.sre-space of the repository: the log)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${SRE_SPACE_STATE:-$ROOT/.sre-space}"
SUITE="${COMPOSE_SUITE:-trixie}"
PACKAGE=docker-compose
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
STARTED=$SECONDS

# shellcheck source=infra/docker/debian-mirror.sh
source "$ROOT/infra/docker/debian-mirror.sh"

step() { printf '==> compose: %s (%d s)\n' "$*" "$((SECONDS - STARTED))" >&2; }
die() { printf 'ensure-compose: %s\n' "$*" >&2; exit 1; }

# Prints the major version of `docker compose`, or nothing when the plugin is missing.
compose_major() {
  docker compose version --short 2>/dev/null | sed -E 's/^v?([0-9]+).*/\1/' | head -n 1
}

if [ "$(compose_major)" -ge 2 ] 2>/dev/null; then
  step "docker compose $(docker compose version --short) is there"
  exit 0
fi

[ "$(id -u)" = 0 ] || die "needs root (it installs a package): sudo $0"
command -v apt-get >/dev/null && command -v dpkg >/dev/null || die "needs a Debian machine (apt-get, dpkg)"
command -v docker >/dev/null || die "no docker client on PATH: run 'sudo ./sre-space docker' first"
[ -f "$KEYRING" ] || die "$KEYRING is missing (Debian's package debian-archive-keyring)"

mirror=$(debian_mirror bookworm | head -n 1)
[ -n "$mirror" ] || die "no apt source serves bookworm (looked in /etc/apt/sources.list and sources.list.d)"

# A private apt configuration: its own source list, package lists and cache, so the machine's
# own apt state never sees the other release.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/sources.list.d" "$work/preferences.d"
printf 'deb [signed-by=%s] %s %s main\n' "$KEYRING" "$mirror" "$SUITE" >"$work/sources.list"
arch=$(dpkg --print-architecture)
apt_private=(
  -o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=$work/sources.list.d"
  -o "Dir::Etc::Preferences=$work/preferences" -o "Dir::Etc::PreferencesParts=$work/preferences.d"
  -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
  -o "APT::Architectures=$arch" -o "Acquire::Languages=none"
)
mkdir -p "$STATE"
log="$STATE/compose-install.log"

step "reading the $SUITE package index from $mirror"
apt-get "${apt_private[@]}" update >"$log" 2>&1 \
  || { tail -n 20 "$log" >&2; die "apt-get update of $SUITE from $mirror failed (its signature or the mirror)"; }

version=$(apt-cache "${apt_private[@]}" show "$PACKAGE" | sed -n 's/^Version: //p' | head -n 1)
sha256=$(apt-cache "${apt_private[@]}" show "$PACKAGE" | sed -n 's/^SHA256: //p' | head -n 1)
[ -n "$version" ] && [ -n "$sha256" ] || die "$SUITE has no $PACKAGE package for $arch"
case "$version" in 2.*) ;; *) die "$SUITE's $PACKAGE is $version, not Compose v2" ;; esac

step "downloading $PACKAGE $version"
chown _apt "$work" 2>/dev/null || true
(cd "$work" && apt-get "${apt_private[@]}" download "$PACKAGE=$version" >>"$log" 2>&1) \
  || { tail -n 20 "$log" >&2; die "apt-get download of $PACKAGE $version failed"; }
deb=$(find "$work" -maxdepth 1 -name "${PACKAGE}_*.deb" -print -quit)
[ -n "$deb" ] || die "apt-get download left no .deb of $PACKAGE"
# apt has checked the file against the signed index already; say so in the log, checked again.
echo "$sha256  $deb" | sha256sum --check --status \
  || die "$deb does not match the SHA256 of $SUITE's signed index ($sha256)"
echo "sha256 $sha256 matches $SUITE's index" >>"$log"

step "installing $PACKAGE $version (the docker compose plugin)"
DEBIAN_FRONTEND=noninteractive dpkg -i "$deb" >>"$log" 2>&1 \
  || { tail -n 20 "$log" >&2; die "dpkg -i $PACKAGE $version failed"; }

[ "$(compose_major)" -ge 2 ] 2>/dev/null \
  || die "$PACKAGE $version is installed but 'docker compose version' does not report v2: $(docker compose version 2>&1 | head -n 1)"
step "ready: $(docker compose version)"
