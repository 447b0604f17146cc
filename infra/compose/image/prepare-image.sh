#!/bin/sh
# Run once while an SRE-Space image is built, as root: brings what the entrypoint and the health
# checks need onto the base image, and the user the services run as. A JRE image has Java already;
# a bare Debian (such as local/debian:bookworm from infra/docker/ensure-docker.sh) gets it from its
# own apt sources.
set -eu

missing=""
command -v java >/dev/null || missing="$missing openjdk-17-jre-headless"
command -v curl >/dev/null || missing="$missing curl ca-certificates"
command -v awk >/dev/null || missing="$missing mawk"
command -v setpriv >/dev/null || missing="$missing util-linux"
if [ -n "$missing" ]; then
  command -v apt-get >/dev/null || { echo "prepare-image: the base image lacks$missing and has no apt-get" >&2; exit 1; }
  apt-get update -qq
  # shellcheck disable=SC2086 # a list of packages
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  rm -rf /var/lib/apt/lists/*
fi
java -version 2>&1 | head -n 1

# The services run as this user; the entrypoint switches to it. The folders are the mount points of
# the named volumes (a new volume takes its owner from them).
if ! id sre >/dev/null 2>&1; then
  groupadd --system --gid 10001 sre
  useradd --system --uid 10001 --gid sre --home-dir /app --no-create-home --shell /usr/sbin/nologin sre
fi
mkdir -p /app/.sre-space /app/state
chown sre:sre /app/.sre-space /app/state
